from django.urls import path

from counterpart.accounts import second_factor, views

app_name = "accounts"
urlpatterns = [
    path("welcome/", views.after_login, name="after_login"),
    path("language/", views.set_language, name="language"),
    path("second-factor/", second_factor.setup, name="otp_setup"),
    path("second-factor/verify/", second_factor.verify, name="otp_verify"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_active, name="user_active"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
]
