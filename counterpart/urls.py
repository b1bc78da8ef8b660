from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from counterpart.opendata import views as opendata_views
from counterpart.ops.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", include("counterpart.api.token_urls")),
    path("accounts/", include("counterpart.accounts.urls")),
    path("api/v1/", include("counterpart.api.urls")),
    path("iati/", include("counterpart.opendata.iati_urls")),
    path("public/data/", include("counterpart.opendata.urls")),
    path("public/figures/", opendata_views.figures, name="public_figures"),
    path("reports/", include("counterpart.reports.urls")),
    path("review/", include("counterpart.ingest.urls")),
    path("plans/", include("counterpart.plans.urls")),
    path("audit/", include("counterpart.audit.urls")),
    path("years/", include("counterpart.closing.urls")),
    path("", include("counterpart.web.urls")),
]
