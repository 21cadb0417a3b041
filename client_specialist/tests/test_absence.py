# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestAbsence(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Absence = cls.env["client_specialist.absence"].with_user(cls.head)

    def _absence(self, start, end, specialist=None, deputy=None):
        return self.Absence.create(
            {
                "specialist_id": (specialist or self.spec_a).id,
                "deputy_id": (deputy or self.user_b).id,
                "date_from": start,
                "date_to": end,
            }
        )

    def test_deputy_sees_the_absent_specialist_only_while_the_absence_runs(self):
        Specialist = self.env["client_specialist.specialist"].with_user(self.user_b)
        with freeze_time("2026-03-01"):
            absence = self._absence("2026-03-10", "2026-03-20")
            self.assertEqual(absence.state, "planned")
            self.assertNotIn(self.spec_a, Specialist.search([]))
        with freeze_time("2026-03-10"):
            self.env["client_specialist.absence"]._cron_refresh_state()
            self.assertEqual(absence.state, "running")
            self.assertIn(self.spec_a, Specialist.search([]))
            self.assertEqual(self.spec_a.current_deputy_id, self.user_b)
            self.assertEqual(self.user_a._cs_acting_users(), {self.user_a: self.user_b})
            self.assertIn(self.user_b.partner_id, absence.message_ids[0].partner_ids)
        with freeze_time("2026-03-21"):
            self.env["client_specialist.absence"]._cron_refresh_state()
            self.assertEqual(absence.state, "done")
            self.assertNotIn(self.spec_a, Specialist.search([]))
            self.assertFalse(self.spec_a.current_deputy_id)
            self.assertEqual(self.user_a._cs_acting_users(), {})

    def test_deputy_reads_the_absences_they_stand_in_for(self):
        # The deputy may not read the absent specialist's card before the absence runs, yet the
        # absence itself (list, calendar, form) is theirs to read: its name must not need the card.
        with freeze_time("2026-03-01"):
            planned = self._absence("2026-03-10", "2026-03-20")
            as_deputy = planned.with_user(self.user_b)
            self.env.invalidate_all()
            self.assertEqual(as_deputy.display_name, "Specialist A, 03/10/2026 - 03/20/2026")
            read = as_deputy.web_read({"display_name": {}, "specialist_id": {"fields": {"display_name": {}}}})
            self.assertEqual(read[0]["specialist_id"]["display_name"], "Specialist A")
            Absence = self.env["client_specialist.absence"].with_user(self.user_b)
            self.assertEqual(Absence.search([("deputy_id", "=", self.user_b.id)]), planned)
            # What the list, calendar and form views read, as the web client asks for it.
            views = Absence.get_views([(False, "list"), (False, "calendar"), (False, "form")])
            fields_ = views["models"]["client_specialist.absence"]["fields"]
            spec = {
                name: {"fields": {"display_name": {}}} if field["type"] == "many2one" else {}
                for name, field in fields_.items()
                if field["type"] not in ("one2many", "many2many")
            }
            self.env.invalidate_all()
            [values] = as_deputy.web_read(spec)
            self.assertEqual(values["specialist_id"]["display_name"], "Specialist A")
            self.assertEqual(values["deputy_id"]["display_name"], "Specialist B")

    def test_absence_starting_today_runs_at_once(self):
        with freeze_time("2026-03-10"):
            absence = self._absence("2026-03-10", "2026-03-10")
            self.assertEqual(absence.state, "running")

    def test_portfolio_domain_follows_the_absence(self):
        Partner = self.env["res.partner"]
        clients = Partner.create(
            [
                {"name": "Client of A", "user_id": self.user_a.id},
                {"name": "Client of B", "user_id": self.user_b.id},
                {"name": "Client of the head", "user_id": self.head.id},
            ]
        )
        domain = self.env["res.users"].with_user(self.user_b)._cs_portfolio_domain()
        with freeze_time("2026-03-01"):
            absence = self._absence("2026-03-05", "2026-03-20")
            self.assertEqual(Partner.search([*domain, ("id", "in", clients.ids)]), clients[1])
        with freeze_time("2026-03-05"):
            absence._cron_refresh_state()
            self.assertEqual(Partner.search([*domain, ("id", "in", clients.ids)]), clients[:2])

    def test_end_now_and_cancel(self):
        with freeze_time("2026-03-10"):
            running = self._absence("2026-03-01", "2026-03-20")
            running.action_end_today()
            self.assertEqual(running.state, "done")
            self.assertEqual(str(running.date_to), "2026-03-09")
            planned = self._absence("2026-04-01", "2026-04-05")
            planned.action_cancel()
            self.assertEqual(planned.state, "cancelled")
            self._absence("2026-04-01", "2026-04-05")  # the cancelled one no longer blocks

    def test_bad_absences_are_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._absence("2026-03-20", "2026-03-10")
        with self.assertRaises(ValidationError):
            self._absence("2026-03-10", "2026-03-20", deputy=self.user_a)
        self._absence("2026-03-10", "2026-03-20")
        with self.assertRaises(ValidationError) as caught:
            self._absence("2026-03-15", "2026-03-25")
        self.assertIn("already absent", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self._absence("2026-03-18", "2026-03-19", specialist=self.spec_b, deputy=self.user_a)
        self.assertIn("deputy Specialist A is absent", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self._absence("2026-03-12", "2026-03-14", specialist=self.spec_b, deputy=self.head)
        self.assertIn("stands in for", str(caught.exception))
        self.assertEqual(
            self.env["client_specialist.absence"].search_count([("specialist_id", "=", self.spec_b.id)]), 0
        )

    def test_specialist_cannot_record_absences(self):
        with self.assertRaises(AccessError):
            self.env["client_specialist.absence"].with_user(self.user_a).create(
                {
                    "specialist_id": self.spec_a.id,
                    "deputy_id": self.user_b.id,
                    "date_from": "2026-03-10",
                    "date_to": "2026-03-20",
                }
            )
