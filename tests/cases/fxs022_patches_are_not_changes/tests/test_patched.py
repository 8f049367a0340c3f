def test_env(patched_environ, patched_platform, patched_with_mocker, session_monkeypatch,
             environ_written_directly):
    pass
