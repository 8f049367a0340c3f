def test_each_form(called, imported, imported_as, module_alias, decorator_alias):
    called["x"] = 1  # error: FXS001
    imported["x"] = 1  # error: FXS001
    imported_as["x"] = 1  # error: FXS001
    module_alias["x"] = 1  # error: FXS001
    decorator_alias["x"] = 1  # error: FXS001


async def test_async(asynchronous, yielded):
    asynchronous["x"] = 1  # error: FXS001
    yielded["x"] = 1  # error: FXS001
