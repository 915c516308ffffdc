"""The project's URLs plus the task-runs page at /tasks/ (until the lead includes lawtrail.tasks.urls)."""

from django.urls import include, path

from lawtrail.urls import urlpatterns as project

urlpatterns = [*project, path("tasks/", include("lawtrail.tasks.urls"))]
