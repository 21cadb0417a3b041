# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestAppointment(ClientSpecialistCase):
    def test_appointment_sets_category_and_logs_the_order(self):
        appointment = self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"), "12-к")
        self.assertEqual(self.spec_a.category_id, self.category_none)
        self.assertEqual(self.spec_a.appointment_date, self.d("2024-01-15"))
        self.assertFalse(appointment.is_override)
        self.assertEqual(appointment.appointed_by_id, self.head)
        self.assertIn("order no. 12-к", self.spec_a.message_ids[0].body)

    def test_refused_appointment_names_what_is_missing_and_creates_nothing(self):
        self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        with self.assertRaises(ValidationError) as caught:
            self._appoint(self.spec_a, self.category_second, self.d("2025-01-15"))
        self.assertIn("needs 12 mo. more as a client specialist", str(caught.exception))
        self.assertIn("Override Reason", str(caught.exception))
        self.assertEqual(len(self.spec_a.appointment_ids), 1)
        self.assertEqual(self.spec_a.category_id, self.category_none)

    def test_override_with_reason_is_kept_and_logged(self):
        self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        appointment = self.spec_a.with_user(self.head)._cs_appoint(
            self.category_second,
            self.d("2025-01-15"),
            "3-к",
            self.d("2025-01-10"),
            override_reason="Brought two key clients in a year",
        )
        self.assertTrue(appointment.is_override)
        self.assertEqual(appointment.override_reason, "Brought two key clients in a year")
        self.assertIn("needs 12 mo. more", appointment.missing_requirements)
        self.assertEqual(self.spec_a.category_id, self.category_second)
        self.assertIn("Brought two key clients in a year", self.spec_a.message_ids[0].body)

    def test_blank_override_reason_does_not_count(self):
        with self.assertRaises(ValidationError):
            self.spec_a.with_user(self.head)._cs_appoint(
                self.category_first, self.d("2025-01-15"), "3-к", self.d("2025-01-10"), override_reason="   "
            )
        self.assertFalse(self.spec_a.appointment_ids)

    def test_specialist_cannot_appoint_themselves(self):
        with self.assertRaises(AccessError):
            self.spec_a.with_user(self.user_a)._cs_appoint(
                self.category_none, self.d("2025-01-15"), "1", self.d("2025-01-15")
            )
        self.assertFalse(self.spec_a.appointment_ids)

    def test_appointment_before_the_current_one_is_refused(self):
        self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        with self.assertRaises(ValidationError):
            self.spec_a.with_user(self.head)._cs_appoint(
                self.category_second, self.d("2023-01-15"), "2", self.d("2023-01-15"), override_reason="x"
            )

    def test_same_category_again_is_refused(self):
        self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        with self.assertRaises(ValidationError):
            self._appoint(self.spec_a, self.category_none, self.d("2024-02-15"))

    def test_appointment_cannot_be_rewritten(self):
        appointment = self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        with self.assertRaises(UserError):
            appointment.with_user(self.head).category_id = self.category_first
        appointment.with_user(self.head).order_number = "12-к/1"
        self.assertEqual(appointment.order_number, "12-к/1")

    def test_category_is_not_editable_by_hand(self):
        self.assertTrue(self.spec_a._fields["category_id"].readonly)

    def test_wizard_shows_the_rules_and_asks_for_a_reason(self):
        self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        action = self.spec_a.with_user(self.head).action_open_appointment_wizard()
        wizard_form = Form(self.env[action["res_model"]].with_user(self.head).with_context(**action["context"]))
        self.assertEqual(wizard_form.category_id, self.category_second)
        wizard_form.date = self.d("2025-01-15")
        wizard_form.order_number = "5-к"
        self.assertFalse(wizard_form.rules_met)
        self.assertIn("needs 12 mo. more", wizard_form.missing_requirements)
        wizard_form.override_reason = "Acting head of the regional office"
        wizard_form.save().action_appoint()
        self.assertEqual(self.spec_a.category_id, self.category_second)
        self.assertTrue(self.spec_a.appointment_ids.filtered("is_override"))


@tagged("post_install", "-at_install")
class TestAppointmentInRussian(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["client_specialist"], ["ru_RU"], overwrite=True)
        cls.head.lang = "ru_RU"

    def test_refusal_reads_in_russian(self):
        self._appoint(self.spec_a, self.category_none, self.d("2024-01-15"))
        with self.assertRaises(ValidationError) as caught:
            self._appoint(self.spec_a.with_context(lang="ru_RU"), self.category_second, self.d("2025-01-15"))
        message = str(caught.exception)
        self.assertIn("Нельзя назначить Specialist A на категорию «Специалист II категории»", message)
        self.assertIn("не хватает 12 мес. стажа специалистом по работе с клиентами", message)
