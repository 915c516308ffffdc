from django.urls import path

from . import views

app_name = "approvals"
urlpatterns = [
    path("", views.inbox_page, name="inbox"),
    path("policies/", views.policies_page, name="policies"),
    path("policies/<slug:act_kind>/", views.policy_edit_page, name="policy_edit"),
    path("benchmarks/", views.benchmarks_page, name="benchmarks"),
    path("qualifications/", views.qualifications_page, name="qualifications"),
    path("case/<str:number>/<slug:act>/", views.request_new_page, name="new"),
    path("<str:request_id>/", views.request_detail_page, name="detail"),
    path("<str:request_id>/correct/", views.correct_page, name="correct"),
    path("<str:request_id>/withdraw/", views.void_page, name="void"),
]
