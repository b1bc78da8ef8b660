from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("counterpart.accounts.urls")),
    path("reports/", include("counterpart.reports.urls")),
    path("review/", include("counterpart.ingest.urls")),
    path("plans/", include("counterpart.plans.urls")),
    path("", include("counterpart.web.urls")),
]
