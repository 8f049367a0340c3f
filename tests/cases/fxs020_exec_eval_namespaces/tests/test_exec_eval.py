import plugins

NAMESPACE = {"x": 1}


def test_exec_into_module_dict():
    exec("y = x + 1", NAMESPACE)  # error: FXS020


def test_eval_into_module_dict():
    assert eval("x + 1", NAMESPACE) == 2  # error: FXS020


def test_exec_locals_into_project_dict():
    exec("hook = 1", {}, plugins.HOOKS)  # error: FXS020


def test_exec_into_other_module_namespace():
    exec("extra = 1", vars(plugins))  # error: FXS020


def test_exec_into_module_dict_attribute():
    exec("extra = 2", plugins.__dict__)  # error: FXS020


def test_exec_keyword_globals():
    exec("y = 3", globals=NAMESPACE)  # error: FXS020


def test_exec_restored():
    saved = dict(NAMESPACE)
    try:
        exec("y = x + 1", NAMESPACE)
    finally:
        NAMESPACE.clear()
        NAMESPACE.update(saved)


def test_exec_into_fresh_dict():
    exec("y = 1", {})


def test_exec_into_local_dict():
    namespace = {}
    exec("y = 1", namespace)
    assert namespace["y"] == 1


def test_eval_into_copy():
    assert eval("x + 1", dict(NAMESPACE)) == 2


def test_exec_without_namespace():
    exec("y = 1")


def test_eval_reads_module_namespace():
    assert eval("VERSION", vars(plugins)) == "1"


def test_exec_into_own_globals_fresh_name():
    exec("generated_value = 1", globals())


def test_exec_into_own_globals_rebinds_module_name():
    exec("NAMESPACE = {}", globals())  # error: FXS020


def test_exec_into_own_locals_dict():
    scratch = {}
    exec("NAMESPACE = {}", globals(), scratch)  # the names land in scratch
    assert scratch["NAMESPACE"] == {}


def test_exec_declaring_global():
    exec("global NAMESPACE\nNAMESPACE = {}", globals(), {})  # error: FXS020
