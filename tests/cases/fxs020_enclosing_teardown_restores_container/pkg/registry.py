REGISTRY = {"builtin": "handler"}
HANDLERS = ["default"]
