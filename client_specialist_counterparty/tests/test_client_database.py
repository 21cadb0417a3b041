# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The client database with requisites: duplicates by INN and KPP, completeness by stage."""

from odoo.tests import Form, tagged

from .common import BRANCH_KPP, INN, IP_INN, KPP, OGRN, CounterpartyCase


@tagged("post_install", "-at_install")
class TestDuplicates(CounterpartyCase):
    def test_the_same_inn_is_a_duplicate_unless_the_kpp_tells_branches_apart(self):
        head_office = self._prospect(name="Ромашка", vat="7725123450", cs_kpp="772501001")
        same = self._prospect(name="Ромашка (дубль)", vat="7725123450", cs_kpp="772501001")
        without_kpp = self._prospect(name="Ромашка без КПП", vat="7725123450")
        branch = self._prospect(name="Ромашка, Новосибирск", vat="7725123450", cs_kpp=BRANCH_KPP)
        self.assertEqual(same.cs_duplicate_ids, head_office | without_kpp)
        self.assertEqual(without_kpp.cs_duplicate_ids, head_office | same | branch, "no KPP: cannot tell")
        self.assertEqual(branch.cs_duplicate_ids, without_kpp, "a branch has its own KPP")
        # A branch that shares the head office's phone is still flagged, by the phone.
        head_office.phone = branch.phone = "+7 495 111-22-33"
        branch.invalidate_recordset(["cs_duplicate_ids"])
        self.assertIn(head_office, branch.cs_duplicate_ids)

    def test_the_form_warns_as_the_kpp_is_typed(self):
        self._prospect(name="Ромашка", vat="7725123450", cs_kpp="772501001")
        with Form(self.Partner.with_user(self.user_a)) as form:
            form.company_type = "company"
            form.name = "Ромашка, филиал"
            form.country_id = self.ru
            form.vat = "7725123450"
            self.assertTrue(form.cs_duplicate_ids)
            form.cs_kpp = BRANCH_KPP
            self.assertFalse(form.cs_duplicate_ids)


@tagged("post_install", "-at_install")
class TestCompleteness(CounterpartyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["client_specialist.completeness.rule"]
        Rule.search([("stage", "=", "prospect")]).unlink()
        Rule.create(
            [
                {"name": "INN", "stage": "prospect", "check": "vat"},
                {"name": "KPP", "stage": "prospect", "check": "kpp"},
                {"name": "OGRN", "stage": "prospect", "check": "ogrn"},
            ]
        )

    def test_inn_kpp_and_ogrn_by_stage(self):
        partner = self._prospect()
        self.assertEqual(partner.cs_completeness, 0)
        self.assertEqual(partner.cs_missing_info, "INN, KPP, OGRN")
        partner.write({"vat": INN, "cs_kpp": KPP})
        self.assertEqual(partner.cs_missing_info, "OGRN")
        partner.company_registry = OGRN
        self.assertEqual(partner.cs_completeness, 100)

    def test_a_sole_proprietor_needs_no_kpp_and_a_foreign_company_neither(self):
        person = self._prospect(name="ИП Кузнецов", vat=IP_INN)
        self.assertEqual(person.cs_missing_info, "OGRN")
        foreign = self._prospect(name="GmbH", country_id=self.env.ref("base.de").id, vat="DE123")
        self.assertEqual(foreign.cs_completeness, 100)
