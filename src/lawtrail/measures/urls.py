from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("case/<str:number>/new/", views.measure_apply_page, name="apply"),
    path("case/<str:number>/interview/", views.interview_record_page, name="interview"),
    path("case/<str:number>/detention/", views.detention_admit_page, name="detention_admit"),
    path("detention/<str:detention_id>/<slug:step>/", views.detention_step_page, name="detention_step"),
    path("<str:measure_id>/<slug:step>/", views.measure_step_page, name="step"),
]
