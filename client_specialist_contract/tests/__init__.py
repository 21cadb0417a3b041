from . import test_disagreement
from . import test_approval
from . import test_obligation
from . import test_obligation_cron
from . import test_contract_access
from . import test_contract_flow
from . import test_cron_batch_param
from . import test_ui_contract
