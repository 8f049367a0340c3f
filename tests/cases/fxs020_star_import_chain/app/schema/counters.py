class Net:
    counter = 0

    def __init__(self):
        Net.counter += 1


def peek():
    return Net.counter
