from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list_page, name="list"),
    path("case/<str:number>/new/<slug:kind>/", views.document_new_page, name="new"),
    path("<str:document_id>/", views.document_detail_page, name="detail"),
    path("<str:document_id>/issue/", views.document_issue_page, name="issue"),
    path("<str:document_id>/correct/", views.document_correct_page, name="correct"),
    path("<str:document_id>/serve/", views.document_serve_page, name="serve"),
    path("<str:document_id>/receipt/", views.document_receipt_page, name="receipt"),
    path("<str:document_id>/file.<str:fmt>", views.document_file, name="file"),
]
