import pytest


class Pool:
    def acquire(self):
        return 1

    def shutdown(self):
        pass


class Plain:
    def value(self):
        return 1


@pytest.fixture(scope="session")
def pool():
    return Pool()  # error: FXS030


@pytest.fixture(scope="session")
def plain():
    return Plain()
