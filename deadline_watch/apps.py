from django.apps import AppConfig


class DeadlineWatchConfig(AppConfig):
    name = "deadline_watch"
    verbose_name = "法定期限（案件）"

    def ready(self) -> None:
        from . import subscriptions

        subscriptions.connect()
