# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestProtocolReadsAsTheUser(ContractCase):
    def test_the_protocol_prints_only_the_clauses_the_user_may_read(self):
        """The salesperson of an order on a colleague's client opens the order, not its clauses."""
        order = self.env["sale.order"].create({"partner_id": self.client_a.id, "user_id": self.user_b.id})
        self.env["client_specialist.disagreement"].create(
            {"order_id": order.id, "clause": "4.2 Penalties", "our_wording": "0.1 % a day", "client_wording": "none"}
        )
        report = "client_specialist_contract.action_report_disagreement_protocol"
        Report = self.env["ir.actions.report"]
        self.env.invalidate_all()
        own = str(Report.with_user(self.head)._render_qweb_html(report, order.ids)[0])
        self.assertIn("4.2 Penalties", own)
        self.env.invalidate_all()  # as a new request: nothing read by another user in the cache
        other = str(Report.with_user(self.user_b)._render_qweb_html(report, order.ids)[0])
        self.assertNotIn("4.2 Penalties", other)
