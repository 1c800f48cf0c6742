
from integrhabitat.network.models import Membership


def membership(world, user) -> Membership:
    return Membership.objects.get(center=world.center_a, user=user)
