from helpers import count_users, fill, with_copy


def test_helpers(db):
    count_users(db)
    fill(db, {"users": []})
    with_copy(db)
    print(db)
    sorted(db["users"])
