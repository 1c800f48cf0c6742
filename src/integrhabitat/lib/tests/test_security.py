"""What no response, log line or file on disk may keep: private pages in caches, query strings in logs,
a database readable by every account of the machine, a production server with the development key."""

import logging
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from integrhabitat.lib.security import ACCESS_LOG_FORMAT, DropQueryStrings, QuietRefusals

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_is_never_stored_by_a_browser_or_a_proxy(world):
    url = reverse("people:participant_list", kwargs={"center": world.center_a.slug})
    response = world.client_for(world.case_worker).get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store, private"


def test_the_sign_in_and_portal_pages_are_not_stored_either(client, world):
    assert "no-store" in client.get(reverse("accounts:login")).headers["Cache-Control"]
    portal = client.get(reverse("portal:login", kwargs={"center_slug": world.center_a.slug}))
    assert "no-store" in portal.headers["Cache-Control"]


def test_a_public_page_read_anonymously_may_be_cached(client, world):
    response = client.get(reverse("public_center", kwargs={"center_slug": world.center_a.slug}))
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_no_page_may_use_the_camera_microphone_or_location(client, world):
    for response in (client.get(reverse("accounts:login")),
                     world.client_for(world.coordinator).get(reverse("home"), follow=True)):
        policy = response.headers["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment"):
            assert f"{feature}=()" in policy


def runserver_record(line: str) -> logging.LogRecord:
    return logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s', (line, "200", "512"), None)


def test_the_development_server_logs_a_search_without_its_terms():
    record = runserver_record("GET /c/bogota/people/?q=Ana+Maria&document=1032456789 HTTP/1.1")
    assert DropQueryStrings().filter(record)
    assert record.getMessage() == '"GET /c/bogota/people/ HTTP/1.1" 200 512'
    plain = runserver_record("POST /accounts/login/ HTTP/1.1")
    DropQueryStrings().filter(plain)
    assert plain.getMessage() == '"POST /accounts/login/ HTTP/1.1" 200 512'


def test_the_production_access_log_has_neither_query_strings_nor_referrers():
    # gunicorn's atoms: r (request line) and q (query string) carry the search, f (referrer) the last page's.
    for atom in ("%(r)s", "%(q)s", "%(f)s", "%({"):
        assert atom not in ACCESS_LOG_FORMAT
    assert "%(U)s" in ACCESS_LOG_FORMAT  # the path alone


def _environment(**extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("INTEGRHABITAT_", "DATABASE_"))}
    return {**environment, "DJANGO_SETTINGS_MODULE": "integrhabitat.settings", **extra}


def test_serve_refuses_to_start_without_a_secret_key_of_its_own(tmp_path):
    environment = _environment(INTEGRHABITAT_VAR_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "integrhabitat", "serve"], env=environment,  # noqa: S603
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "INTEGRHABITAT_SECRET_KEY" in result.stderr
    weak = subprocess.run([sys.executable, "-m", "integrhabitat", "serve"], capture_output=True, text=True,  # noqa: S603
                          env={**environment, "INTEGRHABITAT_SECRET_KEY": "short"}, timeout=120)
    assert weak.returncode != 0 and "INTEGRHABITAT_SECRET_KEY" in weak.stderr



def test_serve_refuses_to_start_without_keys_of_its_own_for_the_encrypted_fields(tmp_path):
    environment = _environment(INTEGRHABITAT_VAR_DIR=str(tmp_path), INTEGRHABITAT_SECRET_KEY=secrets.token_urlsafe(50))
    for missing in ({}, {"INTEGRHABITAT_FIELD_KEYS": "a" * 43 + "="}, {"INTEGRHABITAT_INDEX_KEYS": "i" * 40}):
        result = subprocess.run([sys.executable, "-m", "integrhabitat", "serve"],  # noqa: S603
                                env={**environment, **missing}, capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert "INTEGRHABITAT_FIELD_KEYS and INTEGRHABITAT_INDEX_KEYS must both be set" in result.stderr


def test_the_embedded_database_and_its_wal_are_readable_by_their_owner_only(tmp_path):
    database = tmp_path / "data" / "integrhabitat.sqlite3"
    database.parent.mkdir()
    script = ("import django; django.setup(); from django.db import connection\n"
              "with connection.cursor() as c: c.execute('create table t (x)'); c.execute('insert into t values (1)')")
    environment = _environment(INTEGRHABITAT_VAR_DIR=str(tmp_path), INTEGRHABITAT_SQLITE_PATH=str(database))
    old_umask = os.umask(0o022)  # as on a default server account: new files readable by everyone
    try:
        subprocess.run([sys.executable, "-c", script], env=environment, check=True, timeout=120)  # noqa: S603
    finally:
        os.umask(old_umask)
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    assert database in files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (path.name, oct(path.stat().st_mode))


def test_an_existing_world_readable_database_is_closed_on_start(tmp_path):
    database = Path(tmp_path / "old.sqlite3")
    database.touch(mode=0o644)
    database.chmod(0o644)
    environment = _environment(INTEGRHABITAT_VAR_DIR=str(tmp_path), INTEGRHABITAT_SQLITE_PATH=str(database))
    subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=environment, check=True,  # noqa: S603
                   timeout=120)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_commands_answer_to_their_names_written_with_hyphens_too(tmp_path):
    environment = _environment(INTEGRHABITAT_VAR_DIR=str(tmp_path))
    for name in ("rotate-keys", "verify-audit", "rotate_keys"):
        result = subprocess.run([sys.executable, "-m", "integrhabitat", name, "--help"],  # noqa: S603
                                env=environment, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "usage:" in result.stdout and name.replace("-", "_") in result.stdout


def test_a_refusal_is_logged_in_one_line_and_a_server_error_with_its_traceback(world, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = world.client_for(world.front_desk).get("/c/centro-a/results/")  # a role too low: 403
    assert response.status_code == 403
    [refused] = [record for record in caplog.records if record.name == "django.request"]
    assert refused.levelname == "WARNING" and refused.exc_info is None
    assert "Traceback" not in caplog.text

    error = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (),
                              exc_info=(ValueError, ValueError("boom"), None))
    error.status_code = 500
    assert QuietRefusals().filter(error) and error.exc_info is not None
