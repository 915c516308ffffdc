import pytest

from tests.property.helpers import Center, make_center


@pytest.fixture
def center(bureau) -> Center:
    return make_center(bureau)
