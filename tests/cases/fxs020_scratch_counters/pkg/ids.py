_next = 0
_served = 0


def unique_name(prefix):
    global _next
    _next += 1
    return f"{prefix}{_next}"


def serve():
    global _served
    _served += 1


def served():
    return _served
