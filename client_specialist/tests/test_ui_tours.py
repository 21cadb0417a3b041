# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common_ui import ClientSpecialistUiCase


@tagged("post_install", "-at_install", "cs_browser")
class TestAppointmentTour(ClientSpecialistUiCase):
    cs_feature_data = False

    def test_head_appoints_to_category_two_from_the_card(self):
        self.assertTrue(self.spec_junior.next_category_eligible)
        self.start_tour(
            "/odoo/action-client_specialist.client_specialist_specialist_action",
            "client_specialist_appointment_tour",
            login=self.user_head.login,
        )
        self.assertEqual(self.spec_junior.category_id, self.category_second)
        appointment = self.spec_junior.appointment_ids.sorted("id")[-1]
        self.assertRecordValues(
            appointment,
            [
                {
                    "category_id": self.category_second.id,
                    "previous_category_id": self.category_none.id,
                    "order_number": "23-к",
                    "date": self.today,
                    "appointed_by_id": self.user_head.id,
                    "is_override": False,
                }
            ],
        )
