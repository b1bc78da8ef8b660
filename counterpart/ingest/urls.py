from django.urls import path

from counterpart.ingest import views

app_name = "ingest"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/accept-all/", views.accept_all, name="accept_all"),
    path("<int:pk>/pairing/", views.set_pairing, name="set_pairing"),
    path("proposals/<int:pk>/", views.decide, name="decide"),
]
