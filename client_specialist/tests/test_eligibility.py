# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.client_specialist_specialist import date_reached, experience_before
from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestExperienceArithmetic(ClientSpecialistCase):
    def test_anniversary_is_reached_on_the_day(self):
        periods = [(date(2024, 3, 15), None)]
        self.assertEqual(experience_before(periods, date(2026, 3, 14)), (23, 27))
        self.assertEqual(experience_before(periods, date(2026, 3, 15)), (24, 0))
        self.assertEqual(date_reached(periods, 24), date(2026, 3, 15))

    def test_closed_period_counts_its_last_day(self):
        # 1 Jan .. 31 Dec inclusive is one full year.
        periods = [(date(2020, 1, 1), date(2020, 12, 31))]
        self.assertEqual(experience_before(periods, date(2030, 1, 1)), (12, 0))

    def test_overlapping_posts_count_once(self):
        periods = [(date(2020, 1, 1), date(2020, 12, 31)), (date(2020, 7, 1), date(2021, 6, 30))]
        self.assertEqual(experience_before(periods, date(2030, 1, 1)), (18, 0))

    def test_days_of_separate_periods_add_up_to_months(self):
        # 20 days + 15 days = 35 days: one month (30 days) and 5 days.
        periods = [(date(2020, 1, 1), date(2020, 1, 20)), (date(2021, 3, 1), date(2021, 3, 15))]
        self.assertEqual(experience_before(periods, date(2030, 1, 1)), (1, 5))

    def test_closed_periods_that_never_reach_the_requirement(self):
        periods = [(date(2020, 1, 1), date(2020, 12, 31))]
        self.assertIsNone(date_reached(periods, 24))
        self.assertIsNone(date_reached([], 24))


@tagged("post_install", "-at_install")
class TestEligibility(ClientSpecialistCase):
    def test_higher_education_enters_without_experience(self):
        self.assertEqual(self.spec_a.next_category_id, self.category_none)
        self.assertTrue(self.spec_a.next_category_eligible)

    def test_general_education_cannot_enter(self):
        self.spec_a.education_level = "general"
        self.assertFalse(self.spec_a.next_category_date)
        self.assertFalse(self.spec_a.next_category_eligible)
        self.assertIn("education is required", self.spec_a.eligibility_explanation)

    def test_secondary_path_needs_three_years_to_the_day(self):
        self.spec_a.write(
            {
                "education_level": "secondary",
                "experience_ids": [
                    (0, 0, {"post": "Sales clerk", "date_start": "2021-05-10", "post_education_level": "secondary"})
                ],
            }
        )
        self.assertEqual(self.spec_a.next_category_date, self.d("2024-05-10"))
        with freeze_time("2024-05-09"):
            self.spec_a.invalidate_recordset(["next_category_eligible", "eligibility_explanation"])
            self.assertFalse(self.spec_a.next_category_eligible)
            self.assertIn(
                "1 d. more in posts requiring specialised secondary education", self.spec_a.eligibility_explanation
            )
        with freeze_time("2024-05-10"):
            self.spec_a.invalidate_recordset(["next_category_eligible", "eligibility_explanation"])
            self.assertTrue(self.spec_a.next_category_eligible)

    def test_secondary_education_does_not_open_category_two(self):
        self.spec_a.education_level = "secondary"
        self._appoint_with_override(self.spec_a, self.category_none, self.d("2020-01-01"))
        self.assertEqual(self.spec_a.next_category_id, self.category_second)
        self.assertFalse(self.spec_a.next_category_date)
        self.assertIn("Higher professional education is required", self.spec_a.eligibility_explanation)

    def test_category_two_counts_posts_requiring_higher_education(self):
        self.spec_a.experience_ids = [
            (0, 0, {"post": "Economist", "date_start": "2019-01-01", "date_end": "2019-12-31"}),
            (
                0,
                0,
                {
                    "post": "Cashier",
                    "date_start": "2020-01-01",
                    "date_end": "2022-12-31",
                    "post_education_level": "general",
                },
            ),
        ]
        with freeze_time("2023-02-01"):
            self._appoint(self.spec_a, self.category_none, self.d("2023-02-01"))
        # 12 months as economist; the cashier years do not count; the rest comes from the post held
        # here. Two periods add up by the 30-day rule: 12 mo. + 11 mo. 30 d. make 24 mo. on 31 January.
        self.assertEqual(self.spec_a.next_category_id, self.category_second)
        self.assertEqual(self.spec_a.next_category_date, self.d("2024-01-31"))
        with freeze_time("2023-10-01"):
            self.spec_a.invalidate_recordset(["next_category_eligible", "eligibility_explanation"])
            self.assertIn(
                "needs 4 mo. more as a client specialist or in posts requiring higher education (24 mo. required)",
                self.spec_a.eligibility_explanation,
            )

    def test_category_one_counts_only_time_in_category_two(self):
        with freeze_time("2022-01-10"):
            self._appoint(self.spec_a, self.category_none, self.d("2020-01-10"), "1")
        with freeze_time("2022-06-01"):
            self._appoint(self.spec_a, self.category_second, self.d("2022-06-01"), "2")
        self.assertEqual(self.spec_a.category_id, self.category_second)
        self.assertEqual(self.spec_a.next_category_id, self.category_first)
        self.assertEqual(self.spec_a.next_category_date, self.d("2024-06-01"))
        with freeze_time("2023-10-01"):
            self.spec_a.invalidate_recordset(["next_category_eligible", "eligibility_explanation"])
            self.assertEqual(
                self.spec_a.eligibility_explanation,
                "For Specialist, category I: needs 8 mo. more as Specialist, category II (24 mo. required).\n"
                "Qualifies on 06/01/2024 if the current post continues.",
            )

    def test_earlier_category_two_elsewhere_counts(self):
        self.spec_a.experience_ids = [
            (
                0,
                0,
                {
                    "post": "Client specialist",
                    "date_start": "2018-01-01",
                    "date_end": "2018-12-31",
                    "is_client_specialist_post": True,
                    "category_id": self.category_second.id,
                },
            ),
            (0, 0, {"post": "Economist", "date_start": "2019-01-01", "date_end": "2019-12-31"}),
        ]
        with freeze_time("2023-03-01"):
            self._appoint(self.spec_a, self.category_second, self.d("2023-03-01"))
        # 12 months as category II elsewhere, then 12 more here (the economist years do not count).
        self.assertEqual(self.spec_a.next_category_date, self.d("2024-03-01"))

    def _appoint_with_override(self, specialist, category, on):
        return specialist.with_user(self.head)._cs_appoint(category, on, "x", on, override_reason="Test setup")
