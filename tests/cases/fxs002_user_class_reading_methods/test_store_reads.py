def test_reading_methods(store):
    store.first()
    store.snapshot()
    assert store.size == 0
    store.items.index("x")
    store.items.count("x")
    store.index.get("k")
    store.index.keys()
