mode = "safe"
level = 0
