from . import test_feedback
