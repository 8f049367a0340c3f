import store


def test_tuple_key():
    store.table[1, 2] = 0  # error: FXS020


def test_tuple_key_in_alias():
    grid = store.grid
    row, col = 0, 1
    grid[row, col] = 5  # error: FXS020
