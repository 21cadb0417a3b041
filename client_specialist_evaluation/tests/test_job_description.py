# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models.client_specialist_job_description import SECTION_FIELDS


@tagged("post_install", "-at_install")
class TestJobDescription(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for spec in cls.spec_a | cls.spec_b:
            spec.experience_ids = [(0, 0, {"post": "Economist", "date_start": "2019-01-01", "date_end": "2021-12-31"})]
            cls._appoint(spec, cls.category_second, cls.d("2024-01-15"))
        cls.JobDescription = cls.env["client_specialist.job.description"]
        cls.v1 = cls.JobDescription.with_user(cls.head).create(
            {
                "name": "Client relations specialist, category II",
                "category_id": cls.category_second.id,
                "duties": "<ol><li>Finds clients.</li></ol>",
            }
        )

    def _approve(self, description, on="2025-03-01"):
        description.with_user(self.head).action_approve(approver_name="P. S. Kozlov", approval_date=on)

    def test_the_addon_ships_a_template_per_category(self):
        templates = (
            self.env.ref("client_specialist_evaluation.job_description_template_none")
            | self.env.ref("client_specialist_evaluation.job_description_template_second")
            | self.env.ref("client_specialist_evaluation.job_description_template_first")
        )
        self.assertEqual(templates.category_id, self.category_none | self.category_second | self.category_first)
        for template in templates:
            for section in SECTION_FIELDS:
                self.assertTrue(template[section], f"{section} of {template.name}")
        self.assertIn(
            "category II", self.env.ref("client_specialist_evaluation.job_description_template_first").requirements
        )

    def test_versions_and_acknowledgements(self):
        self.assertGreater(self.v1.version, 0)
        with self.assertRaises(UserError) as caught:
            self.v1.with_user(self.head).action_approve()
        self.assertIn("Approved By", str(caught.exception))
        self._approve(self.v1)
        self.assertEqual(self.v1.state, "approved")
        self.assertEqual(self.v1.approval_recorded_by_id, self.head)
        mine = self.spec_a | self.spec_b
        acks = self.v1.acknowledgement_ids.filtered(lambda a: a.specialist_id in mine)
        self.assertEqual(acks.specialist_id, mine)
        self.assertEqual(set(acks.mapped("state")), {"pending"})
        with self.assertRaises(UserError):
            self.v1.with_user(self.head).write({"duties": "<p>Something else</p>"})

        self.v1.with_user(self.user_a).action_acknowledge()
        ack_a = acks.filtered(lambda a: a.specialist_id == self.spec_a)
        self.assertEqual(ack_a.state, "done")
        self.assertEqual(ack_a.acknowledged_by_id, self.user_a)
        self.assertTrue(ack_a.date)

        action = self.v1.with_user(self.head).action_new_version()
        v2 = self.JobDescription.browse(action["res_id"])
        self.assertEqual((v2.state, v2.version), ("draft", self.v1.version + 1))
        self.assertEqual(v2.duties, self.v1.duties)
        self._approve(v2, on="2025-09-01")
        self.assertEqual(self.v1.state, "archived", "the new version replaces the previous one")
        self.assertEqual(v2.acknowledgement_ids.specialist_id & mine, mine, "everyone is asked again")
        self.assertEqual(set(v2.acknowledgement_ids.mapped("state")), {"pending"})
        self.assertEqual(ack_a.state, "done", "the history of the old version stays")

    def test_acknowledgement_is_personal(self):
        self._approve(self.v1)
        ack_b = self.v1.acknowledgement_ids.filtered(lambda a: a.specialist_id == self.spec_b)
        with self.assertRaises(AccessError):
            ack_b.with_user(self.head).action_acknowledge()
        with self.assertRaises(AccessError):
            ack_b.with_user(self.user_a).action_acknowledge()
        with self.assertRaises(AccessError):
            ack_b.with_user(self.user_a).read(["state"])
        with self.assertRaises(UserError):
            self.v1.with_user(self.head).action_acknowledge()
        self.assertEqual(ack_b.state, "pending")

    def test_a_newly_appointed_specialist_is_asked(self):
        self._approve(self.v1)
        user_c = new_test_user(self.env, login="t_spec_c", groups="client_specialist.group_client_specialist")
        spec_c = self.env["client_specialist.specialist"].create({"user_id": user_c.id, "head_id": self.head.id})
        spec_c.experience_ids = [(0, 0, {"post": "Analyst", "date_start": "2019-01-01", "date_end": "2021-12-31"})]
        self._appoint(spec_c, self.category_second, self.d("2025-04-01"))
        self.assertIn(spec_c, self.v1.acknowledgement_ids.specialist_id)

    def test_reminder_once(self):
        self._approve(self.v1)
        self.v1.with_user(self.user_a).action_acknowledge()
        Ack = self.env["client_specialist.job.description.acknowledgement"]
        Activity = self.env["mail.activity"]
        activity_type = self.env.ref("client_specialist_evaluation.mail_activity_type_acknowledge")
        domain = [
            ("res_model", "=", self.v1._name),
            ("res_id", "=", self.v1.id),
            ("activity_type_id", "=", activity_type.id),
            ("user_id", "in", (self.user_a | self.user_b).ids),
        ]
        with freeze_time("2025-03-02"):
            Ack._cron_remind_acknowledgement()
        activities = Activity.search(domain)
        self.assertEqual(activities.user_id, self.user_b, "only who has not acknowledged, the person themselves")
        self.assertEqual(len(activities), 1)
        with freeze_time("2025-03-03"):
            Ack._cron_remind_acknowledgement()
        self.assertEqual(len(Activity.search(domain)), 1, "reminded once")
        self.v1.with_user(self.user_b).action_acknowledge()
        self.assertFalse(Activity.search(domain), "the reminder is done when they acknowledge")

    def test_reminder_batches_cost_the_same(self):
        users = [
            new_test_user(self.env, login=f"t_batch_{i}", groups="client_specialist.group_client_specialist")
            for i in range(8)
        ]
        specs = self.env["client_specialist.specialist"].create([{"user_id": u.id} for u in users])
        self._approve(self.v1)
        Ack = self.env["client_specialist.job.description.acknowledgement"]
        before = Ack.search_count([("job_description_id", "=", self.v1.id)])
        self.v1._cs_request_acknowledgements()  # safe to repeat: nobody is asked twice
        self.assertEqual(Ack.search_count([("job_description_id", "=", self.v1.id)]), before)
        # The extra specialists hold no category here: give them pending acknowledgements directly.
        Ack.create([{"job_description_id": self.v1.id, "specialist_id": s.id} for s in specs])
        Ack._cron_remind_acknowledgement(batch_size=2)  # warm the caches
        costs = []
        for size in (2, 5):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            remaining = Ack._cron_remind_acknowledgement(batch_size=size)
            self.env.flush_all()
            costs.append(self.cr.sql_log_count - start)
            self.assertTrue(remaining)
        # Each acknowledgement has its own assignee, and mail.activity checks the follower of each
        # assignee: a few queries per person, in Odoo. Everything else is constant per batch.
        self.assertLessEqual(costs[1] - costs[0], 3 * (5 - 2), costs)

    def test_pdf_with_acknowledgement_sheet(self):
        self._approve(self.v1)
        self.v1.with_user(self.user_a).action_acknowledge()
        self.env.invalidate_all()  # the test shares one cache between users
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("client_specialist_evaluation.action_report_job_description", self.v1.ids)[0]
            .decode()
        )
        self.assertIn("Acknowledgement Sheet", html)
        self.assertIn("Finds clients.", html)
        self.assertIn("P. S. Kozlov", html)
        for name in ("Specialist A", "Specialist B"):
            self.assertIn(name, html)
        pdf, kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "client_specialist_evaluation.action_report_job_description", self.v1.ids
        )
        self.assertTrue(pdf)

    def test_access(self):
        with self.assertRaises(AccessError):
            self.v1.with_user(self.user_a).read(["name"])  # drafts stay with the head
        with self.assertRaises(UserError):
            self.v1.with_user(self.user_a).action_approve()
        self._approve(self.v1)
        self.v1.with_user(self.user_a).read(["name", "duties"])
        with self.assertRaises(AccessError):
            self.JobDescription.with_user(self.user_a).create({"name": "Mine", "category_id": self.category_second.id})
        with self.assertRaises(AccessError):
            self.v1.acknowledgement_ids.with_user(self.user_a).write({"state": "done"})
        with self.assertRaises(UserError):
            self.v1.with_user(self.head).unlink()
        with self.assertRaises(AccessError):
            self.v1.with_user(self.plain_user).read(["name"])
