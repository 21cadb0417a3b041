from . import client_specialist_reason_wizard
from . import client_specialist_appointment_wizard
from . import client_specialist_partner_lost_wizard
from . import mail_activity_schedule
