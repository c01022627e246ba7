"""``manage.py rotate_pii_key``: re-seal every encrypted personal value under the current ``PII_ENCRYPTION_KEY``
and recompute every blind index under the current ``PII_INDEX_KEY`` (docs/deployment.md, key rotation).

Run it after moving the previous key to ``PII_ENCRYPTION_OLD_KEYS`` and setting the new one; once it reports
every table done, the old key may be removed — unless it warns that records which never change (issued documents'
snapshots, ``kernel.crypto.IMMUTABLE_HOLDERS``) carry values sealed under it: that key must then stay in
``PII_ENCRYPTION_OLD_KEYS``. Each table is rewritten in one transaction; re-running is harmless.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from kernel.crypto import IMMUTABLE_HOLDERS, BlindIndexField, EncryptedTextField, keyring, reseal_table


def encrypted_tables() -> list[tuple[str, dict, dict]]:
    """(table, encrypted columns → context, blind-index columns → (kind, source columns)) of every model
    holding an :class:`EncryptedTextField`."""
    tables = []
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        encrypted = {f.column: f.context for f in fields if isinstance(f, EncryptedTextField)}
        if not encrypted:
            continue
        if model._meta.pk.column != "id":
            raise CommandError(f"{model._meta.label}: rotate_pii_key needs an ``id`` primary key")
        columns = {f.name: f.column for f in fields}
        indexes = {
            f.column: (f.kind, tuple(columns[s] for s in f.sources)) for f in fields if isinstance(f, BlindIndexField)
        }
        tables.append((model._meta.db_table, encrypted, indexes))
    return tables


class Command(BaseCommand):
    help = "Re-encrypt personal data under the current PII_ENCRYPTION_KEY and rebuild the blind indexes."

    def handle(self, *args, **options) -> None:
        current = keyring().current_id
        for table, encrypted, indexes in encrypted_tables():
            with transaction.atomic():
                rows = reseal_table(connection, table, encrypted=encrypted, indexes=indexes, mode="rotate")
            self.stdout.write(f"{table}: {rows} rows sealed under key {current}")
        if self._warn_about_immutable(current):
            self.stdout.write(
                self.style.SUCCESS("Every table is sealed under the current key; the old keys named above stay needed.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("All personal data is sealed under the current key."))

    def _warn_about_immutable(self, current: str) -> bool:
        """Records that never change (issued documents' snapshots) keep the key they were sealed under: the old
        key must stay in PII_ENCRYPTION_OLD_KEYS as long as they exist (docs/deployment.md). True when it warned."""
        warned = False
        for label, in_use in IMMUTABLE_HOLDERS.items():
            for kid, count in sorted(in_use().items()):
                if kid == current:
                    continue
                self.stderr.write(
                    self.style.WARNING(
                        f"WARNING: {count} {label} carry values sealed under the old key {kid}, which cannot be "
                        "re-sealed (the record never changes). Keep that key in PII_ENCRYPTION_OLD_KEYS for as long "
                        "as they exist, or they can no longer be rendered (docs/deployment.md)."
                    )
                )
                warned = True
        return warned
