from . import test_registry_reliability
