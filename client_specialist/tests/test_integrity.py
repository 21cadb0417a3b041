# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Decisions of the application hold on the data: owner, stage and tier of a client, appointments,
absences and tier proposals change only through the methods that decide, for every role."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestPortfolioDecisions(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.salesman = new_test_user(
            cls.env,
            login="t_salesman",
            name="Plain Salesman",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )
        cls.tier = cls.env["client_specialist.tier"].create({"name": "Gold", "contact_interval_days": 14})
        cls.client_a = Partner.create(
            {"name": "Client of A", "is_company": True, "user_id": cls.user_a.id, "cs_stage": "prospect"}
        )
        cls.client_b = Partner.create(
            {"name": "Client of B", "is_company": True, "user_id": cls.user_b.id, "cs_stage": "prospect"}
        )
        cls.deputy_absence = cls.env["client_specialist.absence"].create(
            {
                "specialist_id": cls.spec_b.id,
                "deputy_id": cls.user_a.id,
                "date_from": fields.Date.today() + timedelta(days=10),
                "date_to": fields.Date.today() + timedelta(days=20),
            }
        )

    def _snapshot(self, partner):
        partner.invalidate_recordset()
        return partner.read(["user_id", "cs_stage", "cs_tier_id", "cs_won_date", "active"])[0]

    def test_nobody_but_the_head_moves_a_client_to_another_portfolio(self):
        before = self._snapshot(self.client_b)
        for user in (self.user_a, self.user_b, self.salesman):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as caught:
                self.client_b.with_user(user).write({"user_id": user.id if user != self.user_b else self.user_a.id})
            self.assertIn("Salesperson", str(caught.exception))
        self.assertEqual(self._snapshot(self.client_b), before)
        self.client_b.with_user(self.head).write({"user_id": self.user_a.id})
        self.assertEqual(self.client_b.user_id, self.user_a)

    def test_stage_and_tier_are_not_written_directly(self):
        before = self._snapshot(self.client_a)
        for vals in ({"cs_stage": "client"}, {"cs_won_date": "2020-01-01"}, {"cs_tier_id": self.tier.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.client_a.with_user(self.user_a).write(vals)
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.head).write({"cs_stage": "key_client"})
        self.assertEqual(self._snapshot(self.client_a), before)
        self.client_a.with_user(self.head).write({"cs_tier_id": self.tier.id})  # the head grants tiers
        self.assertEqual(self.client_a.cs_tier_id, self.tier)

    def test_a_new_client_follows_the_same_rules(self):
        Partner = self.env["res.partner"].with_user(self.user_a)
        for vals in (
            {"cs_stage": "key_client"},
            {"cs_stage": "client"},
            {"cs_stage": "prospect", "cs_tier_id": self.tier.id},
            {"cs_stage": "prospect", "user_id": self.user_b.id},
            {"cs_stage": "prospect", "cs_won_date": "2020-01-01"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Partner.create({"name": "Shortcut", "is_company": True, **vals})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Shortcut")]))
        mine = Partner.create(
            {"name": "New prospect", "is_company": True, "cs_stage": "prospect", "user_id": self.user_a.id}
        )
        self.assertEqual((mine.cs_stage, mine.user_id), ("prospect", self.user_a))
        # Outside the portfolio, the salesperson stays Odoo's to choose.
        other = self.env["res.partner"].with_user(self.salesman).create({"name": "Lead", "user_id": self.user_b.id})
        self.assertEqual(other.user_id, self.user_b)
        # The head records existing clients as they are.
        known = (
            self.env["res.partner"]
            .with_user(self.head)
            .create({"name": "Known", "is_company": True, "cs_stage": "key_client", "cs_tier_id": self.tier.id})
        )
        self.assertEqual(known.cs_stage, "key_client")

    def test_a_colleague_s_client_is_neither_archived_nor_deleted(self):
        for action in ("archive", "unlink"):
            with self.subTest(action=action), self.assertRaises(AccessError):
                partner = self.client_b.with_user(self.user_a)
                partner.action_archive() if action == "archive" else partner.unlink()
        self.assertTrue(self.client_b.exists() and self.client_b.active)
        # While standing in for B, A works B's clients.
        self.deputy_absence.write({"date_from": fields.Date.today() - timedelta(days=1)})
        self.client_b.with_user(self.user_a).action_archive()
        self.assertFalse(self.client_b.active)

    def test_the_stage_moves_only_through_its_buttons(self):
        client = self.client_a.with_user(self.user_a)
        client.action_cs_start_negotiation()
        self.assertEqual(client.cs_stage, "negotiating")
        with self.assertRaises(UserError):
            client.action_cs_set_key_client()
        with self.assertRaises(UserError):
            client.action_cs_unset_key_client()  # negotiating -> client: won by an order only
        self.assertEqual(self.client_a.cs_stage, "negotiating")

    def test_a_context_key_opens_no_door(self):
        for key in ("cs_stage_auto", "client_specialist_deciding", "cs_deciding"):
            with self.subTest(key=key), self.assertRaises(AccessError):
                self.client_a.with_user(self.user_a).with_context(**{key: True}).write({"cs_stage": "client"})


@tagged("post_install", "-at_install")
class TestStaffDecisions(ClientSpecialistCase):
    def test_appointments_are_made_by_appointing_only(self):
        vals = {
            "specialist_id": self.spec_a.id,
            "category_id": self.category_first.id,
            "date": "2026-01-01",
            "order_number": "1-к",
            "order_date": "2026-01-01",
        }
        Appointment = self.env["client_specialist.appointment"]
        with self.assertRaises(AccessError) as caught:
            Appointment.with_user(self.head).create(vals)  # would skip the category's rules
        self.assertIn("Appoint to a Category", str(caught.exception))
        appointment = self._appoint(self.spec_a, self.category_none, self.d("2026-01-01"))
        with self.assertRaises(AccessError):
            appointment.with_user(self.head).write({"category_id": self.category_first.id})
        appointment.with_user(self.head).write({"order_number": "2-к"})  # a typo in the order number
        self.assertEqual((appointment.category_id, appointment.order_number), (self.category_none, "2-к"))

    def test_an_absence_state_follows_its_dates(self):
        today = fields.Date.today()
        absence = self.env["client_specialist.absence"].create(
            {
                "specialist_id": self.spec_a.id,
                "deputy_id": self.user_b.id,
                "date_from": today + timedelta(days=5),
                "date_to": today + timedelta(days=6),
            }
        )
        with self.assertRaises(AccessError):
            absence.with_user(self.head).write({"state": "running"})
        self.assertEqual(absence.state, "planned")
        with self.assertRaises(AccessError):
            absence.with_user(self.user_a).action_cancel()
        absence.with_user(self.head).action_cancel()
        self.assertEqual(absence.state, "cancelled")


@tagged("post_install", "-at_install")
class TestContactDates(ClientSpecialistCase):
    def test_a_message_from_the_future_counts_today(self):
        client = self.env["res.partner"].create(
            {"name": "Client", "is_company": True, "user_id": self.user_a.id, "cs_stage": "prospect"}
        )
        future = fields.Datetime.now() + timedelta(days=300)
        client.with_user(self.user_a).message_post(
            body="Called", message_type="comment", subtype_xmlid="mail.mt_comment"
        ).write({"date": future})
        self.env["mail.message"].with_user(self.user_a).create(
            {
                "model": "res.partner",
                "res_id": client.id,
                "body": "Backdated into the future",
                "message_type": "comment",
                "subtype_id": self.env.ref("mail.mt_comment").id,
                "date": future,
                "partner_ids": [Command.set([])],
            }
        )
        self.assertEqual(client.cs_last_contact_date, fields.Date.today())
