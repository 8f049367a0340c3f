PARAMETERS = []
SETTINGS = {"mode": "test"}
