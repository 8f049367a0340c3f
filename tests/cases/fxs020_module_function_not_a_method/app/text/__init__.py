def add(left, right):
    return [a + b for a, b in zip(left, right)]
