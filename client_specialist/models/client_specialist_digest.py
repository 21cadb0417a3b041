# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class ClientSpecialistDigest(models.Model):
    """One person's reminder of one kind: the records that need them, in one activity.

    A cron run brings the digest to what is pending (records come and go), creates it when
    something is, and deletes it with its activity when nothing is left. Deputies get their own
    digest for an absent colleague's records (``on_behalf_of_id``). Modules add kinds with
    ``selection_add`` and ``_cs_kinds``.
    """

    _name = "client_specialist.digest"
    _description = "Reminder Digest"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _rec_name = "summary"
    # Whoever reads a digest (its person, the head of sales) sees its activity: nobody writes digests.
    _mail_post_access = "read"
    _order = "id desc"

    kind = fields.Selection(
        [
            ("followup", "Clients to contact"),
            ("eligibility", "Specialists eligible for the next category"),
        ],
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Person", required=True, readonly=True, index=True)
    on_behalf_of_id = fields.Many2one("res.users", readonly=True, help="The absent colleague whose records these are.")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    res_model = fields.Char(string="Records Of", required=True, readonly=True)
    res_ids = fields.Json(string="Record IDs", readonly=True, groups="base.group_system")
    record_count = fields.Integer(string="Records", readonly=True)
    summary = fields.Char(readonly=True)
    note = fields.Html(readonly=True, sanitize=False)  # built by the reminder mixin from escaped values only

    def init(self):
        # Two workers refreshing the same person's digest: the second one gets a unique violation,
        # is rolled back and retried, and then updates the first one's digest.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS client_specialist_digest_person_kind "
                "ON client_specialist_digest (kind, user_id, COALESCE(on_behalf_of_id, 0), company_id)"
            )
        )

    @api.model
    def _cs_kinds(self):
        """{kind: what the reminder mixin needs}: ``model`` of the records, ``to`` ("responsible":
        the records' user, or "head": their head of sales), ``setting`` (the res.company field
        choosing digest or one activity per record), ``activity_type`` (XML id of a type of the
        digest model: the activity view lists only those)."""
        return {
            "followup": {
                "model": "res.partner",
                "to": "responsible",
                "setting": "cs_reminder_followup",
                "activity_type": "client_specialist.mail_activity_type_digest",
            },
            "eligibility": {
                "model": "client_specialist.specialist",
                "to": "head",
                "setting": "cs_reminder_eligibility",
                "activity_type": "client_specialist.mail_activity_type_digest",
            },
        }

    def action_open_records(self):
        """The list of every record of the digest, filtered to them."""
        self.ensure_one()
        ids = self.sudo().res_ids or []
        return {
            "type": "ir.actions.act_window",
            "name": self.summary,
            "res_model": self.res_model,
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", ids)],
            "context": {"create": False},
        }
