import copy


def test_members_given_their_own_values(frozen):
    merged = {**frozen, "users": []}
    merged["users"].append(1)
    merged["other"].append(1)  # error: FXS002
    record = frozen.copy()
    record["k"] = 1
    record["device"]["x"] = 2  # error: FXS001
    record["users"] = []
    record["users"].append(1)


def test_a_readable_copy_method(table, shares, same):
    rows = table.copy()
    rows.rows.append([2])
    rows.meta["b"] = 2
    shared = shares.copy()
    shared.meta["x"] = 1
    shared.rows.append(1)  # error: FXS002
    itself = same.copy()
    itself.rows.append(1)  # error: FXS002
    copy.deepcopy(same).rows.append(1)
