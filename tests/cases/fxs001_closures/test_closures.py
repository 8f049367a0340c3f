def test_closure(data):
    def add_user(name):
        data["users"].append({"name": name})  # error: FXS002

    add_user("bob")
    reset = lambda: data["db"].clear()  # error: FXS002
    reset()
