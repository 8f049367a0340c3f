HANDLERS = {}
LISTENERS = []


def register(name, handler):
    HANDLERS[name] = handler


def unregister(name):
    del HANDLERS[name]


def forget(key):
    HANDLERS.pop(key, None)


def add_listener(listener):
    LISTENERS.append(listener)


def remove_listener(listener):
    LISTENERS.remove(listener)
