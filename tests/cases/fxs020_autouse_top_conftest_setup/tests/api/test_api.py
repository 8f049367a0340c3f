import os


def test_api_mode():
    assert os.environ["APP_API_MODE"] == "1"
