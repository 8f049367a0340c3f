def test_client(client):
    client.get("/")
    client.post("/users", json={})
    client.execute("DELETE FROM users")
    client.append("x")
    client.session.commit()
