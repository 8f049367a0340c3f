MODE = "safe"
LEVEL = 0
TABLE = {"a": 1}
ITEMS = []
