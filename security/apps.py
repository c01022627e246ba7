from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "安全审计与身份鉴别"

    def ready(self) -> None:
        from . import (
            receivers,  # noqa: F401 — connects the signal receivers that feed the security log
            schema,  # noqa: F401 — registers the token scheme with drf-spectacular
        )
