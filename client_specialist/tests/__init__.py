from . import test_absence
from . import test_access
from . import test_appointment
from . import test_cron
from . import test_eligibility
from . import test_portfolio
from . import test_cron_retry
from . import test_translations
