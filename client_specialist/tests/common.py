# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import TransactionCase, new_test_user


class ClientSpecialistCase(TransactionCase):
    """Users and specialists built for each test class; no demo data is used."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=False))
        cls.company = cls.env.company
        cls.category_none = cls.env.ref("client_specialist.category_none")
        cls.category_second = cls.env.ref("client_specialist.category_second")
        cls.category_first = cls.env.ref("client_specialist.category_first")
        cls.head = new_test_user(
            cls.env, login="t_head", name="Head Tester", groups="client_specialist.group_client_specialist_head"
        )
        cls.user_a = new_test_user(
            cls.env, login="t_spec_a", name="Specialist A", groups="client_specialist.group_client_specialist"
        )
        cls.user_b = new_test_user(
            cls.env, login="t_spec_b", name="Specialist B", groups="client_specialist.group_client_specialist"
        )
        cls.plain_user = new_test_user(cls.env, login="t_plain", name="Plain User", groups="base.group_user")
        Specialist = cls.env["client_specialist.specialist"]
        cls.spec_a, cls.spec_b = Specialist.create(
            [
                {"user_id": cls.user_a.id, "head_id": cls.head.id, "education_level": "higher"},
                {"user_id": cls.user_b.id, "head_id": cls.head.id, "education_level": "higher"},
            ]
        )

    @classmethod
    def _appoint(cls, specialist, category, on, number="1-к"):
        """Record an appointment as the head does, with the rules checked."""
        return specialist.with_user(cls.head)._cs_appoint(category, on, number, on)

    @staticmethod
    def d(text):
        return date.fromisoformat(text)
