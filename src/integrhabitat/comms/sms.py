"""Text messages through a pluggable gateway, chosen by `settings.SMS_BACKEND`:

- "console": print the message (development, `make demo`: one-time codes show in the server's console);
- "memory": keep it in `outbox` (tests), like Django's locmem email backend;
- "file": append it to `var/sms.log` (`INTEGRHABITAT_VAR_DIR`), one line per message;
- "http": POST JSON `{"to": ..., "text": ...}` to `INTEGRHABITAT_SMS_URL` with a bearer token
  (`INTEGRHABITAT_SMS_TOKEN`): the shape most SMS gateways and RapidPro-style relays accept.
"""

import json
import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
outbox: list[dict] = []


class SmsError(Exception):
    """The gateway did not take the message."""


def send_sms(to: str, text: str) -> None:
    backend = settings.SMS_BACKEND
    if backend == "memory":
        outbox.append({"to": to, "text": text})
    elif backend == "file":
        with open(settings.VAR_DIR / "sms.log", "a", encoding="utf-8") as log:
            log.write(json.dumps({"to": to, "text": text}, ensure_ascii=False) + "\n")
    elif backend == "console":
        print(f"[SMS to {to}] {text}", flush=True)  # noqa: T201 - the console backend's whole job
    elif backend == "http":
        if not settings.SMS_URL.startswith("https://"):
            raise SmsError("INTEGRHABITAT_SMS_URL must be an https:// address")
        request = urllib.request.Request(  # noqa: S310 - checked above: https only
            settings.SMS_URL, data=json.dumps({"to": to, "text": text}).encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_TOKEN}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a configured https URL
                if response.status >= 300:
                    raise SmsError(f"gateway answered {response.status}")
        except OSError as error:
            logger.exception("SMS gateway failed")
            raise SmsError(str(error)) from error
    else:
        raise SmsError(f"unknown SMS backend {backend!r}")
