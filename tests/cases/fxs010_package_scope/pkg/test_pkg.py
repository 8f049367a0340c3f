def test_pkg(package_thing, package_ok):
    assert package_thing
