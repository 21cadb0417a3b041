# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.tests import new_test_user
from odoo.tests.common import _super_send

from .fake_dadata import FakeDadata

# Numbers made up for the tests, each with valid check digits.
INN = "7702345672"
KPP = "770201001"
OGRN = "1157746123457"
OKPO = "45678917"
BRANCH_KPP = "540602001"
IP_INN = "772512345622"
IP_OGRNIP = "319774600123453"


class CounterpartyCase(ClientSpecialistCase):
    """The application's users, a fake DaData on 127.0.0.1 and the company pointed at it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dadata = FakeDadata().start()
        cls.addClassCleanup(cls.dadata.stop)
        cls.company.sudo().write({"cs_dadata_api_key": "test-key", "cs_dadata_base_url": cls.dadata.url})
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("client_specialist_counterparty.timeout", "0.3")
        params.set_param("client_specialist_counterparty.backoff", "0.01")
        params.set_param("client_specialist_counterparty.retries", "2")
        cls.ru = cls.env.ref("base.ru")
        cls.salesman = new_test_user(
            cls.env,
            login="t_cp_salesman",
            name="Plain Salesman",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )
        cls.Partner = cls.env["res.partner"]

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's test guard raises every timeout under 10 s to 10 s; the fake registry keeps the short
        # ones these tests set. Any other address goes through the guard, which refuses it.
        if r.url.startswith(cls.dadata.url):
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        self.dadata.reset()

    def _prospect(self, user=None, **values):
        user = user or self.user_a
        return self.Partner.with_user(user).create(
            {
                "name": "Ромашка",
                "is_company": True,
                "country_id": self.ru.id,
                "user_id": user.id,
                "cs_stage": "prospect",
                **values,
            }
        )

    def _snapshot(self, partner):
        partner.invalidate_recordset()
        names = ["name", "vat", "company_registry", "cs_kpp", "cs_okpo", "cs_director_name", "street", "city"]
        names += ["cs_registry_status", "cs_registry_checked_on", "cs_registry_name"]
        return partner.sudo().read(names)[0]
