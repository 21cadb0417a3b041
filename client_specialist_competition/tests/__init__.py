from . import test_competitor_policy
from . import test_competitor_share
from . import test_lost_quotation
from . import test_win_loss
from . import test_terms_comparison
from . import test_competition_access
from . import test_competition_integrity
from . import test_input_checks
