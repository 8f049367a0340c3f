class Widget:
    pass
