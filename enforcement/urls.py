from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "执法案件管理系统 · 管理后台"
admin.site.site_title = "执法管理后台"
admin.site.index_title = "基础数据管理"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("media/", include("media_storage.urls")),
    path("cases/", include("cases.urls")),
    path("supervision/", include("supervision.urls")),
    path("verify/", include("documents.urls")),
    path("documents/", include("documents.page_urls")),
    path("deadlines/", include("deadline_watch.urls")),
    path("api/v1/", include("enforcement.api_urls")),
    path("admin/", admin.site.urls),
]
