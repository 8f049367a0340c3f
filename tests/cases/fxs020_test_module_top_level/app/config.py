SETTINGS = {}


def configure(**values):
    SETTINGS.update(values)


def describe():
    return dict(SETTINGS)
