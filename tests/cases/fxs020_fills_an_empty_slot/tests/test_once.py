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


class Registry:
    parser = None


REGISTRY = Registry()
CACHE = {}


def parser_for(name):
    if name not in CACHE:
        CACHE[name] = name.upper()
    return CACHE[name]


def test_memo_through_a_helper():
    assert parser_for("a") == "A"


def test_memo_attribute():
    if REGISTRY.parser is None:
        REGISTRY.parser = object()
        REGISTRY.parser_options = {"strict": True}  # computed with the memo it belongs to
    if not hasattr(REGISTRY, "lexer"):
        REGISTRY.lexer = object()


def test_overwrites_a_filled_entry():
    if "a" in CACHE:
        CACHE["a"] = "changed"  # error: FXS020


def test_fills_another_entry_than_it_checks():
    if "b" not in CACHE:
        CACHE["c"] = "C"  # error: FXS020


def test_checks_another_object():
    if REGISTRY.parser is None:
        Registry.parser = object()  # error: FXS020
        Registry.parser_options = {"strict": True}  # error: FXS020


def test_reads_cache():
    assert CACHE.get("a") in (None, "A")


FIRST_CASE = None


@pytest.mark.parametrize("case", ["a", "b"])
def test_keeps_the_first_case(case):
    global FIRST_CASE
    if FIRST_CASE is None:
        FIRST_CASE = case  # error: FXS020
    assert FIRST_CASE in ("a", "b")
