def test_own_session_mocker(session_mocker):
    session_mocker.patch("app.clock.now")
