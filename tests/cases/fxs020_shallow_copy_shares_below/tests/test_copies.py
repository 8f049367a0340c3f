import copy
from collections import OrderedDict

from app.records import COPYABLE, FROZEN, SAME, SHARES, SIM_RECORD, TABLE

SETTINGS = OrderedDict(plugins=[], name="x")


def test_a_copy_is_new_at_its_top_level():
    record = SIM_RECORD.copy()
    record["k"] = 1
    record["device"]["direct_access"] = False  # error: FXS020


def test_every_shallow_copy_shares_below():
    dict(SIM_RECORD)["device"]["x"] = 1  # error: FXS020
    list(FROZEN["users"]).append(1)
    FROZEN["users"][:].append(1)
    spread = {**SIM_RECORD}
    spread["k"] = 2
    spread["device"]["y"] = 2  # error: FXS020
    listed = [*FROZEN["users"]]
    listed.append(3)
    copy.copy(SIM_RECORD)["users"].append(1)  # error: FXS020
    copy.deepcopy(SIM_RECORD)["users"].append(1)
    SETTINGS.copy()["plugins"].append("p")  # error: FXS020


def test_members_given_their_own_values():
    merged = {**FROZEN, "users": []}
    merged["users"].append(1)
    merged["other"].append(1)  # error: FXS020
    record = SIM_RECORD.copy()
    record["users"] = []
    record["users"].append(1)
    keyword = dict(FROZEN, other=[])
    keyword["other"].append(1)
    before = {"users": [], **FROZEN}
    before["users"].append(1)  # error: FXS020


def test_a_readable_copy_method():
    table = TABLE.copy()
    table.rows.append([2])
    table.meta["b"] = 2
    shares = SHARES.copy()
    shares.meta["x"] = 1
    shares.rows.append(1)  # error: FXS020
    same = SAME.copy()
    same.rows.append(1)  # error: FXS020
    copy.copy(COPYABLE).rows.append(1)  # error: FXS020
    copy.deepcopy(SAME).rows.append(1)
