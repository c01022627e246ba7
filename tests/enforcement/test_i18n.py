"""zh-hans first, English through Django's i18n (issue 2)."""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def test_the_interface_speaks_chinese_by_default(client):
    body = client.get("/login/").content.decode()
    assert "执法案件管理系统" in body
    assert 'lang="zh-CN"' in body


def test_english_is_available_through_the_language_switch(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})

    body = client.get("/login/").content.decode()

    assert 'lang="en"' in body
    assert "Enforcement Case Management System" in body
    assert "Log in" in body


def test_the_compiled_catalogue_matches_the_translations(tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt (Debian gettext) is missing: make test installs it")
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(LOCALE / "django.po")], check=True)

    with compiled.open("rb") as fresh, (LOCALE / "django.mo").open("rb") as committed:
        fresh_catalog = gettext.GNUTranslations(fresh)._catalog
        committed_catalog = gettext.GNUTranslations(committed)._catalog

    assert committed_catalog == fresh_catalog, "run: .venv/bin/python manage.py compilemessages -l en"
    assert all(value for value in fresh_catalog.values()), "every message has a translation"


# {% translate "…" %} / {% trans "…" %} with a literal: the interface's own words.
_LITERAL = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
_ROOT = Path(__file__).resolve().parents[2]
_TEMPLATE_DIRS = [_ROOT / "templates", *_ROOT.glob("*/templates")]


def test_every_template_word_has_an_english_translation():
    with (LOCALE / "django.mo").open("rb") as committed:
        catalog = gettext.GNUTranslations(committed)._catalog
    words = {
        (path.relative_to(path.parents[2]).as_posix(), match.group(2))
        for directory in _TEMPLATE_DIRS
        for path in directory.rglob("*.html")
        for match in _LITERAL.finditer(path.read_text(encoding="utf-8"))
    }

    missing = sorted(f"{where}: {word}" for where, word in words if not catalog.get(word))

    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)
