"""Figure 1: finding a person again by a misspelled, accent-free name, top 10, over the center's people."""

import random

from django.urls import reverse

from integrhabitat.bench.measure import Context, Figure, below, not_measured, ok, timed
from integrhabitat.lib.text import fold
from integrhabitat.people import search
from integrhabitat.people.models import Participant

TARGET_PEOPLE = 1_000_000


def sample_people(center, count: int, *, seed: int = 7) -> list[Participant]:
    """`count` people of the center spread over its whole range of ids, the same ones every time."""
    people = Participant.objects.active().filter(center=center)
    ids = people.order_by("pk").values_list("pk", flat=True)
    low, high = ids.first(), people.order_by("-pk").values_list("pk", flat=True).first()
    if low is None:
        return []
    rng = random.Random(seed)
    chosen: dict[int, Participant] = {}
    for _attempt in range(count * 4):
        person = people.filter(pk__gte=rng.randint(low, high)).order_by("pk").first()
        if person is not None:
            chosen[person.pk] = person
        if len(chosen) >= count:
            break
    return sorted(chosen.values(), key=lambda p: p.pk)


def _swap(word: str, at: int) -> str:
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


def misspell(word: str, how: int) -> str:
    """0: only accents and case dropped; 1: two neighbouring letters swapped; 2: one letter dropped."""
    word = fold(word)
    if len(word) < 5 or how == 0:
        return word
    middle = len(word) // 2
    return _swap(word, middle) if how == 1 else word[:middle] + word[middle + 1:]


def queries(people: list[Participant]) -> list[tuple[str, int]]:
    """A query per person (first given name, first family name, one of them misspelled) and who it is."""
    found = []
    for index, person in enumerate(people):
        given = (person.given_names.split() or [""])[0]
        family = (person.family_names.split() or [""])[0]
        how = index % 3
        words = [misspell(given, how if index % 2 else 0), misspell(family, 0 if index % 2 else how)]
        text = " ".join(w for w in words if w)
        if text:
            found.append((text, person.pk))
    return found


def measure(ctx: Context) -> list[Figure]:
    from integrhabitat.bench.measure_pages import client_for

    people = Participant.objects.active().in_center(ctx.center)
    asked = queries(sample_people(ctx.center, ctx.sizes["samples"]))
    if not asked:
        why = "The center has no participants."
        return [not_measured("search", "Participant search, top 10", "p95 < 100 ms", why, "ms"),
                not_measured("search_page", "People list page with a search", "p95 < 150 ms (as a page)", why, "ms")]
    country = ctx.center.country.code
    timing = timed([lambda q=q: search.search(people, q, limit=10, country=country) for q, _pk in asked], ctx.runs)
    found = sum(1 for q, pk in asked if pk in search.search(people, q, limit=10, country=country))
    scale_note = f"Among the center's {ctx.participants:,} people, {ctx.network_participants:,} in the network." + (
        "" if ctx.network_participants >= TARGET_PEOPLE else f" Target set for {TARGET_PEOPLE:,} participants.")
    # Correctness is part of the figure: a fast search that does not find the person misses its target.
    all_found = found == len(asked)
    if not all_found:
        scale_note += f" Only {found} of {len(asked)} people were found in the top 10: a miss whatever the time."
    figures = [Figure(
        "search", "Participant search, top 10 (people/search.py)", round(timing.p95, 1), "ms",
        f"every person found in the top 10, p95 < 100 ms at {TARGET_PEOPLE:,} participants",
        all_found and bool(below(timing.p95, 100)), note=scale_note,
        detail={**timing.as_dict(), "participants": ctx.participants,
                "network_participants": ctx.network_participants, "found_in_top_10": found,
                "queries": len(asked), "examples": [q for q, _pk in asked[:6]]},
    )]
    client = client_for(ctx.coordinator)
    url = reverse("people:participant_list", kwargs={"center": ctx.center.slug})
    page = timed([lambda q=q: ok(client.get(url, {"q": q})) for q, _pk in asked], ctx.runs)
    figures.append(Figure(
        "search_page", "People list page with a search (GET /people/?q=)", round(page.p95, 1), "ms",
        "p95 < 150 ms (as a page)", below(page.p95, 150), note=scale_note, detail=page.as_dict()))
    return figures
