from . import client_specialist_competing_offer
from . import client_specialist_competitor_policy
from . import client_specialist_competitor_share
from . import client_specialist_lost_reason
from . import res_partner
from . import sale_order
