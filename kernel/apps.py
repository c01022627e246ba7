from django.apps import AppConfig
from django.core import checks


class KernelConfig(AppConfig):
    name = "kernel"
    verbose_name = "公共基础"

    def ready(self) -> None:
        checks.register(pii_keys_check, checks.Tags.security)


def pii_keys_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The keys of personal information are well-formed (``manage.py check`` and every start-up command)."""
    from .crypto import PiiKeyError, keyring

    try:
        keyring()
    except PiiKeyError as exc:
        return [checks.Error(str(exc), hint="docs/configuration.md, personal information", id="kernel.E001")]
    return []
