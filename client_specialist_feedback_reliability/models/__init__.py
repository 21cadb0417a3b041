from . import client_specialist_feedback
from . import client_specialist_reliability_assessment
