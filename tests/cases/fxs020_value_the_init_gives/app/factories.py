class Factory:
    strict = False

    def __init__(self, name="default"):
        self.name = name
        self.validate_properties = True
        self.retries = 3
        if name == "fast":
            self.cache = True

    def relax(self):
        self.retries = 0


class Tuned(Factory):
    pass


def make_factory():
    made = Factory()
    made.validate_properties = False
    return made


factory = Factory()
tuned = Tuned()
made = make_factory()
