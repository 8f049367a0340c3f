from .fixtures import db


def test_inserts(db):
    db["rows"].append({"id": 1})  # error: FXS002


def test_not_imported(store):
    store["hits"].append(1)
