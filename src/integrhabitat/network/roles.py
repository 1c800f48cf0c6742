"""The one catalogue of roles and what each may do (RapidPro's GROUP_PERMISSIONS).

Views and services ask `has_perm(membership_or_user, "people.view")`; nothing else decides access.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Center coordinator")
    CASE_WORKER = "case_worker", _("Case worker")
    FACILITATOR = "facilitator", _("Facilitator")
    FRONT_DESK = "front_desk", _("Front desk / volunteer")
    VIEWER = "viewer", _("Viewer")
    PARTNER = "partner", _("Partner organization staff")


# Permissions inside one center.
CENTER_VIEW = "center.view"  # the center home and its figures
CENTER_MANAGE = "center.manage"  # the center's attributes
STAFF_MANAGE = "center.staff"  # staff and their roles
AUDIT_VIEW = "audit.view"  # audit trails
PEOPLE_VIEW = "people.view"  # find people and open their profile (non-sensitive part)
PEOPLE_REGISTER = "people.register"  # register a person, record consent
PEOPLE_EDIT = "people.edit"  # correct a person's data, households
PEOPLE_EXPORT = "people.export"  # download the register: birth dates, phones, emails, documents of many people
SENSITIVE_VIEW = "people.sensitive_view"  # read mobility status, disability, victimhood, LGBTQI+...
SENSITIVE_EDIT = "people.sensitive_edit"  # change them after registration
PEOPLE_IMPORT = "people.import"  # take in people, deliveries and attendance from spreadsheets
DUPLICATES_REVIEW = "people.duplicates"  # the duplicate queue: merge two records of one person, undo a merge
PEOPLE_ANONYMIZE = "people.anonymize"  # erase a person by anonymizing their record (their figures stay)
SERVICES_VIEW = "services.view"
SERVICES_MANAGE = "services.manage"
DELIVERY_RECORD = "services.delivery_record"  # record services given, one by one or in bulk
DELIVERY_DELETE = "services.delivery_delete"  # undo a delivery recorded by mistake
PARTNERS_VIEW = "partners.view"  # the actor map and the organizations' public facts
PARTNERS_MANAGE = "partners.manage"  # organizations, their status, agreements and pathways
AGREEMENTS_VIEW = "partners.agreements_view"  # agreements and their documents
CASES_VIEW = "cases.view"  # cases the user works on (their team's), their agenda
CASES_MANAGE = "cases.manage"  # open cases, plan, follow up, refer
CASES_ALL = "cases.all"  # every case of the center, not only the user's team's
REFERRAL_OVERRIDE = "cases.referral_override"  # refer without the person's consent, with a written reason
REFERRALS_RECEIVE = "partners.referrals_receive"  # the partner's inbox: answer referrals, record their services
COMMUNITIES_VIEW = "communities.view"  # groups, their members and sessions (attendance: DELIVERY_RECORD)
COMMUNITIES_MANAGE = "communities.manage"  # create groups, sign people up, schedule sessions
COCREATION_VIEW = "cocreation.view"  # processes and proposals; record proposals, supports, comments for people
COCREATION_MANAGE = "cocreation.manage"  # participatory processes, their meetings, comment moderation
PROPOSAL_ANSWER = "cocreation.answer"  # the center's public answer to a proposal, and its progress
FEEDBACK_HANDLE = "improvement.feedback"  # suggestions, complaints and compliments: answer them
FEEDBACK_RESTRICTED = "improvement.feedback_restricted"  # complaints of abuse or misconduct, escalations
INDICATORS_VIEW = "improvement.indicators"  # the dashboard, its exports, service reviews, the canvas
INDICATORS_MANAGE = "improvement.indicators_manage"  # targets, manual indicators and their values
SERVICE_REVIEW = "improvement.review"  # review a service and decide: continue, adapt, retire, replace
ACCOUNTABILITY_MANAGE = "improvement.accountability"  # public reports, accountability events, commitments
PRACTICES_VIEW = "improvement.practices"  # the network's library of best practices
PRACTICES_WRITE = "improvement.practices_write"  # share the center's practices with the network
PRIVACY_REQUESTS = "privacy.requests"  # people's requests about their data (access, correction, erasure...)
BREACHES_MANAGE = "privacy.breaches"  # the register of data breaches and their notices
MFA_REQUIRED = "accounts.mfa_required"  # sign in with a second step (roles that read sensitive data)

# The front desk registers families and corrects contact data, but once a person is registered
# it no longer reads (nor changes) their sensitive answers.
_FRONT_DESK = {CENTER_VIEW, PEOPLE_VIEW, PEOPLE_REGISTER, PEOPLE_EDIT, SERVICES_VIEW, DELIVERY_RECORD, PARTNERS_VIEW,
               COMMUNITIES_VIEW, COCREATION_VIEW, PRACTICES_VIEW}
_FACILITATOR = {CENTER_VIEW, PEOPLE_VIEW, PEOPLE_REGISTER, SERVICES_VIEW, DELIVERY_RECORD, PARTNERS_VIEW,
                COMMUNITIES_VIEW, COMMUNITIES_MANAGE, COCREATION_VIEW, COCREATION_MANAGE, PRACTICES_VIEW,
                PRACTICES_WRITE, INDICATORS_VIEW}
# Only those who follow people up take the register away in a file: the front desk and facilitators
# find people one at a time.
_CASE_WORKER = _FRONT_DESK | {SENSITIVE_VIEW, SENSITIVE_EDIT, PEOPLE_EXPORT, DELIVERY_DELETE, AGREEMENTS_VIEW,
                              CASES_VIEW, CASES_MANAGE, FEEDBACK_HANDLE, INDICATORS_VIEW, PRACTICES_WRITE,
                              PRIVACY_REQUESTS, MFA_REQUIRED}
_COORDINATOR = _CASE_WORKER | {CENTER_MANAGE, STAFF_MANAGE, AUDIT_VIEW, SERVICES_MANAGE, PARTNERS_MANAGE,
                               PEOPLE_IMPORT, DUPLICATES_REVIEW, CASES_ALL, REFERRAL_OVERRIDE, COMMUNITIES_MANAGE,
                               COCREATION_MANAGE, PROPOSAL_ANSWER, FEEDBACK_RESTRICTED, INDICATORS_MANAGE,
                               SERVICE_REVIEW, ACCOUNTABILITY_MANAGE, BREACHES_MANAGE, PEOPLE_ANONYMIZE}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(_COORDINATOR),
    Role.CASE_WORKER: frozenset(_CASE_WORKER),
    Role.FACILITATOR: frozenset(_FACILITATOR),
    Role.FRONT_DESK: frozenset(_FRONT_DESK),
    Role.VIEWER: frozenset({CENTER_VIEW, SERVICES_VIEW, PARTNERS_VIEW, INDICATORS_VIEW, PRACTICES_VIEW}),
    # Partner staff see nothing of the center but the referrals sent to their organization.
    Role.PARTNER: frozenset({REFERRALS_RECEIVE}),
}

# Network-level permission: aggregates of every center, never personal data.
NETWORK_OVERVIEW = "network.overview"


def roles_with(perm: str) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


def role_has_perm(role: str | None, perm: str) -> bool:
    return role is not None and perm in ROLE_PERMISSIONS.get(role, frozenset())
