import copy


def test_shallow_copies(data):
    dict(data)["db"]["host"] = "y"  # error: FXS001
    copy.copy(data)["users"].append({})  # error: FXS002
    local = data.copy()
    local["db"]["port"] = 1  # error: FXS001
    merged = {**data}
    merged["users"][0]["name"] = "bob"  # error: FXS001
    users = list(data["users"])
    users[0]["name"] = "bob"  # error: FXS001
