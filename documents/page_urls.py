"""The officer's document actions, mounted at ``/documents/``."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("cases/<int:case_id>/issue/<slug:kind>/", views.issue, name="issue"),
    path("<int:pk>/download/", views.download, name="download"),
]
