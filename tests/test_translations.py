"""The site is Chinese by default and English complete: every string the sources mark for translation has its
English in locale/en, and none is left fuzzy (a guess makemessages made, never checked)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "artifacts", "static", "staticfiles", "media", "__pycache__", "*.mo", ".*_cache"
)


def _msgids(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(["msgattrib", *flags, str(po)], capture_output=True, text=True, check=True).stdout
    return [m for m in re.findall(r'^msgid "(.*)"$', out, flags=re.M) if m]


def test_every_marked_string_has_its_english(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCES)
    # makemessages over a copy, so the test never rewrites the catalogue it checks.
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--ignore=node_modules"],
        cwd=copy,
        capture_output=True,
        check=True,
    )
    po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"

    assert _msgids(po, "--untranslated") == []
    assert _msgids(po, "--only-fuzzy") == []
