from . import client_specialist_feedback
from . import client_specialist_digest
from . import client_specialist_feedback_cause
from . import res_company
from . import res_config_settings
