# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common_contract import ContractCase

PARAM = "client_specialist.cron_batch_size"


@tagged("post_install", "-at_install")
class TestObligationCronBatchParam(ContractCase):
    def test_scheduled_run_takes_the_batch_size_parameter(self):
        Obligation = self.env["client_specialist.obligation"]
        Obligation.search([]).write({"state": "done", "date_done": "2026-03-02"})
        with freeze_time("2026-03-02 09:00:00"):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.client_a.id,
                    "user_id": self.user_a.id,
                    "payment_term_id": self.terms_30_70.id,
                    "commitment_date": "2026-03-20 10:00:00",
                    "order_line": [(0, 0, {"product_id": self.product.id, "price_unit": 100, "tax_id": []})],
                }
            )
            order.action_confirm()
        late = Obligation.search([("order_id", "=", order.id)])
        self.assertGreater(len(late), 2)
        self.env["ir.config_parameter"].set_param(PARAM, "2")
        # The cron calls the method without arguments: the parameter sets the batch.
        with freeze_time("2026-06-01"):
            self.assertEqual(Obligation._cron_mark_overdue(), len(late) - 2)
        self.assertEqual(len(late.filtered(lambda o: o.state == "overdue")), 2)
