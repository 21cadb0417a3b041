from . import client_specialist_appointment
from . import client_specialist_evaluation
from . import client_specialist_evaluation_criterion
from . import client_specialist_evaluation_line
from . import client_specialist_job_description
from . import client_specialist_job_description_acknowledgement
from . import client_specialist_result
