def test_closure_shadowing(data):
    def add_user(data, name):
        data["users"].append({"name": name})

    add_user({"users": []}, "bob")
    reset = lambda data: data.clear()
    reset({})
