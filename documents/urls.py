"""Public, no login: mounted at ``/verify/`` (the QR code on every document points here)."""

from django.urls import path

from . import views

app_name = "verify"

urlpatterns = [
    path("<slug:token>/", views.verify, name="page"),
]
