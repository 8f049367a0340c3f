def test_mutating_methods(store):
    store.add("x")  # error: FXS002
    store.rename("y")  # error: FXS002
    store.forget("k")  # error: FXS002
    store.reset()  # error: FXS002
    store.items.append("z")  # error: FXS002
