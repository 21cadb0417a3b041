from . import client_specialist_terms_comparison
from . import client_specialist_win_loss_report
