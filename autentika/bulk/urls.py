from django.urls import path

from autentika.bulk import views

app_name = "bulk"

urlpatterns = [
    path("tanda-tangan-massal/", views.bulk_list, name="list"),
    path("tanda-tangan-massal/konfirmasi/", views.bulk_confirm, name="confirm"),
    path("tanda-tangan-massal/<int:pk>/", views.bulk_detail, name="detail"),
    path("tanda-tangan-massal/<int:pk>/lanjutkan/", views.bulk_resume, name="resume"),
    path("tanda-tangan-massal/<int:pk>/batalkan/", views.bulk_cancel, name="cancel"),
]
