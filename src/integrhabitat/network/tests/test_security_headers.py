"""Browser-side hardening: CSP without inline code, framing, HSTS and secure cookies, and a clean
`check --deploy` with the production environment variables."""

import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.test import Client

from integrhabitat.people.services import create_household

SRC_DIR = Path(__file__).resolve().parents[3]  # .../src, which holds the integrhabitat package

INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[a-zA-Z][^>]*>", re.DOTALL)
HANDLER_ATTRIBUTE = re.compile(r"""\s(on[a-z]+|hx-on[:\-][\w:\-]*|data-hx-on[:\-][\w:\-]*)\s*=""", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""\b(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=""", re.IGNORECASE)
ASSET = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*"(?P<url>[^"]+)\"""", re.IGNORECASE)


def pages(world) -> list[tuple[str, Client, str]]:
    """(label, client, path) of pages of every kind, each opened by someone allowed to see it."""
    household = create_household(world.person_a, actor=None)
    coordinator = world.client_for(world.coordinator)
    a = f"/c/{world.center_a.slug}"
    person = f"{a}/people/{world.person_a.uuid}"
    return [
        ("login", Client(), "/accounts/login/"),
        ("password reset", Client(), "/accounts/password/reset/"),
        ("password change", coordinator, "/accounts/password/"),
        ("home without center", world.client_for(world.outsider), "/"),
        ("network overview", world.client_for(world.network_coordinator), "/network/"),
        ("center create", world.client_for(world.network_coordinator), "/network/centers/new/"),
        ("center home", coordinator, f"{a}/"),
        ("center edit", coordinator, f"{a}/settings/"),
        ("staff", coordinator, f"{a}/staff/"),
        ("center audit", coordinator, f"{a}/audit/"),
        ("people list", coordinator, f"{a}/people/"),
        ("people search", coordinator, f"{a}/people/?q=jose"),
        ("register", coordinator, f"{a}/people/new/"),
        ("person", coordinator, f"{person}/"),
        ("person edit", coordinator, f"{person}/edit/"),
        ("person audit", coordinator, f"{person}/audit/"),
        ("consent", coordinator, f"{person}/consents/new/"),
        ("household", coordinator, f"{a}/people/households/{household.uuid}/"),
        ("services", coordinator, f"{a}/services/"),
        ("service", coordinator, f"{a}/services/{world.service_a.uuid}/"),
        ("service edit", coordinator, f"{a}/services/{world.service_a.uuid}/edit/"),
        ("bulk deliveries", coordinator, f"{a}/services/deliveries/bulk/"),
        ("403", world.client_for(world.viewer), f"{a}/people/"),
        ("404", coordinator, "/c/centro-b/"),
    ]


def opened_pages(world):
    for label, client, path in pages(world):
        response = client.get(path)
        assert response.status_code in (200, 403, 404), f"{label}: {response.status_code}"
        yield label, response


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# --- Headers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("actor", [None, "coordinator"])
def test_it_sends_a_content_security_policy_without_inline_code(world, actor):
    user = getattr(world, actor) if actor else None
    response = world.client_for(user).get("/c/centro-a/" if user else "/accounts/login/")

    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_it_sends_the_content_security_policy_on_error_pages_too(world):
    response = world.client_for(world.viewer).get("/c/centro-a/people/")

    assert response.status_code == 403
    assert csp_directives(response)["script-src"] == ["'self'"]


def test_it_forbids_framing_and_sniffing(world):
    response = Client().get("/accounts/login/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_sends_hsts_over_https(world):
    response = Client().get("/accounts/login/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_it_redirects_plain_http_to_https_in_production(world, settings):
    settings.SECURE_SSL_REDIRECT = True  # conftest switches it off for the other tests

    response = Client().get("/accounts/login/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_it_sets_secure_http_only_session_and_csrf_cookies(world):
    client = Client()
    client.get("/accounts/login/")  # sets the CSRF cookie
    csrf_cookie = client.cookies[django_settings.CSRF_COOKIE_NAME]

    response = client.post("/accounts/login/", {"username": "coord_a", "password": "correct horse battery"})

    session_cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session_cookie.value
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
    assert csrf_cookie["secure"] is True


# --- Pages carry no inline code --------------------------------------------------------------------------

def test_it_renders_pages_without_inline_scripts_handlers_or_styles(world):
    """What the policy would block: <script> bodies, on* (and hx-on) handler attributes, javascript:
    URLs, and — since style-src is 'self' too — <style> elements and style attributes."""
    offenders = {"inline script": [], "handler attribute": [], "javascript: url": [], "inline style": []}
    for label, response in opened_pages(world):
        body = response.content.decode()
        for match in INLINE_SCRIPT.finditer(body):
            if match["body"].strip() or "src=" not in match["attrs"]:
                offenders["inline script"].append((label, match.group(0)[:120]))
        for tag in TAG.findall(body):
            if HANDLER_ATTRIBUTE.search(tag):
                offenders["handler attribute"].append((label, tag[:120]))
            if STYLE_ATTRIBUTE.search(tag) or tag.lower().startswith("<style"):
                offenders["inline style"].append((label, tag[:120]))
        offenders["javascript: url"].extend((label, m.group(0)) for m in JAVASCRIPT_URL.finditer(body))
    assert offenders == {"inline script": [], "handler attribute": [], "javascript: url": [], "inline style": []}


def test_it_loads_scripts_and_styles_only_from_its_own_static_files(world):
    """Every script and stylesheet is served by the site itself ('self' in the policy) and exists among
    the static files that `collectstatic` gathers; a missing one breaks every page in production,
    where the manifest storage refuses unknown names."""
    missing, foreign = set(), set()
    for _label, response in opened_pages(world):
        for match in ASSET.finditer(response.content.decode()):
            url = match["url"]
            if not url.startswith(django_settings.STATIC_URL):
                foreign.add(url)
            elif finders.find(url.removeprefix(django_settings.STATIC_URL).split("?")[0]) is None:
                missing.add(url)
    assert foreign == set()
    assert missing == set()


# --- check --deploy --------------------------------------------------------------------------------------

def run_check_deploy(**environment: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("INTEGRHABITAT_") and name not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC_DIR), os.environ.get("PYTHONPATH")]))
    env.update(environment)
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "integrhabitat", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = run_check_deploy(INTEGRHABITAT_SECRET_KEY=random_secret_key(),
                              INTEGRHABITAT_ALLOWED_HOSTS="centros.example.org",
                              INTEGRHABITAT_VAR_DIR=str(tmp_path))

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "no issues" in output


def test_check_deploy_fails_without_a_secret_key(tmp_path):
    result = run_check_deploy(INTEGRHABITAT_ALLOWED_HOSTS="centros.example.org",
                              INTEGRHABITAT_VAR_DIR=str(tmp_path))

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "security.W009" in output  # the development key is reported
