from django.urls import path

from . import views

app_name = "property"
urlpatterns = [
    path("", views.inventory_page, name="inventory"),
    path("case/<str:number>/new/", views.seize_page, name="seize"),
    path("centers/<str:center>/locations/", views.locations_page, name="locations"),
    path("<str:code>/", views.item_page, name="item"),
    path("<str:code>/label/", views.label_page, name="label"),
    path("<str:code>/<slug:step>/", views.step_page, name="step"),
]
