DEBUG = False
PLUGINS = {}
_cache = []


def enable_debug():
    global DEBUG
    DEBUG = True


def disable_debug():
    global DEBUG
    DEBUG = False


def register(name, plugin):
    PLUGINS[name] = plugin


def setup_all():
    enable_debug()


def current_plugins():
    return dict(PLUGINS)


def make_settings():
    settings = {"debug": DEBUG}
    settings["made"] = True
    return settings


class Registry:
    handlers = {}
    created = 0

    def __init__(self, name):
        Registry.created += 1
        self.name = name
        self.local = []

    @classmethod
    def add(cls, key, handler):
        cls.handlers[key] = handler

    def remember(self, item):
        self.local.append(item)

    @classmethod
    def size(cls):
        return len(cls.handlers)
