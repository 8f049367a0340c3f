"""Class attributes of classes this test module defines: silent where each test that uses them
sets them first; the clock is read by a test that never sets it."""


class FakeBackend:
    sent = 0

    def send(self):
        FakeBackend.sent += 1


class FakeClock:
    now = 0

    def tick(self):
        FakeClock.now += 1


def test_sends_once():
    FakeBackend.sent = 0
    backend = FakeBackend()
    backend.send()
    assert FakeBackend.sent == 1


def test_sends_twice():
    FakeBackend.sent = 0
    FakeBackend().send()
    FakeBackend().send()
    assert FakeBackend.sent == 2


def test_sets_the_clock():
    FakeClock.now = 5  # error: FXS020


def test_reads_the_clock():
    assert FakeClock.now >= 0
