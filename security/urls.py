from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("account/otp/enrol/", views.otp_enrol, name="otp_enrol"),
    path("account/otp/verify/", views.otp_verify, name="otp_verify"),
    path("account/password/", views.PasswordChange.as_view(), name="password_change"),
    path("security/log/", views.security_log, name="log"),
    path("security/log.csv", views.security_log_csv, name="log_csv"),
]
