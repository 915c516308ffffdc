import pytest

from tests.center.helpers import Center, make_center


@pytest.fixture
def center(bureau) -> Center:
    return make_center(bureau)
