import pytest

from myapp import app, get_db


def fake_db():
    return "fake"


@pytest.fixture(scope="session")
def client():
    app.dependency_overrides[get_db] = fake_db  # error: FXS022
    yield app
    app.dependency_overrides.clear()


@pytest.fixture
def overridden():
    app.dependency_overrides[get_db] = fake_db
    yield app
    app.dependency_overrides.clear()


@pytest.fixture
def overridden_with_finalizer(request):
    app.dependency_overrides[get_db] = fake_db
    request.addfinalizer(app.dependency_overrides.clear)
    return app


@pytest.fixture
def overridden_forever():
    app.dependency_overrides[get_db] = fake_db  # error: FXS020
    return app
