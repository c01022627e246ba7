from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "法定期限"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the holiday table's receiver)
