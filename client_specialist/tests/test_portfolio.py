# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ClientSpecialistCase


class PortfolioCase(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.product = cls.env["product.product"].create(
            {"name": "Packaging film", "list_price": 100.0, "standard_price": 60.0, "type": "consu"}
        )
        cls.client_a = cls.Partner.create(
            {"name": "Client of A", "is_company": True, "user_id": cls.user_a.id, "cs_stage": "prospect"}
        )
        cls.client_b = cls.Partner.create(
            {"name": "Client of B", "is_company": True, "user_id": cls.user_b.id, "cs_stage": "prospect"}
        )

    def _order(self, partner, qty=1.0, price=100.0, user=None):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": (user or partner.user_id).id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": qty, "price_unit": price})
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestStages(PortfolioCase):
    def _commit_tracking(self):
        """Tracking is written when a transaction commits, and records created in it are not tracked."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def test_prospect_to_client_through_the_first_confirmed_order(self):
        self._commit_tracking()
        client = self.client_a.with_user(self.user_a)
        client.action_cs_start_negotiation()
        self.assertEqual(client.cs_stage, "negotiating")
        self._commit_tracking()
        with self.assertRaises(UserError) as caught:
            client.write({"cs_stage": "client"})
        self.assertIn("first confirmed order", str(caught.exception))
        self.assertEqual(client.cs_stage, "negotiating")
        order = self._order(self.client_a)
        with freeze_time("2026-02-03 10:00:00"):
            order.date_order = fields.Datetime.now()
            order.action_confirm()
        self.assertEqual(self.client_a.cs_stage, "client")
        self.assertEqual(str(self.client_a.cs_won_date), "2026-02-03")
        self._commit_tracking()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", self.client_a.id),
                ("field_id.name", "=", "cs_stage"),
            ]
        )
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")),
            ["Client", "Negotiating"],
            "each stage move is kept in the history",
        )

    def test_stage_moves_that_skip_the_rules_are_refused(self):
        with self.assertRaises(UserError) as caught:
            self.client_a.with_user(self.head)._cs_move_stage("key_client")
        self.assertIn("cannot move from Prospect to Key Client", str(caught.exception))
        self.client_b._cs_move_stage("client", automatic=True)
        with self.assertRaises(UserError):
            self.client_b.with_user(self.user_b).action_cs_start_negotiation()
        self.assertEqual((self.client_a.cs_stage, self.client_b.cs_stage), ("prospect", "client"))

    def test_key_client_is_granted_by_the_head_only(self):
        self.client_a._cs_move_stage("client", automatic=True)
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.user_a).action_cs_set_key_client()
        self.client_a.with_user(self.head).action_cs_set_key_client()
        self.assertEqual(self.client_a.cs_stage, "key_client")

    def test_lost_needs_a_reason_and_reopens_as_prospect(self):
        with self.assertRaises(ValidationError) as caught:
            self.client_a.write({"cs_stage": "lost"})
        self.assertIn("Lost Reason", str(caught.exception))
        action = self.client_a.with_user(self.user_a).action_cs_mark_lost()
        wizard = Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"]))
        wizard.reason = "Chose a supplier closer to their plant"
        wizard.save().action_mark_lost()
        self.assertEqual(self.client_a.cs_stage, "lost")
        self.assertEqual(self.client_a.cs_lost_reason, "Chose a supplier closer to their plant")
        self.client_a.with_user(self.user_a).action_cs_set_prospect()
        self.assertEqual(self.client_a.cs_stage, "prospect")

    def test_a_company_with_contacts_can_be_lost(self):
        contact = self.Partner.create({"name": "Buyer", "parent_id": self.client_a.id})
        action = self.client_a.with_user(self.user_a).action_cs_mark_lost()
        wizard = Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"]))
        wizard.reason = "Closed their office"
        wizard.save().action_mark_lost()
        self.assertEqual((contact.cs_stage, contact.cs_lost_reason), ("lost", "Closed their office"))
        created = self.Partner.create(
            {
                "name": "Lost with a buyer",
                "is_company": True,
                "cs_stage": "lost",
                "cs_lost_reason": "Moved abroad",
                "child_ids": [Command.create({"name": "Their buyer"})],
            }
        )
        self.assertEqual(created.child_ids.cs_stage, "lost")

    def test_contacts_show_their_company_s_stage(self):
        contact = self.Partner.create({"name": "Buyer", "parent_id": self.client_a.id})
        self.assertEqual(contact.cs_stage, "prospect")
        self.client_a.action_cs_start_negotiation()
        self.assertEqual(contact.cs_stage, "negotiating")

    def test_specialist_cannot_change_a_colleague_s_client(self):
        with self.assertRaises(AccessError):
            self.client_b.with_user(self.user_a).action_cs_start_negotiation()
        self.assertEqual(self.client_b.cs_stage, "prospect")
        # Core partner fields stay as Odoo ships them.
        self.client_b.with_user(self.user_a).write({"phone": "+7 900 000-00-00"})

    def test_deputy_works_the_absent_colleague_s_clients(self):
        today = fields.Date.today()
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": self.spec_b.id,
                "deputy_id": self.user_a.id,
                "date_from": today - timedelta(days=1),
                "date_to": today + timedelta(days=1),
            }
        )
        self.client_b.with_user(self.user_a).action_cs_start_negotiation()
        self.assertEqual(self.client_b.cs_stage, "negotiating")
        portfolio = self.Partner.with_user(self.user_a).search([("cs_in_my_portfolio", "=", True)])
        self.assertIn(self.client_b, portfolio)
        self.assertIn(self.client_a, portfolio)

    def test_negative_contact_interval_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.client_a.cs_contact_interval_override = -5
        self.assertIn("Own Contact Interval", str(caught.exception))


@tagged("post_install", "-at_install")
class TestTiers(PortfolioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Key -5%", "currency_id": cls.company.currency_id.id}
        )
        cls.term = cls.env.ref("account.account_payment_term_30days")
        cls.tier = cls.env["client_specialist.tier"].create(
            {
                "name": "Key",
                "pricelist_id": cls.pricelist.id,
                "payment_term_id": cls.term.id,
                "contact_interval_days": 14,
                "individual_user_id": cls.user_b.id,
            }
        )

    def test_assigning_a_tier_applies_its_terms(self):
        self.client_a.with_user(self.head).cs_tier_id = self.tier
        self.assertEqual(self.client_a.property_product_pricelist, self.pricelist)
        self.assertEqual(self.client_a.property_payment_term_id, self.term)
        self.assertEqual(self.client_a.user_id, self.user_b)
        self.assertEqual(self.client_a.cs_contact_interval, 14)
        order = self.env["sale.order"].create({"partner_id": self.client_a.id})
        self.assertEqual(order.pricelist_id, self.pricelist, "quotations keep Odoo's own defaults")
        self.assertEqual(order.payment_term_id, self.term)

    def test_changed_tier_terms_reach_its_clients(self):
        self.client_a.with_user(self.head).cs_tier_id = self.tier
        other = self.env["product.pricelist"].create({"name": "Key -7%", "currency_id": self.company.currency_id.id})
        self.tier.pricelist_id = other
        self.assertEqual(self.client_a.property_product_pricelist, other)

    def test_only_the_head_assigns_tiers(self):
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.user_a).cs_tier_id = self.tier
        with self.assertRaises(AccessError):
            self.tier.with_user(self.user_a).write({"contact_interval_days": 1})

    def test_pricelist_in_another_currency_is_refused(self):
        currency = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", self.company.currency_id.id)], limit=1)
        )
        currency.active = True
        pricelist = self.env["product.pricelist"].create({"name": "Foreign", "currency_id": currency.id})
        with self.assertRaises(ValidationError) as caught:
            self.tier.pricelist_id = pricelist
        self.assertIn("works in", str(caught.exception))

    def test_negative_intervals_are_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["client_specialist.tier"].create({"name": "Bad", "contact_interval_days": -1})

    def test_own_interval_overrides_the_tier(self):
        self.client_a.with_user(self.head).cs_tier_id = self.tier
        self.client_a.cs_contact_interval_override = 7
        self.assertEqual(self.client_a.cs_contact_interval, 7)


@tagged("post_install", "-at_install")
class TestContact(PortfolioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Today's behaviour, one activity per record; the digests have their own tests.
        cls.env["res.company"].search([]).write(dict.fromkeys(("cs_reminder_followup",), "per_record"))

    def test_messages_and_done_activities_count_as_contact(self):
        client = self.client_a
        client._cs_move_stage("client", automatic=True)
        with freeze_time("2026-04-01 09:00:00"):
            client.message_post(body="Internal remark", subtype_xmlid="mail.mt_note")
            self.assertFalse(client.cs_last_contact_date, "an internal note is not a contact")
            client.message_post(body="Sent the new price list", message_type="comment", subtype_xmlid="mail.mt_comment")
            self.assertEqual(str(client.cs_last_contact_date), "2026-04-01")
        with freeze_time("2026-04-10 09:00:00"):
            activity = client.activity_schedule("mail.mail_activity_data_call", user_id=self.user_a.id)
            activity.action_feedback(feedback="Discussed the next delivery")
            self.assertEqual(str(client.cs_last_contact_date), "2026-04-10")
        with freeze_time("2026-04-20 09:00:00"):
            order = self._order(client)
            order.message_post(body="Your quotation", message_type="comment", subtype_xmlid="mail.mt_comment")
            self.assertEqual(str(client.cs_last_contact_date), "2026-04-20")
        self.assertEqual(
            client.cs_next_contact_date, client.cs_last_contact_date + timedelta(days=client.cs_contact_interval)
        )

    def test_follow_up_once_for_each_overdue_client_routed_to_the_deputy(self):
        today = fields.Date.today()
        clients = self.client_a | self.client_b
        clients._cs_move_stage("client", automatic=True)
        clients.sudo().write({"cs_last_contact_date": today - timedelta(days=45)})
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": self.spec_b.id,
                "deputy_id": self.user_a.id,
                "date_from": today - timedelta(days=1),
                "date_to": today + timedelta(days=3),
            }
        )
        followup = self.env.ref("client_specialist.mail_activity_type_followup")
        self.Partner._cron_contact_followup()
        activities = clients.activity_ids.filtered(lambda a: a.activity_type_id == followup)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.user_a, "B is absent: their deputy A gets B's follow-up")
        self.Partner._cron_contact_followup()
        self.assertEqual(len(clients.activity_ids.filtered(lambda a: a.activity_type_id == followup)), 2)
        # Done: the contact is registered and the client is no longer overdue.
        activities.filtered(lambda a: a.res_id == self.client_a.id).action_feedback(feedback="Called")
        self.assertEqual(self.client_a.cs_last_contact_date, today)
        self.Partner._cron_contact_followup()
        self.assertFalse(self.client_a.activity_ids.filtered(lambda a: a.activity_type_id == followup))

    def test_prospects_and_clients_within_their_interval_get_no_follow_up(self):
        today = fields.Date.today()
        self.client_b._cs_move_stage("client", automatic=True)
        self.client_b.sudo().cs_last_contact_date = today - timedelta(days=5)
        self.client_a.sudo().cs_last_contact_date = today - timedelta(days=90)  # a prospect
        self.Partner._cron_contact_followup()
        self.assertFalse((self.client_a | self.client_b).activity_ids)

    def test_follow_up_queries_do_not_grow_with_the_batch(self):
        today = fields.Date.today()
        users = self.user_a | self.user_b

        def overdue_clients(count, prefix):
            partners = self.Partner.create(
                [
                    {"name": f"{prefix} {i}", "is_company": True, "user_id": users[i % 2].id, "cs_stage": "client"}
                    for i in range(count)
                ]
            )
            partners.sudo().write({"cs_last_contact_date": today - timedelta(days=60)})
            return partners

        # Only the clients of this test are overdue.
        self.Partner.search(self.Partner._get_followup_domain()).sudo().write({"cs_last_contact_date": today})
        small = overdue_clients(3, "Small")
        self.env.invalidate_all()
        with self.assertQueryCount(26):
            self.Partner._cron_contact_followup(batch_size=3)
        self.assertEqual(len(small.activity_ids), 3)
        large = overdue_clients(30, "Large")
        self.env.invalidate_all()
        with self.assertQueryCount(26):
            self.Partner._cron_contact_followup(batch_size=30)
        self.assertEqual(len(large.activity_ids), 30)

    def test_batches_report_what_remains(self):
        today = fields.Date.today()
        self.Partner.search(self.Partner._get_followup_domain()).sudo().write({"cs_last_contact_date": today})
        clients = self.client_a | self.client_b
        clients._cs_move_stage("client", automatic=True)
        clients.sudo().write({"cs_last_contact_date": today - timedelta(days=60)})
        self.assertEqual(self.Partner._cron_contact_followup(batch_size=1), 1)
        self.assertEqual(self.Partner._cron_contact_followup(batch_size=1), 0)
        self.assertEqual(len(clients.activity_ids), 2)


@tagged("post_install", "-at_install")
class TestClientDatabase(PortfolioCase):
    def test_completeness_follows_the_stage_rules(self):
        client = self.Partner.create(
            {
                "name": "Complete Ltd",
                "is_company": True,
                "user_id": self.user_a.id,
                "cs_stage": "client",
                "vat": "7707083893",
                "email": "a@complete.example.com",
                "street": "Main street 1",
                "city": "Moscow",
                "country_id": self.env.ref("base.ru").id,
                "child_ids": [Command.create({"name": "Buyer", "type": "contact"})],
            }
        )
        self.assertEqual(client.cs_completeness, 80)
        self.assertEqual(client.cs_missing_info, "Phone")
        client.phone = "+7 495 000-00-01"
        self.assertEqual(client.cs_completeness, 100)
        self.env.ref("client_specialist.completeness_client_phone").active = False
        client.phone = False
        self.assertEqual(client.cs_completeness, 100)

    @mute_logger("odoo.sql_db")
    def test_a_piece_of_information_is_required_once_per_stage(self):
        rule = self.env.ref("client_specialist.completeness_client_phone")
        with self.assertRaises(IntegrityError):
            rule.copy()

    def test_duplicates_by_tax_id_email_or_phone(self):
        first = self.Partner.create(
            {"name": "First", "is_company": True, "vat": "7712345678", "phone": "+7 (495) 111-22-33"}
        )
        second = self.Partner.create({"name": "Second", "is_company": True, "phone": "8 495 111 22 33"})
        third = self.Partner.create({"name": "Third", "is_company": True, "email": "Sales@Third.example.com"})
        self.assertEqual(second.cs_duplicate_ids, first)
        with Form(self.Partner) as form:
            form.name = "Fourth"
            form.vat = "7712345678"
            self.assertEqual(form.cs_duplicate_ids[:], first)
            form.vat = False
            form.email = "sales@third.example.com"
            self.assertEqual(form.cs_duplicate_ids[:], third)
        contact = self.Partner.create({"name": "Contact of first", "parent_id": first.id, "phone": "+7 495 111-22-33"})
        self.assertNotIn(contact, first.cs_duplicate_ids, "a company's own contacts are not duplicates")

    def test_stale_records(self):
        self.env.company.cs_stale_days = 30
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = now() - interval '60 days' WHERE id = %s", (self.client_a.id,)
        )
        self.env.invalidate_all()
        stale = self.Partner.search([("cs_is_stale", "=", True), ("id", "in", (self.client_a | self.client_b).ids)])
        self.assertEqual(stale, self.client_a)
        self.client_a.sudo().cs_last_contact_date = fields.Date.today()
        self.assertFalse(self.Partner.search([("cs_is_stale", "=", True), ("id", "=", self.client_a.id)]))

    def test_portfolio_list_makes_no_per_row_queries(self):
        view = self.env.ref("client_specialist.res_partner_view_list_portfolio")
        spec_fields = self.Partner.with_user(self.head).get_views([(view.id, "list")])["views"]["list"]
        names = spec_fields["arch"].split('name="')[1:]
        specification = {name.split('"')[0]: {} for name in names if name.split('"')[0] in self.Partner._fields}
        for fname in ("user_id", "cs_tier_id", "cs_medium_id"):
            specification[fname] = {"fields": {"display_name": {}}}
        specification.pop("activity_ids", None)

        def make(count, prefix):
            return self.Partner.create(
                [
                    {"name": f"{prefix} {i}", "is_company": True, "user_id": self.user_a.id, "cs_stage": "client"}
                    for i in range(count)
                ]
            )

        small, large = make(5, "S"), make(40, "L")
        Partner = self.Partner.with_user(self.head)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            Partner.web_search_read([("id", "in", small.ids)], specification)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            Partner.web_search_read([("id", "in", large.ids)], specification)


@tagged("post_install", "-at_install")
class TestNeeds(PortfolioCase):
    def test_quotation_answers_a_need_and_the_order_satisfies_it(self):
        need = (
            self.env["client_specialist.need"]
            .with_user(self.user_a)
            .create({"name": "Film, 2 t a month", "partner_id": self.client_a.id, "priority": "2"})
        )
        action = need.action_new_quotation()
        order = (
            self.env["sale.order"]
            .with_user(self.user_a)
            .with_context(**action["context"])
            .create({"order_line": [Command.create({"product_id": self.product.id})]})
        )
        self.assertEqual(order.cs_need_ids, need)
        self.assertEqual(need.sale_order_ids, order)
        self.assertEqual(need.state, "offered")
        order.action_confirm()
        self.assertEqual(need.state, "satisfied")

    def test_a_need_cannot_take_another_client_s_quotation(self):
        need = self.env["client_specialist.need"].create({"name": "Film", "partner_id": self.client_a.id})
        order = self._order(self.client_b)
        with self.assertRaises(ValidationError) as caught:
            need.sale_order_ids = order
        self.assertIn("another client", str(caught.exception))

    def test_needs_are_private_to_the_portfolio(self):
        need = self.env["client_specialist.need"].create({"name": "Film", "partner_id": self.client_b.id})
        with self.assertRaises(AccessError):
            need.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.env["client_specialist.need"].with_user(self.plain_user).search([])
        need.with_user(self.user_b).write({"priority": "3"})
        need.with_user(self.head).read(["name"])


@tagged("post_install", "-at_install")
class TestApproachSchemes(PortfolioCase):
    def test_schemes_are_offered_by_stage_and_tier(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        Plan = self.env["mail.activity.plan"]
        for_prospects, for_key, for_all = Plan.create(
            [
                {
                    "name": name,
                    "res_model": "res.partner",
                    "cs_stage": stage,
                    "template_ids": [Command.create({"activity_type_id": todo.id, "summary": name})],
                }
                for name, stage in (("Prospects", "prospect"), ("Key", "key_client"), ("Anyone", False))
            ]
        )
        action = self.client_a.with_user(self.user_a).action_cs_schedule_approach()
        with Form(self.env[action["res_model"]].with_user(self.user_a).with_context(**action["context"])) as wizard:
            offered = wizard.plan_available_ids[:]
            self.assertIn(for_prospects, offered)
            self.assertIn(for_all, offered)
            self.assertNotIn(for_key, offered)
            wizard.plan_id = for_prospects
            wizard.plan_on_demand_user_id = self.user_a
        wizard.record.action_schedule_plan()
        self.assertEqual(self.client_a.activity_ids.summary, "Prospects")


@tagged("post_install", "-at_install")
class TestTierReview(PortfolioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tier = cls.env["client_specialist.tier"]
        Tier.search([("abc_class", "!=", False)]).active = False  # only this test's tiers
        cls.tier_a, cls.tier_b, cls.tier_c = Tier.create(
            [{"name": f"Tier {c}", "abc_class": c} for c in ("A", "B", "C")]
        )
        cls.big, cls.mid, cls.small = cls.Partner.create(
            [
                {"name": f"{n} client", "is_company": True, "user_id": cls.user_a.id, "cs_stage": "client"}
                for n in ("Big", "Mid", "Small")
            ]
        )

    def test_classify_by_cumulative_share(self):
        classes = self.env["client_specialist.tier.review"]._cs_classify({"x": 70, "y": 20, "z": 6, "w": 4, "v": 0})
        self.assertEqual(classes, {"x": "A", "y": "A", "z": "B", "w": "C", "v": "C"})

    def test_review_proposes_and_the_head_decides(self):
        for partner, qty in ((self.big, 80), (self.mid, 15), (self.small, 5)):
            self._order(partner, qty=qty).action_confirm()
        self.small.with_user(self.head).cs_tier_id = self.tier_c
        Review = self.env["client_specialist.tier.review"]
        # Only the clients of this test take part: the others are not clients here.
        others = self.Partner.search(
            [("cs_stage", "in", ("client", "key_client")), ("id", "not in", (self.big | self.mid | self.small).ids)]
        )
        others.sudo()._cs_move_stage("lost", lost_reason="test")
        review = Review._cs_create_review(self.company)
        lines = {line.partner_id: line for line in review.line_ids}
        self.assertEqual(set(lines), {self.big, self.mid}, "Small already has the tier of its class")
        self.assertEqual(lines[self.big].abc_class, "A")
        self.assertEqual(lines[self.big].revenue, 8000.0)
        self.assertEqual(lines[self.big].margin, 3200.0)
        self.assertEqual(lines[self.mid].proposed_tier_id, self.tier_b)
        self.assertFalse(self.big.cs_tier_id, "nothing changes before the head decides")
        self.assertTrue(review.activity_ids)
        self.assertEqual((review.state, review.pending_count, lines[self.big].state), ("open", 2, "proposed"))
        self.assertEqual(lines[self.big].company_id, review.company_id)
        with self.assertRaises(UserError):
            lines[self.big].with_user(self.user_a).action_accept()
        lines[self.big].with_user(self.head).action_accept()
        lines[self.mid].with_user(self.head).action_reject()
        self.assertEqual(self.big.cs_tier_id, self.tier_a)
        self.assertFalse(self.mid.cs_tier_id)
        self.assertEqual(review.state, "done")
        with self.assertRaises(UserError):
            lines[self.mid].with_user(self.head).action_accept()

    def test_reviews_are_for_the_head_only(self):
        with self.assertRaises(AccessError):
            self.env["client_specialist.tier.review"].with_user(self.user_a).search([])
