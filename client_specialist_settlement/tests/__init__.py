# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_installments
from . import test_statement
from . import test_statement_access
from . import test_statement_pdf
