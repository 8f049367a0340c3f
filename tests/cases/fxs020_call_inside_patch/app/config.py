SETTINGS = {}


def configure(**values):
    SETTINGS.update(values)
