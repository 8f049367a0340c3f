import os


def test_not_collected_by_this_project():
    os.environ["VENDORED"] = "1"
