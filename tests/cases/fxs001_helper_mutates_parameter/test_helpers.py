from helpers import Admin, add_user, register, set_flag


def local_helper(mapping):
    mapping["users"] = []


def test_helpers(db, settings):
    add_user(db, "ann")  # error: FXS002
    register(name="bob", db=db)  # error: FXS002
    local_helper(db)  # error: FXS001
    set_flag(settings, flag=True)  # error: FXS003
    Admin().promote(db, "ann")  # error: FXS002
