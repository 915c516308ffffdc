"""URL map: pages per app, the REST API under /api/, language switching under /i18n/."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("lawtrail.api.urls")),
    path("incidents/", include("lawtrail.incidents.urls")),
    path("cases/", include("lawtrail.cases.urls")),
    path("measures/", include("lawtrail.measures.urls")),
    path("supervision/", include("lawtrail.supervision.urls")),
    path("inspections/", include("lawtrail.inspections.urls")),
    path("notifications/", include("lawtrail.notifications.urls")),
    path("documents/", include("lawtrail.documents.urls")),
    path("property/", include("lawtrail.property.urls")),
    path("center/", include("lawtrail.center.urls")),
    path("approvals/", include("lawtrail.approvals.urls")),
    path("audit/", include("lawtrail.audit.urls")),
    path("tasks/", include("lawtrail.tasks.urls")),
    path("", include("lawtrail.web.urls")),
]
