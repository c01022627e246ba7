from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "执法监督"

    def ready(self) -> None:
        from cases import registry

        from .services import offers_recording_on

        registry.add_page_section(
            registry.PageSection(
                "interference_link", "supervision/partials/case_link.html", offers_recording_on, "header"
            )
        )
