# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

REMINDER_MODES = [
    ("digest", "One digest per person"),
    ("per_record", "One activity per record"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    # The application's settings, per company (Settings shows the current company's).
    cs_contact_interval_days = fields.Integer(
        string="Default Contact Interval (days)",
        default=30,
        help="How often to get in touch with the clients whose tier and record set no interval.",
    )
    cs_stale_days = fields.Integer(
        string="Stale After (days)",
        default=180,
        help="A client record neither updated nor contacted for this long is stale.",
    )

    # How the crons remind people: per kind, a digest per person (default) or today's activity per record.
    cs_reminder_followup = fields.Selection(
        REMINDER_MODES,
        string="Clients to Contact",
        default="digest",
        required=True,
        help="Reminders of clients due for contact: one digest per specialist, or one activity per client.",
    )
    cs_reminder_eligibility = fields.Selection(
        REMINDER_MODES,
        string="Specialists Eligible for the Next Category",
        default="digest",
        required=True,
        help="Reminders to the head of sales: one digest, or one activity per eligible specialist.",
    )

    _sql_constraints = [
        (
            "cs_contact_interval_days_positive",
            "CHECK(cs_contact_interval_days >= 0 AND cs_stale_days >= 0)",
            "The default contact interval and the days before a record is stale cannot be negative.",
        ),
    ]

    def write(self, vals):
        result = super().write(vals)
        if "cs_contact_interval_days" in vals:
            partners = (
                self.env["res.partner"]
                .sudo()
                .with_context(active_test=False)
                .search([("cs_stage", "!=", False), ("company_id", "in", [*self.ids, False])])
            )
            self.env.add_to_compute(partners._fields["cs_contact_interval"], partners)
        return result
