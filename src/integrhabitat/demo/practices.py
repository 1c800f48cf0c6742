"""Best practices in the demo network: what each center shared with the others, already curated.

`load_practices` writes them through the library's services (`save_practice`, `submit_practice`,
`publish_practice`), in the order the platform allows, then sets their times back to weeks before the
demo's today and marks the notifications they caused as read (they are old news). The texts (in
`data/practices.toml`) talk about groups and organizations, never about participants by name.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from integrhabitat.accounts.models import Notification, User
from integrhabitat.demo.catalogue import build, read
from integrhabitat.improvement.models import Practice
from integrhabitat.improvement.practices import services as practice_services
from integrhabitat.network.models import Center
from integrhabitat.services.taxonomy import Category


@dataclass(frozen=True)
class PracticeSpec:
    title: str
    category: Category
    context: str
    what_was_done: str
    results: str
    lessons: str
    days_ago: int  # published this many days before the demo's today
    featured: bool = False
    curator_note: str = ""


# By the center's country; a center of another country shares those of Colombia.
BY_COUNTRY = build(dict[str, list[PracticeSpec]], read("practices.toml"))


def load_practices(center: Center, *, author: User, today: date) -> list[Practice]:
    """Write the center's published practices, as if shared and curated weeks before `today`."""
    curator = User.objects.filter(is_network_coordinator=True, is_active=True).order_by("pk").first()
    now = timezone.now()
    loaded = []
    for spec in BY_COUNTRY.get(center.country, BY_COUNTRY["CO"]):
        practice = practice_services.save_practice(center, {
            "title": spec.title, "category": spec.category, "context": spec.context,
            "what_was_done": spec.what_was_done, "results": spec.results, "lessons": spec.lessons,
        }, actor=author)
        practice = practice_services.submit_practice(practice, version=practice.version, actor=author)
        practice = practice_services.publish_practice(practice, version=practice.version, actor=curator,
                                                      featured=spec.featured, note=spec.curator_note)
        published_at = min(timezone.make_aware(datetime.combine(today - timedelta(days=spec.days_ago), time(11))),
                           now - timedelta(hours=1))
        created_at = published_at - timedelta(days=6)
        Practice.objects.filter(pk=practice.pk).update(published_at=published_at, created_at=created_at,
                                                       updated_at=published_at)
        Notification.objects.filter(center=center, url__contains=str(practice.uuid)).update(
            created_at=published_at, read_at=published_at)
        practice.refresh_from_db()
        loaded.append(practice)
    return loaded
