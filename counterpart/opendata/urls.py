from django.urls import path

from counterpart.opendata import views

app_name = "opendata"
urlpatterns = [
    path("", views.data, name="data"),
    path("observations.csv", views.download_csv, name="csv"),
    path("observations.xlsx", views.download_xlsx, name="xlsx"),
    path("observations.jsonl", views.download_jsonl, name="jsonl"),
]
