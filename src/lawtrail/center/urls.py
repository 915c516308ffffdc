from django.urls import path

from . import views

app_name = "center"
urlpatterns = [
    path("", views.board_page, name="board"),
    path("case/<str:number>/enter/", views.enter_page, name="enter"),
    path("centers/<str:center>/rooms/", views.rooms_page, name="rooms"),
    path("<str:stay_id>/", views.stay_page, name="stay"),
    path("<str:stay_id>/<slug:step>/", views.step_page, name="step"),
]
