import pytest

from portal.groups.models import Group


@pytest.fixture
def anchor():
    """The demo chair's recognised TRA (Anchor House, 240 homes)."""
    return Group.objects.get(name__startswith="Anchor House")


@pytest.fixture
def barge():
    """A forming group whose officers are not the demo chair."""
    return Group.objects.get(name__startswith="Barge House")
