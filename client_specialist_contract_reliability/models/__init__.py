from . import client_specialist_obligation
from . import res_partner
from . import sale_order
