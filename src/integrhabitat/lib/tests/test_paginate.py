"""A page of a list whose rows carry aggregates: `lib.http.paginate(..., figures=)` counts them for that page."""

from django.db.models import Count
from django.test import RequestFactory

from integrhabitat.conftest import make_center, make_person
from integrhabitat.lib.http import paginate
from integrhabitat.network.models import Center


def test_each_row_of_a_later_page_gets_its_own_figures(world, django_assert_num_queries):
    for number in range(3):
        center = make_center(f"pagina-{number}", "PG" + "ABC"[number], f"Centro {number}")
        for _ in range(number + 1):
            make_person(center, "Ana", "Díaz")
    centers = Center.objects.filter(slug__startswith="pagina-").order_by("slug")
    request = RequestFactory().get("/", {"page": 2})

    with django_assert_num_queries(3):  # the count, the page, its figures
        page = paginate(request, centers, 2, figures=lambda rows: rows.annotate(people=Count("participants")))
        shown = [(center.slug, center.people) for center in page.object_list]

    assert page.number == 2
    assert shown == [("pagina-2", 3)]


def test_an_empty_list_has_no_figures_to_count(world, django_assert_num_queries):
    with django_assert_num_queries(1):  # the count only
        page = paginate(RequestFactory().get("/"), Center.objects.filter(slug="nadie").order_by("pk"), 2,
                        figures=lambda rows: rows.annotate(people=Count("participants")))
    assert list(page.object_list) == []
