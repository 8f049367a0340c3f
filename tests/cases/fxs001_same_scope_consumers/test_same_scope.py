def test_reads(seeded_table):
    assert seeded_table["ready"]
