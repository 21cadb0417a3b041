from . import test_compensation
from . import test_decisions
from . import test_feedback
from . import test_input_checks
from . import test_ownership
from . import test_portal
from . import test_settings
from . import test_ui_feedback
