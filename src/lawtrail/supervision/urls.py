from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/<slug:step>/", views.alert_action, name="alert_action"),
]
