from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "执法文书"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()  # issues each step's document from its case event
