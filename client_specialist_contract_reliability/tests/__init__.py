from . import test_contract_reliability
