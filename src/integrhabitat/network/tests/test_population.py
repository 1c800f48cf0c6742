"""The population groups a center may give priority to are those `people.groups` derives, named alike."""

from django.utils import translation

from integrhabitat.network.population import GROUP_CHOICES
from integrhabitat.people.groups import GROUPS


def test_the_vocabulary_names_each_derived_group_by_its_code_in_order():
    for language in ("es", "en"):
        with translation.override(language):
            assert [(code, str(label)) for code, label in GROUP_CHOICES] == [
                (group.code, str(group.label)) for group in GROUPS.values()], language
