def test_monkeypatch(cfg, service, monkeypatch):
    monkeypatch.setitem(cfg, "flags", {"debug": True})
    monkeypatch.setitem(cfg["flags"], "debug", True)
    monkeypatch.delitem(cfg, "flags", raising=False)
    monkeypatch.setattr(service, "timeout", 5)
    monkeypatch.delattr(service, "timeout")
