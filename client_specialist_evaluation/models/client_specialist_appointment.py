# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ClientSpecialistAppointment(models.Model):
    _inherit = "client_specialist.appointment"

    @api.model_create_multi
    def create(self, vals_list):
        appointments = super().create(vals_list)
        # Someone new in a category reads its approved job description.
        descriptions = (
            self.env["client_specialist.job.description"]
            .sudo()
            .search(
                [
                    ("state", "=", "approved"),
                    ("category_id", "in", appointments.category_id.ids),
                    ("company_id", "in", appointments.company_id.ids),
                ]
            )
        )
        descriptions._cs_request_acknowledgements(specialists=appointments.specialist_id)
        return appointments
