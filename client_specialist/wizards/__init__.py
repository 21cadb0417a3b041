from . import client_specialist_appointment_wizard
from . import client_specialist_partner_lost_wizard
from . import mail_activity_schedule
from . import client_specialist_order_lost_wizard
from . import client_specialist_feedback_reject_wizard
