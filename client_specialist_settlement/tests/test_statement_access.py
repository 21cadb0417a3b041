# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.client_specialist_contract.tests.common_roles import RolesCase
from odoo.exceptions import AccessError
from odoo.tests import tagged

REPORT = "client_specialist_settlement.action_report_reconciliation_statement"


@tagged("post_install", "-at_install")
class TestStatementAccess(RolesCase):
    """Statements of A's client (A's portfolio, C standing in) and of B's client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Statement = cls.env["client_specialist.reconciliation.statement"]
        period = {"date_from": "2026-01-01", "date_to": "2026-03-31"}
        cls.statement_a = Statement.create(dict(period, partner_id=cls.client_a.id))
        cls.statement_b = Statement.create(dict(period, partner_id=cls.client_b.id))
        cls.Statement = Statement
        cls.period = period

    def _can_read(self, user, statement):
        self.env.invalidate_all()
        try:
            statement.with_user(user).read(["amount_closing"])
        except AccessError:
            return False
        return True

    def test_who_reads_and_makes_statements(self):
        expected = {
            "owner": (True, False),
            "colleague": (False, True),
            "deputy": (True, False),
            "head": (True, True),
            "salesman": (False, False),
            "portal": (False, False),
        }
        for role, (reads_a, reads_b) in expected.items():
            user = self.roles[role]
            with self.subTest(role=role):
                self.assertEqual(self._can_read(user, self.statement_a), reads_a)
                self.assertEqual(self._can_read(user, self.statement_b), reads_b)

    def test_a_statement_outside_the_portfolio_is_refused(self):
        for role in ("colleague", "salesman", "portal"):
            with self.subTest(role=role):
                self.assertRefused(
                    lambda r=role: self.Statement.with_user(self.roles[r]).create(
                        dict(self.period, partner_id=self.client_a.id)
                    )
                )
        for role in ("owner", "deputy", "head"):
            with self.subTest(role=role):
                statement = self.Statement.with_user(self.roles[role]).create(
                    dict(self.period, partner_id=self.client_a.id)
                )
                self.assertEqual(statement.partner_id, self.client_a)
        self.assertRefused(lambda: self.statement_a.with_user(self.user_a).write({"partner_id": self.client_b.id}))

    def test_the_pdf_is_refused_outside_the_portfolio(self):
        Report = self.env["ir.actions.report"]
        self.env.invalidate_all()
        html = str(Report.with_user(self.user_a)._render_qweb_html(REPORT, self.statement_a.ids)[0])
        self.assertIn("RECONCILIATION STATEMENT", html)
        for role in ("colleague", "salesman", "portal"):
            with self.subTest(role=role):
                self.env.invalidate_all()
                self.assertRefused(
                    lambda r=role: Report.with_user(self.roles[r])._render_qweb_html(REPORT, self.statement_a.ids)
                )

    def test_sending_and_answering_follow_the_portfolio(self):
        self.assertRefused(lambda: self.statement_a.with_user(self.user_b).action_cs_send())
        self.assertRefused(lambda: self.statement_a.with_user(self.user_b)._cs_record_answer("confirmed"))
        self.assertRefused(lambda: self.statement_a.with_user(self.salesman).action_cs_record_answer())
        self.assertTrue(self.statement_a.with_user(self.deputy)._cs_record_answer("confirmed"))
        self.assertEqual(self.statement_a.state, "confirmed")

    def test_only_the_head_deletes(self):
        self.assertRefused(lambda: self.statement_a.with_user(self.user_a).unlink())
        self.statement_b.with_user(self.head).unlink()
        self.assertFalse(self.statement_b.exists())

    def test_internal_figures_are_hidden_from_the_portal_and_plain_sales(self):
        for role in ("salesman", "portal"):
            with self.subTest(role=role):
                partner = self.client_a.with_user(self.roles[role])
                self.assertNotIn("cs_statement_count", partner.fields_get())
