import asyncio
import contextlib
import decimal
import locale
import logging
import os
import socket
import sys

import pytest

log = logging.getLogger("asyncio")


def test_changes_folder(tmp_path):
    os.chdir(tmp_path)  # error: FXS020


def test_folder_restored_in_finally(tmp_path):
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert os.getcwd() == str(tmp_path)
    finally:
        os.chdir(before)


def test_folder_through_monkeypatch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.chdir(tmp_path)


def test_folder_in_a_context(tmp_path):
    with contextlib.chdir(tmp_path):
        assert os.listdir(".") == []


def test_reads_the_folder():
    assert os.getcwd()
    assert os.umask(0o22) is not None  # error: FXS020


def test_default_timeout():
    socket.setdefaulttimeout(1.0)  # error: FXS020
    assert socket.getdefaulttimeout() == 1.0


def test_recursion_limit_restored():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        assert sys.getrecursionlimit() == 100
    finally:
        sys.setrecursionlimit(limit)


def test_logging_switched_off():
    logging.disable(logging.CRITICAL)  # error: FXS020


def test_logger_level():
    log.setLevel(logging.DEBUG)  # error: FXS020
    logging.getLogger("json").addHandler(logging.NullHandler())  # error: FXS020
    logging.getLogger("email.parser").propagate = False  # error: FXS020


def test_logger_level_through_caplog(caplog):
    caplog.set_level(logging.DEBUG, logger="asyncio")
    assert log.isEnabledFor(logging.DEBUG)


def test_local_logger_object_read():
    assert log.getEffectiveLevel() >= 0
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.levelname = "X"


def test_stream_closed():
    sys.stdout.close()  # error: FXS020


def test_decimal_precision():
    decimal.getcontext().prec = 5  # error: FXS020


def test_decimal_local_context():
    with decimal.localcontext() as context:
        context.prec = 5


def test_event_loop_set():
    asyncio.set_event_loop(asyncio.new_event_loop())  # async test plugins set a new one per test


@pytest.fixture
def restored_logger():
    log.setLevel(logging.ERROR)
    yield log
    log.setLevel(logging.NOTSET)


@pytest.fixture
def folder(tmp_path):
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


class TestFolder:
    def setup_method(self):
        self.old = os.getcwd()
        os.chdir("/")

    def teardown_method(self):
        os.chdir(self.old)

    def test_in_root(self):
        assert os.getcwd() == "/"


def test_umask_put_back():
    old = os.umask(0o077)
    os.umask(old)


def test_profile_removed():
    sys.setprofile(lambda *args: None)
    sys.setprofile(None)


def test_decimal_in_local_context():
    with decimal.localcontext():
        decimal.setcontext(decimal.Context(prec=3))


def test_logger_of_its_own(tmp_path):
    own = logging.getLogger(f"case_{tmp_path.name}")
    own.setLevel(logging.DEBUG)
    own.addHandler(logging.NullHandler())
    logging.getLogger("test_logger_of_its_own").setLevel(logging.DEBUG)


def test_folder_under_pytester(pytester):
    os.chdir(pytester.path)


def test_event_loop_of_this_test():
    loop = asyncio.new_event_loop()
    loop.set_debug(True)
    loop.close()


def test_event_loop_policy():
    asyncio.set_event_loop_policy(None)  # error: FXS020


LOCALE_AT_IMPORT = locale.setlocale(locale.LC_ALL)


def test_locale_put_back():
    locale.setlocale(locale.LC_ALL, LOCALE_AT_IMPORT)


def test_locale_changed():
    locale.setlocale(locale.LC_ALL, "C")  # error: FXS020


def test_option_refused():
    with pytest.raises(ValueError):
        socket.setdefaulttimeout(-1)
