# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models


class ClientSpecialistReminderMixin(models.AbstractModel):
    """The one builder of reminder activities, and the one way to find who acts as head of sales.

    Models that remind people (crons, approvals) inherit it by name. A reminder goes to the person
    who acts today: the deputy of an absent user.
    """

    _name = "client_specialist.reminder.mixin"
    _description = "Client Relations: Reminders"

    def _cs_heads_of_sales(self):
        """{record: who acts as head of sales for it}: the head of its responsible (``user_id``)
        in its company, or that head's deputy while absent; one look-up for the whole batch."""
        pairs = {record: (record._cs_responsible(), record._cs_company()) for record in self}
        heads = self.env["res.users"]._cs_heads_of_sales_for(pairs.values(), acting=True)
        return {record: heads[pair] for record, pair in pairs.items()}

    def _cs_responsible(self):
        """The user responsible for this record: its ``user_id`` unless the model says otherwise."""
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _cs_company(self):
        self.ensure_one()
        return self["company_id"] if "company_id" in self._fields else self.env.company

    def _cs_reminder_values(self, activity_type, user, summary, note=None, date_deadline=None):
        """Values of one reminder activity on this record for ``user`` (a recordset or id)."""
        self.ensure_one()
        values = {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id if isinstance(user, models.BaseModel) else user,
            "summary": summary,
            "date_deadline": date_deadline or fields.Date.context_today(self),
        }
        if note:
            values["note"] = note
        return values

    @api.model
    def _cs_create_activities(self, values_list):
        """Create the reminders of a batch at once, one activity per record and person.

        Two reasons to tell the same person about the same record (a response and a resolution
        deadline both breached) make one activity with both summaries: Odoo subscribes the
        assignee once per activity, and the same follower twice in one batch is refused.
        """
        merged = {}
        for values in values_list:
            key = (values["res_model_id"], values["res_id"], values["user_id"])
            if key not in merged:
                merged[key] = dict(values)
                continue
            kept = merged[key]
            kept["summary"] = "; ".join(filter(None, (kept.get("summary"), values.get("summary"))))
            if values.get("note"):
                kept["note"] = Markup("<br/>").join(filter(None, (kept.get("note"), values["note"])))
            if values.get("date_deadline") and values["date_deadline"] < kept.get(
                "date_deadline", values["date_deadline"]
            ):
                kept["date_deadline"] = values["date_deadline"]
        return (
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(list(merged.values()))
        )
