"""Every filter of every list page: its options are distinct, and choosing each one filters by it.

The pages are read as their users read them; each `<select>` of a GET form is checked: no two options
share a value (the case list once had "Not closed" and "Open" both as `open`, so "Open" could not be
chosen alone), and asking for each option answers 200 with that option chosen.
"""

from html.parser import HTMLParser

import pytest

CENTER_PAGES = ["/c/centro-a/", "/c/centro-a/people/", "/c/centro-a/services/", "/c/centro-a/cases/",
                "/c/centro-a/cases/referrals/", "/c/centro-a/groups/", "/c/centro-a/cocreation/proposals/",
                "/c/centro-a/alliances/", "/c/centro-a/results/", "/c/centro-a/results/targets/",
                "/c/centro-a/feedback/", "/c/centro-a/practices/", "/c/centro-a/audit/",
                "/c/centro-a/accountability/events/commitments/"]
NETWORK_PAGES = ["/network/"]
PUBLIC_PAGES = ["/p/centro-a/"]


class GetForms(HTMLParser):
    """The selects of a page's GET forms: name → [(value, selected)]."""

    def __init__(self):
        super().__init__()
        self.selects: dict[str, list[tuple[str, bool]]] = {}
        self._in_get_form = False
        self._select: str | None = None
        self._option: dict | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif tag == "select" and self._in_get_form and attributes.get("name"):
            self._select = attributes["name"]
            self.selects.setdefault(self._select, [])
        elif tag == "option" and self._select:
            self._option, self._text = attributes, ""

    def handle_data(self, data):
        if self._option is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "option" and self._select and self._option is not None:
            value = self._option.get("value")
            self.selects[self._select].append((self._text.strip() if value is None else value,
                                               "selected" in self._option))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_get_form = False


def selects_of(html: str) -> dict[str, list[tuple[str, bool]]]:
    parser = GetForms()
    parser.feed(html)
    return parser.selects


def check_filters(client, path: str) -> int:
    response = client.get(path)
    assert response.status_code == 200, path
    selects = selects_of(response.content.decode())
    checked = 0
    for name, options in selects.items():
        values = [value for value, _selected in options]
        assert len(values) == len(set(values)), (path, name, values)
        for value in values:
            if not value:
                continue
            chosen = client.get(path, {name: value})
            assert chosen.status_code == 200, (path, name, value)
            assert (value, True) in selects_of(chosen.content.decode()).get(name, []), (path, name, value)
            checked += 1
    return checked


@pytest.mark.parametrize("path", CENTER_PAGES)
def test_every_filter_of_a_center_page_has_distinct_options_and_each_one_takes(world, path):
    check_filters(world.client_for(world.coordinator), path)


def test_the_filters_of_the_network_and_public_pages_too(world, client):
    for path in NETWORK_PAGES:
        assert check_filters(world.client_for(world.network_coordinator), path) > 0, path
    for path in PUBLIC_PAGES:
        assert check_filters(client, path) > 0, path


def test_the_checker_sees_filters_and_refuses_two_options_with_one_value():
    selects = selects_of('<form method="get"><select name="status"><option value="open">Not closed</option>'
                         '<option value="open" selected>Open</option></select></form>'
                         '<form method="post"><select name="x"><option value="1">1</option></select></form>')
    assert selects == {"status": [("open", False), ("open", True)]}


def test_the_case_list_filters_cover_every_status(world):
    response = world.client_for(world.coordinator).get("/c/centro-a/cases/")
    values = [value for value, _selected in selects_of(response.content.decode())["status"]]
    assert {"not_closed", "all", "open", "active", "on_hold", "closed"} <= set(values)
