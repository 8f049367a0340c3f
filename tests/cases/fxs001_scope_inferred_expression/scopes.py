BASE = "mod"
MODULE_SCOPE = BASE + "ule"
