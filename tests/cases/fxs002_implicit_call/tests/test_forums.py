def test_selects_forum(client):
    client.forums("python")  # error: FXS002


def test_explicit_call(client):
    client.forums.__call__("rust")  # error: FXS002


def test_reads(client):
    assert client.reader("x") == "X"
