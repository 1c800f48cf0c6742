"""Alliances and personal assistance in the demo network: each center's organizations (with the
history of each relationship), agreements and referral pathways, from `data/alliances.toml` and
`data/pathways.toml`; and the cases `case_planner.py` drew for a share of its participants, with
their assessments, plans, follow-ups, confidential notes and referrals.

Everything is written through the apps' services (`save_organization`, `open_case`,
`create_referral`, `answer_referral`...), so audit entries, consents and notifications are those
the platform writes. The services stamp "now" on what they do; afterwards the times are set back
to when the plan says it happened, with queryset updates.
"""

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Max, Model
from django.utils import timezone

from integrhabitat.accounts.models import Notification, User
from integrhabitat.cases import services as case_services
from integrhabitat.cases.models import Assessment, Case, FollowUp, Goal, Note, Referral
from integrhabitat.demo.case_planner import CasePlan, GoalPlan, ReferralPlan
from integrhabitat.demo.catalogue import AllianceSpec, OrganizationSpec
from integrhabitat.demo.population import PersonPlan
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.partners import services as partner_services
from integrhabitat.partners.models import (
    Agreement,
    Organization,
    PartnerRole,
    Pathway,
    RelationshipStatus,
    Scale,
    Sector,
    StatusChange,
)
from integrhabitat.people import services as people_services
from integrhabitat.people.models import Consent, Participant
from integrhabitat.services.models import Service, ServiceDelivery

S = Referral.Status


def provider_name(provider: str) -> str:
    """The organization behind a catalogue provider: "Fundación X (aliado)" → "Fundación X"."""
    return provider.removesuffix(" (aliado)").strip()


STATUS_NOTES = {
    RelationshipStatus.IDENTIFIED: "Identificada en el mapeo de actores del territorio.",
    RelationshipStatus.CONTACTED: "Primera reunión con su equipo.",
    RelationshipStatus.NEGOTIATING: "Se conversa sobre un acuerdo de cooperación.",
    RelationshipStatus.AGREEMENT: "Se firmó el acuerdo.",
    RelationshipStatus.ACTIVE: "Empezó el trabajo conjunto.",
}


def _status_path(spec: OrganizationSpec, has_agreement: bool) -> list[str]:
    """The steps the relationship took to reach its current status. Public bodies and community
    groups often work with the center without signing anything."""
    RS = RelationshipStatus
    order = [RS.IDENTIFIED, RS.CONTACTED, RS.NEGOTIATING, RS.AGREEMENT, RS.ACTIVE]
    if spec.status == RS.INACTIVE:
        return [RS.IDENTIFIED, RS.CONTACTED, RS.AGREEMENT, RS.ACTIVE, RS.INACTIVE]
    if spec.status == RS.ACTIVE and not has_agreement:
        return [RS.IDENTIFIED, RS.CONTACTED, RS.ACTIVE]
    return order[: order.index(spec.status) + 1]


def _status_dates(spec: OrganizationSpec, path: list[str], agreements: list, today: date) -> list[date]:
    """When each step of `path` was taken: from `spec.since` months ago, the agreement step on the
    day its first agreement started, going inactive when the last one ended."""
    start = today - timedelta(days=30 * spec.since)
    if RelationshipStatus.AGREEMENT not in path or not agreements:
        gap = max(1, min(45, (today - start).days // len(path)))
        return [start + timedelta(days=gap * k) for k in range(len(path))]
    signed = today + timedelta(days=min(a.starts for a in agreements))
    start = min(start, signed - timedelta(days=60))
    before = path.index(RelationshipStatus.AGREEMENT)
    dates = [start + (signed - start) * k / before for k in range(before)] + [signed]
    for status in path[before + 1:]:
        if status == RelationshipStatus.ACTIVE:
            dates.append(min(signed + timedelta(days=14), today))
        else:  # inactive: when the last agreement ended
            dates.append(today + timedelta(days=max(a.ends or 0 for a in agreements) + 3))
    return dates


def _stamp(day: date, tz: ZoneInfo, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=tz)


def create_organizations(center: Center, alliance: AllianceSpec, *, actor: User, today: date,
                         tz: ZoneInfo) -> dict[str, Organization]:
    """The organizations of the center's territory, each with the history of its relationship."""
    organizations = {}
    for spec in alliance.organizations:
        agreements = [a for a in alliance.agreements if a.organization == spec.name]
        path = _status_path(spec, bool(agreements))
        person, email, phone = spec.contact
        data = {
            "name": spec.name, "sector": spec.sector, "scale": spec.scale, "roles": list(spec.roles),
            "priority_groups": list(spec.priority_groups), "description": spec.description,
            "contact_name": person, "contact_email": email, "contact_phone": phone, "website": spec.website,
            "address": spec.address, "status": path[0],
        }
        if spec.location:
            data["latitude"], data["longitude"] = (Decimal(f"{value:.6f}") for value in spec.location)
        notes = {**STATUS_NOTES, RelationshipStatus.INACTIVE: spec.inactive_note}
        organization = partner_services.save_organization(center, data, actor=actor, status_note=notes[path[0]])
        for status in path[1:]:
            organization = partner_services.save_organization(
                center, {"status": status}, actor=actor, organization=organization, status_note=notes[status])
        dates = _status_dates(spec, path, agreements, today)
        changes = list(StatusChange.objects.filter(organization=organization).order_by("id"))
        for change, day in zip(changes, dates, strict=True):
            change.changed_at = _stamp(day, tz)
        StatusChange.objects.bulk_update(changes, ["changed_at"])
        organization.created_at = _stamp(dates[0], tz, 9)
        organizations[spec.name] = organization
    Organization.objects.bulk_update(organizations.values(), ["created_at"])
    return organizations


def provider(center: Center, name: str, organizations: dict[str, Organization], *, actor: User) -> Organization | None:
    """The organization that provides a catalogue service; one missing from the alliances is created
    as an active provider, so that a new catalogue entry never breaks the load."""
    if not name:
        return None
    name = provider_name(name)
    if name not in organizations:
        organizations[name] = partner_services.save_organization(center, {
            "name": name, "sector": Sector.COOPERATION, "scale": Scale.MUNICIPAL, "roles": [PartnerRole.PROVIDER],
            "status": RelationshipStatus.ACTIVE,
        }, actor=actor)
    return organizations[name]


def create_agreements_and_pathways(center: Center, alliance: AllianceSpec, *, organizations: dict[str, Organization],
                                   services: dict[str, Service], actor: User, today: date,
                                   tz: ZoneInfo) -> tuple[int, dict[str, Pathway]]:
    """The center's agreements, dated from `today`, and its referral pathways; returns how many
    agreements, and the pathways by the need they serve."""
    for spec in alliance.agreements:
        agreement = partner_services.save_agreement(center, {
            "organization": organizations[spec.organization], "title": spec.title, "kind": spec.kind,
            "starts_on": today + timedelta(days=spec.starts),
            "ends_on": None if spec.ends is None else today + timedelta(days=spec.ends),
            "center_commitments": spec.center_commitments, "partner_commitments": spec.partner_commitments,
        }, actor=actor, services=[services[name] for name in spec.services])
        Agreement.objects.filter(pk=agreement.pk).update(
            created_at=_stamp(min(today, today + timedelta(days=spec.starts - 7)), tz))
    pathways = {}
    for spec in alliance.pathways:
        pathway = partner_services.save_pathway(center, {
            "need": spec.need, "category": spec.category, "description": spec.description}, actor=actor)
        for step in spec.steps:
            partner_services.add_pathway_step(pathway, {
                "organization": organizations[step.organization] if step.organization else None,
                "service": services[step.service] if step.service else None,
                "instructions": step.instructions, "requirements": step.requirements, "documents": step.documents,
            }, actor=actor)
        pathways[spec.key] = pathway
    return len(alliance.agreements), pathways


class CaseLoader:
    """Writes a center's planned cases through the cases services, then sets their times back."""

    def __init__(self, center: Center, alliance: AllianceSpec, *, people: list[Participant],
                 person_plans: list[PersonPlan], services: list[Service], organizations: dict[str, Organization],
                 pathways: dict[str, Pathway], tz: ZoneInfo) -> None:
        self.center = center
        self.alliance = alliance
        self.people = people
        self.person_plans = person_plans
        self.services = services
        self.services_by_name = {s.name: s for s in services}
        self.organizations = organizations
        self.pathways = pathways
        self.tz = tz
        self.memberships = {m.user.username: m for m in Membership.objects.filter(center=center).select_related("user")}
        self.consents: dict[tuple[int, int], Consent] = {}
        self.now = timezone.now()
        self.referrals = 0
        self.deliveries = 0
        # Times to set back, written in bulk once the cases are loaded: model → pk → field → value.
        self.times: dict[type[Model], dict[int, dict[str, Any]]] = defaultdict(lambda: defaultdict(dict))
        self.last_notification = Notification.objects.aggregate(last=Max("id"))["last"] or 0
        self.partner_staff = Counter(
            Membership.objects.active().filter(center=center, role=Role.PARTNER).values_list("organization", flat=True))

    def user(self, username: str) -> User:
        return self.memberships[username].user

    def past(self, moment: datetime | None, minutes: int = 0) -> datetime | None:
        """Keep the plan's times in the past when the demo is loaded early in the morning."""
        if moment is None:
            return None
        return min(moment, self.now - timedelta(minutes=60 - minutes))

    def set_time(self, model: type[Model], pk: int, **fields: Any) -> None:
        self.times[model][pk].update(fields)

    def load(self, cases: list[CasePlan]) -> None:
        for plan in cases:
            self._case(plan)
        for model, rows in self.times.items():
            by_fields = defaultdict(list)
            for pk, fields in rows.items():
                by_fields[tuple(sorted(fields))].append(model(pk=pk, **fields))
            for names, objects in by_fields.items():
                model.objects.bulk_update(objects, names, batch_size=500)

    def _case(self, plan: CasePlan) -> None:
        worker = self.user(plan.assigned)
        case = case_services.open_case(
            self.people[plan.person], assigned_to=worker, actor=worker, priority=plan.priority, summary=plan.summary,
            team=[self.user(u) for u in plan.team], opened_on=plan.opened_on,
        )
        self.set_time(Case, case.pk, created_at=self.past(_stamp(plan.opened_on, self.tz, 9)))
        for day, values, notes in plan.assessments:
            assessment = case_services.add_assessment(case, {"assessed_on": day, **values, "notes": notes},
                                                      actor=worker)
            self.set_time(Assessment, assessment.pk, created_at=self.past(_stamp(day, self.tz, 11)))
        for goal_plan in plan.goals:
            self._goal(case, goal_plan, worker)
        for follow_up in plan.follow_ups:
            scheduled = case_services.schedule_follow_up(
                case, due_on=follow_up.due_on, channel=follow_up.channel, purpose=follow_up.purpose,
                assigned_to=worker, actor=worker)
            if follow_up.done_on:
                case_services.record_follow_up(scheduled, outcome=follow_up.outcome, note=follow_up.note, actor=worker)
                self.set_time(FollowUp, scheduled.pk, done_on=follow_up.done_on)
        for when, author, body in plan.notes:
            note = case_services.add_note(case, body, membership=self.memberships[author])
            self.set_time(Note, note.pk, created_at=self.past(when))
        for referral in plan.referrals:
            self._referral(case, referral, self.person_plans[plan.person])
        case.refresh_from_db()
        if plan.status == Case.Status.ON_HOLD:
            case_services.update_case(case, {"status": Case.Status.ON_HOLD}, version=case.version, actor=worker)
        elif plan.status == Case.Status.CLOSED:
            reason, note = plan.closure
            case_services.close_case(case, reason=reason, note=note, version=case.version, actor=worker)
            self.set_time(Case, case.pk, closed_on=plan.closed_on)

    def _goal(self, case: Case, plan: GoalPlan, worker: User) -> None:
        goal = case_services.add_goal(case, {"title": plan.title, "category": plan.category, "due_on": plan.due_on},
                                      actor=worker)
        self.set_time(Goal, goal.pk, created_at=self.past(_stamp(case.opened_on, self.tz, 12)))
        for description, done_on, delivered in plan.actions:
            delivery = None
            if delivered is not None:
                service, delivered_on = delivered
                delivery = ServiceDelivery.objects.filter(
                    participant=case.participant, service=self.services[service], delivered_on=delivered_on).first()
            case_services.add_action(goal, description=description, done_on=done_on, actor=worker, delivery=delivery)
        if goal.status != plan.status:
            case_services.set_goal_status(goal, plan.status, actor=worker)

    def _consent(self, person: Participant, plan: PersonPlan, organization: Organization, given_at: datetime,
                 actor: User) -> None:
        """The person's consent to share their data with `organization`, asked when first referred there."""
        if (person.pk, organization.pk) in self.consents:
            return
        given_by = plan.consent.get("given_by", Consent.GivenBy.SELF)
        consent = people_services.record_consent(
            person, purpose=Consent.Purpose.REFERRAL, organization=organization, given_by=given_by,
            given_by_name=plan.consent.get("given_by_name", ""),
            method=Consent.Method.SIGNED if given_by != Consent.GivenBy.SELF else Consent.Method.VERBAL, actor=actor,
        )
        self.set_time(Consent, consent.pk, given_at=self.past(given_at))
        self.consents[person.pk, organization.pk] = consent

    def _referral(self, case: Case, plan: ReferralPlan, person: PersonPlan) -> None:
        organization = self.organizations[plan.organization] if plan.organization else None
        service = self.services_by_name[plan.service] if plan.service else None
        author = self.memberships[plan.author]
        if organization is not None and plan.fate != S.DRAFT and not plan.override:
            self._consent(case.participant, person, organization, plan.created - timedelta(minutes=3), author.user)
        referral = case_services.create_referral(case, {
            "organization": organization, "service": service, "pathway": self.pathways.get(plan.pathway),
            "reason": plan.reason, "urgency": plan.urgency, "shared_fields": plan.shared,
            "override_reason": plan.override,
        }, membership=author, send=plan.fate != S.DRAFT)
        # Sending notifies the organization's partner staff; answering and attending, the case worker.
        notified = [plan.sent] * (self.partner_staff[organization.pk] if organization and plan.sent else 0)
        # Partner staff answer for their organization; for the others the case worker records the
        # answer the organization gave by phone or e-mail.
        partner = self.alliance.partner_user
        answerer = case.assigned_to
        if partner and plan.organization == self.alliance.partner_organization:
            answerer = self.user(partner.username)
        if plan.answered:
            referral = case_services.answer_referral(referral, accept=plan.fate != S.REJECTED, note=plan.answer_note,
                                                     version=referral.version, actor=answerer)
            notified.append(plan.answered)
        if plan.attended:
            deliverable = service if service and service.status in (Service.Status.ACTIVE,
                                                                    Service.Status.UNDER_REVIEW) else None
            delivered_on = min(plan.attended.astimezone(self.tz).date(), timezone.localdate())
            referral = case_services.mark_attended(referral, feedback=plan.feedback, version=referral.version,
                                                   actor=answerer, service=deliverable, delivered_on=delivered_on)
            self.deliveries += deliverable is not None
            notified.append(plan.attended)
        if plan.closed:
            referral = case_services.close_referral(referral, version=referral.version, actor=case.assigned_to,
                                                    cancel=plan.fate == S.CANCELLED)
        self.set_time(Referral, referral.pk, created_at=self.past(plan.created, 1), sent_at=self.past(plan.sent, 2),
                      answered_at=self.past(plan.answered, 4), attended_at=self.past(plan.attended, 6),
                      closed_at=self.past(plan.closed, 8))
        self._date_notifications(notified)
        self.referrals += 1

    def _date_notifications(self, moments: list[datetime]) -> None:
        """Date the notifications the referral's service calls left, in the order they were left,
        at the moments the plan says; those older than two days were read by then."""
        new = list(Notification.objects.filter(id__gt=self.last_notification).order_by("id").values_list(
            "id", flat=True))
        for pk, moment in zip(new, moments, strict=False):
            when = self.past(moment, 2)
            read = when + timedelta(hours=3) if when < self.now - timedelta(days=2) else None
            self.set_time(Notification, pk, created_at=when, read_at=read)
        self.last_notification = max(new, default=self.last_notification)
