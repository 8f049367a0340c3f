class Options:
    width = 80
    colour = "auto"


options = Options()


class Frame:
    metadata = []
