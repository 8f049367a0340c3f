import pytest


@pytest.fixture(scope="module")
def config(config):
    return dict(config, b=2)


@pytest.fixture(scope="module", params=[1, 2])
def param_fixture(request):
    return request.param


def helper_named_like_test(tmp_path):
    return tmp_path


def test_it(config, param_fixture):
    assert config["b"] == 2
