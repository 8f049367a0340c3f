from myapp import app, get_db


def test_uses_client(client):
    assert client.dependency_overrides


def test_override_in_test():
    app.dependency_overrides[get_db] = lambda: "other"  # error: FXS020
    assert app.dependency_overrides


def test_override_restored_in_finally():
    app.dependency_overrides[get_db] = lambda: "other"
    try:
        assert app.dependency_overrides
    finally:
        app.dependency_overrides.clear()


def test_reads_only():
    assert get_db not in app.dependency_overrides
    assert app.dependency_overrides.get(get_db) is None
