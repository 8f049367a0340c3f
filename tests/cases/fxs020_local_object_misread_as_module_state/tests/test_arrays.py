import numpy as np

import store


def test_index_trick_builds_a_new_local_array():
    rng = np.random.RandomState(0)
    f1 = rng.rand(10)
    f2 = rng.randint(4, size=10)
    X = np.c_[f1, f2]
    mask = X[:, 1] == 0
    X[mask] = np.nan
    Y = np.r_[f1, f2]
    Y[0] = 1.0


def test_alias_of_module_level_object():
    rows = store.TABLE["rows"]
    rows[0] = 100  # error: FXS020
