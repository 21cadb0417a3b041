# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import format_date

from .client_specialist_cron_mixin import retry_on_concurrent_update


class ClientSpecialistAbsence(models.Model):
    """A specialist's temporary absence and the deputy who acts for them (clause 1.6).

    While an absence runs, the deputy sees and works the absent specialist's portfolio and
    receives their reminders. The state follows the calendar by itself (scheduled action).
    """

    _name = "client_specialist.absence"
    _description = "Absence of a Client Specialist"
    _check_company_auto = True
    _inherit = [
        "mail.thread",
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
        "client_specialist.cron.mixin",
    ]
    _order = "date_from desc, id desc"

    specialist_id = fields.Many2one(
        "client_specialist.specialist", required=True, ondelete="cascade", index=True, tracking=True
    )
    user_id = fields.Many2one(related="specialist_id.user_id", store=True, string="Absent User", index=True)
    company_id = fields.Many2one(related="specialist_id.company_id", store=True, index=True)
    deputy_id = fields.Many2one(
        "res.users",
        required=True,
        domain=[("share", "=", False)],
        index=True,
        tracking=True,
        help="Appointed by order to perform the duties during the absence.",
        check_company=True,
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    reason = fields.Selection(
        [
            ("vacation", "Vacation"),
            ("sick", "Sick leave"),
            ("business_trip", "Business trip"),
            ("training", "Training"),
            ("other", "Other"),
        ],
        required=True,
        default="vacation",
        tracking=True,
    )
    order_number = fields.Char(string="Order No.")
    note = fields.Text()
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("running", "Running"),
            ("done", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )

    _sql_constraints = [
        ("dates_ordered", "CHECK(date_to >= date_from)", "An absence cannot end before it starts."),
    ]

    @api.depends("specialist_id", "date_from", "date_to")
    def _compute_display_name(self):
        # Whoever reads the absence (its deputy included, before it runs) may read who is absent,
        # though not necessarily the absent specialist's card: the name is read as superuser.
        for absence in self:
            absence.display_name = _(
                "%(name)s, %(start)s - %(end)s",
                name=absence.specialist_id.sudo().name or "",
                start=format_date(self.env, absence.date_from) or "",
                end=format_date(self.env, absence.date_to) or "",
            )

    @api.constrains("date_from", "date_to", "deputy_id", "specialist_id", "state")
    def _check_absence(self):
        for absence in self:
            if absence.date_to < absence.date_from:
                raise ValidationError(_("An absence cannot end before it starts."))
            if absence.deputy_id == absence.user_id:
                raise ValidationError(_("The deputy must be someone other than the absent specialist."))
        active = self.filtered(lambda a: a.state != "cancelled")
        if not active:
            return
        overlap_domain = expression.OR(
            [
                [
                    ("id", "!=", absence.id),
                    ("state", "!=", "cancelled"),
                    ("date_from", "<=", absence.date_to),
                    ("date_to", ">=", absence.date_from),
                    "|",
                    ("user_id", "in", (absence.user_id | absence.deputy_id).ids),
                    ("deputy_id", "=", absence.user_id.id),
                ]
                for absence in active
            ]
        )
        others = self.sudo().search(overlap_domain)
        for absence in active:
            for other in others:
                if other == absence or other.date_from > absence.date_to or other.date_to < absence.date_from:
                    continue
                if other.user_id == absence.user_id:
                    raise ValidationError(
                        _(
                            "%(name)s is already absent from %(start)s to %(end)s.",
                            name=absence.specialist_id.name,
                            start=format_date(self.env, other.date_from),
                            end=format_date(self.env, other.date_to),
                        )
                    )
                if other.user_id == absence.deputy_id:
                    raise ValidationError(
                        _(
                            "The deputy %(deputy)s is absent from %(start)s to %(end)s.",
                            deputy=absence.deputy_id.name,
                            start=format_date(self.env, other.date_from),
                            end=format_date(self.env, other.date_to),
                        )
                    )
                if other.deputy_id == absence.user_id:
                    raise ValidationError(
                        _(
                            "%(name)s stands in for %(other)s from %(start)s to %(end)s and cannot be " "absent then.",
                            name=absence.specialist_id.name,
                            other=other.specialist_id.name,
                            start=format_date(self.env, other.date_from),
                            end=format_date(self.env, other.date_to),
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        absences = super().create(vals_list)
        absences._cs_refresh_state()
        return absences

    def write(self, vals):
        result = super().write(vals)
        if {"date_from", "date_to"} & set(vals):
            self._cs_refresh_state()
        return result

    @api.model
    def _cs_decision_fields(self):
        return {
            **super()._cs_decision_fields(),
            "state": _("an absence starts and ends with its dates; the head of sales cancels it with Cancel."),
        }

    def action_cancel(self):
        self.env["res.users"]._cs_check_head_of_sales(_("cancels absences"))
        with self._cs_deciding():
            self.write({"state": "cancelled"})
        return True

    def action_end_today(self):
        """End a running absence early, on the day before today."""
        today = fields.Date.context_today(self)
        for absence in self.filtered(lambda a: a.state == "running"):
            absence.date_to = max(absence.date_from, fields.Date.subtract(today, days=1))
        return True

    def _cs_state_on(self, day):
        self.ensure_one()
        if self.state == "cancelled":
            return "cancelled"
        if day < self.date_from:
            return "planned"
        if day > self.date_to:
            return "done"
        return "running"

    def _cs_refresh_state(self):
        """Bring the state in line with the calendar; tell the deputy when their stand-in starts."""
        today = fields.Date.context_today(self)
        by_state = {}
        for absence in self:
            new_state = absence._cs_state_on(today)
            if new_state != absence.state:
                by_state.setdefault(new_state, self.browse())
                by_state[new_state] |= absence
        for state, absences in by_state.items():
            with absences._cs_deciding():
                absences.write({"state": state})
        for absence in by_state.get("running", []):
            absence.message_post(
                body=_(
                    "%(deputy)s now stands in for %(name)s until %(end)s: their clients and reminders "
                    "go to the deputy.",
                    deputy=absence.deputy_id.name,
                    name=absence.specialist_id.name,
                    end=format_date(self.env, absence.date_to),
                ),
                partner_ids=absence.deputy_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    @api.model
    def _get_state_refresh_domain(self):
        today = fields.Date.context_today(self)
        return [
            "|",
            "&",
            ("state", "=", "planned"),
            ("date_from", "<=", today),
            "&",
            ("state", "=", "running"),
            ("date_to", "<", today),
        ]

    @api.model
    @retry_on_concurrent_update
    def _cron_refresh_state(self, batch_size=None):
        """Start absences whose first day has come and end those whose last day has passed."""
        batch_size = self._cs_batch_size(batch_size, 500)
        domain = self._get_state_refresh_domain()
        absences = self._cs_lock_batch(domain, batch_size)
        absences._cs_refresh_state()
        return self._cs_notify_progress(len(absences), domain, batch_size)
