from django.urls import path

from . import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list_page, name="list"),
    path("new/", views.incident_new_page, name="new"),
    path("<str:number>/", views.incident_detail_page, name="detail"),
    path("<str:number>/actions/<slug:slug>/", views.incident_action_page, name="action"),
]
