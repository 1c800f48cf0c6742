"""Figure 8: what each key page weighs over the wire, gzip-compressed: its HTML plus the CSS and JavaScript
it links (read through the static files finders), and the CSS and JavaScript of all of them together."""

import gzip
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

from integrhabitat.bench.measure import Context, Figure, ok
from integrhabitat.bench.measure_pages import client_for
from integrhabitat.bench.measure_search import sample_people

PAGE_LIMIT_KB = 100
ASSETS_LIMIT_KB = 200
ASSET = re.compile(r'<(?:link|script)\b[^>]*?(?:href|src)="([^"]+\.(?:css|js))(?:\?[^"]*)?"')


def gzip_kb(content: bytes) -> float:
    return len(gzip.compress(content, compresslevel=6)) / 1024


def asset_content(url: str) -> bytes | None:
    """A linked static file as served: from the app's static folders, or as `collectstatic` stored it
    (under its hashed name)."""
    prefix = settings.STATIC_URL
    if not url.startswith(prefix):
        return None  # another host: not ours to weigh
    name = url[len(prefix):]
    path = finders.find(name)
    if path is not None:
        with open(path, "rb") as stored:
            return stored.read()
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as stored:
            return stored.read()
    return None


def key_pages(ctx: Context) -> list[tuple[str, str, object]]:
    center = ctx.center.slug
    person = (sample_people(ctx.center, 1) or [None])[0]
    pages = [("people list", reverse("people:participant_list", kwargs={"center": center}), ctx.coordinator)]
    if person is not None:
        pages.append(("participant profile", reverse("people:participant_detail", kwargs={
            "center": center, "participant_id": person.uuid}), ctx.coordinator))
    pages += [
        ("center results", reverse("improvement:dashboard", kwargs={"center": center}), ctx.coordinator),
        ("cases", reverse("cases:case_list", kwargs={"center": center}), ctx.coordinator),
        ("groups", reverse("communities:group_list", kwargs={"center": center}), ctx.coordinator),
        ("public center page", reverse("public_center", kwargs={"center_slug": center}), None),
    ]
    return pages


def measure(ctx: Context) -> list[Figure]:
    figures, assets = [], {}
    for name, url, user in key_pages(ctx):
        client = client_for(user)
        response = ok(client.get(url, HTTP_ACCEPT_ENCODING="gzip"))
        body = response.content
        html_kb = len(body) / 1024 if response.get("Content-Encoding") == "gzip" else gzip_kb(body)
        linked = {}
        for asset in sorted(set(ASSET.findall(body.decode(errors="replace")))):
            content = asset_content(asset)
            if content is not None:
                linked[asset] = gzip_kb(content)
        assets.update(linked)
        total = html_kb + sum(linked.values())
        figures.append(Figure(
            f"weight_{name.replace(' ', '_')}", f"Page weight, {name} (HTML + its CSS and JS, gzip)", round(total, 1),
            "KB", f"< {PAGE_LIMIT_KB} KB", total < PAGE_LIMIT_KB,
            detail={"url": url, "html_kb": round(html_kb, 1),
                    "assets_kb": {k: round(v, 1) for k, v in linked.items()}}))
    total_assets = sum(assets.values())
    figures.append(Figure("weight_assets", "CSS and JS of the key pages together (gzip)", round(total_assets, 1), "KB",
                          f"< {ASSETS_LIMIT_KB} KB", total_assets < ASSETS_LIMIT_KB,
                          detail={k: round(v, 1) for k, v in sorted(assets.items())}))
    return figures
