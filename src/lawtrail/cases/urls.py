from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list_page, name="list"),
    path("<str:number>/", views.case_detail_page, name="detail"),
    path("<str:number>/actions/<slug:slug>/", views.case_action_page, name="action"),
]
