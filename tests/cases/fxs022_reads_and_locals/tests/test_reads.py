def test_reads(config, shadowing, logger, paths):
    assert config["retries"] == 5
