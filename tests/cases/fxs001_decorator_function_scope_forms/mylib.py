def fixture(**kwargs):
    return lambda func: func
