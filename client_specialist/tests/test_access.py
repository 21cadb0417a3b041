# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestAccess(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spec_a.experience_ids = [
            (0, 0, {"post": "Economist", "date_start": "2019-01-01", "date_end": "2019-12-31"})
        ]
        cls.spec_b.experience_ids = [(0, 0, {"post": "Analyst", "date_start": "2019-01-01", "date_end": "2019-12-31"})]
        cls.appointment_b = cls._appoint(cls.spec_b, cls.category_none, cls.d("2024-01-15"))
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_head = new_test_user(
            cls.env,
            login="t_other_head",
            groups="client_specialist.group_client_specialist_head",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.other_user = new_test_user(
            cls.env,
            login="t_other_spec",
            groups="client_specialist.group_client_specialist",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.other_spec = cls.env["client_specialist.specialist"].create(
            {"user_id": cls.other_user.id, "company_id": cls.other_company.id}
        )

    def test_specialist_reads_only_their_own_records(self):
        self.spec_a.with_user(self.user_a).read(["name", "category_id"])
        self.spec_a.experience_ids.with_user(self.user_a).read(["post"])
        with self.assertRaises(AccessError):
            self.spec_b.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.spec_b.experience_ids.with_user(self.user_a).read(["post"])
        with self.assertRaises(AccessError):
            self.appointment_b.with_user(self.user_a).read(["order_number"])
        self.appointment_b.with_user(self.user_b).read(["order_number"])

    def test_specialist_changes_nothing_of_the_staff_records(self):
        with self.assertRaises(AccessError):
            self.spec_a.with_user(self.user_a).write({"education_level": "higher"})
        with self.assertRaises(AccessError):
            self.spec_a.experience_ids.with_user(self.user_a).write({"date_start": "2010-01-01"})
        with self.assertRaises(AccessError):
            self.category_second.with_user(self.user_a).write({"max_discount": 50})
        with self.assertRaises(AccessError):
            self.env["client_specialist.specialist"].with_user(self.user_a).create({"user_id": self.plain_user.id})

    def test_other_internal_users_see_categories_only(self):
        self.category_second.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            self.spec_a.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["client_specialist.absence"].with_user(self.plain_user).search([])

    def test_head_sees_and_manages_their_company(self):
        Specialist = self.env["client_specialist.specialist"].with_user(self.head)
        self.assertEqual(
            Specialist.search([("id", "in", (self.spec_a | self.spec_b | self.other_spec).ids)]),
            self.spec_a | self.spec_b,
        )
        self.spec_a.with_user(self.head).write({"education_details": "MBA"})
        self.category_second.with_user(self.head).write({"max_discount": 12})
        Specialist.create({"user_id": self.plain_user.id})

    def test_multi_company_isolation(self):
        with self.assertRaises(AccessError):
            self.spec_a.with_user(self.other_head).read(["name"])
        with self.assertRaises(AccessError):
            self.other_spec.with_user(self.head).read(["name"])
        with self.assertRaises(AccessError):
            self.appointment_b.with_user(self.other_head).read(["order_number"])
        self.other_spec.with_user(self.other_head).read(["name"])

    def test_deputy_reads_the_absent_colleague_while_standing_in(self):
        with freeze_time("2026-03-10"):
            absence = self.env["client_specialist.absence"].create(
                {
                    "specialist_id": self.spec_b.id,
                    "deputy_id": self.user_a.id,
                    "date_from": "2026-03-01",
                    "date_to": "2026-03-20",
                }
            )
            self.spec_b.with_user(self.user_a).read(["name"])
            absence.with_user(self.user_a).read(["date_to"])
            with self.assertRaises(AccessError):
                absence.with_user(self.user_a).write({"date_to": "2026-03-25"})
