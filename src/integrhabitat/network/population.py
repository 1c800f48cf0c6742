"""The population groups a center gives priority to (`Center.priority_groups`): their codes and names, the
network's shared vocabulary, below every app that uses it. Who belongs to each group is read from a person's
record in `people/groups.py`, which defines one group for each code here, in this order (its test holds them
together)."""

from django.utils.translation import gettext_lazy as _

POPULATION_GROUPS = {
    "children": _("Children and adolescents"),
    "older_adults": _("Older adults"),
    "women": _("Women and girls"),
    "host_community": _("Host community"),
    "refugees_migrants": _("Refugees and migrants"),
    "returned": _("Returned nationals"),
    "displaced": _("Internally displaced people"),
    "disability": _("People with disabilities"),
    "victims": _("Victims of violence or disasters"),
    "street": _("People living on the street"),
    "ethnic": _("Ethnic groups"),
    "lgbtqi": _("LGBTQI+ people"),
}

GROUP_CHOICES = list(POPULATION_GROUPS.items())
