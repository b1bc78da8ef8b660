from django.urls import path

from counterpart.api.api import api

urlpatterns = [path("", api.urls)]
