# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ClientSpecialistJobDescriptionApprovalWizard(models.TransientModel):
    """Record Approval: who approved the drafts (the head of the organisation) and when.

    The approval fields of a job description are written by its approval only; this dialog is
    where the head of sales types them in.
    """

    _name = "client_specialist.job.description.approval.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Record the Approval of Job Descriptions"

    job_description_ids = fields.Many2many(
        "client_specialist.job.description",
        "client_specialist_jd_approval_wizard_rel",
        "wizard_id",
        "job_description_id",
        string="Job Descriptions",
        required=True,
    )
    approver_name = fields.Char(string="Approved By", required=True, help="As printed on the job description.")
    approver_title = fields.Char(string="Approver's Position")
    approval_date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # The drafts' approver (the templates name the position) is the likely one.
        ids = self.env.context.get("default_job_description_ids") or []
        first = self.env["client_specialist.job.description"].browse(ids[:1])
        if first:
            if "approver_name" in fields_list and first.approver_name:
                values.setdefault("approver_name", first.approver_name)
            if "approver_title" in fields_list and first.approver_title:
                values.setdefault("approver_title", first.approver_title)
        return values

    def action_apply(self):
        self.ensure_one()
        self.job_description_ids.action_approve(
            approver_name=self.approver_name.strip(),
            approval_date=self.approval_date,
            approver_title=(self.approver_title or "").strip() or None,
        )
        return {"type": "ir.actions.act_window_close"}
