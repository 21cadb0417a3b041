# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checksums of the requisites: one test per rule, through the partner as every path writes it."""

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from ..tools import requisites
from .common import INN, IP_INN, IP_OGRNIP, KPP, OGRN, OKPO, CounterpartyCase


@tagged("post_install", "-at_install")
class TestChecks(CounterpartyCase):
    """The checks themselves, rule by rule."""

    def test_inn(self):
        self.assertIsNone(requisites.inn_error(INN))
        self.assertIsNone(requisites.inn_error(IP_INN))
        self.assertIsNone(requisites.inn_error("7707083893"))  # a real organisation's INN
        self.assertEqual(requisites.inn_error("770234567"), "inn_length")
        self.assertEqual(requisites.inn_error("77023456720"), "inn_length")
        self.assertEqual(requisites.inn_error("77O2345672"), "digits")
        self.assertEqual(requisites.inn_error("7702 345672"), "digits")
        self.assertEqual(requisites.inn_error("٧٧٠٢٣٤٥٦٧٢"), "digits")  # digits, but not ASCII ones
        self.assertEqual(requisites.inn_error("7702345673"), "checksum")
        self.assertEqual(requisites.inn_error("772512345623"), "checksum")  # the second check digit
        self.assertEqual(requisites.inn_error("772512345612"), "checksum")  # the first one

    def test_unp(self):
        self.assertIsNone(requisites.unp_error("200988541"))
        self.assertIsNone(requisites.unp_error("MA1953684"))  # a person's: two letters
        self.assertEqual(requisites.unp_error("20098854"), "unp_length")
        self.assertEqual(requisites.unp_error("20098854X"), "unp_format")
        self.assertEqual(requisites.unp_error("200 988 541"), "unp_format")
        self.assertEqual(requisites.unp_error("900988541"), "unp_region")
        self.assertEqual(requisites.unp_error("200988542"), "checksum")

    def test_ogrn(self):
        self.assertIsNone(requisites.ogrn_error(OGRN))
        self.assertIsNone(requisites.ogrn_error("1027700132195"))  # a real organisation's OGRN
        self.assertIsNone(requisites.ogrn_error(IP_OGRNIP))
        self.assertEqual(requisites.ogrn_error("115774612345"), "ogrn_length")
        self.assertEqual(requisites.ogrn_error("11577461234570"), "ogrn_length")
        self.assertEqual(requisites.ogrn_error("115774612345A"), "digits")
        self.assertEqual(requisites.ogrn_error("2157746123457"), "ogrn_sign")  # a later entry's number (ГРН)
        self.assertEqual(requisites.ogrn_error("119774600123453"), "ogrn_sign")  # 15 digits start with 3
        self.assertEqual(requisites.ogrn_error("1157746123458"), "checksum")  # remainder by 11
        self.assertEqual(requisites.ogrn_error("319774600123454"), "checksum")  # remainder by 13

    def test_kpp(self):
        self.assertIsNone(requisites.kpp_error(KPP))
        self.assertIsNone(requisites.kpp_error("7702AB001"))  # letters in the reason code, since 2019
        self.assertEqual(requisites.kpp_error("77020100"), "kpp_format")
        self.assertEqual(requisites.kpp_error("7702010011"), "kpp_format")
        self.assertEqual(requisites.kpp_error("77A201001"), "kpp_format")  # letters outside the reason
        self.assertEqual(requisites.kpp_error("7702ab001"), "kpp_format")

    def test_okpo(self):
        self.assertIsNone(requisites.okpo_error(OKPO))
        self.assertIsNone(requisites.okpo_error("00032537"))  # a real organisation's OKPO
        self.assertIsNone(requisites.okpo_error("0123456789"))  # 10 digits, a sole proprietor's
        self.assertEqual(requisites.okpo_error("4567891"), "okpo_length")
        self.assertEqual(requisites.okpo_error("456789170"), "okpo_length")
        self.assertEqual(requisites.okpo_error("4567891X"), "digits")
        self.assertEqual(requisites.okpo_error("45678918"), "checksum")
        # A remainder of 10 is taken again with weights from 3: 0000003 weighs 3 * 7 = 21 (10 by 11),
        # then 3 * 9 = 27, remainder 5.
        self.assertIsNone(requisites.okpo_error("00000035"))
        self.assertEqual(requisites.okpo_error("00000030"), "checksum")
        # 0000281: 2*5 + 8*6 + 1*7 = 65 and 2*7 + 8*8 + 1*9 = 87, both 10 by 11: the check digit is 0.
        self.assertIsNone(requisites.okpo_error("00002810"))


@tagged("post_install", "-at_install")
class TestPartnerRequisites(CounterpartyCase):
    """A wrong number is refused on create, write and the form, with the field and the rule named."""

    def assertRefused(self, values, field, rule, partner=None):
        with self.assertRaises(ValidationError) as caught:
            if partner:
                partner.write(values)
            else:
                self._prospect(**values)
        message = str(caught.exception)
        self.assertIn(field, message)
        self.assertIn(rule, message)
        return message

    def test_a_russian_company_with_valid_requisites(self):
        partner = self._prospect(vat=INN, cs_kpp=KPP, company_registry=OGRN, cs_okpo=OKPO)
        self.assertEqual((partner.vat, partner.cs_kpp, partner.company_registry), (INN, KPP, OGRN))
        person = self._prospect(name="ИП Кузнецов", vat=IP_INN, company_registry=IP_OGRNIP)
        self.assertEqual(person.company_registry, IP_OGRNIP)

    def test_each_rule_is_named(self):
        message = self.assertRefused({"vat": "7702345673"}, "INN", "check digit")
        self.assertIn("7702345673", message)
        self.assertRefused({"vat": "77023456"}, "INN", "10 digits for an organisation and 12")
        self.assertRefused({"vat": "RU7702345672"}, "INN", "digits only")
        self.assertRefused({"vat": INN, "cs_kpp": "7702010"}, "KPP", "9 characters")
        self.assertRefused({"vat": IP_INN, "cs_kpp": KPP}, "KPP", "sole proprietor (12-digit INN) has no KPP")
        self.assertRefused({"vat": INN, "company_registry": "1157746123458"}, "OGRN or OGRNIP", "check digit")
        self.assertRefused({"vat": INN, "company_registry": "2157746123457"}, "OGRN or OGRNIP", "starts with 1 or 5")
        self.assertRefused({"vat": INN, "company_registry": "11577461234"}, "OGRN or OGRNIP", "13 digits")
        self.assertRefused({"vat": INN, "company_registry": IP_OGRNIP}, "OGRN or OGRNIP", "a 13-digit OGRN")
        self.assertRefused({"cs_okpo": "45678918"}, "OKPO", "check digit")
        self.assertRefused({"cs_okpo": "456789"}, "OKPO", "8 digits for an organisation")
        self.assertFalse(self.Partner.search([("name", "=", "Ромашка")]), "nothing was created")

    def test_belarus_takes_the_unp_in_the_tax_id(self):
        by = self.env.ref("base.by")
        partner = self._prospect(name="ООО «Минск-Опт»", country_id=by.id, vat="200988541")
        self.assertEqual(partner.vat, "200988541")
        self.assertRefused({"vat": "200988542"}, "UNP", "check digit", partner=partner)
        self.assertRefused({"vat": "900988541"}, "UNP", "region code", partner=partner)
        self.assertRefused({"vat": "2009885"}, "UNP", "9 characters", partner=partner)
        self.assertEqual(partner.vat, "200988541")

    def test_writes_and_the_form_are_checked_as_creates_are(self):
        partner = self._prospect(vat=INN)
        self.assertRefused({"vat": "7702345673"}, "INN", "check digit", partner=partner)
        self.assertRefused({"company_registry": "1157746123458"}, "OGRN", "check digit", partner=partner)
        # Moving a company to Russia checks its tax ID as an INN.
        german = self.Partner.create({"name": "GmbH", "is_company": True, "vat": "DE123456788"})
        self.assertRefused({"country_id": self.ru.id}, "INN", "digits only", partner=german)
        with self.assertRaises(ValidationError), Form(partner.with_user(self.user_a)) as form:
            form.cs_kpp = "77020100"
        self.assertEqual(partner.vat, INN)
        self.assertFalse(partner.cs_kpp)

    def test_spaces_are_removed_and_letters_capitalised(self):
        partner = self._prospect(vat=INN, cs_kpp=" 7702 ab 001 ", company_registry="1157746 123457")
        self.assertEqual((partner.cs_kpp, partner.company_registry), ("7702AB001", OGRN))

    def test_other_countries_and_contacts_keep_odoo_s_rules(self):
        german = self.Partner.create({"name": "GmbH", "is_company": True, "vat": "DE123", "country_id": False})
        self.assertEqual(german.vat, "DE123")
        german.country_id = self.env.ref("base.de")
        company = self._prospect(vat=INN, cs_kpp=KPP)
        contact = self.Partner.create({"name": "Buyer", "parent_id": company.id, "country_id": self.ru.id})
        self.assertEqual((contact.vat, contact.cs_kpp), (INN, KPP), "contacts show the company's requisites")

    def test_records_from_before_keep_their_data_until_it_is_edited(self):
        partner = self._prospect()
        self.env.cr.execute("UPDATE res_partner SET vat = '7700000001' WHERE id = %s", (partner.id,))
        partner.invalidate_recordset()
        partner.write({"phone": "+7 495 000-00-00", "vat": "7700000001"})  # the same value, as an update writes it
        self.assertEqual(partner.phone, "+7 495 000-00-00")
        self.assertRefused({"vat": "7700000002"}, "INN", "check digit", partner=partner)

    def test_search_by_inn_and_ogrn(self):
        partner = self._prospect(vat="7725123450", company_registry="1165400123459")
        self.assertEqual(self.Partner.search([("vat", "=", "7725123450")]), partner)
        self.assertEqual([row[0] for row in self.Partner.name_search("1165400123459")], partner.ids)
        self.assertEqual(partner.company_registry_label, "OGRN")
