# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.addons.client_specialist.tests.common import ClientSpecialistCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestObligationsInResults(ClientSpecialistCase):
    """The share of our obligations met on time counts what happened: the day each one was marked
    fulfilled, by the specialist who answers for it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Result = cls.env["client_specialist.result"]
        # Won in May: the results have a row for A's May.
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Client of A",
                "is_company": True,
                "user_id": cls.user_a.id,
                "cs_stage": "client",
                "cs_won_date": "2025-05-05",
            }
        )
        with freeze_time("2025-05-01"):
            cls.kept, cls.late = cls.env["client_specialist.obligation"].create(
                [
                    {
                        "party": "company",
                        "kind": "documents",
                        "name": name,
                        "partner_id": cls.client.id,
                        "date_due": "2025-05-20",
                    }
                    for name in ("Acts signed", "Certificates sent")
                ]
            )

    def _rate(self, user):
        with freeze_time("2025-07-01"):
            indicators = self.Result._cs_indicators(user, self.d("2025-05-01"), self.d("2025-05-31"))
        return indicators[user.id].get("obligations_on_time")

    def test_a_late_obligation_counts_as_late_whatever_is_written(self):
        with freeze_time("2025-05-18"):
            self.kept.with_user(self.user_a).action_done()
        with freeze_time("2025-05-25"):
            late = self.late.with_user(self.user_a)
            for values in (
                {"date_done": "2025-05-19"},
                {"state": "done", "date_done": "2025-05-19"},
                {"date_due": "2025-05-31"},
                {"user_id": self.user_b.id},
            ):
                with self.subTest(values=values), self.assertRaises(AccessError):
                    late.write(values)
            late.action_done()
            # Fulfilled: what was owed and by when no longer changes, for anyone.
            with self.assertRaises(UserError):
                self.late.with_user(self.head).write({"date_due": "2025-05-31"})
        self.assertAlmostEqual(self._rate(self.user_a), 50.0)
        self.assertIsNone(self._rate(self.user_b), "the miss stays with the one who answered for it")
        self.env.flush_all()
        row = self.Result.search([("user_id", "=", self.user_a.id), ("month", "=", "2025-05-01")])
        self.assertAlmostEqual(row.obligations_on_time, 50.0)
