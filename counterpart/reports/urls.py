from django.urls import path

from counterpart.reports import region_views, views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("national/<int:year>/", views.national, name="national"),
    path("annual/<int:pk>/<int:year>/", views.annual, name="annual"),
    path("checks/", views.checks, name="checks"),
    path("regions/", region_views.regions, name="regions"),
    path("regions/<str:adcode>/", region_views.region, name="region"),
]
