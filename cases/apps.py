from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from deadlines.services import recompute

        from . import actions  # noqa: F401  (declares every action of the registry)
        from .services.referral.recount import recount_dues

        if recount_dues not in recompute.RECOUNT_HOOKS:  # the referral's own due dates, recounted with its deadlines
            recompute.RECOUNT_HOOKS.append(recount_dues)
