from . import test_reliability
