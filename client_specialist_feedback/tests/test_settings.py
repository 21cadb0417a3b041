# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The feedback terms are each company's, set in Settings."""

import re
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import FeedbackCase


@tagged("post_install", "-at_install")
class TestFeedbackSettings(FeedbackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create(
            {"name": "Other Co", "resource_calendar_id": cls.company.resource_calendar_id.id}
        )

    def test_a_new_company_starts_from_the_defaults(self):
        self.assertEqual(
            (
                self.other_company.cs_feedback_response_days,
                self.other_company.cs_feedback_resolution_days,
                self.other_company.cs_claim_written_days,
                self.other_company.cs_pattern_count,
                self.other_company.cs_pattern_days,
            ),
            (5, 20, 30, 3, 90),
        )

    def test_each_company_counts_with_its_own_terms(self):
        self.company.cs_feedback_response_days = 2
        self.other_company.cs_feedback_response_days = 4
        ours = self._feedback(partner=self.client_b, date_received="2026-03-06")
        theirs = self.Feedback.with_company(self.other_company).create(
            {
                "subject": "Late",
                "partner_id": self.client_b.id,
                "company_id": self.other_company.id,
                "date_received": "2026-03-06",
            }
        )
        self.assertEqual(ours.response_deadline, date(2026, 3, 10))
        self.assertEqual(theirs.response_deadline, date(2026, 3, 12))

    def test_settings_set_the_current_company_s_terms(self):
        with Form(self.env["res.config.settings"]) as settings:
            self.assertEqual(settings.cs_feedback_resolution_days, 20)
            settings.cs_feedback_response_days = 7
            settings.cs_pattern_count = 4
        settings.save().execute()
        self.assertEqual((self.company.cs_feedback_response_days, self.company.cs_pattern_count), (7, 4))
        self.assertEqual(self.other_company.cs_feedback_response_days, 5, "the other company keeps its own")

    def test_terms_out_of_range_are_refused(self):
        for name, value in (("cs_feedback_response_days", 0), ("cs_pattern_days", 0), ("cs_claim_written_days", -1)):
            label = re.escape(self.company._fields[name]._description_string(self.env))
            with self.subTest(name=name), self.assertRaisesRegex(ValidationError, f"{label} must be at least"):
                with self.cr.savepoint():
                    self.company.write({name: value})
            self.company.invalidate_recordset()
        self.company.write({"cs_claim_written_days": 0, "cs_pattern_count": 0})  # no legal term, no pattern alert

    def test_the_pattern_is_counted_with_the_feedback_s_company_terms(self):
        self.company.write({"cs_pattern_count": 2, "cs_pattern_days": 10})
        today = fields.Date.today()
        self._feedback(cause_id=self.cause.id, date_received=today - timedelta(days=20))
        second = self._feedback(cause_id=self.cause.id)
        self.assertFalse(second.pattern_alerted, "the first is out of the 10 days")
        third = self._feedback(cause_id=self.cause.id)
        self.assertTrue(second.pattern_alerted and third.pattern_alerted)
        alert = self.env["mail.activity"].search([("res_model", "=", third._name), ("res_id", "=", third.id)])
        self.assertIn("2 times", alert.summary)
        self.assertIn("in 10 days", alert.summary)
