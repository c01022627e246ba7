"""Mounted at ``/media/``: only signed links are served, never a bare path."""

from django.urls import path

from . import views

app_name = "media_storage"

urlpatterns = [
    path("s/<str:token>/", views.serve_signed, name="signed"),
]
