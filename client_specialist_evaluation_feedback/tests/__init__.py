from . import test_claims_in_results
