from unittest import mock

import pytest


@pytest.fixture
def stopped_after_yield():
    patcher = mock.patch("app.clock.now")
    patcher.start()
    yield
    patcher.stop()


@pytest.fixture
def never_stopped():
    patcher = mock.patch("app.clock.now")
    fake = patcher.start()  # error: FXS021
    yield fake


@pytest.fixture
def returned_and_never_stopped():
    return mock.patch("app.clock.now").start()  # error: FXS021


@pytest.fixture
def stopped_in_finally():
    patcher = mock.patch("app.clock.now")
    patcher.start()
    try:
        yield
    finally:
        patcher.stop()


@pytest.fixture(scope="module")
def stopall_after_yield():
    mock.patch("app.clock.now").start()
    mock.patch.object(mock, "sentinel").start()
    yield
    mock.patch.stopall()


@pytest.fixture
def other_patcher_stopped():
    first = mock.patch("app.a")
    second = mock.patch("app.b")
    first.start()
    second.start()  # error: FXS021
    yield
    first.stop()


@pytest.fixture
def stop_registered_with_addfinalizer(request):
    patcher = mock.patch("app.clock.now")
    request.addfinalizer(patcher.stop)
    return patcher.start()


@pytest.fixture
def stop_in_finalizer_function(request):
    patcher = mock.patch("app.clock.now")

    def undo():
        patcher.stop()

    request.addfinalizer(undo)
    return patcher.start()


@pytest.fixture
def stopall_registered(request):
    request.addfinalizer(mock.patch.stopall)
    return mock.patch("app.clock.now").start()


@pytest.fixture
def stopped_before_the_yield():
    patcher = mock.patch("app.clock.now")
    patcher.start()
    value = 1
    patcher.stop()
    yield value


@pytest.fixture
def factory_stops_what_it_started():
    started = []

    def patch_clock(value):
        one = mock.patch("app.clock.now", return_value=value)
        started.append(one)
        return one.start()

    yield patch_clock
    for each in reversed(started):
        each.stop()


@pytest.fixture
def factory_never_stops():
    def patch_clock(value):
        one = mock.patch("app.clock.now", return_value=value)
        return one.start()  # error: FXS021

    yield patch_clock


@pytest.fixture
def with_block():
    with mock.patch("app.clock.now") as fake:
        yield fake


@pytest.fixture(scope=lambda fixture_name, config: "session")
def scope_unknown_never_stopped():
    return mock.patch("app.clock.now").start()  # error: FXS021
