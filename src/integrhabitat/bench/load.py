"""Load: many staff members using one center at once, against the production server (`integrhabitat serve`).

`measure_load()` starts `integrhabitat serve` (gunicorn) on 127.0.0.1, signs each virtual user in through the
real login form, then lets `users` virtual users loop for `seconds` over a realistic mix, each pausing
between two requests as staff at a front desk do (`think` seconds on average, `THINK` = 5 s by default; 0
measures the server's capacity instead):

- search the people list with a misspelled name (35 %),
- open a participant's profile (25 %),
- record a service for one person through the bulk delivery form: the form, then its POST with its CSRF and
  submission tokens (10 %; real deliveries are saved, recorded by the bench staff),
- a list page: people, cases, groups or services (30 %).

Then the same users hit `/healthz` (a view that does nothing) for a shorter time: the ratio of the two
throughputs says how heavy the real pages are for this machine, whatever the machine.

The server is run as in production behind a TLS proxy (INTEGRHABITAT_BEHIND_PROXY=1, requests carry
`X-Forwarded-Proto: https`), so secure cookies, HSTS and the HTTPS CSRF checks are all in the path.

The virtual users are two staff members of the center created once and reused: `bench-load-coordinator`
(coordinator) and `bench-load-caseworker` (case worker). Each run gives them a new random password, known
only to the run; nobody can sign in as them afterwards with a password found somewhere.

Repeat it alone with `python -m integrhabitat.bench.load --center SLUG --users 50 --seconds 60` (JSON out; the
issue's target: 0 errors, p95 < 250 ms), and `--think 0` for the capacity without pauses.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

# Staff at a front desk pause between two requests, 0–10 s (5 s on average): reading a profile, talking with
# the person, typing. The target (0 errors, p95 < 250 ms) is for users at this pace.
THINK = 5.0
# The mix a virtual user loops over: (kind, weight in %).
MIX = (("search", 35), ("profile", 25), ("delivery", 10), ("list", 30))
LIST_PAGES = ("people", "cases", "groups", "services")
# The server: one gunicorn worker process per core, 4 threads each (gthread). Measured on 2 cores, 50 users:
# 2 x 4 threads served ~17 % more pages than 4 sync workers (threads overlap database waits, keep-alive
# spares a connection per request) and 2.5 times more /healthz, with half the processes' memory.
DEFAULT_THREADS = 4


def default_workers() -> int:
    return max(2, os.cpu_count() or 2)

FIRST_ERRORS = 5
SIGN_IN_AT_ONCE = 4
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def hidden_value(html: str, name: str) -> str | None:
    """The value of the form field `name` (CSRF token, submission token) in a rendered page."""
    pattern = _CSRF if name == "csrfmiddlewaretoken" else re.compile(
        rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"|<input[^>]*value="([^"]*)"[^>]*name="{re.escape(name)}"'
    )
    found = pattern.search(html)
    if found is None:
        return None
    return next(group for group in found.groups() if group is not None)


def choose_kind(rng: random.Random) -> str:
    return rng.choices([kind for kind, _weight in MIX], weights=[weight for _kind, weight in MIX])[0]


# --- One virtual user's browser -------------------------------------------------------------------------

class Browser:
    """One keep-alive connection and one cookie jar: what a staff member's browser holds."""

    def __init__(self, host: str, port: int, *, timeout: float = 30):
        self.host, self.port = host, port
        self.origin = f"https://{host}:{port}"  # as seen through the TLS proxy
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | list | None = None) -> tuple[int, str, dict]:
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": "es", "User-Agent": "integrhabitat-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": self.origin,
                            "Referer": self.origin + path})
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read().decode("utf-8", "replace")
                break
            except STALE:  # the server closed a kept-alive connection: open a new one, once
                self.connection.close()
                if attempt == 2:
                    raise
        for cookie in response.msg.get_all("Set-Cookie") or ():
            name, _, rest = cookie.partition("=")
            value, _, attributes = rest.partition(";")
            if "max-age=0" in attributes.lower().replace(" ", ""):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()
        return response.status, content, {"location": response.getheader("Location", "")}

    def sign_in(self, username: str, password: str) -> None:
        status, page, _ = self.request("GET", "/accounts/login/")
        token = hidden_value(page, "csrfmiddlewaretoken")
        if status != 200 or token is None:
            raise RuntimeError(f"The login page answered {status} without a CSRF token.")
        status, _, headers = self.request(
            "POST", "/accounts/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token})
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"Signing in as {username} failed (HTTP {status}).")

    def close(self) -> None:
        self.connection.close()


# --- What the virtual users do --------------------------------------------------------------------------

@dataclass
class Plan:
    """The center's URLs and the data the virtual users pick from."""

    center: str
    searches: list[str]
    profiles: list[str]  # participant UUIDs
    service: str | None  # an active service's UUID (None: no delivery can be recorded)
    delivered_on: str  # ISO date (the server's today)

    def path(self, tail: str) -> str:
        return f"/c/{self.center}/{tail}"


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool


@dataclass
class Tally:
    samples: list[Sample] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, ok: bool, *, url: str = "", status: int | None = None,
            message: str = "") -> None:
        with self.lock:
            self.samples.append(Sample(kind, ms, ok))
            if not ok:
                self.error_count += 1
                if len(self.errors) < FIRST_ERRORS:
                    self.errors.append({"kind": kind, "url": url, "status": status, "message": message[:200]})


def timed_request(tally: Tally, browser: Browser, kind: str, method: str, path: str, *, expect: int = 200,
                  data: dict | None = None) -> str | None:
    """One request, timed and counted; its page if it answered as expected."""
    started = time.perf_counter()
    try:
        status, page, _ = browser.request(method, path, data)
    except (OSError, http.client.HTTPException) as error:
        browser.close()
        tally.add(kind, (time.perf_counter() - started) * 1000, False, url=path, message=repr(error))
        return None
    ms = (time.perf_counter() - started) * 1000
    ok = status == expect
    tally.add(kind, ms, ok, url=path, status=status, message="" if ok else page[:200])
    return page if ok else None


def record_delivery(tally: Tally, browser: Browser, plan: Plan, rng: random.Random) -> None:
    """The bulk delivery form, then its POST for one person (the real form's tokens, as a browser sends)."""
    path = plan.path("services/deliveries/bulk/")
    page = timed_request(tally, browser, "delivery_form", "GET", path)
    if page is None:
        return
    csrf, submission = hidden_value(page, "csrfmiddlewaretoken"), hidden_value(page, "submission")
    data = {"csrfmiddlewaretoken": csrf or "", "submission": submission or "", "service": plan.service,
            "delivered_on": plan.delivered_on, "quantity": "1", "provider_code": "", "q": "",
            "people": [rng.choice(plan.profiles)], "action": "save",
            # A run draws the same person twice in a day: confirmed at once, as for a second kit given on
            # purpose, so that each save records (otherwise the page asks first, answering 200).
            "again": "1"}
    timed_request(tally, browser, "delivery_save", "POST", path, expect=302, data=data)


def step(tally: Tally, browser: Browser, plan: Plan, rng: random.Random) -> None:
    kind = choose_kind(rng)
    if kind == "delivery" and (plan.service is None or not plan.profiles):
        kind = "list"
    if kind == "profile" and not plan.profiles:
        kind = "list"
    if kind == "search" and plan.searches:
        timed_request(tally, browser, "search", "GET", plan.path(f"people/?q={quote(rng.choice(plan.searches))}"))
    elif kind == "profile":
        timed_request(tally, browser, "profile", "GET", plan.path(f"people/{rng.choice(plan.profiles)}/"))
    elif kind == "delivery":
        record_delivery(tally, browser, plan, rng)
    else:
        page = rng.choice(LIST_PAGES)
        tail = {"people": "people/", "cases": "cases/", "groups": "groups/", "services": "services/"}[page]
        timed_request(tally, browser, f"list_{page}", "GET", plan.path(tail))


def run_users(browsers: list[Browser], seconds: float, action: Callable[[Tally, Browser, random.Random], None],
              *, think: float = 0.0, seed: int = 1) -> tuple[Tally, float]:
    """Every browser loops `action` in its own thread for `seconds`, pausing between two actions a random time
    of `think` seconds on average (0: no pause, the server's capacity is measured). Without pauses all start
    together; with them, each starts after a first pause, as staff arriving at their desks do (fifty first
    requests in the same millisecond would measure a burst nobody makes). Returns what was counted and the
    time it took until the last one finished."""
    tally = Tally()
    barrier = threading.Barrier(len(browsers) + 1)
    ends: list[float] = [0.0]

    def loop(browser: Browser, rng: random.Random) -> None:
        barrier.wait()
        if think:
            time.sleep(rng.uniform(0, 2 * think))
        while time.monotonic() < ends[0]:
            try:
                action(tally, browser, rng)
            except Exception as error:  # noqa: BLE001 - an unexpected answer counts as an error, the user goes on
                browser.close()
                tally.add("unexpected", 0.0, False, message=repr(error))
            if think:
                time.sleep(rng.uniform(0, 2 * think))

    threads = [threading.Thread(target=loop, args=(b, random.Random(seed + i)), daemon=True)
               for i, b in enumerate(browsers)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    ends[0] = started + seconds
    barrier.wait()
    for thread in threads:
        while thread.is_alive():  # in short waits, so that Ctrl-C stops the run (and the server)
            thread.join(0.5)
    return tally, time.monotonic() - started


def sign_in_all(host: str, port: int, users: int, accounts: list[tuple[str, str]]) -> list[Browser]:
    """One browser per virtual user, signed in as one of `accounts`, taken in turn. A few at a time: checking
    a password (Argon2) is made slow on purpose, 50 at once would only time out on a small server."""
    browsers = [Browser(host, port) for _ in range(users)]
    failures: list[Exception] = []

    def sign_in(index: int) -> None:
        try:
            browsers[index].sign_in(*accounts[index % len(accounts)])
        except Exception as error:  # noqa: BLE001 - reported below, the run cannot go on
            failures.append(error)

    with ThreadPoolExecutor(max_workers=SIGN_IN_AT_ONCE) as pool:
        list(pool.map(sign_in, range(users)))
    if failures:
        for browser in browsers:
            browser.close()
        raise RuntimeError(f"{len(failures)} of {users} virtual users could not sign in: {failures[0]}")
    return browsers


def summary(tally: Tally, elapsed: float) -> dict:
    times = [s.ms for s in tally.samples]
    by_kind: dict[str, list[float]] = {}
    for sample in tally.samples:
        by_kind.setdefault(sample.kind, []).append(sample.ms)
    return {
        "requests": len(times),
        "errors": {"count": tally.error_count, "first": tally.errors},
        "p50_ms": _round(times, 0.50), "p95_ms": _round(times, 0.95), "p99_ms": _round(times, 0.99),
        "throughput_rps": round(len(times) / elapsed, 1) if elapsed else None,
        "by_kind": {kind: {"count": len(values), "p95_ms": _round(values, 0.95)}
                    for kind, values in sorted(by_kind.items())},
    }


def _round(values: list[float], fraction: float) -> float | None:
    from integrhabitat.bench.measure import percentile  # (imports models: only once Django is set up)

    return round(percentile(values, fraction), 1) if values else None


def run_load(*, host: str, port: int, plan: Plan, accounts: list[tuple[str, str]], users: int, seconds: float,
             trivial_seconds: float, think: float = 0.0) -> dict:
    """Sign the users in, run the mix for `seconds`, then /healthz for `trivial_seconds`, against a running
    server. The result without the server's description."""
    browsers = sign_in_all(host, port, users, accounts)
    try:
        tally, elapsed = run_users(browsers, seconds, lambda t, b, rng: step(t, b, plan, rng), think=think)
        trivial, trivial_elapsed = run_users(
            browsers, trivial_seconds, lambda t, b, rng: timed_request(t, b, "healthz", "GET", "/healthz"))
    finally:
        for browser in browsers:
            browser.close()
    result = {"users": users, "seconds": seconds, "think_s": think, **summary(tally, elapsed)}
    trivial_rps = round(len(trivial.samples) / trivial_elapsed, 1) if trivial_elapsed else None
    result.update({
        "trivial_rps": trivial_rps,
        "trivial_errors": trivial.error_count,
        "throughput_ratio": round(result["throughput_rps"] / trivial_rps, 3) if trivial_rps else None,
    })
    return result


# --- The data and the staff -----------------------------------------------------------------------------

BENCH_STAFF = (("bench-load-coordinator", "coordinator"), ("bench-load-caseworker", "case_worker"))


def prepare_staff(center) -> list[tuple[str, str]]:
    """The two bench staff members of `center` (created once), each with a new random password.
    Returns their (username, password)."""
    from integrhabitat.accounts.models import User
    from integrhabitat.network.models import Membership

    accounts = []
    for username, role in BENCH_STAFF:
        user, _created = User.objects.get_or_create(username=username, defaults={"first_name": "Bench"})
        password = secrets.token_urlsafe(18)
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        Membership.objects.update_or_create(center=center, user=user, defaults={"role": role})
        accounts.append((username, password))
    return accounts


def prepare_plan(center, *, samples: int = 200) -> Plan:
    from django.utils import timezone

    from integrhabitat.bench.measure_search import queries, sample_people
    from integrhabitat.services.forms import active_services

    people = sample_people(center, samples, seed=23)
    service = active_services(center).values_list("uuid", flat=True).first()
    return Plan(center=center.slug, searches=[text for text, _pk in queries(people)],
                profiles=[str(p.uuid) for p in people], service=str(service) if service else None,
                delivered_on=timezone.localdate().isoformat())


# --- The server -----------------------------------------------------------------------------------------

def port_is_taken(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, *, workers: int, threads: int, env: dict | None = None,
                 log: Path | None = None) -> subprocess.Popen:
    """`integrhabitat serve` on 127.0.0.1:`port` (its own process group), answering /healthz."""
    if port_is_taken(port):
        raise RuntimeError(f"Port {port} is already in use: choose another one (--port).")
    environment = {**os.environ, **(env or {})}
    # serve refuses the development key: a throwaway one for this run, unless the caller set one.
    environment.setdefault("INTEGRHABITAT_SECRET_KEY", secrets.token_urlsafe(50))
    # ...and the keys the bench data was encrypted with, which would otherwise be derived from that key.
    from integrhabitat.lib.crypto import keys_in_use  # (reads the settings: only once Django is set up)

    for name, value in keys_in_use().items():
        environment.setdefault(name, value)
    # Bench staff sign in with their password only: the second step is asked once a session, not per page.
    environment.setdefault("INTEGRHABITAT_MFA_REQUIRED", "0")
    environment.update({"INTEGRHABITAT_BIND": f"127.0.0.1:{port}", "INTEGRHABITAT_WORKERS": str(workers),
                        "INTEGRHABITAT_BEHIND_PROXY": "1"})
    command = [sys.executable, "-m", "integrhabitat", "serve", "--threads", str(threads),
               "--graceful-timeout", "5"]  # its access log (stdout, as in production) is discarded
    errors = open(log or os.devnull, "wb")  # noqa: SIM115 - closed when the server stops
    server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=errors,  # noqa: S603
                              start_new_session=True)
    server.errors_file = errors  # type: ignore[attr-defined]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stop_server(server)
            raise RuntimeError(f"The server stopped at start (exit {server.returncode}); see {log}.")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                connection.close()
                return server
            connection.close()
        except OSError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"The server did not answer /healthz within 90 s; see {log}.")


def stop_server(server: subprocess.Popen) -> None:
    """Stop gunicorn (its master and workers: the process group started for it)."""
    try:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=5)
    except ProcessLookupError:
        pass
    finally:
        errors = getattr(server, "errors_file", None)
        if errors is not None:
            errors.close()


# --- The measure ----------------------------------------------------------------------------------------

def measure_load(*, center_slug: str, users: int = 50, seconds: int = 60, port: int = 8765,
                 env: dict | None = None, workers: int | None = None, threads: int | None = None,
                 think: float = THINK) -> dict:
    """Start `integrhabitat serve`, run `users` virtual users for `seconds`, then /healthz; stop the server.

    `env` is added to this process's environment for the server (DATABASE_URL etc. pass through).
    `workers` defaults to INTEGRHABITAT_WORKERS (in `env` or the environment), else one per core; `threads` to 4.
    `think`: the users' average pause between two requests, in seconds (0 measures the capacity).
    """
    from integrhabitat.network.models import Center

    center = Center.objects.get(slug=center_slug)
    accounts = prepare_staff(center)
    plan = prepare_plan(center)
    environment = {**os.environ, **(env or {})}
    workers = workers or int(environment.get("INTEGRHABITAT_WORKERS") or default_workers())
    threads = threads or DEFAULT_THREADS
    log = Path(tempfile.gettempdir()) / f"integrhabitat-load-{port}.log"
    server = start_server(port, workers=workers, threads=threads, env=env, log=log)
    try:
        result = run_load(host="127.0.0.1", port=port, plan=plan, accounts=accounts, users=users,
                          seconds=seconds, trivial_seconds=max(2, min(15, seconds // 4)), think=think)
    finally:
        stop_server(server)
    result["server"] = {"workers": workers, "threads": threads, "worker_class": "gthread" if threads > 1 else "sync"}
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m integrhabitat.bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--center", required=True, help="the measured center's slug")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--think", type=float, default=THINK,
                        help=f"average pause between requests (s), default {THINK:g}; 0 measures capacity")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrhabitat.settings")
    import django

    django.setup()
    result = measure_load(center_slug=options.center, users=options.users, seconds=options.seconds,
                          port=options.port, workers=options.workers, threads=options.threads,
                          think=options.think)
    print(json.dumps(result, indent=2))  # noqa: T201 - the command's output


if __name__ == "__main__":
    main()
