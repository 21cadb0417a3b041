from . import account_move
from . import account_partial_reconcile
from . import client_specialist_reliability_assessment
from . import client_specialist_reliability_line
from . import client_specialist_reliability_scheme
from . import client_specialist_reliability_scheme_line
from . import res_partner
