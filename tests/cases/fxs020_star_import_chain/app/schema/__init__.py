from app.schema.nodes import *  # noqa: F401,F403
from .counters import *  # noqa: F401,F403
