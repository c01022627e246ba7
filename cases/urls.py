"""The officer's pages, mounted at ``/cases/``."""

from django.urls import path

from . import views
from .views import execution

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/actions/<slug:name>/", views.perform_action, name="action"),
    path("<int:pk>/transitions/<slug:name>/", views.perform_transition, name="transition"),
    path("<int:pk>/referral/<slug:step>/", views.perform_referral_step, name="referral_step"),
    path("<int:pk>/filing-request/", views.request_filing, name="request_filing"),
    path("<int:pk>/handlers/", views.add_handler, name="add_handler"),
    path("<int:pk>/parties/", views.add_party, name="add_party"),
    path("<int:pk>/evidence/<int:evidence_pk>/supersede/", views.supersede_evidence, name="supersede_evidence"),
]
urlpatterns += execution.urlpatterns
