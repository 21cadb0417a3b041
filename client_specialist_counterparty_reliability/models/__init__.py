from . import client_specialist_reliability_assessment
from . import res_partner
