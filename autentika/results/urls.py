from django.urls import path

from autentika.results import views

app_name = "results"

urlpatterns = [
    path("", views.election_list, name="election_list"),
    path("pemilu-baru/", views.election_new, name="election_new"),
    path("templat.<str:fmt>", views.template_download, name="template_download"),
    path("<slug:code>/", views.election_detail, name="election_detail"),
    path("<slug:code>/partai/<int:number>/", views.party_detail, name="party_detail"),
    path("<slug:code>/impor/", views.results_upload, name="results_upload"),
    path("<slug:code>/impor/konfirmasi/", views.results_upload_confirm, name="results_confirm"),
    path("<slug:code>/keputusan/<int:pk>.pdf", views.decision_document, name="decision_document"),
]
