from . import test_feedback
from . import test_ui_feedback
