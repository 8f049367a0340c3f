from app.registers import RegisterPool, default


def test_method_on_registry_entry():
    reg = RegisterPool.get("a")
    reg.set_value(1)  # error: FXS020


def test_attribute_of_registry_entry():
    reg = RegisterPool.lookup("a")
    reg.value = 2  # error: FXS020


def test_item_of_registry_entry():
    RegisterPool.get("a").labels["k"] = "v"  # error: FXS020


def test_module_registry_entry():
    default("timeout").set_value(5)  # error: FXS020


def test_staticmethod_writes_its_class():
    RegisterPool.add_default()  # error: FXS020


def test_fresh_register():
    reg = RegisterPool.fresh("b")
    reg.set_value(1)
    reg.labels["k"] = "v"


def test_copy_of_entry():
    reg = RegisterPool.snapshot("a")
    reg.set_value(3)


def test_reads_entry():
    assert RegisterPool.get("a").read() >= 0


def test_restored_entry():
    reg = RegisterPool.get("a")
    old = reg.value
    reg.set_value(9)
    try:
        assert reg.read() == 9
    finally:
        reg.set_value(old)
