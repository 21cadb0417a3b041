# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fill from Registry against a fake DaData: each answer gives a clear message, and the partner is
fully updated or left as it was."""

import time
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import BRANCH_KPP, INN, IP_INN, IP_OGRNIP, KPP, OGRN, OKPO, CounterpartyCase
from .fake_dadata import BAD_KEY, LIMIT_REACHED, MALFORMED, NOT_FOUND, TOO_MANY, found, party, sole_proprietor


@tagged("post_install", "-at_install")
class TestFill(CounterpartyCase):
    def _fill(self, partner, user=None):
        return partner.with_user(user or self.user_a).action_cs_registry_fill()

    def _refused(self, partner, *expected):
        before = self._snapshot(partner)
        with self.assertRaises(UserError) as caught:
            self._fill(partner)
        for text in expected:
            self.assertIn(text, str(caught.exception))
        self.assertEqual(self._snapshot(partner), before, "the partner is left as it was")
        self.assertFalse(partner.message_ids.filtered(lambda m: "registry" in (m.body or "")))
        return str(caught.exception)

    def test_a_new_prospect_is_filled_by_its_inn(self):
        """The specialist types the INN, clicks once, and sees the requisites and the status."""
        self.dadata.answer(INN, found(party(INN)))
        with Form(self.Partner.with_user(self.user_a)) as form:
            form.company_type = "company"
            form.name = "Ромашка"
            form.vat = INN
            form.country_id = self.ru
        partner = form.record
        self.assertTrue(partner.cs_show_requisites)
        self.assertTrue(self._fill(partner))
        self.assertEqual(self.dadata.requests[0]["authorization"], "Token test-key")
        self.assertEqual(self.dadata.requests[0]["path"], "/suggestions/api/4_1/rs/findById/party")
        self.assertEqual(self.dadata.asked(), [{"query": INN, "count": 20}])
        self.assertRecordValues(
            partner,
            [
                {
                    "name": 'ООО "РОМАШКА-ОПТ"',
                    "vat": INN,
                    "cs_kpp": KPP,
                    "company_registry": OGRN,
                    "cs_okpo": OKPO,
                    "cs_legal_form": "ООО",
                    "cs_registration_date": date(2015, 3, 12),
                    "cs_director_name": "Смирнов Павел Андреевич",
                    "cs_director_title": "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР",
                    "cs_legal_address": "127018, г Москва, ул Сущёвский Вал, д 5, стр 3",
                    "street": "ул Сущёвский Вал, д 5, стр 3",
                    "city": "Москва",
                    "zip": "127018",
                    "cs_registry_name": 'ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА-ОПТ"',
                    "cs_registry_status": "active",
                    "cs_registry_actuality_date": date(2026, 10, 1),
                    "cs_registry_checked_on": date.today(),
                    "cs_registry_source": "DaData",
                    "cs_registry_branch_type": "MAIN",
                }
            ],
        )
        note = partner.message_ids[0]
        self.assertIn("Filled from the registry (DaData", note.body)
        self.assertIn("Active", note.body)
        self.assertFalse(partner.activity_ids, "an active company alerts nobody")

    def test_a_partner_without_a_country_in_a_russian_company_is_filled_as_russian(self):
        self.company.country_id = self.ru
        self.dadata.answer(INN, found(party(INN)))
        partner = self.Partner.create({"name": "Ромашка", "is_company": True, "vat": INN})
        self.assertTrue(partner.cs_show_requisites)
        self._fill(partner)
        self.assertEqual((partner.country_id, partner.cs_kpp), (self.ru, KPP))

    def test_the_address_the_partner_has_is_kept(self):
        self.dadata.answer(INN, found(party(INN)))
        partner = self._prospect(vat=INN, street="Склад, Дмитровское ш., 100", city="Москва")
        self._fill(partner)
        self.assertEqual(partner.street, "Склад, Дмитровское ш., 100")
        self.assertEqual(partner.cs_legal_address, "127018, г Москва, ул Сущёвский Вал, д 5, стр 3")

    def test_a_sole_proprietor_by_ogrnip(self):
        self.dadata.answer(IP_OGRNIP, found(sole_proprietor(IP_INN, IP_OGRNIP)))
        partner = self._prospect(name="Кузнецов", company_registry=IP_OGRNIP)
        self._fill(partner)
        self.assertRecordValues(
            partner,
            [
                {
                    "name": "ИП Кузнецов Алексей Викторович",
                    "vat": IP_INN,
                    "cs_kpp": False,
                    "cs_legal_form": "ИП",
                    "cs_director_name": "Кузнецов Алексей Викторович",
                    "cs_registry_status": "active",
                }
            ],
        )

    def test_several_branches_the_user_picks_one(self):
        main = party(INN)
        branch = party(
            INN,
            kpp=BRANCH_KPP,
            name="РОМАШКА-ОПТ Сибирский филиал",
            branch_type="BRANCH",
            address="г Новосибирск, ул Ленина, д 1",
            city="Новосибирск",
        )
        self.dadata.answer(INN, found(branch, main))
        partner = self._prospect(vat=INN)
        action = self._fill(partner)
        self.assertEqual(action["res_model"], "client_specialist.registry.branch.wizard")
        wizard = self.env[action["res_model"]].with_user(self.user_a).browse(action["res_id"])
        self.assertEqual(wizard.line_ids.mapped("kpp"), [KPP, BRANCH_KPP], "the head office first")
        self.assertFalse(partner.cs_registry_status, "nothing is written before the choice")
        self.dadata.reset()
        self.dadata.answer(INN, found(branch))
        wizard.line_ids[1].action_choose()
        self.assertEqual(self.dadata.asked(), [{"query": INN, "count": 20, "kpp": BRANCH_KPP}], "asked again")
        self.assertRecordValues(
            partner,
            [{"cs_kpp": BRANCH_KPP, "cs_registry_branch_type": "BRANCH", "city": "Новосибирск"}],
        )

    def test_a_typed_kpp_finds_its_branch(self):
        self.dadata.answer(INN, found(party(INN, kpp=BRANCH_KPP, branch_type="BRANCH")))
        partner = self._prospect(vat=INN, cs_kpp=BRANCH_KPP)
        self._fill(partner)
        self.assertEqual(self.dadata.asked()[0]["kpp"], BRANCH_KPP)
        self.assertEqual(partner.cs_registry_branch_type, "BRANCH")

    def test_not_found(self):
        self.dadata.answer(INN, NOT_FOUND)
        partner = self._prospect(vat=INN)
        self._refused(partner, "The registry has no company or sole proprietor with INN or OGRN 7702345672")
        partner.cs_kpp = KPP
        self._refused(partner, "and KPP 770201001", "clear the KPP")

    def test_a_liquidated_company_shows_it_and_alerts(self):
        self.dadata.answer(INN, found(party(INN, status="LIQUIDATED", liquidation_date="2026-06-30")))
        partner = self._prospect(vat=INN)
        self._fill(partner)
        self.assertEqual(partner.cs_registry_status, "liquidated")
        self.assertEqual(partner.cs_registry_liquidation_date, date(2026, 6, 30))
        self.assertIn("Liquidated", partner.message_ids[0].body)
        alert = self.env.ref("client_specialist_counterparty.mail_activity_type_registry_alert")
        alerts = partner.activity_ids.filtered(lambda a: a.activity_type_id == alert)
        self.assertEqual(alerts.user_id, self.user_a | self.head)
        self.assertIn("Liquidated in the registry", alerts[0].summary)

    def test_no_key_says_what_to_configure(self):
        self.company.sudo().cs_dadata_api_key = False
        partner = self._prospect(vat=INN)
        self._refused(partner, "DaData API key", "Settings > Counterparties")
        self.assertFalse(self.dadata.requests, "nothing is sent without a key")

    def test_a_refused_key(self):
        self.dadata.answer(INN, BAD_KEY)
        self._refused(self._prospect(vat=INN), "refused the API key (HTTP 401)", "Nothing was changed")

    def test_the_day_s_requests_used_up(self):
        self.dadata.answer(INN, LIMIT_REACHED)
        self._refused(self._prospect(vat=INN), "HTTP 403", "requests are used up")

    def test_too_many_requests_waits_and_tries_again(self):
        self.dadata.answer(INN, TOO_MANY, TOO_MANY, found(party(INN)))
        partner = self._prospect(vat=INN)
        self._fill(partner)
        self.assertEqual(len(self.dadata.asked(INN)), 3)
        self.assertEqual(partner.cs_registry_status, "active")
        self.dadata.reset()
        self.dadata.answer(INN, TOO_MANY)
        partner.cs_kpp = KPP
        before = self._snapshot(partner)
        with self.assertRaises(UserError) as caught:
            self._fill(partner)
        self.assertIn("too many requests (HTTP 429)", str(caught.exception))
        self.assertEqual(len(self.dadata.asked(INN)), 3, "the first try and two retries")
        self.assertEqual(self._snapshot(partner), before)

    def test_a_timeout(self):
        self.dadata.answer(INN, {"delay": 1.5, **found(party(INN))})
        partner = self._prospect(vat=INN)
        start = time.monotonic()
        self._refused(partner, "did not answer in time")
        self.assertLess(time.monotonic() - start, 1.2, "the configured timeout, not Odoo's")

    def test_malformed_json(self):
        self.dadata.answer(INN, MALFORMED)
        self._refused(self._prospect(vat=INN), "could not be read", "Nothing was changed")
        self.dadata.answer(INN, {"json": {"suggestions": [{"value": "x", "data": {"state": {"status": "WEIRD"}}}]}})
        self._refused(self._prospect(vat=INN, name="Другая"), "could not be read")

    def test_registry_data_breaking_a_rule_changes_nothing(self):
        self.dadata.answer(INN, found(party(INN, kpp="77020100")))
        message = self._refused(self._prospect(vat=INN), "was not saved", "KPP")
        self.assertIn("9 characters", message)

    def test_only_russian_companies_are_asked(self):
        partner = self._prospect(country_id=self.env.ref("base.de").id, vat="DE123")
        self._refused(partner, "for Russian companies and sole proprietors")
        self._refused(self._prospect(name="Без ИНН"), "enter the INN (Tax ID) or the OGRN first")
        self.assertFalse(self.dadata.requests)


@tagged("post_install", "-at_install")
class TestRegistryDataIsTheRegistrys(CounterpartyCase):
    """The registry status and its dates are written by the registry check only, for every role."""

    def test_nobody_types_the_registry_status(self):
        partner = self._prospect(vat=INN)
        for user in (self.user_a, self.head, self.salesman):
            for vals in (
                {"cs_registry_status": "active"},
                {"cs_registry_checked_on": "2026-01-01"},
                {"cs_registry_liquidation_date": "2026-01-01"},
                {"cs_registry_source": "Контур.Фокус"},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError) as caught:
                    partner.with_user(user).write(vals)
                self.assertIn("state registry", str(caught.exception))
        with self.assertRaises(AccessError):
            self.Partner.with_user(self.head).create({"name": "Shortcut", "cs_registry_status": "active"})
        with self.assertRaises(AccessError):
            partner.with_user(self.user_a).with_context(client_specialist_deciding=True).write(
                {"cs_registry_status": "active"}
            )
        self.assertFalse(partner.cs_registry_status)
        # The requisites themselves are typed by hand (Belarus, or without a DaData account).
        partner.with_user(self.user_a).write({"cs_kpp": KPP, "cs_director_name": "Смирнов П. А."})
        self.assertEqual(partner.cs_kpp, KPP)

    def test_the_fill_writes_as_the_user_may(self):
        self.dadata.answer(INN, found(party(INN)))
        partner = self._prospect(vat=INN)
        reader = self.env["res.users"].create(
            {"name": "Reader", "login": "t_cp_reader", "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]}
        )
        with self.assertRaises(AccessError):
            partner.with_user(reader).action_cs_registry_fill()
        self.assertFalse(partner.cs_registry_status)
        partner.with_user(self.salesman).action_cs_registry_fill()  # anyone who may edit the partner
        self.assertEqual(partner.cs_registry_status, "active")
