# The mixin first: the models below inherit from it.
from . import client_specialist_batch_mixin
from . import client_specialist_category
from . import client_specialist_specialist
from . import client_specialist_experience
from . import client_specialist_appointment
from . import client_specialist_absence
from . import res_users
from . import client_specialist_disagreement
from . import client_specialist_obligation
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
from . import sale_order_line
from . import account_move
