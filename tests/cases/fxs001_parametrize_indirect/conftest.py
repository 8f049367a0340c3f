import pytest


@pytest.fixture(scope="session")
def cfg(request):
    return {"flags": {}, "param": request.param}
