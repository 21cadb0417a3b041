# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every decision field of orders, obligations and disagreements, set directly by every role:
refused, readably, and the database keeps what it held. The deciding methods keep working for
those who decide."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_roles import RolesCase

DECISION = "is a decision and cannot be set directly"


@tagged("post_install", "-at_install")
class TestDecisionFields(RolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quotation = cls._quotation(cls.user_a, cls.client_a_contact)
        cls.waiting = cls._quotation(cls.user_a, cls.client_a_contact, lines=[(1, 100.0, 20.0)])
        cls.waiting.with_user(cls.user_a).action_confirm()
        cls.obligation = cls.env["client_specialist.obligation"].create(
            {"name": "Signed act", "partner_id": cls.client_a.id, "kind": "documents", "date_due": "2099-01-01"}
        )
        cls.clause = cls.env["client_specialist.disagreement"].create(
            {"order_id": cls.quotation.id, "clause": "4.2", "our_wording": "30 days", "client_wording": "60 days"}
        )

    def _attempt_all(self, records, values, create_base, on_create=None):
        """Write ``values`` field by field as every role, and create ``create_base`` with each of
        them (those in ``on_create``, all by default)."""
        Model = records.env[records._name]
        for name, value in values.items():
            before = self._stored(records, [name])
            label = records._fields[name]._description_string(self.env)
            for role, user in self.roles.items():
                with self.subTest(field=name, role=role, action="write"):
                    message = self.assertRefused(lambda u=user, n=name, v=value: records.with_user(u).write({n: v}))
                    if role in ("owner", "head"):
                        self.assertIn(DECISION, message)
                        self.assertIn(label, message)
                    self.assertEqual(self._stored(records, [name]), before)
                if on_create is not None and name not in on_create:
                    continue
                count = Model.search_count([])
                with self.subTest(field=name, role=role, action="create"):
                    vals = dict(create_base, **{name: value})
                    message = self.assertRefused(lambda u=user, v=vals: Model.with_user(u).create(v))
                    if role in ("owner", "deputy", "head"):
                        self.assertIn(DECISION, message)
                    self.assertEqual(Model.search_count([]), count)

    def test_order_approval_fields(self):
        values = {
            "cs_approval_state": "approved",
            "cs_approval_reasons": "none",
            "cs_approved_amount": 1000000.0,
            "cs_approved_discount": 50.0,
            "cs_approved_by_id": self.head.id,
            "cs_rejection_reason": "none",
        }
        # Every approval field is a decision (other modules add their own decisions on orders).
        self.assertLessEqual(set(values), set(self.env["sale.order"]._cs_decision_fields()))
        self.assertTrue(
            {name for name in self.env["sale.order"]._cs_decision_fields() if name.startswith("cs_approv")}
            <= set(values)
        )
        self._attempt_all(self.quotation | self.waiting, values, {"partner_id": self.client_a_contact.id})

    def test_obligation_fields(self):
        values = {
            "state": "done",
            "date_done": "2020-01-01",
            "waive_reason": "none",
            "waiver_requested": True,
            "is_escalated": True,
            "is_generated": True,
            "generation_key": "payment:9",
        }
        # Bridges (Inventory, settlements) add decision fields of their own and test them.
        self.assertLessEqual(set(values), set(self.env["client_specialist.obligation"]._cs_decision_fields()))
        base = {"name": "Act", "partner_id": self.client_a.id, "date_due": "2099-02-01"}
        self._attempt_all(self.obligation, values, base)
        for state in ("cancelled", "waived", "overdue"):
            with self.subTest(state=state):
                self.assertRefused(lambda s=state: self.obligation.with_user(self.head).write({"state": s}))
        self.assertEqual(self.obligation.state, "open")

    def test_disagreement_fields(self):
        values = {
            "state": "withdrawn",
            "date_resolved": "2020-01-01",
            "round": 5,
            "is_after_confirmation": True,
        }
        self.assertEqual(set(values), set(self.env["client_specialist.disagreement"]._cs_decision_fields()))
        base = {"order_id": self.quotation.id, "clause": "9.9", "client_wording": "x"}
        self._attempt_all(self.clause, values, base, on_create={"state", "date_resolved", "is_after_confirmation"})
        # A protocol taken from paper may start at the round it has reached.
        later = self.env["client_specialist.disagreement"].with_user(self.user_a).create(dict(base, round=3))
        self.assertEqual(later.round, 3)

    def test_defaults_in_the_context_choose_no_decision(self):
        """A default in the context comes in after the values are checked: it is dropped."""
        cases = (
            ("sale.order", {"partner_id": self.client_a_contact.id}, {"cs_approval_state": "approved"}),
            ("sale.order", {"partner_id": self.client_a_contact.id}, {"cs_approved_amount": 1e6}),
            (
                "client_specialist.obligation",
                {"name": "Act", "partner_id": self.client_a.id, "date_due": "2020-01-01"},
                {"state": "done", "date_done": "2020-01-01", "is_escalated": True},
            ),
            (
                "client_specialist.disagreement",
                {"order_id": self.quotation.id, "clause": "1.1", "client_wording": "x"},
                {"state": "withdrawn", "date_resolved": "2020-01-01"},
            ),
        )
        for model, values, defaults in cases:
            with self.subTest(model=model, defaults=defaults):
                Model = self.env[model].with_user(self.user_a)
                context = {f"default_{name}": value for name, value in defaults.items()}
                record = Model.with_context(**context).create(values)
                plain = Model.default_get(list(defaults))
                for name in defaults:
                    self.assertEqual(
                        record._fields[name].convert_to_cache(record.sudo()[name], record),
                        record._fields[name].convert_to_cache(plain.get(name), record),
                    )
                # Asking for the context's value outright is refused as any other.
                self.assertRefused(
                    lambda m=Model, c=context, v=values, d=defaults: m.with_context(**c).create({**v, **d})
                )

    # ------------------------------------------------------------------------------------------
    # Those who decide, through the deciding methods
    # ------------------------------------------------------------------------------------------

    def test_only_the_head_decides_on_orders(self):
        for role in ("owner", "colleague", "deputy", "salesman", "portal"):
            with self.subTest(role=role):
                self.assertRefused(lambda r=role: self.waiting.with_user(self.roles[r]).action_cs_approve())
                self.assertRefused(lambda r=role: self.waiting.with_user(self.roles[r])._cs_reject("no"))
                self.assertEqual(self.waiting.cs_approval_state, "to_approve")
        self.waiting.with_user(self.head)._cs_reject("Too generous")
        self.assertEqual(
            (self.waiting.cs_approval_state, self.waiting.cs_rejection_reason), ("rejected", "Too generous")
        )
        self.waiting.order_line.discount = 4
        self.waiting.with_user(self.user_a).action_confirm()
        self.assertEqual((self.waiting.state, self.waiting.cs_approval_state), ("sale", "not_needed"))

    def test_obligations_are_fulfilled_by_the_portfolio_its_stand_in_and_the_head(self):
        Obligation = self.env["client_specialist.obligation"]
        for role in ("colleague", "salesman", "portal"):
            with self.subTest(role=role):
                self.assertRefused(lambda r=role: self.obligation.with_user(self.roles[r]).action_done())
                self.assertEqual(self.obligation.state, "open")
        for role in ("owner", "deputy", "head"):
            with self.subTest(role=role):
                obligation = Obligation.create(
                    {"name": role, "partner_id": self.client_a.id, "kind": "documents", "date_due": "2099-01-01"}
                )
                as_role = obligation.with_user(self.roles[role])
                self.assertIs(as_role.action_done(), True)
                self.assertEqual(obligation.state, "done")
                self.assertEqual(obligation.date_done, fields.Date.context_today(as_role), "their today")

    def test_disagreements_are_settled_by_the_portfolio_its_stand_in_and_the_head(self):
        for role in ("colleague", "salesman", "portal"):
            with self.subTest(role=role):
                self.assertRefused(lambda r=role: self.clause.with_user(self.roles[r]).action_accept_ours())
        self.assertEqual(self.clause.state, "open")
        self.clause.with_user(self.deputy).action_accept_ours()
        self.assertEqual((self.clause.state, self.clause.agreed_wording), ("ours", "30 days"))
        self.assertTrue(self.clause.date_resolved)
        self.clause.with_user(self.user_a).action_reopen()
        self.assertEqual((self.clause.state, self.clause.round, self.clause.date_resolved), ("open", 2, False))
        self.clause.with_user(self.head).action_withdraw()
        self.assertEqual(self.clause.state, "withdrawn")

    def test_a_fulfilled_obligation_keeps_what_it_measured(self):
        self.obligation.with_user(self.user_a).action_done()
        for values in ({"date_due": "2099-06-01"}, {"party": "company"}, {"user_id": self.user_b.id}):
            with self.subTest(values=values):
                self.assertRefused(
                    lambda v=values: self.obligation.with_user(self.head).write(v), UserError, "Reopen it first"
                )
        self.obligation.with_user(self.user_a).write({"note": "Original kept in the file", "name": "Signed act 12"})
        self.obligation.with_user(self.user_a).action_reopen()
        self.obligation.with_user(self.user_a).write({"date_due": "2099-06-01"})
        self.assertEqual((self.obligation.state, self.obligation.date_done), ("open", False))

    def test_nobody_without_client_relations_reaches_them(self):
        for role in ("salesman", "portal"):
            user = self.roles[role]
            for records in (self.obligation, self.clause):
                with self.subTest(role=role, model=records._name):
                    self.assertRefused(lambda u=user, r=records: r.with_user(u).read(["state"]), AccessError)
