# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

SECTION_FIELDS = (
    "general_provisions",
    "requirements",
    "duties",
    "rights",
    "relationships",
    "evaluation_responsibility",
)
APPROVAL_FIELDS = ("state", "approver_name", "approver_title", "approval_date", "approval_recorded_by_id")


class ClientSpecialistJobDescription(models.Model):
    """The job description (должностная инструкция) of a category, in numbered versions.

    It belongs to the position, not to a person: the head of the organisation approves a version,
    which replaces the previous one, and every specialist of the category acknowledges it.
    """

    _name = "client_specialist.job.description"
    _description = "Job Description"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
        "client_specialist.reminder.mixin",
    ]
    _order = "category_id, version desc, id desc"

    name = fields.Char(string="Title", required=True, translate=True, tracking=True)
    category_id = fields.Many2one(
        "client_specialist.category", required=True, ondelete="restrict", index=True, tracking=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    version = fields.Integer(required=True, default=1, readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("archived", "Replaced")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approver_name = fields.Char(
        string="Approved By",
        tracking=True,
        copy=False,
        help="The head of the organisation who approves the job description, as printed on it.",
    )
    approver_title = fields.Char(string="Approver's Position", translate=True)
    approval_date = fields.Date(tracking=True, copy=False)
    approval_recorded_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    general_provisions = fields.Html(translate=True)
    requirements = fields.Html(string="Qualification Requirements", translate=True)
    duties = fields.Html(translate=True)
    rights = fields.Html(translate=True)
    relationships = fields.Html(translate=True)
    evaluation_responsibility = fields.Html(string="Evaluation and Responsibility", translate=True)
    acknowledgement_ids = fields.One2many(
        "client_specialist.job.description.acknowledgement", "job_description_id", string="Acknowledgements"
    )
    acknowledged_count = fields.Integer(compute="_compute_acknowledgement_counts")
    pending_count = fields.Integer(string="Not Acknowledged Yet", compute="_compute_acknowledgement_counts")

    _sql_constraints = [
        ("version_positive", "CHECK(version >= 1)", "The versions of a job description are numbered from 1."),
        (
            "version_unique",
            "UNIQUE(category_id, company_id, version)",
            "A category has one job description per version number.",
        ),
        (
            "approved_has_approval",
            "CHECK(state = 'draft' OR (approval_date IS NOT NULL AND approver_name IS NOT NULL))",
            "An approved job description states who approved it and when.",
        ),
    ]

    # ------------------------------------------------------------------------------------------
    # Decisions: the head of sales records the approval, with Record Approval
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        approval = _("the head of sales records the approval with Record Approval.")
        return {
            **super()._cs_decision_fields(),
            **dict.fromkeys(APPROVAL_FIELDS, approval),
            "version": _("a draft is numbered when it is made (New Version)."),
        }

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        # create numbers the version itself and refuses one chosen by the caller.
        return field_name == "version" or super()._cs_decision_allowed_on_create(field_name, value)

    def _compute_acknowledgement_counts(self):
        counts = {
            (description.id, state): count
            for description, state, count in self.env["client_specialist.job.description.acknowledgement"]._read_group(
                [("job_description_id", "in", self.ids)], ["job_description_id", "state"], ["__count"]
            )
        }
        for description in self:
            description.acknowledged_count = counts.get((description.id, "done"), 0)
            description.pending_count = counts.get((description.id, "pending"), 0)

    @api.model_create_multi
    def create(self, vals_list):
        # A new draft of a category takes the next version number.
        for vals in vals_list:
            self._cs_check_values(vals)
            if "version" in vals and not self._cs_is_deciding():
                self._cs_refuse_decision("version")
            if "version" not in vals and vals.get("category_id"):
                vals["version"] = self._cs_next_version(vals["category_id"], vals.get("company_id"))
        return super().create(vals_list)

    def write(self, vals):
        sections = set(SECTION_FIELDS) | {"name", "category_id", "approver_name", "approval_date"}
        if sections & set(vals) and any(d.state != "draft" for d in self):
            raise UserError(
                _("An approved job description is not edited: make a new version, which replaces it " "once approved.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(d.state != "draft" for d in self):
            raise UserError(
                _("Only a draft job description can be deleted: an approved one is the record of what was signed.")
            )

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------

    def action_open_approval_wizard(self):
        """Record Approval: ask who approved the drafts and when."""
        self.env["res.users"]._cs_check_head_of_sales(_("records the approval of job descriptions"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Approval"),
            "res_model": "client_specialist.job.description.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_job_description_ids": self.ids, "dialog_size": "medium"},
        }

    def action_approve(self, approver_name=None, approval_date=None, approver_title=None):
        """Approve drafts, as signed by ``approver_name`` (``approver_title``) on ``approval_date``:
        the previous approved version of the category is replaced, and every specialist of the
        category is asked to acknowledge the new one. Left out, the approval fields keep what the
        drafts hold (the templates name the approver's position)."""
        self.env["res.users"]._cs_check_head_of_sales(_("records the approval of job descriptions"))
        self.check_access("write")
        for description in self:
            if description.state != "draft":
                raise UserError(_("%(name)s is not a draft.", name=description.display_name))
            if not (approver_name or description.approver_name) or not (approval_date or description.approval_date):
                raise UserError(
                    _(
                        "%(name)s: say who approves it and when (Approved By, Approval Date).",
                        name=description.display_name,
                    )
                )
        values = {"state": "approved", "approval_recorded_by_id": self.env.uid}
        given = {"approver_name": approver_name, "approval_date": approval_date, "approver_title": approver_title}
        values.update({name: value for name, value in given.items() if value})
        previous = self.search(
            [
                ("state", "=", "approved"),
                ("category_id", "in", self.category_id.ids),
                ("company_id", "in", self.company_id.ids),
                ("id", "not in", self.ids),
            ]
        )
        with self._cs_deciding():
            previous.write({"state": "archived"})
            self.write(values)
        self._cs_request_acknowledgements()
        return True

    def action_new_version(self):
        self.ensure_one()
        self.env["res.users"]._cs_check_head_of_sales(_("makes new versions of job descriptions"))
        with self._cs_deciding():
            new = self.copy({"version": self._cs_next_version(self.category_id.id, self.company_id.id)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_acknowledge(self):
        """The current user acknowledges the approved versions they are asked to."""
        pending = self.env["client_specialist.job.description.acknowledgement"].search(
            [("job_description_id", "in", self.ids), ("user_id", "=", self.env.uid), ("state", "=", "pending")]
        )
        if not pending:
            raise UserError(_("You have no acknowledgement pending on this job description."))
        pending.action_acknowledge()
        return True

    def action_print(self):
        return self.env.ref("client_specialist_evaluation.action_report_job_description").report_action(self)

    # ------------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_next_version(self, category_id, company_id=None):
        company_id = company_id or self.env.company.id
        last = (
            self.sudo()
            .with_context(active_test=False)
            .search([("category_id", "=", category_id), ("company_id", "=", company_id)], order="version desc", limit=1)
        )
        return last.version + 1

    def _cs_request_acknowledgements(self, specialists=None):
        """Pending acknowledgements for the specialists of each approved version's category.

        ``specialists`` limits the request (a newly appointed specialist); those already asked are
        skipped, so this can run again safely.
        """
        approved = self.filtered(lambda d: d.state == "approved")
        if not approved:
            return self.env["client_specialist.job.description.acknowledgement"]
        Specialist = self.env["client_specialist.specialist"].sudo()
        domain = [("category_id", "in", approved.category_id.ids), ("company_id", "in", approved.company_id.ids)]
        if specialists is not None:
            domain.append(("id", "in", specialists.ids))
        candidates = Specialist.search(domain)
        Acknowledgement = self.env["client_specialist.job.description.acknowledgement"].sudo()
        existing = set(
            Acknowledgement.search([("job_description_id", "in", approved.ids)]).mapped(
                lambda a: (a.job_description_id.id, a.specialist_id.id)
            )
        )
        values = [
            {"job_description_id": description.id, "specialist_id": specialist.id}
            for description in approved
            for specialist in candidates
            if specialist.category_id == description.category_id
            and specialist.company_id == description.company_id
            and (description.id, specialist.id) not in existing
        ]
        return Acknowledgement.create(values)
