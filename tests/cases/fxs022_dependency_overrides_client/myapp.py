class App:
    def __init__(self):
        self.dependency_overrides = {}


def get_db():
    return "real"


app = App()
