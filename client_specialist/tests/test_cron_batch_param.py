# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ClientSpecialistCase
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


@tagged("post_install", "-at_install")
class TestAcknowledgementCronBatchParam(ClientSpecialistCase):
    def test_scheduled_run_takes_the_batch_size_parameter(self):
        Ack = self.env["client_specialist.job.description.acknowledgement"]
        Ack.search([]).write({"reminder_sent": True})
        description = self.env["client_specialist.job.description"].create(
            {"name": "Specialist", "category_id": self.category_none.id}
        )
        description.write({"approver_name": "P. S. Kozlov", "approval_date": "2025-03-01", "state": "approved"})
        Ack.create([{"job_description_id": description.id, "specialist_id": s.id} for s in self.spec_a | self.spec_b])
        self.env["ir.config_parameter"].set_param(PARAM, "1")
        self.assertEqual(Ack._cron_remind_acknowledgement(), 1)
        reminded = Ack.search([("job_description_id", "=", description.id), ("reminder_sent", "=", True)])
        self.assertEqual(len(reminded), 1)
