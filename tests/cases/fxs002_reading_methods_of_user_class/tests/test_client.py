def test_reading_call_is_never_reported(client):
    assert client.get("/") == "/"


def test_mutating_call(client):
    client.send("hi")  # error: FXS002
