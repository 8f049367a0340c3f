import pytest


@pytest.fixture
def cfg(request):
    return dict(request.param)
