from django.urls import path

from counterpart.accounts import views

app_name = "accounts"
urlpatterns = [
    path("welcome/", views.after_login, name="after_login"),
    path("language/", views.set_language, name="language"),
    path("users/", views.user_list, name="users"),
]
