"""Certificates of participation for courses and workshop series, when attendance criteria are met."""

from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integrhabitat.communities.models import Attendance, Group, Member
from integrhabitat.lib.numbers import day, percent
from integrhabitat.lib.pdf import Document

# Share of the group's sessions held so far that a member must have attended.
MIN_ATTENDANCE = 0.75
CERTIFIED_KINDS = (Group.Kind.COURSE, Group.Kind.WORKSHOP)


def attendance_share(member: Member) -> float | None:
    held = member.group.sessions.filter(date__lte=timezone.localdate()).count()
    if held == 0:
        return None
    attended = Attendance.objects.filter(session__group=member.group, participant=member.participant).count()
    return attended / held


def eligible(member: Member) -> bool:
    share = attendance_share(member)
    return (member.group.kind in CERTIFIED_KINDS and member.status != Member.Status.WAITING
            and share is not None and share >= MIN_ATTENDANCE)


def certified_members(group: Group) -> set[int]:
    """The participant ids of the group's members who earn the certificate, in two queries."""
    if group.kind not in CERTIFIED_KINDS:
        return set()
    held = group.sessions.filter(date__lte=timezone.localdate()).count()
    if held == 0:
        return set()
    counts = (Attendance.objects.filter(session__group=group).values("participant")
              .annotate(n=Count("id")).values_list("participant", "n"))
    members = set(group.members.exclude(status=Member.Status.WAITING).values_list("participant_id", flat=True))
    return {pk for pk, n in counts if pk in members and n / held >= MIN_ATTENDANCE}


def certificate(member: Member) -> bytes:
    """An A4 landscape certificate, in the participant's language."""
    person, group = member.participant, member.group
    language = person.preferred_language if person.preferred_language in ("es", "en") else "es"
    share = attendance_share(member) or 0
    with translation.override(language):
        pdf = Document(width_mm=297, height_mm=210, title=_("Certificate of participation"))
        pdf.set_draw_color(11, 87, 72)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, 277, 190)
        pdf.write_line(20, 30, 257, group.center.name, size=16, bold=True, align="C")
        pdf.write_line(20, 55, 257, _("Certificate of participation"), size=28, bold=True, align="C", height=14)
        pdf.write_line(20, 85, 257, _("is awarded to"), size=14, align="C")
        pdf.write_line(20, 97, 257, person.full_name, size=24, bold=True, align="C", height=12)
        pdf.write_line(20, 120, 257, _("for taking part in “%(name)s” (%(kind)s), with %(share)s of its sessions.")
                       % {"kind": group.get_kind_display().lower(), "name": group.name,
                          "share": percent(round(share * 100))},
                       size=14, align="C", height=8)
        dates = " – ".join(day(d) for d in (group.starts_on, group.ends_on) if d)
        if dates:
            pdf.write_line(20, 145, 257, dates, size=12, align="C")
        pdf.write_line(20, 175, 257, _("%(city)s, %(date)s · participant code %(code)s") % {
            "city": group.center.city, "date": day(timezone.localdate()), "code": person.code},
            size=10, align="C")
        return pdf.bytes()
