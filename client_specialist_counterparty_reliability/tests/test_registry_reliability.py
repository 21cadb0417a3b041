# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The registry criterion of the reliability assessment comes from the client's last registry check."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.addons.client_specialist_counterparty.tests.common import INN, KPP, OGRN, CounterpartyCase
from odoo.addons.client_specialist_counterparty.tests.fake_dadata import found, party
from odoo.exceptions import AccessError
from odoo.tests import tagged

TODAY = date(2026, 11, 2)


@tagged("post_install", "-at_install")
class TestRegistryInTheAssessment(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["client_specialist.reliability.assessment"]
        Partner = cls.env["res.partner"]
        with freeze_time(TODAY):
            Partner.search(Partner._get_registry_monitor_domain())._cs_write_technical(
                {"cs_registry_attempt_date": date(2999, 1, 1)}
            )
        cls.client = Partner.create(
            {
                "name": "Ромашка",
                "is_company": True,
                "country_id": cls.ru.id,
                "user_id": cls.user_a.id,
                "cs_stage": "client",
                "vat": INN,
                "cs_kpp": KPP,
                "company_registry": OGRN,
            }
        )

    def _check(self, day=TODAY, **changes):
        self.dadata.answer(INN, found(party(INN, **changes)))
        with freeze_time(day):
            self.env["res.partner"]._cron_registry_monitor()

    def _line(self, assessment):
        return assessment.line_ids.filtered(lambda line: line.criterion == "registry_status")

    def test_a_new_assessment_takes_the_last_check(self):
        self._check()
        with freeze_time(TODAY):
            assessment = self.Assessment.with_user(self.user_a).create({"partner_id": self.client.id})
        self.assertRecordValues(
            assessment, [{"registry_status": "active", "registry_source": "DaData", "registry_date": TODAY}]
        )
        self.assertTrue(assessment.cs_registry_checked)
        self.assertEqual(self._line(assessment).explanation, "Active (DaData)")
        self.assertEqual(self._line(assessment).score, 100)

    def test_nobody_types_over_the_registry(self):
        self._check()
        with self.assertRaises(AccessError) as caught:
            self.Assessment.with_user(self.user_a).create(
                {"partner_id": self.client.id, "registry_status": "reorganising"}
            )
        self.assertIn("state registry", str(caught.exception))
        assessment = self.Assessment.with_user(self.user_a).create(
            {"partner_id": self.client.id, "registry_status": "active"}  # what the check says: accepted
        )
        for user in (self.user_a, self.head):
            for vals in ({"registry_status": "liquidation"}, {"registry_source": "Контур.Фокус"}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    assessment.with_user(user).write(vals)
        self.assertEqual(assessment.registry_status, "active")

    def test_a_client_never_checked_keeps_the_criterion_entered_by_hand(self):
        other = self.env["res.partner"].create(
            {"name": "Unchecked", "is_company": True, "user_id": self.user_a.id, "cs_stage": "client"}
        )
        assessment = self.Assessment.with_user(self.user_a).create(
            {"partner_id": other.id, "registry_status": "active", "registry_source": "egrul.nalog.ru"}
        )
        assessment.with_user(self.user_a).write({"registry_status": "reorganising"})
        self.assertFalse(assessment.cs_registry_checked)
        self.assertEqual(self._line(assessment).explanation, "Reorganising (egrul.nalog.ru)")

    def test_liquidation_the_next_morning_lowers_the_grade(self):
        self._check()
        with freeze_time(TODAY):
            assessment = self.Assessment.create({"partner_id": self.client.id, "has_guarantees": True})
        # Registry active (15 x 100), guarantees (5 x 100), a client since today (5 x 0): 80, A.
        self.assertEqual((assessment.score, assessment.grade), (80, "A"))
        self.assertEqual(self.client.cs_reliability_grade, "A")
        self._check(TODAY + timedelta(days=1), status="LIQUIDATING")
        self.assertRecordValues(
            assessment,
            [{"registry_status": "liquidation", "registry_date": TODAY + timedelta(days=1), "grade": "D"}],
        )
        self.assertEqual(assessment.score, 20, "(15 x 0 + 5 x 100 + 5 x 0) / 25")
        self.assertEqual(self._line(assessment).score, 0, "the lowest value of the criterion")
        self.assertEqual(self._line(assessment).explanation, "In liquidation (DaData)")
        self.assertEqual(self.client.cs_reliability_grade, "D")
        self.assertIn("Reliability grade of Ромашка: A → D", self.client.message_ids.mapped("body")[0])
        self.assertEqual(
            self.client._cs_reliability_concerns(),
            ["the client is liquidating in the state registry (DaData, 11/03/2026)"],
        )

    def test_liquidated_and_bankrupt_get_the_lowest_value(self):
        self._check()
        with freeze_time(TODAY):
            assessment = self.Assessment.create({"partner_id": self.client.id})
        self._check(TODAY + timedelta(days=1), status="LIQUIDATED", liquidation_date="2026-10-30")
        self.assertEqual(assessment.registry_status, "liquidated")
        self.assertEqual(self._line(assessment).score, 0)
        self.assertEqual(self._line(assessment).explanation, "Liquidated on 2026-10-30 (DaData)")
        self._check(TODAY + timedelta(days=2), status="BANKRUPT")
        self.assertEqual((assessment.registry_status, self._line(assessment).score), ("bankrupt", 0))

    def test_only_the_current_assessment_follows_and_a_quiet_day_changes_only_its_date(self):
        self._check()
        with freeze_time(TODAY - timedelta(days=30)):
            old = self.Assessment.create({"partner_id": self.client.id})
        with freeze_time(TODAY):
            current = self.Assessment.create({"partner_id": self.client.id})
        self._check(TODAY + timedelta(days=1))
        self.assertEqual(current.registry_date, TODAY + timedelta(days=1))
        self.assertEqual(old.registry_date, TODAY, "an older assessment keeps what it was made with")
        self.assertFalse(self.client._cs_reliability_concerns())
