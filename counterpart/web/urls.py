from django.urls import path

from counterpart.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("pairings/<int:pk>/", views.pairing_detail, name="pairing"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
]
