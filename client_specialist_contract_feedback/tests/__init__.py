from . import test_obligation_feedback
