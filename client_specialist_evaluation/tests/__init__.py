from . import test_evaluation
from . import test_evaluation_integrity
from . import test_input_checks
from . import test_job_description
from . import test_results
from . import test_cron_batch_param
from . import test_report_pdf
