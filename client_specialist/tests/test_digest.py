# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestFollowupDigest(ClientSpecialistCase):
    """Clients to contact: one digest per specialist, kept to the clients still due."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Digest = cls.env["client_specialist.digest"]
        cls.followup = cls.env.ref("client_specialist.mail_activity_type_followup")
        cls.today = fields.Date.today()
        cls.clients_a = cls._clients(cls.user_a, 3, "A")
        cls.clients_b = cls._clients(cls.user_b, 2, "B")

    @classmethod
    def _clients(cls, user, count, prefix):
        clients = cls.Partner.create(
            [
                {"name": f"Digest client {prefix}{i}", "is_company": True, "user_id": user.id, "cs_stage": "client"}
                for i in range(count)
            ]
        )
        clients.sudo().write({"cs_last_contact_date": cls.today - timedelta(days=90)})
        return clients

    def _digests(self, user):
        return self.Digest.search([("kind", "=", "followup"), ("user_id", "=", user.id)])

    def test_each_specialist_gets_one_digest_of_their_clients(self):
        self.Partner._cron_contact_followup()
        digest_a, digest_b = self._digests(self.user_a), self._digests(self.user_b)
        self.assertEqual(digest_a.sudo().res_ids, sorted(self.clients_a.ids))
        self.assertEqual(digest_b.sudo().res_ids, sorted(self.clients_b.ids))
        self.assertFalse((self.clients_a | self.clients_b).activity_ids, "no follow-up activity per client")
        activity = digest_a.activity_ids
        digest_type = self.env.ref("client_specialist.mail_activity_type_digest")
        self.assertEqual((activity.activity_type_id, activity.user_id), (digest_type, self.user_a))
        self.assertIn("Clients to contact: 3", activity.summary)
        self.assertIn(f"/odoo/res.partner/{self.clients_a[0].id}", activity.note)
        self.assertIn("contact due since", activity.note)
        # "My Activities": the digest counts like any activity of the specialist.
        counters = self.env["res.users"].with_user(self.user_a).browse(self.user_a.id)._get_activity_groups()
        self.assertIn("client_specialist.digest", [group["model"] for group in counters])
        # The activity view of the digests lists it under its type.
        view = self.env["mail.activity"].with_user(self.user_a).get_activity_data(self.Digest._name, [])
        self.assertIn(digest_type.id, [activity_type["id"] for activity_type in view["activity_types"]])
        self.assertEqual(list(view["grouped_activities"][digest_a.id]), [digest_type.id])

        # Contacted: the client drops out at the next run; the same activity says so.
        self.clients_a[0]._cs_register_contact(self.today)
        self.Partner._cron_contact_followup()
        self.assertEqual(digest_a.sudo().res_ids, sorted(self.clients_a[1:].ids))
        self.assertEqual(digest_a.activity_ids, activity)
        self.assertIn("Clients to contact: 2", activity.summary)
        # All contacted: closed.
        self.clients_a[1:]._cs_register_contact(self.today)
        self.Partner._cron_contact_followup()
        self.assertFalse(self._digests(self.user_a))
        self.assertFalse(activity.exists())
        self.assertTrue(self._digests(self.user_b))

    def test_a_deputy_s_digest_for_the_absent_colleague(self):
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": self.spec_b.id,
                "deputy_id": self.user_a.id,
                "date_from": self.today - timedelta(days=1),
                "date_to": self.today + timedelta(days=3),
            }
        )
        self.Partner._cron_contact_followup()
        own, stand_in = self._digests(self.user_a).sorted(lambda d: bool(d.on_behalf_of_id))
        self.assertFalse(own.on_behalf_of_id)
        self.assertEqual(own.record_count, 3)
        self.assertEqual(stand_in.on_behalf_of_id, self.user_b)
        self.assertEqual(stand_in.sudo().res_ids, sorted(self.clients_b.ids))
        self.assertIn("(for Specialist B, absent)", stand_in.activity_ids.summary)
        self.assertFalse(self._digests(self.user_b))

    def test_per_record_setting_keeps_one_follow_up_per_client(self):
        self.company.cs_reminder_followup = "per_record"
        self.Partner._cron_contact_followup()
        self.assertFalse(self._digests(self.user_a))
        activities = self.clients_a.activity_ids
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(self.clients_a.ids))
        self.assertEqual(activities.activity_type_id, self.followup)
        # Back to digests: the clients with a follow-up planned are not listed again.
        self.company.cs_reminder_followup = "digest"
        self.Partner._cron_contact_followup()
        self.assertFalse(self._digests(self.user_a))

    def test_queries_do_not_grow_with_the_clients(self):
        def count(clients_per_user):
            self.Digest.search([]).unlink()
            self.Partner.search([("cs_stage", "=", "client")]).sudo().write({"cs_last_contact_date": self.today})
            for user in (self.user_a, self.user_b):
                self._clients(user, clients_per_user, f"{user.login}-{clients_per_user}-")
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            with self.assertQueryCount(60):
                self.Partner._cron_contact_followup()
            return self.cr.sql_log_count - before

        small, large = count(3), count(30)
        self.assertLessEqual(large, small + 2, (small, large))
        self.assertEqual(self._digests(self.user_a).record_count, 30)


@tagged("post_install", "-at_install")
class TestEligibilityDigest(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Specialist = cls.env["client_specialist.specialist"]
        cls.Digest = cls.env["client_specialist.digest"]
        # Both qualify for category II: five years as an economist.
        for specialist in cls.spec_a | cls.spec_b:
            specialist.write(
                {
                    "experience_ids": [
                        (0, 0, {"post": "Economist", "date_start": "2015-01-01", "date_end": "2020-01-31"})
                    ]
                }
            )
        for specialist in cls.spec_a | cls.spec_b:
            cls._appoint(specialist, cls.category_none, cls.d("2020-02-01"))

    def test_the_head_gets_one_digest_of_the_eligible(self):
        eligible = (self.spec_a | self.spec_b).filtered("next_category_id")
        self.assertEqual(len(eligible), 2, "the data makes both eligible")
        self.Specialist._cron_notify_eligibility()
        digest = self.Digest.search([("kind", "=", "eligibility"), ("user_id", "=", self.head.id)])
        self.assertEqual(digest.sudo().res_ids, sorted(eligible.ids))
        self.assertEqual(len(digest.activity_ids), 1)
        self.assertIn("qualifies for", digest.activity_ids.note)
        self.assertFalse(self.env["mail.activity"].search([("res_model", "=", self.Specialist._name)]))
        self.assertTrue(all(eligible.mapped("next_category_notified")))
        # A deputy of the head while they are away.
        deputy = new_test_user(self.env, login="t_elig_deputy", groups="client_specialist.group_client_specialist_head")
        head_card = self.Specialist.create({"user_id": self.head.id})
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": head_card.id,
                "deputy_id": deputy.id,
                "date_from": fields.Date.subtract(fields.Date.today(), days=1),
                "date_to": fields.Date.add(fields.Date.today(), days=3),
            }
        )
        self.Specialist._cron_notify_eligibility()
        self.assertFalse(digest.exists(), "the head is away: their digest goes")
        stand_in = self.Digest.search([("kind", "=", "eligibility"), ("user_id", "=", deputy.id)])
        self.assertEqual(stand_in.on_behalf_of_id, self.head)
        self.assertEqual(stand_in.record_count, 2)
