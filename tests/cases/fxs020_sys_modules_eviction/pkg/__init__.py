STATE = {}
