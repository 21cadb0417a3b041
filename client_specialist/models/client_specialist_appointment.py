# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class ClientSpecialistAppointment(models.Model):
    """An order (приказ) appointing a specialist to a qualification category."""

    _name = "client_specialist.appointment"
    _inherit = ["client_specialist.input.mixin", "client_specialist.decision.mixin"]
    _description = "Appointment to a Qualification Category"
    _order = "date desc, id desc"
    _rec_name = "order_number"

    specialist_id = fields.Many2one(
        "client_specialist.specialist", required=True, ondelete="restrict", index=True, readonly=True
    )
    user_id = fields.Many2one(related="specialist_id.user_id", store=True, string="User")
    company_id = fields.Many2one(related="specialist_id.company_id", store=True, index=True)
    category_id = fields.Many2one("client_specialist.category", required=True, ondelete="restrict", readonly=True)
    previous_category_id = fields.Many2one("client_specialist.category", ondelete="restrict", readonly=True)
    date = fields.Date(string="Effective From", required=True, readonly=True)
    order_number = fields.Char(string="Order No.", required=True)
    order_date = fields.Date(required=True)
    appointed_by_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )
    is_override = fields.Boolean(string="Rules Overridden", readonly=True)
    override_reason = fields.Text(readonly=True)
    missing_requirements = fields.Text(string="Rules Not Met", readonly=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "override_has_reason",
            "CHECK(NOT is_override OR override_reason IS NOT NULL)",
            "An appointment that overrides the rules must give a reason.",
        ),
    ]

    @api.model
    def _cs_decision_fields(self):
        rule = _(
            "an appointment is made with Appoint to a Category, which checks the category's rules, and "
            "is a record of an order afterwards: appoint again instead."
        )
        fields_ = ("specialist_id", "category_id", "previous_category_id", "date", "appointed_by_id")
        return {
            **super()._cs_decision_fields(),
            **dict.fromkeys((*fields_, "is_override", "override_reason", "missing_requirements"), rule),
        }
