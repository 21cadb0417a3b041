from . import account_move
from . import client_specialist_disagreement
from . import client_specialist_obligation
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
from . import sale_order_line
