from unittest import mock

__all__ = ["mock"]
