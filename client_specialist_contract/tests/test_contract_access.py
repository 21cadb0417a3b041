# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_contract import ContractCase


@tagged("post_install", "-at_install")
class TestContractAccess(ContractCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._make(cls.user_a, cls.client_a)
        cls.order_b = cls._make(cls.user_b, cls.client_b)
        Disagreement = cls.env["client_specialist.disagreement"]
        cls.clause_a = Disagreement.create({"order_id": cls.order_a.id, "clause": "4.2", "client_wording": "45 days"})
        cls.clause_b = Disagreement.create({"order_id": cls.order_b.id, "clause": "4.2", "client_wording": "60 days"})
        Obligation = cls.env["client_specialist.obligation"]
        cls.obligation_a = Obligation.create(
            {"order_id": cls.order_a.id, "name": "Act A", "kind": "documents", "date_due": "2099-01-01"}
        )
        cls.obligation_b = Obligation.create(
            {"order_id": cls.order_b.id, "name": "Act B", "kind": "documents", "date_due": "2099-01-01"}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_head = new_test_user(
            cls.env,
            login="t_contract_other_head",
            groups="client_specialist.group_client_specialist_head",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )

    @classmethod
    def _make(cls, user, partner):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "order_line": [Command.create({"product_id": cls.product.id, "price_unit": 10, "tax_id": []})],
            }
        )

    def test_specialist_manages_their_portfolio_only(self):
        clause = self.clause_a.with_user(self.user_a)
        clause.write({"our_wording": "30 days"})
        clause.action_accept_ours()
        self.obligation_a.with_user(self.user_a).action_done()
        self.env["client_specialist.obligation"].with_user(self.user_a).create(
            {"order_id": self.order_a.id, "name": "Certificate", "kind": "documents", "date_due": "2099-02-01"}
        )
        for record in (self.clause_b, self.obligation_b):
            with self.assertRaises(AccessError):
                record.with_user(self.user_a).read(["state"])
            with self.assertRaises(AccessError):
                record.with_user(self.user_a).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["client_specialist.disagreement"].with_user(self.user_a).create(
                {"order_id": self.order_b.id, "clause": "1.1", "client_wording": "x"}
            )
        with self.assertRaises(AccessError):
            self.env["client_specialist.obligation"].with_user(self.user_a).create(
                {"order_id": self.order_b.id, "name": "x", "kind": "documents", "date_due": "2099-02-01"}
            )
        with self.assertRaises(AccessError):
            self.obligation_a.with_user(self.user_a).unlink()

    def test_deputy_works_the_absent_colleague_s_portfolio(self):
        with freeze_time("2026-03-10"):
            self.env["client_specialist.absence"].create(
                {
                    "specialist_id": self.spec_b.id,
                    "deputy_id": self.user_a.id,
                    "date_from": "2026-03-01",
                    "date_to": "2026-03-20",
                }
            )
            self.clause_b.with_user(self.user_a).write({"our_wording": "30 days"})
            self.obligation_b.with_user(self.user_a).read(["state"])
        with freeze_time("2026-03-25"):
            self.env["client_specialist.absence"]._cron_refresh_state()
            with self.assertRaises(AccessError):
                self.obligation_b.with_user(self.user_a).read(["state"])

    def test_only_the_head_approves_and_waives(self):
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_a).action_cs_approve()
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_a).action_cs_reject()
        with self.assertRaises(AccessError):
            self.obligation_a.with_user(self.user_a)._cs_waive("no need")
        self.obligation_b.with_user(self.head)._cs_waive("Agreed with the client")
        self.assertEqual(self.obligation_b.state, "waived")
        self.obligation_a.with_user(self.head).unlink()

    def test_other_users_and_companies_see_nothing(self):
        for record in (self.clause_a, self.obligation_a):
            with self.assertRaises(AccessError):
                record.with_user(self.plain_user).read(["state"])
            with self.assertRaises(AccessError):
                record.with_user(self.other_head).read(["state"])
        self.obligation_a.with_user(self.head).read(["state"])
        self.clause_b.with_user(self.head).read(["state"])

    def test_plain_salesman_confirms_without_seeing_contract_records(self):
        salesman = new_test_user(self.env, login="t_contract_salesman", groups="sales_team.group_sale_salesman")
        order = self._make(salesman, self.client_b)
        self.env.invalidate_all()
        order.with_user(salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.cs_obligation_ids), 2)
