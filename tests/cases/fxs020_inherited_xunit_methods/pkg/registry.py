REGISTRY = {}


class Config:
    verbose = None
