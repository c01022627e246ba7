from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from . import (
            actions,  # noqa: F401  (declares every action of the registry)
            registry,
        )
        from .views.preservation import preservation_section

        # 先行登记保存 (第五十六条): its records, its clock and its steps, beside the evidence.
        registry.add_page_section(
            registry.PageSection("preservation", "cases/partials/preservation.html", preservation_section)
        )
