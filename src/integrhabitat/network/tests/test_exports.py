"""The one way lists are downloaded: the row limit and its message, and the columns every list declares."""

import importlib

from integrhabitat.lib.testing import shown
from integrhabitat.network import exports

LISTS = {
    "integrhabitat.services.views": ["SERVICE_COLUMNS"],
    "integrhabitat.partners.views": ["ORGANIZATION_COLUMNS", "PATHWAY_COLUMNS"],
    "integrhabitat.cases.views": ["CASE_COLUMNS", "REFERRAL_COLUMNS", "AGENDA_COLUMNS", "PARTNER_COLUMNS"],
    "integrhabitat.communities.views": ["GROUP_COLUMNS"],
    "integrhabitat.cocreation.views": ["PROCESS_COLUMNS", "PROPOSAL_COLUMNS"],
    "integrhabitat.improvement.feedback.views": ["FEEDBACK_COLUMNS"],
    "integrhabitat.improvement.events.views": ["EVENT_COLUMNS", "COMMITMENT_COLUMNS"],
    "integrhabitat.improvement.accountability.views": ["REPORT_COLUMNS"],
    "integrhabitat.improvement.practices.views": ["PRACTICE_COLUMNS", "CURATION_COLUMNS"],
    "integrhabitat.improvement.reviews.views": ["QUEUE_COLUMNS"],
    "integrhabitat.network.views": ["STAFF_COLUMNS", "AUDIT_COLUMNS"],
    "integrhabitat.people.exports": ["PARTICIPANT_COLUMNS"],
}


def test_every_list_declares_named_labelled_columns_with_valid_hxl_tags():
    for module_name, names in LISTS.items():
        module = importlib.import_module(module_name)
        for name in names:
            columns = getattr(module, name)
            assert len({c.name for c in columns}) == len(columns), name
            for column in columns:
                assert str(column.label).strip(), (name, column.name)
                assert not column.hxl or exports.HXL_TAG.match(column.hxl), (name, column.hxl)


def test_the_hxl_pattern_accepts_tags_and_rejects_what_is_not_one():
    for tag in ("#org", "#org +name", "#affected+f+children", "#reached +hosts +num", "#adm1 +code"):
        assert exports.HXL_TAG.match(tag)
    for text in ("org", "#Org", "#org +", "#org name", "+name", "#1st", "#org +na-me", ""):
        assert not exports.HXL_TAG.match(text)


def test_a_list_longer_than_the_limit_is_not_downloaded_and_the_user_is_told_why(world, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 1)
    from integrhabitat.services.services import save_service

    save_service(world.center_a, {"name": "Otro", "service_type": "I.food"}, actor=world.coordinator)
    client = world.client_for(world.viewer)
    response = client.get("/c/centro-a/services/", {"as": "csv", "status": "active", "hxl": "1"})
    assert response.status_code == 302 and response["Location"] == "/c/centro-a/services/?status=active"
    page = client.get(response["Location"])
    assert shown("This list has more than %(limit)s rows: narrow it with the filters to download it.",
                 limit="1") in page.content.decode()
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    assert client.get("/c/centro-a/services/", {"as": "csv"}).status_code == 200


def test_each_list_page_offers_its_download_with_the_current_filters(world):
    pages = {
        world.viewer: ["/c/centro-a/services/?status=active", "/c/centro-a/alliances/",
                       "/c/centro-a/accountability/events/", "/c/centro-a/accountability/events/commitments/",
                       "/c/centro-a/accountability/", "/c/centro-a/practices/", "/c/centro-a/reviews/"],
        world.front_desk: ["/c/centro-a/alliances/pathways/", "/c/centro-a/groups/", "/c/centro-a/cocreation/",
                           "/c/centro-a/cocreation/proposals/"],
        world.coordinator: ["/c/centro-a/cases/?status=all", "/c/centro-a/cases/referrals/",
                            "/c/centro-a/feedback/", "/c/centro-a/staff/", "/c/centro-a/audit/"],
        world.network_coordinator: ["/network/practices/", "/network/accountability/"],
        world.case_worker: ["/c/centro-a/cases/agenda/"],
        world.partner: ["/c/centro-a/cases/received/"],
    }
    for user, urls in pages.items():
        client = world.client_for(user)
        for url in urls:
            html = client.get(url).content.decode()
            path, _, query = url.partition("?")
            expected = f'href="{path}?{query}&amp;as=xlsx"' if query else f'href="{path}?as=xlsx"'
            assert expected in html, url
            assert client.get(url + ("&" if query else "?") + "as=csv").status_code == 200, url
