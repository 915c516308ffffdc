import pytest

from tests.factories import Bureau, make_bureau


@pytest.fixture
def bureau(db) -> Bureau:
    return make_bureau()
