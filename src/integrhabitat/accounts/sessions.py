"""What a staff session remembers beside the user: when it began, when it was last used, and whether the
second step of signing in is still owed. All of it server-side, in the session store.

A session ends `SESSION_IDLE_SECONDS` after its last request and `SESSION_MAX_SECONDS` after signing in,
whatever happens in between (`accounts.middleware.AccountSecurityMiddleware` enforces both).
"""

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

from integrhabitat.accounts import mfa

SIGNED_IN_AT = "accounts_signed_in_at"
SEEN_AT = "accounts_seen_at"
SECOND_STEP = "accounts_second_step"
OWED, DONE = "owed", "done"

# A request is recorded as activity at most once a minute: no session write on every page.
SEEN_PRECISION = 60
# How long before the end the pages send their reader to the "session about to end" page.
WARNING_SECONDS = 5 * 60


@dataclass(frozen=True)
class SessionEnd:
    at: int  # seconds since the epoch
    idle: bool  # ends for lack of activity (a request postpones it), not at the limit since signing in

    @property
    def when(self) -> datetime:
        return datetime.fromtimestamp(self.at, tz=UTC)


def on_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: start the clocks, and owe the second step when the user has an app or must have one."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now
    if mfa.has_mfa(user) or mfa.must_have_mfa(user):
        session[SECOND_STEP] = OWED
    else:
        session.pop(SECOND_STEP, None)


def second_step_owed(session) -> bool:
    return session.get(SECOND_STEP) == OWED


def second_step_done(session) -> bool:
    return session.get(SECOND_STEP) == DONE


def mark_second_step_done(session) -> None:
    """The code was right: a new session key (the session is worth more now) marked as verified."""
    session.cycle_key()
    session[SECOND_STEP] = DONE


def session_end(session, now: int | None = None) -> SessionEnd:
    """When this session ends unless something happens; a session without clocks (opened before they
    existed) gets them now."""
    now = int(time.time()) if now is None else now
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    seen_at = session.setdefault(SEEN_AT, now)
    idle_end = seen_at + settings.SESSION_IDLE_SECONDS
    absolute_end = signed_in_at + settings.SESSION_MAX_SECONDS
    return SessionEnd(at=min(idle_end, absolute_end), idle=idle_end <= absolute_end)


def record_activity(session, now: int | None = None) -> None:
    now = int(time.time()) if now is None else now
    if now - session.get(SEEN_AT, 0) >= SEEN_PRECISION:
        session[SEEN_AT] = now


def seconds_to_warning(end: SessionEnd, now: int) -> int:
    """When a page left open should go to the warning page: five minutes before the end, or at the end
    when that is closer."""
    seconds = end.at - WARNING_SECONDS - now
    return seconds if seconds > 0 else end.at - now + 1
