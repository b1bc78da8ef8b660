from django.urls import path

from counterpart.opendata import views

app_name = "iati"
urlpatterns = [
    path("", views.iati_index, name="index"),
    path("pairings/<int:pk>.xml", views.iati_activities, name="activities"),
    path("organisations/<str:code>.xml", views.iati_organisation, name="organisation"),
]
