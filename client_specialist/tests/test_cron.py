# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestEligibilityCron(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Today's behaviour, one activity per record; the digests have their own tests.
        cls.env["res.company"].search([]).write(dict.fromkeys(("cs_reminder_eligibility",), "per_record"))
        cls.Specialist = cls.env["client_specialist.specialist"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _activities(self, specialists):
        return self.env["mail.activity"].search(
            [("res_model", "=", "client_specialist.specialist"), ("res_id", "in", specialists.ids)]
        )

    def _mark_everyone_notified(self):
        """Leave only the specialists a test creates to the cron."""
        for category, specialists in self.Specialist.search([]).grouped("next_category_id").items():
            specialists.eligibility_notified_category_id = category

    def test_head_is_told_once_per_category(self):
        specialists = self.spec_a | self.spec_b
        self.Specialist._cron_notify_eligibility()
        activities = self._activities(specialists)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.head)
        self.assertIn("qualifies for Specialist (no category)", activities[0].summary)
        # Idempotent: nothing new on the next runs, even once the activity is done.
        activities[0].action_feedback(feedback="Order drafted")
        self.Specialist._cron_notify_eligibility()
        self.Specialist._cron_notify_eligibility()
        self.assertEqual(len(self._activities(specialists)), 1)

    def test_next_category_is_notified_when_its_day_comes(self):
        with freeze_time("2024-01-15"):
            self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
            self.Specialist._cron_notify_eligibility()
        self.assertFalse(self._activities(self.spec_a))
        with freeze_time("2026-01-14"):
            self.Specialist._cron_notify_eligibility()
            self.assertFalse(self._activities(self.spec_a))
        with freeze_time("2026-01-15"):
            self.Specialist._cron_notify_eligibility()
            self.Specialist._cron_notify_eligibility()
            activity = self._activities(self.spec_a)
            self.assertEqual(len(activity), 1)
            self.assertIn("category II", activity.summary)

    def test_absent_head_s_deputy_receives_the_reminder(self):
        deputy = new_test_user(self.env, login="t_head_deputy", groups="client_specialist.group_client_specialist_head")
        head_card = self.Specialist.create({"user_id": self.head.id})
        today = fields.Date.today()
        self.env["client_specialist.absence"].create(
            {
                "specialist_id": head_card.id,
                "deputy_id": deputy.id,
                "date_from": fields.Date.subtract(today, days=3),
                "date_to": fields.Date.add(today, days=3),
            }
        )
        self.Specialist._cron_notify_eligibility()
        self.assertEqual(self._activities(self.spec_a).user_id, deputy)

    def test_batches_report_what_remains(self):
        users = [
            new_test_user(self.env, login=f"t_batch_{i}", groups="client_specialist.group_client_specialist")
            for i in range(3)
        ]
        self._mark_everyone_notified()
        batch = self.Specialist.create([{"user_id": user.id, "head_id": self.head.id} for user in users])
        self.assertEqual(self.Specialist._cron_notify_eligibility(batch_size=2), 1)
        self.assertEqual(len(self._activities(batch)), 2)
        self.assertEqual(self.Specialist._cron_notify_eligibility(batch_size=2), 0)
        self.assertEqual(len(self._activities(batch)), 3)
        self.assertEqual(self.Specialist._cron_notify_eligibility(batch_size=2), 0)
        self.assertEqual(len(self._activities(batch)), 3)

    def test_queries_per_batch_do_not_grow_with_the_batch(self):
        def make(count, prefix):
            users = [
                new_test_user(self.env, login=f"{prefix}_{i}", groups="client_specialist.group_client_specialist")
                for i in range(count)
            ]
            return self.Specialist.create([{"user_id": u.id, "head_id": self.head.id} for u in users])

        self._mark_everyone_notified()
        small = make(3, "t_small")
        self.env.invalidate_all()
        with self.assertQueryCount(31):
            self.Specialist._cron_notify_eligibility(batch_size=3)
        self.assertEqual(len(self._activities(small)), 3)
        large = make(30, "t_large")
        self.env.invalidate_all()
        with self.assertQueryCount(31):
            self.Specialist._cron_notify_eligibility(batch_size=30)
        self.assertEqual(len(self._activities(large)), 30)


@tagged("post_install", "-at_install")
class TestAbsenceCron(ClientSpecialistCase):
    def test_cron_starts_and_ends_in_batches(self):
        Absence = self.env["client_specialist.absence"]
        with freeze_time("2026-05-01"):
            absences = Absence.create(
                [
                    {
                        "specialist_id": self.spec_a.id,
                        "deputy_id": self.head.id,
                        "date_from": "2026-05-05",
                        "date_to": "2026-05-06",
                    },
                    {
                        "specialist_id": self.spec_b.id,
                        "deputy_id": self.head.id,
                        "date_from": "2026-05-05",
                        "date_to": "2026-05-09",
                    },
                ]
            )
        with freeze_time("2026-05-05"):
            self.assertEqual(Absence._cron_refresh_state(batch_size=1), 1)
            self.assertEqual(Absence._cron_refresh_state(batch_size=1), 0)
            self.assertEqual(set(absences.mapped("state")), {"running"})
            Absence._cron_refresh_state()
            self.assertEqual(len(absences[0].message_ids.filtered(lambda m: "now stands in" in (m.body or ""))), 1)
        with freeze_time("2026-05-08"):
            Absence._cron_refresh_state()
            self.assertEqual(absences.mapped("state"), ["done", "running"])
