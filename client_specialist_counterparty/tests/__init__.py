from . import test_requisites
from . import test_registry_fill
from . import test_registry_monitor
from . import test_client_database
