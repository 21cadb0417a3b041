# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import account_move
from . import client_specialist_obligation
from . import client_specialist_reconciliation_statement
from . import res_partner
from . import sale_order
from . import report_reconciliation_statement
