from . import client_specialist_feedback
