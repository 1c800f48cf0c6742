"""The six service categories of the seed (§6, §7) and the seeded taxonomy of service types.

Codes are stable (they are stored and published as HSDS taxonomy terms); labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    HUMANITARIAN = "I", _("I. Humanitarian assistance and access to social protection")
    CARE = "II", _("II. Support for care work")
    HOUSING = "III", _("III. Access to adequate housing")
    PARTICIPATION = "IV", _("IV. Participation, inclusive governance and co-creation of territory")
    ECONOMY = "V", _("V. Entrepreneurship, innovation and solidarity economy")
    CULTURE = "VI", _("VI. Culture, diversity and coexistence")


SHORT_CATEGORY_LABELS = {
    Category.HUMANITARIAN: _("Humanitarian assistance"),
    Category.CARE: _("Care"),
    Category.HOUSING: _("Housing"),
    Category.PARTICIPATION: _("Participation"),
    Category.ECONOMY: _("Economy"),
    Category.CULTURE: _("Culture and coexistence"),
}

# code → (category, label)
SERVICE_TYPES: dict[str, tuple[Category, object]] = {
    # I. Humanitarian assistance and access to social protection
    "I.food": (Category.HUMANITARIAN, _("Food assistance")),
    "I.hygiene": (Category.HUMANITARIAN, _("Hygiene and basic kits")),
    "I.cash": (Category.HUMANITARIAN, _("Cash or voucher transfers")),
    "I.orientation": (Category.HUMANITARIAN, _("Information and orientation on rights and routes")),
    "I.legal": (Category.HUMANITARIAN, _("Legal advice and documentation")),
    "I.health": (Category.HUMANITARIAN, _("Health care and access to health services")),
    "I.psychosocial": (Category.HUMANITARIAN, _("Psychosocial support")),
    "I.protection": (Category.HUMANITARIAN, _("Protection and response to violence")),
    "I.social_protection": (Category.HUMANITARIAN, _("Enrolment in social protection programmes")),
    "I.connectivity": (Category.HUMANITARIAN, _("Connectivity, phone charging and communication with family")),
    # II. Support for care work
    "II.childcare": (Category.CARE, _("Child care and early childhood spaces")),
    "II.elder_care": (Category.CARE, _("Support for the care of older adults")),
    "II.disability_care": (Category.CARE, _("Support for the care of people with disabilities")),
    "II.carer_respite": (Category.CARE, _("Respite and support for carers")),
    "II.laundry_kitchen": (Category.CARE, _("Community laundry and kitchen")),
    "II.school_support": (Category.CARE, _("School support and homework clubs")),
    # III. Access to adequate housing
    "III.temporary_shelter": (Category.HOUSING, _("Temporary shelter")),
    "III.rental_advice": (Category.HOUSING, _("Advice on renting and tenancy rights")),
    "III.housing_improvement": (Category.HOUSING, _("Housing improvement")),
    "III.housing_subsidies": (Category.HOUSING, _("Access to housing subsidies")),
    "III.public_space": (Category.HOUSING, _("Improvement of public space and habitat")),
    # IV. Participation, inclusive governance and co-creation of territory
    "IV.community_organization": (Category.PARTICIPATION, _("Community organization and leadership")),
    "IV.participatory_diagnosis": (Category.PARTICIPATION, _("Participatory diagnosis and planning")),
    "IV.citizenship_training": (Category.PARTICIPATION, _("Training in citizenship and participation")),
    "IV.local_initiatives": (Category.PARTICIPATION, _("Support for local initiatives")),
    "IV.territory_cocreation": (Category.PARTICIPATION, _("Co-creation of the territory")),
    # V. Entrepreneurship, innovation and solidarity economy
    "V.employment": (Category.ECONOMY, _("Employment orientation and job placement")),
    "V.vocational_training": (Category.ECONOMY, _("Vocational training")),
    "V.entrepreneurship": (Category.ECONOMY, _("Entrepreneurship support")),
    "V.financial_inclusion": (Category.ECONOMY, _("Financial education and inclusion")),
    "V.solidarity_economy": (Category.ECONOMY, _("Cooperatives and solidarity economy")),
    "V.digital_skills": (Category.ECONOMY, _("Digital skills")),
    # VI. Culture, diversity and coexistence
    "VI.cultural_activities": (Category.CULTURE, _("Cultural and artistic activities")),
    "VI.sport_recreation": (Category.CULTURE, _("Sport and recreation")),
    "VI.intercultural": (Category.CULTURE, _("Intercultural exchange")),
    "VI.language": (Category.CULTURE, _("Language classes")),
    "VI.coexistence": (Category.CULTURE, _("Coexistence, mediation and conflict resolution")),
    "VI.anti_xenophobia": (Category.CULTURE, _("Campaigns against xenophobia and discrimination")),
}

SERVICE_TYPE_CHOICES = [
    (category.label, [(code, label) for code, (cat, label) in SERVICE_TYPES.items() if cat == category])
    for category in Category
]


def category_of(service_type: str) -> Category:
    return SERVICE_TYPES[service_type][0]
