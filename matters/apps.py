from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "matters"
    verbose_name = "权责清单与裁量基准"
