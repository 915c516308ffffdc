from django.urls import path

from . import media_views, views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list_page, name="list"),
    path("new/", views.incident_new_page, name="new"),
    path("media/", media_views.media_list_page, name="media_list"),
    path("media/upload/", media_views.media_upload_page, name="media_upload"),
    path("media/register/", media_views.media_register_page, name="media_register"),
    path("media/<str:media_id>/", media_views.media_detail_page, name="media_detail"),
    path("media/<str:media_id>/download/", media_views.media_download, name="media_download"),
    path("media/<str:media_id>/propose/", media_views.media_propose_page, name="media_propose"),
    path(
        "media/<str:media_id>/proposals/<int:proposal_id>/<slug:decision>/",
        media_views.media_decide_page,
        name="media_decide",
    ),
    path("<str:number>/", views.incident_detail_page, name="detail"),
    path("<str:number>/actions/<slug:slug>/", views.incident_action_page, name="action"),
]
