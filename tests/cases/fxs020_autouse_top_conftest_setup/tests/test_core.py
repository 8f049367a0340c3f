import os


def test_error_urls_switched_off():
    assert os.environ.get("APP_ERROR_URLS") == "false"
