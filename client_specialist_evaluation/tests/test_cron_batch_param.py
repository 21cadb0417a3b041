# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.tests import tagged

PARAM = "client_specialist.cron_batch_size"


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
