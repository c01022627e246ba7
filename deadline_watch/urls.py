"""The deadline pages, mounted at ``/deadlines/``."""

from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("overdue/", views.overdue_list, name="overdue"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/suspend/", views.suspend, name="suspend"),
    path("suspensions/<int:pk>/end/", views.end_suspension, name="end_suspension"),
]
