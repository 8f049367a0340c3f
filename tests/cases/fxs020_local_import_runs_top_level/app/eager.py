from app import register

register("eager", 2)
