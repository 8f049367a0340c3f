table = {}
grid = {}
