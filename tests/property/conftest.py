import pytest

from lawtrail.supervision import runtime
from lawtrail.supervision.loader import Catalogue, default_catalogue
from tests.property.catalogue import property_rules_live
from tests.property.helpers import Center, make_center


@pytest.fixture
def center(bureau) -> Center:
    return make_center(bureau)


@pytest.fixture
def live_property_rules(monkeypatch: pytest.MonkeyPatch) -> Catalogue:
    """The engine sees the catalogue with its §9 property rules switched on (tests/property/catalogue.py)."""
    catalogue = property_rules_live(default_catalogue())
    monkeypatch.setattr(runtime, "default_catalogue", lambda: catalogue)
    return catalogue
