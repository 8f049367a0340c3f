class Config:
    verbose = False


REGISTRY = {}
