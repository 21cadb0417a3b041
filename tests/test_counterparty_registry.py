"""Counterparties over XML-RPC against a real server, with a stand-in for DaData on 127.0.0.1.

A specialist types an INN on a new prospect and fills it from the registry in one call; wrong
numbers and hand-typed registry data are refused with a readable fault and change nothing; the
daily check, run as the scheduler runs it, alerts the specialist of a client going into
liquidation.
"""

import importlib.util
import xmlrpc.client
from pathlib import Path

import pytest
from conftest import pg_connect

READABLE = {2, 3, 4}
ACCESS_ERROR = 4
ROOT = Path(__file__).resolve().parent.parent
INN, KPP, OGRN = "5406123450", "540601001", "1165400123459"
# The stand-in's own module, shared with the module's unit tests.
_spec = importlib.util.spec_from_file_location(
    "fake_dadata", ROOT / "client_specialist_counterparty" / "tests" / "fake_dadata.py"
)
fake_dadata = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fake_dadata)


@pytest.fixture(scope="module")
def world(odoo_server_with_addon):
    server = odoo_server_with_addon
    admin = server.login("admin", "admin")
    dadata = fake_dadata.FakeDadata().start()
    company = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    admin.call("res.company", "write", [company], {"cs_dadata_api_key": "rpc-key", "cs_dadata_base_url": dadata.url})
    admin.call("ir.config_parameter", "set_param", "client_specialist_counterparty.timeout", "2")
    admin.call("ir.config_parameter", "set_param", "client_specialist_counterparty.backoff", "0.01")
    specialist_group = _xmlid(admin, "client_specialist", "group_client_specialist")
    uid = admin.call(
        "res.users",
        "create",
        {
            "name": "Registry specialist",
            "login": "registry_specialist",
            "password": "registry_specialist",
            "groups_id": [(6, 0, [specialist_group])],
        },
    )
    yield {
        "admin": admin,
        "specialist": server.login("registry_specialist", "registry_specialist"),
        "uid": uid,
        "dadata": dadata,
        "ru": _xmlid(admin, "base", "ru"),
        "db": server.db,
    }
    admin.call("res.company", "write", [company], {"cs_dadata_api_key": False})
    dadata.stop()


def _xmlid(admin, module, name):
    rows = admin.call("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"])
    return rows[0]["res_id"]


def _refused(user, *call):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        user.call(*call)
    assert caught.value.faultCode in READABLE, caught.value.faultString
    return caught.value


def _prospect(world, **values):
    return world["specialist"].call(
        "res.partner",
        "create",
        {
            "name": "Сибирь-Опт",
            "is_company": True,
            "country_id": world["ru"],
            "user_id": world["uid"],
            "cs_stage": "prospect",
            **values,
        },
    )


FIELDS = ["name", "vat", "cs_kpp", "company_registry", "cs_director_name", "cs_registry_status", "cs_registry_source"]


def test_a_prospect_is_filled_by_its_inn_in_one_call(world):
    world["dadata"].answer(INN, fake_dadata.found(fake_dadata.party(INN, kpp=KPP, ogrn=OGRN, name="СИБИРЬ-ОПТ")))
    partner = _prospect(world, vat=INN)
    assert world["specialist"].call("res.partner", "action_cs_registry_fill", [partner]) is True
    values = world["specialist"].call("res.partner", "read", [partner], FIELDS)[0]
    assert values == {
        "id": partner,
        "name": 'ООО "СИБИРЬ-ОПТ"',
        "vat": INN,
        "cs_kpp": KPP,
        "company_registry": OGRN,
        "cs_director_name": "Смирнов Павел Андреевич",
        "cs_registry_status": "active",
        "cs_registry_source": "DaData",
    }
    assert world["dadata"].requests[-1]["authorization"] == "Token rpc-key"
    assert world["specialist"].call("res.partner", "search", [("company_registry", "=", OGRN)]) == [partner]


def test_wrong_numbers_and_typed_registry_data_are_refused(world):
    count = world["admin"].call("res.partner", "search_count", [("name", "=", "Сибирь-Опт")])
    fault = _refused(
        world["specialist"],
        "res.partner",
        "create",
        {"name": "Сибирь-Опт", "country_id": world["ru"], "vat": "5406123451"},
    )
    assert "INN" in fault.faultString and "check digit" in fault.faultString
    assert world["admin"].call("res.partner", "search_count", [("name", "=", "Сибирь-Опт")]) == count
    partner = _prospect(world, vat=INN)
    for user in ("specialist", "admin"):
        fault = _refused(world[user], "res.partner", "write", [partner], {"cs_registry_status": "active"})
        assert fault.faultCode == ACCESS_ERROR and "state registry" in fault.faultString
    fault = _refused(world["specialist"], "res.partner", "write", [partner], {"cs_kpp": "5406"})
    assert "KPP" in fault.faultString
    assert world["admin"].call("res.partner", "read", [partner], ["cs_kpp", "cs_registry_status"])[0] == {
        "id": partner,
        "cs_kpp": False,
        "cs_registry_status": False,
    }


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (fake_dadata.BAD_KEY, "HTTP 401"),
        (fake_dadata.LIMIT_REACHED, "HTTP 403"),
        (fake_dadata.MALFORMED, "could not be read"),
        (fake_dadata.NOT_FOUND, "The registry has no company"),
        ({"delay": 3, **fake_dadata.NOT_FOUND}, "did not answer in time"),
    ],
)
def test_a_failing_registry_gives_a_message_and_changes_nothing(world, answer, expected):
    world["dadata"].answer(INN, answer)
    partner = _prospect(world, vat=INN)
    before = world["admin"].call("res.partner", "read", [partner], FIELDS)
    fault = _refused(world["specialist"], "res.partner", "action_cs_registry_fill", [partner])
    assert fault.faultCode == 2 and expected in fault.faultString
    assert world["admin"].call("res.partner", "read", [partner], FIELDS) == before


def test_the_daily_check_alerts_the_specialist(world):
    admin = world["admin"]
    world["dadata"].answer(INN, fake_dadata.found(fake_dadata.party(INN, kpp=KPP, ogrn=OGRN, name="ВОСТОК")))
    partner = _prospect(world, vat=INN, name="Восток")
    world["specialist"].call("res.partner", "action_cs_registry_fill", [partner])
    # The next morning as the scheduler sees it: nobody asked about today.
    with pg_connect(world["db"]) as connection, connection.cursor() as cr:
        cr.execute("UPDATE res_partner SET cs_registry_attempt_date = '2000-01-01' WHERE id = %s", (partner,))
    connection.close()
    world["dadata"].answer(
        INN, fake_dadata.found(fake_dadata.party(INN, kpp=KPP, ogrn=OGRN, name="ВОСТОК", status="LIQUIDATING"))
    )
    cron = _xmlid(admin, "client_specialist_counterparty", "ir_cron_registry_monitor")
    admin.call("ir.cron", "method_direct_trigger", [cron])
    assert (
        admin.call("res.partner", "read", [partner], ["cs_registry_status"])[0]["cs_registry_status"] == "liquidating"
    )
    alert = _xmlid(admin, "client_specialist_counterparty", "mail_activity_type_registry_alert")
    activities = world["specialist"].call(
        "mail.activity",
        "search_read",
        [("res_model", "=", "res.partner"), ("res_id", "=", partner), ("activity_type_id", "=", alert)],
        ["user_id", "summary"],
    )
    assert world["uid"] in [a["user_id"][0] for a in activities]
    assert all("Liquidating in the registry" in a["summary"] for a in activities)
