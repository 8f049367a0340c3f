class Settings:
    debug = False
    timeout = 10


settings = Settings()
