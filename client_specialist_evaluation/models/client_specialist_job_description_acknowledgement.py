# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.addons.client_specialist.models.client_specialist_cron_mixin import retry_on_concurrent_update
from odoo.exceptions import AccessError


class ClientSpecialistJobDescriptionAcknowledgement(models.Model):
    """A specialist's acknowledgement (ознакомление) of an approved job description version."""

    _name = "client_specialist.job.description.acknowledgement"
    _inherit = [
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
        "client_specialist.cron.mixin",
        "client_specialist.reminder.mixin",
    ]
    _description = "Job Description Acknowledgement"
    _check_company_auto = True
    _order = "job_description_id desc, state desc, specialist_name, id"
    _rec_name = "specialist_id"

    job_description_id = fields.Many2one(
        "client_specialist.job.description", required=True, ondelete="cascade", index=True, readonly=True
    )
    version = fields.Integer(related="job_description_id.version")
    category_id = fields.Many2one(related="job_description_id.category_id", store=True)
    company_id = fields.Many2one(related="job_description_id.company_id", store=True, index=True)
    specialist_id = fields.Many2one(
        "client_specialist.specialist", required=True, ondelete="cascade", index=True, readonly=True, check_company=True
    )
    specialist_name = fields.Char(related="specialist_id.name", store=True, string="Specialist Name")
    user_id = fields.Many2one(related="specialist_id.user_id", store=True, index=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Acknowledged")], default="pending", required=True, readonly=True, index=True
    )
    date = fields.Datetime(string="Acknowledged On", readonly=True)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True)
    reminder_sent = fields.Boolean(readonly=True, help="Technical: the one reminder was given.")

    _sql_constraints = [
        (
            "unique_per_version",
            "UNIQUE(job_description_id, specialist_id)",
            "A specialist acknowledges a version of a job description once.",
        ),
        (
            "done_has_date",
            "CHECK(state = 'pending' OR (date IS NOT NULL AND acknowledged_by_id IS NOT NULL))",
            "An acknowledgement records when and by whom.",
        ),
    ]

    @api.model
    def _cs_decision_fields(self):
        personal = _("only the specialist acknowledges their own job description (I Have Read It).")
        return {
            **super()._cs_decision_fields(),
            "state": personal,
            "date": personal,
            "acknowledged_by_id": personal,
            "reminder_sent": _("the acknowledgement reminder sets it."),
        }

    def action_acknowledge(self):
        """Personal: only the specialist acknowledges; the head of sales or a deputy cannot."""
        for acknowledgement in self:
            if acknowledgement.user_id != self.env.user:
                raise AccessError(
                    _(
                        "Only %(name)s can acknowledge their job description.",
                        name=acknowledgement.specialist_id.name,
                    )
                )
        pending = self.filtered(lambda a: a.state == "pending")
        # sudo: nobody holds write access to acknowledgements; this method is their one writer.
        with pending._cs_deciding():
            pending.sudo().write({"state": "done", "date": fields.Datetime.now(), "acknowledged_by_id": self.env.uid})
        # The reminder, if any, is done too.
        activity_type = self.env.ref("client_specialist_evaluation.mail_activity_type_acknowledge")
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "client_specialist.job.description"),
                    ("res_id", "in", pending.job_description_id.ids),
                    ("user_id", "=", self.env.uid),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        activities.action_feedback(feedback=_("Acknowledged."))
        return True

    # ------------------------------------------------------------------------------------------
    # Scheduled action: remind those who have not acknowledged, once
    # ------------------------------------------------------------------------------------------

    @api.model
    def _get_reminder_domain(self):
        return [
            ("state", "=", "pending"),
            ("reminder_sent", "=", False),
            ("job_description_id.state", "=", "approved"),
            ("specialist_id.active", "=", True),
        ]

    @api.model
    @retry_on_concurrent_update
    def _cron_remind_acknowledgement(self, batch_size=None):
        """Daily: one activity for each specialist who has not acknowledged the approved version."""
        batch_size = self._cs_batch_size(batch_size, 500)
        domain = self._get_reminder_domain()
        acknowledgements = self._cs_lock_batch(domain, batch_size)
        acknowledgements._cs_send_reminders()
        return self._cs_notify_progress(len(acknowledgements), domain, batch_size)

    def _cs_send_reminders(self):
        if not self:
            return
        # To the specialist themselves, even while absent: nobody acknowledges for somebody else,
        # and the activity waits for their return.
        activity_type = self.env.ref("client_specialist_evaluation.mail_activity_type_acknowledge")
        values = [
            acknowledgement.job_description_id._cs_reminder_values(
                activity_type,
                acknowledgement.user_id,
                self.env._(
                    "Read and acknowledge the job description (version %(version)s)",
                    version=acknowledgement.job_description_id.version,
                ),
            )
            for acknowledgement in self
        ]
        # Activities subscribe their assignee to the document one user at a time; subscribing the
        # whole batch first leaves that step with nothing to insert.
        for description, acknowledgements in self.grouped("job_description_id").items():
            description.sudo().message_subscribe(partner_ids=acknowledgements.user_id.partner_id.ids)
        self._cs_create_activities(values)
        self.sudo().write({"reminder_sent": True})
