from django.urls import path

from counterpart.web import dashboards, import_views, records, views

urlpatterns = [
    path("", views.home, name="home"),
    path("pairings/<int:pk>/", views.pairing_detail, name="pairing"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    # Offices' workspace
    path("dashboard/", dashboards.national_dashboard, name="dashboard"),
    path("pairings/<int:pk>/dashboard/", dashboards.pairing_dashboard, name="pairing_dashboard"),
    path("pairings/<int:pk>/records/", records.record_list, name="records"),
    path("pairings/<int:pk>/records/<slug:kind>/new/", records.record_new, name="record_new"),
    path("records/<slug:kind>/<int:pk>/", records.record_detail, name="record"),
    path("records/<slug:kind>/<int:pk>/edit/", records.record_edit, name="record_edit"),
    path("records/<slug:kind>/<int:pk>/delete/", records.record_delete, name="record_delete"),
    path("records/<slug:kind>/<int:pk>/confirm/", records.record_confirm, name="record_confirm"),
    path("records/<slug:kind>/<int:pk>/answer/", records.record_answer, name="record_answer"),
    path("records/<slug:kind>/<int:pk>/accept/", records.record_accept, name="record_accept"),
    path("records/<slug:kind>/<int:pk>/comment/", records.record_comment, name="record_comment"),
    path("confirmations/", records.inbox, name="inbox"),
    path("confirmations/confirm/", records.inbox_confirm, name="inbox_confirm"),
    path("import/", import_views.import_page, name="import"),
    path("import/<slug:kind>/template.<str:ext>", import_views.template, name="import_template"),
    # Public pages: confirmed figures only, readable by search engines
    path("public/", dashboards.public_national, name="public"),
    path("public/pairings/<int:pk>/", dashboards.public_pairing, name="public_pairing"),
    path("sitemap.xml", dashboards.sitemap, name="sitemap"),
    path("robots.txt", dashboards.robots, name="robots"),
    path("map/china.svg", dashboards.map_base, name="map_base"),
]
