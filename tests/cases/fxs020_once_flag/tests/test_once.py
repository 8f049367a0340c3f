import subprocess
import sys

cache_built = False
server = None
mode = "fast"


def _ensure_cache_built():
    global cache_built
    if not cache_built:
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        cache_built = True


def test_first_check():
    _ensure_cache_built()


def test_second_check():
    _ensure_cache_built()


def test_starts_server_once():
    global server
    if server is None:
        server = "started"


def test_sets_flag_without_guard():
    global cache_built
    cache_built = True  # error: FXS020


def test_clears_flag_under_its_guard():
    global cache_built
    if not cache_built:
        cache_built = False  # error: FXS020


def test_sets_another_name_under_guard():
    global mode
    if not cache_built:
        mode = "slow"  # error: FXS020


def test_flag_in_else_branch():
    global cache_built
    if not cache_built:
        pass
    else:
        cache_built = True  # error: FXS020


def test_reads_mode():
    assert mode == "fast"
