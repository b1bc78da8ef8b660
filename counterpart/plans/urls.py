from django.urls import path

from counterpart.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("weights/", views.weights, name="weights"),
    path("weights/current.json", views.weights_current, name="weights_current"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("agreements/<int:pk>/sections/", views.set_section, name="set_section"),
    path("agreements/<int:pk>/targets/new/", views.add_target, name="add_target"),
    path("agreements/<int:pk>/derive/", views.derive_plan, name="derive_plan"),
    path("pairings/<int:pk>/", views.pairing_plans, name="pairing"),
    path("pairings/<int:pk>/agreements/new/", views.new_agreement, name="new_agreement"),
    path("pairings/<int:pk>/plans/new/", views.new_plan, name="new_plan"),
    path("annual/<int:pk>/", views.plan, name="plan"),
    path("annual/<int:pk>/items/new/", views.add_item, name="add_item"),
    path("items/<int:pk>/adjust/", views.adjust, name="adjust"),
    path("<int:year>/", views.assessment, name="assessment"),
    path("<int:year>/export.<str:fmt>", views.export, name="export"),
    path("<int:year>/pairings/<int:pk>/", views.scorecard, name="scorecard"),
]
