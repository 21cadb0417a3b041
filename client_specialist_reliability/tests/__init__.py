from . import test_input_checks
from . import test_reliability
from . import test_reliability_integrity
