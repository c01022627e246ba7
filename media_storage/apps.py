from django.apps import AppConfig


class MediaStorageConfig(AppConfig):
    name = "media_storage"
    verbose_name = "对象存储"
