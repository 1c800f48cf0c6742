"""Fetching cases and referrals through the tenant and the user's caseload: another center's,
another team's (for a case worker) and a missing one all give 404."""

from django.shortcuts import get_object_or_404

from integrhabitat.cases.models import Case, FollowUp, Goal, Referral
from integrhabitat.network.access import has_perm
from integrhabitat.network.roles import CASES_ALL


def visible_cases(request):
    return Case.objects.filter(center=request.center).visible_to(request.user, see_all=has_perm(request, CASES_ALL))


def access_case(request, case_id) -> Case:
    return get_object_or_404(
        visible_cases(request).select_related("participant", "assigned_to", "center"), uuid=case_id)


def access_goal(request, case: Case, goal_id) -> Goal:
    return get_object_or_404(Goal, case=case, uuid=goal_id)


def access_follow_up(request, case: Case, follow_up_id) -> FollowUp:
    return get_object_or_404(FollowUp, case=case, uuid=follow_up_id)


def access_referral(request, referral_id) -> Referral:
    return get_object_or_404(
        Referral.objects.select_related("case__center", "case__assigned_to", "participant", "organization",
                                        "service", "pathway", "consent"),
        center=request.center, case__in=visible_cases(request), uuid=referral_id)


def access_partner_referral(request, referral_id) -> Referral:
    """A referral sent to the partner's own organization; drafts are not theirs to see."""
    return get_object_or_404(
        Referral.objects.select_related("participant", "organization", "service", "case__center"),
        center=request.center, organization=request.membership.organization_id, uuid=referral_id,
        sent_at__isnull=False)
