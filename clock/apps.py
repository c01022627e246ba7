from django.apps import AppConfig


class ClockConfig(AppConfig):
    name = "clock"
    verbose_name = "节假日与期间计算"
