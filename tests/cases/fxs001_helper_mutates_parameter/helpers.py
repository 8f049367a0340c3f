def add_user(db, name):
    db["users"].append(name)


def register(db, name):
    add_user(db, name)


def set_flag(target, *, flag):
    target.flags = flag


def count_users(db):
    return len(db["users"])


def fill(source, target):
    target["users"] = list(source["users"])


def with_copy(db):
    db = dict(db)
    db["users"] = []


class Admin:
    def promote(self, db, name):
        db["admins"].append(name)
