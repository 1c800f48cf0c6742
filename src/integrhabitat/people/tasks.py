"""The background side of duplicate detection: a scan of a large network, run by `integrhabitat db_worker`."""

from django.tasks import task

from integrhabitat.network.models import Center
from integrhabitat.people import duplicates

# Up to this many active people, the queue's button scans at once (about 5 s); more, in the background.
INLINE_SCAN_MAX = 20_000


@task()
def scan_duplicates(center_id: int | None) -> dict:
    """Scan one center (`center_id`) or the whole network (None) for possible duplicates."""
    center = Center.objects.get(pk=center_id) if center_id is not None else None
    result = duplicates.scan(center)
    return {"people": result.people, "found": result.found, "created": result.created}
