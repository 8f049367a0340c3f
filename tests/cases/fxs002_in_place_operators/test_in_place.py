def test_in_place(shared, names, bag):
    names += ["bob"]  # error: FXS002
    tags = shared["tags"]
    tags |= {"b"}  # error: FXS002
    extra = shared["extra"]
    extra |= {"j": 2}  # error: FXS002
    blob = shared["blob"]
    blob *= 2  # error: FXS002
    bag += ["x"]  # error: FXS002
