def test_db(connection, strict_mode, mode_reader, local_mode):
    assert connection is not None
