HANDLERS = {}


class Widget:
    size = 1
