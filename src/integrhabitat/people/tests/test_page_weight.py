"""The people list is light enough for a prepaid phone plan: a full page of 50 people, with its
stylesheets and scripts, stays under 100 KB gzip."""

import gzip
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from integrhabitat.conftest import make_person

BUDGET = 100 * 1024


class _Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").lower().split() and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def test_people_list_of_50_weighs_under_100_kb_gzip(world):
    center = world.center_a
    for n in range(49):  # with world.person_a: 50, one full page
        make_person(center, f"Persona{n:02d} María José", f"Pérez Rodríguez de la Cruz {n}",
                    phone=f"+57 300 555 {n:04d}")
    client = world.client_for(world.coordinator)  # the role with the most on the page

    response = client.get(reverse("people:participant_list", kwargs={"center": center.slug}))

    assert response.status_code == 200
    assert len(response.context["rows"]) == 50
    html = response.content
    parser = _Assets()
    parser.feed(html.decode())
    breakdown = [("HTML", len(html), _gzip_size(html))]
    missing = []
    for url in parser.urls:
        assert url.startswith(settings.STATIC_URL), f"{url} is not a static file of this site"
        path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        if path is None:
            missing.append(url)
            continue
        data = Path(path).read_bytes()
        breakdown.append((url, len(data), _gzip_size(data)))
    total = sum(gzipped for _name, _raw, gzipped in breakdown)

    print("\nPeople list, 50 people, as coordinator:")
    for name, raw, gzipped in breakdown:
        print(f"  {name:<45} {raw / 1024:8.1f} KB raw {gzipped / 1024:7.1f} KB gzip")
    print(f"  {'total':<45} {' ' * 16} {total / 1024:7.1f} KB gzip (budget {BUDGET / 1024:.0f} KB)")
    assert parser.urls, "the page loads no stylesheet or script: the parse found nothing to weigh"
    assert not missing, f"the page links static files that the staticfiles finders cannot find: {missing}"
    assert total < BUDGET
