from django.urls import path

from counterpart.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("weights/", views.weights, name="weights"),
    path("weights/current.json", views.weights_current, name="weights_current"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("items/<int:pk>/adjust/", views.adjust, name="adjust"),
    path("<int:year>/", views.assessment, name="assessment"),
    path("<int:year>/export.<str:fmt>", views.export, name="export"),
    path("<int:year>/pairings/<int:pk>/", views.scorecard, name="scorecard"),
]
