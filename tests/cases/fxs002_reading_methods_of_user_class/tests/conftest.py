import pytest


class Client:
    def __init__(self):
        self.last = None
        self.sent = []

    def get(self, url):
        self.last = url
        return url

    def send(self, message):
        self.sent.append(message)


@pytest.fixture(scope="session")
def client():
    return Client()
