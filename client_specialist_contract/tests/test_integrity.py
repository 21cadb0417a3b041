# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The rules of contracts hold on the data, whoever writes and however: the ways around them that
worked once are refused here one by one."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_roles import RolesCase


@tagged("post_install", "-at_install")
class TestApprovalIntegrity(RolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approval_type = cls.env.ref("client_specialist_contract.mail_activity_type_order_approval")

    def _activities(self, order):
        return order.activity_ids.filtered(lambda a: a.activity_type_id == self.approval_type)

    def test_an_order_created_approved_is_refused(self):
        Order = self.env["sale.order"].with_user(self.user_a)
        count = Order.search_count([])
        values = {
            "partner_id": self.client_a_contact.id,
            "cs_approval_state": "approved",
            "cs_approved_amount": 1000000,
            "cs_approved_discount": 50,
            "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 500, "discount": 50})],
        }
        self.assertRefused(lambda: Order.create(values), AccessError, "Sales Order", "cannot be set directly")
        self.assertEqual(Order.search_count([]), count)

    def test_emptying_the_salesperson_does_not_skip_the_limits(self):
        order = self._order(lines=[(200, 100.0, 0.0)])  # 20,000: above A's 10,000
        order.with_user(self.user_a).write({"user_id": False})
        order.with_user(self.user_a).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("draft", "to_approve"))
        self.assertIn("10,000.00", order.cs_approval_reasons)
        # Putting the salesperson back changes nothing: the head still decides.
        order.with_user(self.user_a).write({"user_id": self.user_a.id})
        self.assertRefused(lambda: order.with_user(self.user_a).action_confirm(), UserError, "waiting")
        self.assertEqual(order.state, "draft")

    def test_the_stricter_of_the_salesperson_and_the_confirming_user(self):
        senior = self.env["client_specialist.category"].create(
            {"name": "Senior Tester", "code": "t_senior", "level": 50, "max_order_amount": 50000, "max_discount": 10}
        )
        self._appoint(self.spec_b, senior, self.d("2024-01-15"))
        # C sees every order of the team, and holds the category with the smaller limits.
        confirming = new_test_user(
            self.env,
            login="t_strict_c",
            groups="client_specialist.group_client_specialist,sales_team.group_sale_salesman_all_leads",
        )
        card = self.env["client_specialist.specialist"].create(
            {"user_id": confirming.id, "head_id": self.head.id, "education_level": "higher"}
        )
        self._appoint(card, self.category_none, self.d("2024-01-15"))
        order = self._order(user=self.user_b, partner=self.client_b, lines=[(10, 100.0, 7.0)])
        self.assertEqual(order.with_user(self.user_b)._cs_approval_reasons(), [], "within B's 10 %")
        order.with_user(confirming).action_confirm()
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertIn("limit of 5.00 %", order.cs_approval_reasons)
        self.assertIn(self.category_none.name, order.cs_approval_reasons)
        # The head of sales, without a category, confirms within the salesperson's limits.
        other = self._order(user=self.user_b, partner=self.client_b, lines=[(10, 100.0, 7.0)])
        other.with_user(self.head).action_confirm()
        self.assertEqual((other.state, other.cs_approval_state), ("sale", "not_needed"))

    def test_no_category_on_either_side_follows_odoo(self):
        order = self._quotation(self.salesman, self.client_b, lines=[(1000, 100.0, 40.0)])
        self.env.invalidate_all()
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.sudo().cs_approval_state, "not_needed")

    def test_an_approval_covers_what_was_approved_only(self):
        order = self._order(lines=[(10, 100.0, 12.0)])
        order.with_user(self.user_a).action_confirm()
        order.with_user(self.head).action_cs_approve()
        self.assertEqual((order.state, order.cs_approval_state, order.cs_approved_discount), ("sale", "approved", 12))
        # Raising the approved figures first is refused, whoever tries.
        for user in (self.user_a, self.head):
            for values, label in (
                ({"cs_approved_discount": 50}, "Approved Largest Discount (%)"),
                ({"cs_approved_amount": 1e6}, "Approved Untaxed Amount"),
            ):
                self.assertRefused(lambda u=user, v=values: order.with_user(u).write(v), AccessError, label)
        self.assertEqual((order.cs_approved_discount, order.cs_approved_amount), (12, 880))
        # Then the discount itself: the head is asked again, and reads why.
        order.order_line.with_user(self.user_a).write({"discount": 50})
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertIn("changed after it was approved", order.cs_approval_reasons)
        self.assertIn("50.00 %", order.cs_approval_reasons)
        self.assertEqual(self._activities(order).user_id, self.head)
        # Fewer items at the approved discount are covered; a smaller discount on as many raises
        # the amount above the approved one, and asks again.
        order.with_user(self.head).action_cs_approve()
        self.assertEqual((order.cs_approved_amount, order.cs_approved_discount), (500, 50))
        order.order_line.with_user(self.user_a).write({"product_uom_qty": 6})
        self.assertEqual(order.cs_approval_state, "approved")
        order.order_line.with_user(self.user_a).write({"discount": 30})  # 420: still covered
        self.assertEqual(order.cs_approval_state, "approved")
        order.order_line.with_user(self.user_a).write({"discount": 10})  # 540, above the approved 500
        self.assertEqual(order.cs_approval_state, "to_approve")

    def test_a_rise_while_waiting_is_told_to_the_head(self):
        order = self._order(lines=[(10, 100.0, 12.0)])
        order.with_user(self.user_a).action_confirm()
        order.order_line.with_user(self.user_a).write({"discount": 40})
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertIn("while it was waiting", order.cs_approval_reasons)
        self.assertIn("40.00 %", order.cs_approval_reasons)
        activity = self._activities(order)
        self.assertEqual(len(activity), 1, "the old request is closed, one activity stays")
        self.assertIn("40.00 %", activity.note)
        order.with_user(self.head).action_cs_approve()
        self.assertEqual((order.state, order.cs_approved_discount), ("sale", 40))

    def test_a_confirmed_order_raised_beyond_authority_goes_to_the_head(self):
        order = self._order(lines=[(10, 100.0, 0.0)])
        order.with_user(self.user_a).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("sale", "not_needed"))
        order.with_user(self.user_a).write({"order_line": [Command.update(order.order_line.id, {"discount": 30})]})
        self.assertEqual(order.cs_approval_state, "to_approve")
        self.assertIn("changed after it was confirmed", order.cs_approval_reasons)
        # A decrease below the limits on a confirmed order asks nothing.
        other = self._order(lines=[(10, 100.0, 4.0)])
        other.with_user(self.user_a).action_confirm()
        other.order_line.with_user(self.user_a).write({"discount": 2})
        self.assertEqual(other.cs_approval_state, "not_needed")

    def test_another_currency_is_not_covered(self):
        order = self._order(lines=[(101, 100.0, 0.0)])
        order.with_user(self.user_a).action_confirm()
        order.with_user(self.head).action_cs_approve()
        # Cancelled and set back to a quotation, the approval still covers the same figures.
        order.with_user(self.user_a)._action_cancel()
        order.with_user(self.user_a).action_draft()
        self.assertEqual(order.cs_approval_state, "approved")
        order.with_user(self.user_a).action_confirm()
        self.assertEqual(order.state, "sale")
        order.with_user(self.user_a)._action_cancel()
        order.with_user(self.user_a).action_draft()
        # The same figures in another currency are not what was approved.
        eur = self.env.ref("base.EUR")
        eur.active = True
        # 10,100 EUR are 20,200 in the company's currency on the order's day: above A's 10,000.
        day = order.date_order.date()
        self.env["res.currency.rate"].create(
            {"currency_id": eur.id, "rate": 0.5, "name": day, "company_id": self.company.id}
        )
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": eur.id})
        order.with_user(self.user_a).write({"pricelist_id": pricelist.id})
        self.assertEqual(order.currency_id, eur)
        self.assertEqual(order.cs_approval_state, "not_needed")
        order.with_user(self.user_a).action_confirm()
        self.assertEqual((order.state, order.cs_approval_state), ("draft", "to_approve"))

    def test_cancelling_closes_the_request(self):
        order = self._order(lines=[(1, 100.0, 20.0)])
        order.with_user(self.user_a).action_confirm()
        order.with_user(self.user_a)._action_cancel()
        self.assertEqual(order.cs_approval_state, "not_needed")
        self.assertFalse(self._activities(order))


@tagged("post_install", "-at_install")
class TestObligationIntegrity(RolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Obligation = cls.env["client_specialist.obligation"]
        with freeze_time("2026-03-02 09:00:00"):
            cls.order = cls._quotation(cls.user_b, cls.client_b, payment_term_id=cls.terms_30_70.id)
            cls.order.action_confirm()
        cls.first = cls.order.cs_obligation_ids.filtered(lambda o: o.generation_key == "payment:1")

    @freeze_time("2026-03-10")
    def test_an_overdue_obligation_is_neither_cancelled_nor_back_dated(self):
        self.Obligation._cron_mark_overdue()
        self.assertEqual(self.first.state, "overdue")
        before = self._stored(self.first, ["state", "date_done", "is_on_time"])
        for values in (
            {"state": "cancelled"},
            {"state": "done", "date_done": "2026-03-01"},
            {"date_done": "2026-03-01"},
        ):
            for user in (self.user_b, self.head):
                with self.subTest(values=values, user=user.name):
                    self.assertRefused(lambda v=values, u=user: self.first.with_user(u).write(v), AccessError)
                    self.assertEqual(self._stored(self.first, ["state", "date_done", "is_on_time"]), before)
        # Moving the due date of a late obligation is the head's to decide.
        self.assertRefused(
            lambda: self.first.with_user(self.user_b).write({"date_due": "2026-03-20"}),
            AccessError,
            "Only the head of sales",
        )
        # Fulfilled today, late: the rates say so.
        self.first.with_user(self.user_b).action_done()
        self.assertEqual(
            (self.first.state, str(self.first.date_done), self.first.is_on_time), ("done", "2026-03-10", False)
        )
        self.assertEqual((self.client_b.cs_client_on_time_rate, self.client_b.cs_client_obligations_measured), (0.0, 1))

    @freeze_time("2026-03-10")
    def test_the_head_moves_a_late_due_date(self):
        self.Obligation._cron_mark_overdue()
        self.assertTrue(self.first.is_escalated)
        self.first.with_user(self.head).write({"date_due": "2026-03-20"})
        self.assertEqual((self.first.state, self.first.is_escalated), ("open", False))

    @freeze_time("2026-03-10")
    def test_only_the_order_cancels_its_obligations(self):
        manual = self.Obligation.with_user(self.user_b).create(
            {"order_id": self.order.id, "name": "Act", "kind": "documents", "date_due": "2026-04-01"}
        )
        self.assertRefused(lambda: manual.with_user(self.user_b).write({"state": "cancelled"}), AccessError)
        self.order.with_user(self.user_b)._action_cancel()
        generated = self.order.cs_obligation_ids - manual
        self.assertEqual(set(generated.mapped("state")), {"cancelled"})
        self.assertEqual(manual.state, "open", "added by hand: not the order's to cancel")

    @freeze_time("2026-03-10")
    def test_an_obligation_cannot_be_moved_to_a_colleague_s_client(self):
        obligation = self.Obligation.with_user(self.user_a).create(
            {"partner_id": self.client_a.id, "name": "Act", "kind": "documents", "date_due": "2026-04-01"}
        )
        for values in ({"partner_id": self.client_b.id}, {"order_id": self.order.id}):
            with self.subTest(values=values):
                self.assertRefused(lambda v=values: obligation.with_user(self.user_a).write(v), AccessError)
                self.assertEqual(obligation.partner_id, self.client_a)


@tagged("post_install", "-at_install")
class TestDisagreementIntegrity(RolesCase):
    def test_a_disagreement_cannot_be_moved_to_a_colleague_s_quotation(self):
        mine = self._quotation(self.user_a, self.client_a_contact)
        theirs = self._quotation(self.user_b, self.client_b)
        clause = (
            self.env["client_specialist.disagreement"]
            .with_user(self.user_a)
            .create({"order_id": mine.id, "clause": "4.2", "client_wording": "60 days"})
        )
        self.assertRefused(lambda: clause.with_user(self.user_a).write({"order_id": theirs.id}), AccessError)
        self.assertEqual(self._stored(clause, ["order_id", "partner_id"])[0]["order_id"][0], mine.id)
        self.assertFalse(theirs.cs_disagreement_ids)
        # The deputy works A's protocol, not B's either.
        self.assertRefused(lambda: clause.with_user(self.deputy).write({"order_id": theirs.id}), AccessError)
        clause.with_user(self.deputy).write({"our_wording": "45 days"})


@tagged("post_install", "-at_install")
class TestWhatEachOneReads(RolesCase):
    INTERNAL_ORDER_FIELDS = ("cs_approval_state", "cs_approval_reasons", "cs_rejection_reason", "cs_approved_amount")
    RATES = (
        "cs_client_on_time_rate",
        "cs_client_obligations_measured",
        "cs_company_on_time_rate",
        "cs_company_obligations_measured",
    )

    def test_the_portal_reads_none_of_the_internal_order_fields(self):
        order = self._quotation(self.user_a, self.client_a_contact, lines=[(1, 100.0, 20.0)])
        order.with_user(self.user_a).action_confirm()
        order.message_subscribe(partner_ids=self.portal.partner_id.ids)
        as_portal = order.with_user(self.portal)
        self.assertEqual(as_portal.read(["name"])[0]["name"], order.name)
        visible = as_portal.fields_get()
        for name in self.INTERNAL_ORDER_FIELDS:
            with self.subTest(field=name):
                self.assertNotIn(name, visible)
                self.assertRefused(lambda n=name: as_portal.read([n]), AccessError)

    def test_the_decision_is_told_to_the_salesperson_not_to_the_client(self):
        order = self._quotation(self.user_a, self.client_a_contact, lines=[(1, 100.0, 50.0)])
        order.action_quotation_sent()  # the client follows the order from now on
        self.assertIn(self.client_a_contact, order.message_partner_ids)
        order.with_user(self.user_a).action_confirm()
        order.with_user(self.head)._cs_reject("Margin too thin for this client")
        decision = order.message_ids.filtered(lambda m: "Rejected by" in (m.body or ""))
        self.assertEqual(len(decision), 1)
        self.assertTrue(decision.subtype_id.internal, "an internal note")
        self.assertIn(self.user_a.partner_id, decision.notification_ids.res_partner_id)
        self.assertNotIn(self.client_a_contact, decision.notification_ids.res_partner_id)
        # Every message that says why is internal: the request, the decision, the closed activity.
        told = order.message_ids.filtered(
            lambda m: "Margin too thin" in (m.body or "") or "A discount of" in (m.body or "")
        )
        self.assertEqual(len(told), 3)
        self.assertTrue(all(message.subtype_id.internal for message in told))

    def test_on_time_rates_are_read_in_client_relations_only(self):
        self.client_a.with_user(self.user_a).read(list(self.RATES))
        for user in (self.plain_user, self.salesman, self.portal):
            with self.subTest(user=user.name):
                self.assertRefused(lambda u=user: self.client_a.with_user(u).read(list(self.RATES)), AccessError)

    def test_views_load_for_users_outside_client_relations(self):
        invoicing = new_test_user(self.env, login="t_views_invoicing", groups="account.group_account_invoice")
        ours = {
            "sale.order": [name for name in self.env["sale.order"]._fields if name.startswith("cs_")],
            "res.partner": [*self.RATES, "cs_obligation_count", "cs_obligation_ids"],
        }
        for user in (self.salesman, invoicing, self.user_a):
            for model, types in (("sale.order", ("form", "list", "search")), ("res.partner", ("form",))):
                with self.subTest(user=user.name, model=model):
                    views = self.env[model].with_user(user).get_views([(False, kind) for kind in types])
                    arch = "".join(view["arch"] for view in views["views"].values())
                    readable = self.env[model].with_user(user).fields_get()
                    for name in ours[model]:
                        if name not in readable:
                            self.assertNotIn(f"{name}", arch, "a field the user cannot read is out of the view")
                    if model == "res.partner":
                        self.assertEqual(user == self.user_a, "cs_client_on_time_rate" in arch)
                    else:
                        self.assertEqual(user != invoicing, "cs_approval_state" in arch)
