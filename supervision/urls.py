"""The interference pages (干预记录), mounted at ``/supervision/``."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("interference/", views.record_list, name="list"),
    path("interference/new/", views.record_new, name="new"),
    path("interference/<int:pk>/", views.record_detail, name="detail"),
]
