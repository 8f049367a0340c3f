def test_it(async_client, aliased, imported_name, plain):
    assert plain
