"""/api/: the REST endpoints, /api/openapi.json and the interactive docs at /api/docs."""

from .api import api

app_name = "api"
urlpatterns = api.urls[0]
