# The mixin first: the models below inherit from it.
from . import client_specialist_batch_mixin
from . import client_specialist_category
from . import client_specialist_specialist
from . import client_specialist_experience
from . import client_specialist_appointment
from . import client_specialist_absence
from . import client_specialist_tier
from . import res_partner
from . import client_specialist_completeness_rule
from . import client_specialist_need
from . import client_specialist_tier_review
from . import client_specialist_tier_review_line
from . import sale_order
from . import mail_message
from . import mail_activity_plan
from . import res_config_settings
from . import res_users
