import os


def test_collected():
    os.environ["COLLECTED"] = "1"  # error: FXS020
