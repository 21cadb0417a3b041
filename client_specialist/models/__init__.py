# The mixin first: the models below inherit from it.
from . import client_specialist_batch_mixin
from . import client_specialist_category
from . import client_specialist_specialist
from . import client_specialist_experience
from . import client_specialist_appointment
from . import client_specialist_absence
from . import res_users
