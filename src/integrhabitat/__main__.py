"""The `integrhabitat` console command: `manage.py` for installed deployments, plus `serve`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrhabitat.settings")
    args = sys.argv[1:]
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `integrhabitat rotate-keys` is `rotate_keys`, and so on
    if args[:1] == ["serve"]:
        serve(args[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["integrhabitat", *args])


def serve(extra: list[str]) -> None:
    """Run the production server: compile translations, collect static files, start gunicorn.
    Refuses to start with the development secret key or a weak one: sessions, password-reset links
    and portal codes would be forgeable by anyone who has read this repository."""
    import django
    from django.core.checks.security.base import check_secret_key
    from django.core.management import call_command

    django.setup()
    from integrhabitat.lib.messages import compile_messages
    from integrhabitat.lib.security import ACCESS_LOG_FORMAT

    if check_secret_key(None):
        sys.exit(
            "integrhabitat serve: INTEGRHABITAT_SECRET_KEY is not set, or is too short or too simple.\n"
            "Set it to a long random value kept secret, for example the output of\n"
            "  python3 -c 'import secrets; print(secrets.token_urlsafe(50))'\n"
            "(`make demo` serves with the development server and needs no key.)"
        )

    from integrhabitat.lib.crypto import MAKE_A_KEY, keys_configured

    if not keys_configured():
        sys.exit(
            "integrhabitat serve: INTEGRHABITAT_FIELD_KEYS and INTEGRHABITAT_INDEX_KEYS must both be set.\n"
            "They encrypt what is written about people and the identifiers that find them; without them the\n"
            "keys would be derived from the secret key. Make each one with\n"
            f"  {MAKE_A_KEY}\n"
            "and keep copies away from the database and its backups: without them nothing encrypted can be read."
        )

    compile_messages()
    call_command("collectstatic", interactive=False, verbosity=0)
    bind = os.environ.get("INTEGRHABITAT_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
    workers = os.environ.get("INTEGRHABITAT_WORKERS", "3")
    os.execvp(  # noqa: S606 - replaces this process with gunicorn, arguments are ours
        sys.executable,
        [sys.executable, "-m", "gunicorn", "integrhabitat.wsgi", "--bind", bind,
         "--workers", workers, "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, *extra],
    )


if __name__ == "__main__":
    main()
