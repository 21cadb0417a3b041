# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The daily registry check: changes to the chatter, alarming moves to the specialist and the head
once, a failing provider stopping the run without touching anybody's data."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CounterpartyCase
from .fake_dadata import BAD_KEY, MALFORMED, NOT_FOUND, TOO_MANY, found, party

TODAY = date(2026, 11, 2)
# Made-up organisations of these tests, valid INNs and OGRNs.
FIRST = ("5406123450", "540601001", "1165400123459")
SECOND = ("6601112221", "660101001", "1176658012343")


@tagged("post_install", "-at_install")
class TestMonitoring(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # Partners of the database that the daily check would take too (the module's demo company)
        # are left out of these runs.
        with freeze_time(TODAY):
            Partner.search(Partner._get_registry_monitor_domain())._cs_write_technical(
                {"cs_registry_attempt_date": date(2999, 1, 1)}
            )
        cls.alert = cls.env.ref("client_specialist_counterparty.mail_activity_type_registry_alert")
        cls.first, cls.second = (
            Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "country_id": cls.ru.id,
                    "user_id": cls.user_a.id,
                    "cs_stage": stage,
                    "vat": inn,
                    "cs_kpp": kpp,
                    "company_registry": ogrn,
                    # As a first fill left them: active yesterday.
                    "cs_registry_status": "active",
                    "cs_registry_branch_type": "MAIN",
                    "cs_registry_hid": f"hid-{inn}-{kpp}",
                    "cs_registry_source": "DaData",
                    "cs_director_name": "Смирнов Павел Андреевич",
                    "cs_director_title": "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР",
                    "cs_legal_address": "127018, г Москва, ул Сущёвский Вал, д 5, стр 3",
                    "cs_registry_name": f'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "{name}"',
                    "cs_registry_checked_on": TODAY - timedelta(days=1),
                    "cs_registry_attempt_date": TODAY - timedelta(days=1),
                }
            )
            for name, stage, (inn, kpp, ogrn) in (("ПЕРВЫЙ", "client", FIRST), ("ВТОРОЙ", "prospect", SECOND))
        )

    def _answer(self, partner, **changes):
        inn, kpp, ogrn = FIRST if partner == self.first else SECOND
        return found(party(inn, kpp=kpp, ogrn=ogrn, name=partner.name, **changes))

    def _run(self, day=TODAY, batch_size=None):
        with freeze_time(day):
            return self.env["res.partner"]._cron_registry_monitor(batch_size=batch_size)

    def _alerts(self, partner):
        return partner.activity_ids.filtered(lambda a: a.activity_type_id == self.alert)

    def _notes(self, partner):
        return partner.message_ids.filtered(lambda m: "The registry (DaData" in (m.body or ""))

    def test_a_client_going_into_liquidation_turns_up_the_next_morning(self):
        self.dadata.answer(FIRST[0], self._answer(self.first, status="LIQUIDATING"))
        self.dadata.answer(SECOND[0], self._answer(self.second))
        self.assertEqual(self._run(), 0)
        self.assertEqual(self.first.cs_registry_status, "liquidating")
        self.assertEqual(self.first.cs_registry_checked_on, TODAY)
        note = self._notes(self.first)
        self.assertEqual(len(note), 1)
        self.assertIn("Registry Status: Active → Liquidating", note.body)
        alerts = self._alerts(self.first)
        self.assertEqual(alerts.user_id, self.user_a | self.head, "the specialist and the head, once each")
        self.assertIn("ПЕРВЫЙ: Liquidating in the registry", alerts[0].summary)
        self.assertEqual(alerts[0].date_deadline, TODAY)
        self.assertFalse(self._notes(self.second), "nothing changed for the second")
        self.assertFalse(self._alerts(self.second))
        self.assertEqual(self.second.cs_registry_checked_on, TODAY)
        # Asked once a day: the same day takes nobody again; the next day the status holds, no new alert.
        asked = len(self.dadata.requests)
        self._run()
        self.assertEqual(len(self.dadata.requests), asked)
        self._run(TODAY + timedelta(days=1))
        self.assertEqual(len(self.dadata.requests), asked + 2)
        self.assertEqual(len(self._alerts(self.first)), 2)
        self.assertEqual(len(self._notes(self.first)), 1)

    def test_the_deputy_of_an_absent_specialist_is_alerted(self):
        with freeze_time(TODAY):
            absence = self.env["client_specialist.absence"].create(
                {
                    "specialist_id": self.spec_a.id,
                    "deputy_id": self.user_b.id,
                    "date_from": TODAY - timedelta(days=2),
                    "date_to": TODAY + timedelta(days=5),
                }
            )
        self.assertEqual(absence.state, "running")
        self.dadata.answer(FIRST[0], self._answer(self.first, status="BANKRUPT"))
        self._run()
        self.assertEqual(self._alerts(self.first).user_id, self.user_b | self.head)

    def test_a_new_director_and_address_are_written_to_the_chatter(self):
        self.dadata.answer(
            FIRST[0],
            self._answer(
                self.first,
                director=("Петров Иван Сергеевич", "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР"),
                address="г Москва, ул Тверская, д 1",
            ),
        )
        self._run()
        self.assertEqual(self.first.cs_director_name, "Петров Иван Сергеевич")
        body = self._notes(self.first).body
        self.assertIn("Director: Смирнов Павел Андреевич → Петров Иван Сергеевич", body)
        self.assertIn("Legal Address:", body)
        self.assertIn("127018, г Москва, ул Тверская, д 1", body)
        self.assertFalse(self._alerts(self.first), "a new director alerts nobody")
        self.assertEqual(self.first.name, "ПЕРВЫЙ", "the partner's own name is the user's to change")

    def test_a_refused_key_stops_the_run_and_tells_the_administrator_once(self):
        self.dadata.answer(FIRST[0], self._answer(self.first, status="LIQUIDATING"))
        self.dadata.answer(SECOND[0], BAD_KEY)
        self.assertEqual(self._run(), 0)
        self.assertEqual(self.first.cs_registry_status, "liquidating", "what was checked before is kept")
        self.assertEqual(self.second.cs_registry_attempt_date, TODAY - timedelta(days=1), "not marked")
        self.assertEqual(self.second.cs_registry_status, "active")
        access = self.env.ref("client_specialist_counterparty.mail_activity_type_registry_access")
        refused = self.env["mail.activity"].search([("activity_type_id", "=", access.id)])
        self.assertEqual(refused.res_id, self.company.partner_id.id)
        self.assertEqual(refused.user_id, self.env.ref("base.user_admin"))
        self.assertIn("DaData refused the API key (HTTP 401)", refused.summary)
        self._run()
        self._run(TODAY + timedelta(days=1))
        self.assertEqual(self.env["mail.activity"].search([("activity_type_id", "=", access.id)]), refused)
        self.assertFalse(self._alerts(self.second))

    def test_too_many_requests_stops_the_run_without_marking_anybody(self):
        self.dadata.answer(FIRST[0], TOO_MANY)
        self.dadata.answer(SECOND[0], self._answer(self.second, status="LIQUIDATED"))
        self.assertEqual(self._run(), 0)
        self.assertEqual(len(self.dadata.asked(FIRST[0])), 3, "the first try and two retries")
        self.assertFalse(self.dadata.asked(SECOND[0]), "the run stops")
        for partner in self.first | self.second:
            self.assertEqual(partner.cs_registry_status, "active")
            self.assertEqual(partner.cs_registry_attempt_date, TODAY - timedelta(days=1))
        self.dadata.answer(FIRST[0], self._answer(self.first))
        self._run()
        self.assertEqual(self.second.cs_registry_status, "liquidated", "the next run takes them")

    def test_a_timeout_stops_the_run(self):
        self.dadata.answer(FIRST[0], {"delay": 1, **self._answer(self.first, status="LIQUIDATING")})
        self.assertEqual(self._run(), 0)
        self.assertEqual(self.first.cs_registry_status, "active")
        self.assertEqual(self.first.cs_registry_attempt_date, TODAY - timedelta(days=1))
        self.assertFalse(self.dadata.asked(SECOND[0]))

    def test_an_unreadable_answer_skips_that_partner_until_tomorrow(self):
        self.dadata.answer(FIRST[0], MALFORMED)
        self.dadata.answer(SECOND[0], self._answer(self.second))
        self.assertEqual(self._run(), 0)
        self.assertEqual(self.first.cs_registry_status, "active")
        self.assertEqual(self.first.cs_registry_attempt_date, TODAY, "asked again tomorrow, not at every run")
        self._run()
        self.assertEqual(self.second.cs_registry_checked_on, TODAY)

    def test_not_found_leaves_the_data_as_it_was(self):
        self.dadata.answer(FIRST[0], NOT_FOUND)
        self.dadata.answer(SECOND[0], self._answer(self.second))
        self._run()
        self.assertEqual(self.first.cs_registry_status, "active")
        self.assertEqual(self.first.cs_registry_checked_on, TODAY - timedelta(days=1))
        self.assertEqual(self.first.cs_registry_attempt_date, TODAY)

    def test_batches_report_what_remains(self):
        self.dadata.answer(FIRST[0], self._answer(self.first))
        self.dadata.answer(SECOND[0], self._answer(self.second))
        self.assertEqual(self._run(batch_size=1), 1)
        self.assertEqual(self._run(batch_size=1), 0)
        self.assertEqual({b["query"] for b in self.dadata.asked()}, {FIRST[0], SECOND[0]})
        self.assertEqual(self.dadata.asked(FIRST[0])[0]["branch_type"], "MAIN", "the head office by its INN")

    def test_lost_clients_and_companies_without_a_key_are_not_asked(self):
        self.first.sudo()._cs_move_stage("lost", lost_reason="Moved away")
        self.dadata.answer(SECOND[0], self._answer(self.second))
        self._run()
        self.assertEqual({b["query"] for b in self.dadata.asked()}, {SECOND[0]})
        self.company.sudo().cs_dadata_api_key = False
        self.dadata.reset()
        self.assertEqual(self._run(TODAY + timedelta(days=1)), 0)
        self.assertFalse(self.dadata.requests)

    def test_queries_per_batch_do_not_grow_with_the_batch(self):
        """Asking the registry is one request per partner; what a quiet day writes is one statement."""
        clients = self.env["res.partner"].create(
            [
                {
                    "name": f"Client {n}",
                    "is_company": True,
                    "country_id": self.ru.id,
                    "user_id": self.user_b.id,
                    "cs_stage": "client",
                    "vat": _inn(f"77{n:07d}"),
                }
                for n in range(8)
            ]
        )
        for client in clients:
            self.dadata.answer(client.vat, found(party(client.vat, kpp=None, ogrn=None, okpo=None, name=client.name)))
        self.dadata.answer(FIRST[0], self._answer(self.first))
        self.dadata.answer(SECOND[0], self._answer(self.second))
        self._run(TODAY, batch_size=10)  # the first check writes the requisites, partner by partner
        counts = []
        for size, day in ((2, TODAY + timedelta(days=1)), (6, TODAY + timedelta(days=2))):
            with freeze_time(day):
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                self.env["res.partner"]._cron_registry_monitor(batch_size=size)
                self.env.flush_all()
                counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], counts)
        self.assertEqual(len(self.dadata.requests), 10 + 2 + 6)
        self.assertEqual(self.first.cs_registry_checked_on, TODAY + timedelta(days=2))


def _inn(first_nine):
    """A valid organisation's INN from its first nine digits."""
    from stdnum.ru import inn

    return first_nine + inn.calc_company_check_digit(first_nine + "0")
