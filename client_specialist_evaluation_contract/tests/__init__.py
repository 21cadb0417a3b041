from . import test_obligations_in_results
