def test_client(client, rows):
    client.get("/")
    client.execute("DELETE FROM users")  # error: FXS002
    client.session.commit()  # error: FXS002
    client.append("x")
    rows.execute = 1
