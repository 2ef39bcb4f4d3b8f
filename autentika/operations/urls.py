from django.urls import path

from autentika.operations import views

app_name = "operations"

urlpatterns = [
    path("sehat/", views.health, name="health"),
    path("metrics", views.metrics, name="metrics"),
]
