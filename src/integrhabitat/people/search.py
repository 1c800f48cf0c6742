"""Find a person again from one search box.

`jose perez`, `Perez Jose`, `josé peres` and `JOSE PÉREZ` all find "José Pérez": the query and
the stored `search_text` are folded the same way (lower case, no accents), word order does not
matter, and each word may carry one typo. A word of digits matches codes. A whole phone number (read with
the center's country) or document number finds its person exactly, through the blind index (`lib.crypto`):
identifiers are encrypted, so a part of one finds nothing.

The database narrows the candidates (PostgreSQL: a query word trigram-similar to, or contained
in, `search_text`, through the GIN index (center_id, search_text), most similar first; SQLite: every person
of the center) and one matcher in Python decides and ranks, so both databases give the same answer. Pass
the people of one center as `Participant.objects.in_center(center)`, so that the index narrows to the
center before it compares names.
A typo is one insertion, deletion, substitution or swap of two neighbouring letters.
"""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q, QuerySet
from rapidfuzz.distance import OSA

from integrhabitat.lib.phones import to_e164
from integrhabitat.lib.text import fold
from integrhabitat.people.models import Participant

MAX_CANDIDATES = 500  # PostgreSQL only: the most similar first


def _word_score(query_word: str, words: list[str]) -> float:
    """How well one query word matches the best of a person's words: 0 means no match."""
    best = 0.0
    for word in words:
        if word == query_word:
            return 1.0
        if query_word.isdigit():
            if len(query_word) >= 3 and query_word in word:
                best = max(best, 0.9)
            continue
        if len(query_word) >= 2 and word.startswith(query_word):
            best = max(best, 0.8)
        elif len(query_word) >= 4 and OSA.distance(query_word, word, score_cutoff=1) <= 1:
            best = max(best, 0.7)
        elif len(query_word) >= 4 and len(word) >= len(query_word) and OSA.distance(
            query_word, word[: len(query_word)], score_cutoff=1
        ) <= 1:
            best = max(best, 0.5)  # a typo in the first letters of a longer word
    return best


def compact_number(query: str) -> str:
    """`1.234.567` or `300 123 4567` as one token, when the query may be a phone or document number."""
    compact = fold(query).replace(" ", "")
    return compact if len(compact) >= 4 and any(ch.isdigit() for ch in compact) else ""


def score(query: str, search_text: str) -> float:
    """Every word of the query must match some word of the person; 0 if one does not."""
    query_words = fold(query).split()
    if not query_words:
        return 0.0
    words = search_text.split()
    total = 0.0
    for query_word in query_words:
        word_score = _word_score(query_word, words)
        if word_score == 0:
            return 0.0
        total += word_score
    return total / len(query_words)


def _candidates(queryset: QuerySet, query_words: list[str]) -> QuerySet:
    if connection.vendor != "postgresql":
        return queryset
    # Some query word similar to a word of the person (pg_trgm `%>`, served by the GIN index), or
    # contained in it; a short word with a typo ("jsoe") shares few trigrams, so one good word is
    # enough to be a candidate. The most similar come first, in case there are many.
    condition = Q(pk__in=[])
    for word in query_words:
        condition |= Q(search_text__trigram_word_similar=word) | Q(search_text__contains=word)
    similarity = sum(
        (TrigramWordSimilarity(word, "search_text") for word in query_words[1:]),
        start=TrigramWordSimilarity(query_words[0], "search_text"),
    )
    return queryset.filter(condition).annotate(similarity=similarity).order_by("-similarity")


def by_identifier(queryset: QuerySet, query: str, country: str) -> list[int]:
    """The people of `queryset` whose document number is `query`, or whose phone is, read with `country`."""
    compact = compact_number(query)
    if not compact:
        return []
    condition = Participant.by_identifier("document", query) | Participant.by_identifier(
        "phone", to_e164(query, country))
    return list(queryset.filter(condition).order_by("pk").values_list("pk", flat=True)[:MAX_CANDIDATES])


def search(queryset: QuerySet, query: str, limit: int | None = None, *, country: str) -> list[int]:
    """The primary keys of the people in `queryset` matching `query`, best first: the people whose phone
    (read with `country`, the center's) or document number it is, then by name or code."""
    query_words = fold(query).split()
    if not query_words:
        return []
    exact = by_identifier(queryset, query, country)
    rows = _candidates(queryset, query_words).values_list("pk", "search_text")
    if connection.vendor == "postgresql":
        rows = rows[:MAX_CANDIDATES]  # the trigram filter already narrowed them to look-alikes
    scored = []
    for pk, text in rows:
        value = score(query, text)
        if value > 0:
            scored.append((-value, text, pk))
    scored.sort()
    pks = exact + [pk for _value, _text, pk in scored if pk not in exact]
    return pks[:limit] if limit else pks


def possible_duplicates(center, data: dict, limit: int = 5) -> list:
    """People of `center` who may be the person about to be registered, best first: the duplicate
    scorer of `people.duplicates` (typos, swapped or missing surnames, partial given names, birth
    date, phone, document). Each carries `duplicate_reasons`, the reasons in words."""
    from integrhabitat.people.duplicates import reason_labels, registration_candidates

    found = []
    for person, match in registration_candidates(center, data, limit):
        person.duplicate_reasons = reason_labels(match.reasons)
        found.append(person)
    return found
