from . import client_specialist_result
