# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSpecialistFeedbackCause(models.Model):
    """A root cause of client dissatisfaction, kept as a list so that patterns show."""

    _name = "client_specialist.feedback.cause"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Root Cause of Client Feedback"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [("name_unique", "UNIQUE(name)", "A root cause with this name already exists.")]
