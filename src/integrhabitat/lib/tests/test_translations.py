"""The translation catalogues are complete and sound, and they compile into something gettext can use."""

import gettext
import os
import re
import shutil
import subprocess
import sys

import polib
import pytest

from integrhabitat.lib.messages import LOCALE_DIR, compile_messages

LANGUAGES = ["es", "en"]

# A python-format conversion: `%(name)s`, `%d`, `%.2f`, `%%`…
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])"
)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The named placeholders (as a set: a name may be used any number of times) and the
    positional ones (in order, as they are filled from a tuple)."""
    named, positional = set(), []
    for m in PLACEHOLDER.finditer(text):
        if m["conv"] == "%":
            continue
        if m["name"] is not None:
            named.add(f"%({m['name']}){m['conv']}")
        else:
            positional.append(f"%{m['conv']}")
    return frozenset(named), tuple(positional)


def translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) pairs: for plurals, form 0 against msgid and the others against msgid_plural."""
    if entry.msgid_plural:
        return [(entry.msgid if i == 0 else entry.msgid_plural, text)
                for i, text in sorted(entry.msgstr_plural.items())]
    return [(entry.msgid, entry.msgstr)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    po = catalogue(language)
    assert len(po) > 0
    assert not po.metadata_is_fuzzy, "the header is marked fuzzy: msgfmt would ignore it (and its charset)"
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_plural_form_is_filled(language):
    po = catalogue(language)
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"])[1])
    incomplete = [e.msgid for e in po if e.msgid_plural and not e.obsolete
                  and sorted(k for k, v in e.msgstr_plural.items() if v) != list(range(nplurals))]
    assert incomplete == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language):
    wrong = [
        (source, text)
        for entry in catalogue(language)
        if "python-format" in entry.flags and not entry.obsolete
        for source, text in translations(entry)
        if placeholders(text) != placeholders(source)
    ]
    assert wrong == []


def test_placeholder_parsing():
    assert placeholders("%(counter)s person of %(n)d, 100%% sure") == (frozenset({"%(counter)s", "%(n)d"}), ())
    assert placeholders("%s and %d") == (frozenset(), ("%s", "%d"))
    assert placeholders("Hola, %(name)s") != placeholders("Hola, %(nombre)s")


def test_compile_messages_writes_a_catalogue_gettext_can_use(tmp_path):
    locale_dir = tmp_path / "locale"
    # Leave out any .mo already built next to the sources: it would look up to date and be skipped.
    shutil.copytree(LOCALE_DIR, locale_dir, ignore=shutil.ignore_patterns("*.mo"))

    written = compile_messages(locale_dir)

    for language in LANGUAGES:
        assert locale_dir / language / "LC_MESSAGES" / "django.mo" in written
    spanish = gettext.translation("django", localedir=str(locale_dir), languages=["es"])
    assert spanish.gettext("Sign in") == "Iniciar sesión"
    assert spanish.ngettext("%(counter)s person.", "%(counter)s people.", 1) == "%(counter)s persona."
    assert spanish.ngettext("%(counter)s person.", "%(counter)s people.", 3) == "%(counter)s personas."
    english = gettext.translation("django", localedir=str(locale_dir), languages=["en"])
    assert english.gettext("Sign in") == "Sign in"

    assert compile_messages(locale_dir) == [], "an up-to-date .mo is not written again"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext (Debian: gettext)")
def test_every_translatable_string_of_the_code_is_in_the_catalogues(tmp_path):
    """makemessages, run on a copy of the code into an empty folder, finds no string the catalogues lack: a
    page or message added without its translations fails here (the retention schedule's page once did)."""
    source = LOCALE_DIR.parent
    copy = tmp_path / "integrhabitat"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "tests"))
    (tmp_path / "found").mkdir()
    (tmp_path / "extract_settings.py").write_text(
        f"from integrhabitat.settings import *  # noqa: F403\nLOCALE_PATHS = [{str(tmp_path / 'found')!r}]\n")
    environment = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
                   "DJANGO_SETTINGS_MODULE": "extract_settings"}
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "es", "--no-obsolete", "-v", "0"],
                   cwd=copy, env=environment, check=True, timeout=300)  # noqa: S603
    found = polib.pofile(str(tmp_path / "found" / "es" / "LC_MESSAGES" / "django.po"))
    for language in LANGUAGES:
        known = {(entry.msgctxt, entry.msgid) for entry in catalogue(language) if not entry.obsolete}
        missing = sorted(entry.msgid for entry in found if (entry.msgctxt, entry.msgid) not in known)
        assert missing == [], f"{len(missing)} strings of the code are not in the {language} catalogue: {missing[:10]}"
