from django.urls import path

from lawtrail.security import views as security_views

from . import views

app_name = "web"
urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/setup/", security_views.otp_setup, name="otp_setup"),
    path("account/two-factor/verify/", security_views.otp_verify, name="otp_verify"),
]
