from django.urls import path

from counterpart.closing import views

app_name = "closing"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_page, name="year"),
    path("<int:year>/close/", views.close, name="close"),
    path("<int:year>/reopen/", views.reopen, name="reopen"),
    path("<int:year>/pairings/<int:pk>/", views.pairing_year, name="pairing_year"),
    path("<int:year>/pairings/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("<int:year>/pairings/<int:pk>/approve/", views.approve, name="approve"),
]
