from . import test_absence
from . import test_access
from . import test_appointment
from . import test_cron
from . import test_eligibility
from . import test_feedback
from . import test_portfolio
from . import test_reliability
