import copy


def test_remove_user(db_conn):
    db_conn["users"].remove("alice")
    assert "alice" not in db_conn["users"]


def test_debug_mode(db_conn):
    settings = db_conn["settings"]
    settings["debug"] = True
    assert settings["debug"]


def test_count_users(db_conn):
    users = copy.deepcopy(db_conn["users"])
    users.append("carol")
    assert len(db_conn["users"]) == 2
