import copy


def test_copies(data, app):
    dict(data)["db"] = {}
    copy.copy(data)["x"] = 1
    local = data.copy()
    local["users"] = []
    merged = {**data, "x": 1}
    merged["db"] = None
    users = [*data["users"]]
    users.append({})
    head = data["users"][:]
    head.clear()
    deep = copy.deepcopy(data)
    deep["db"]["host"] = "y"
    copy.deepcopy(app).config["DEBUG"] = True
    names = {u["name"] for u in data["users"]}
    names.add("bob")
    by_name = {u["name"]: dict(u) for u in data["users"]}
    by_name["ann"]["name"] = "bob"
    ordered = sorted(data["users"], key=len)
    ordered.reverse()
