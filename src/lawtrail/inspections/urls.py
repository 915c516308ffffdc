from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.review_day_page, name="review"),
    path("review/no-issue/", views.review_bulk, name="review_bulk"),
    path("review/<str:number>/", views.review_incident_page, name="review_incident"),
    path("samplings/", views.sampling_list_page, name="samplings"),
    path("samplings/<str:number>/", views.sampling_page, name="sampling"),
    path("samplings/<str:number>/items/<str:incident>/", views.finding_page, name="finding"),
]
