from . import test_requisites
from . import test_registry_fill
