# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class ClientSpecialistApprovalMixin(models.AbstractModel):
    """The one approval mechanism: a request goes to whoever decides, who approves or rejects.

    A model declares its kinds of approval in ``_cs_approval_kinds()`` and keeps its own fields
    (an order's approval state and approved figures, a claim's approved compensation, an
    obligation's waiver). The mechanism does the rest the same way for all of them:

    - who decides: the acting head of sales of the record (``_cs_heads_of_sales``), checked by the
      one check ``res.users._cs_check_head_of_sales``;
    - the request: a note listing the reasons, and one activity to the decider per record;
    - the decision: approved or rejected (a rejection always with a reason), written through the
      decision path of ``client_specialist.decision.mixin``, told in the chatter to the
      responsible, the decider's activities closed;
    - the figures an approval covers: a later rise of any of them asks again (``_cs_approval_covers``).

    Hooks per kind, to implement in the model:

    - ``_cs_approval_waiting(kind)``: the records of ``self`` a decision may be taken on;
    - ``_cs_approval_on_request(kind, reasons)``: write the request ({record: [reason, ...]});
    - ``_cs_approval_on_decision(kind, approved, reason)``: write the decision;
    - ``_cs_approval_figures(kind)`` and ``_cs_approval_granted_figures(kind)``: {record: {name:
      value}} now and as approved.
    """

    _name = "client_specialist.approval.mixin"
    _inherit = ["client_specialist.decision.mixin", "client_specialist.reminder.mixin"]
    _description = "Client Relations: Approvals"

    @api.model
    def _cs_approval_kinds(self):
        """{kind: {"what": phrase for the refusal, "activity_type": xml id, "label": noun}}."""
        return {}

    # ------------------------------------------------------------------------------------------
    # Hooks (see the class docstring)
    # ------------------------------------------------------------------------------------------

    def _cs_approval_waiting(self, kind):
        return self

    def _cs_approval_on_request(self, kind, reasons):
        return None

    def _cs_approval_on_decision(self, kind, approved, reason):
        return None

    def _cs_approval_figures(self, kind):
        return {record: {} for record in self}

    def _cs_approval_granted_figures(self, kind):
        return {record: {} for record in self}

    # ------------------------------------------------------------------------------------------
    # The mechanism
    # ------------------------------------------------------------------------------------------

    def _cs_approval_check_decider(self, kind):
        """The head of sales decides; so does the deputy standing in for the head of these records."""
        if not self.env["res.users"]._cs_is_head_of_sales():
            heads = self._cs_heads_of_sales()
            if not self or any(heads[record] != self.env.user for record in self):
                self.env["res.users"]._cs_check_head_of_sales(self._cs_approval_kinds()[kind]["what"])
        self.check_access("write")

    def _cs_approval_request(self, kind, reasons):
        """Ask the acting head of sales to decide on these records.

        :param reasons: {record: [reason, ...]}, readable sentences
        """
        if not self:
            return True
        with self._cs_deciding():
            self._cs_approval_on_request(kind, reasons)
        config = self._cs_approval_kinds()[kind]
        activity_type = self.env.ref(config["activity_type"])
        heads = self._cs_heads_of_sales()
        activities = []
        for record in self:
            lines = reasons.get(record) or []
            record.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    _("Sent to the head of sales for approval (%(what)s):", what=config["label"]),
                    Markup().join(Markup("<li>%s</li>") % line for line in lines),
                ),
                subtype_xmlid="mail.mt_note",
            )
            if heads[record]:
                activities.append(
                    record._cs_reminder_values(
                        activity_type,
                        heads[record],
                        _("Approve: %(what)s, %(name)s", what=config["label"], name=record.display_name),
                        note="\n".join(lines),
                    )
                )
        self._cs_create_activities(activities)
        return True

    def _cs_approval_approve(self, kind, reason=None):
        return self._cs_approval_decide(kind, True, reason)

    def _cs_approval_reject(self, kind, reason):
        return self._cs_approval_decide(kind, False, reason)

    def _cs_approval_decide(self, kind, approved, reason=None):
        """Take the decision on the records waiting; a rejection needs a reason. Returns them."""
        self._cs_approval_check_decider(kind)
        reason = (reason or "").strip()
        if not approved and not reason:
            raise UserError(_("Say why it is rejected (Reason)."))
        records = self._cs_approval_waiting(kind)
        if not records:
            raise UserError(
                _(
                    "There is nothing waiting for a decision here (%(what)s).",
                    what=self._cs_approval_kinds()[kind]["label"],
                )
            )
        with records._cs_deciding():
            records._cs_approval_on_decision(kind, approved, reason)
        name = self.env.user.name
        if approved:
            body = (
                _("Approved by %(name)s: %(reason)s", name=name, reason=reason)
                if reason
                else _("Approved by %(name)s.", name=name)
            )
            feedback = _("Approved")
        else:
            body = _("Rejected by %(name)s: %(reason)s", name=name, reason=reason)
            feedback = _("Rejected: %(reason)s", reason=reason)
        for record in records:
            responsible = record._cs_responsible()
            # An internal note that notifies the responsible: the record's followers may include
            # the client (a sent quotation), who is not to read the head's reasons.
            record.message_post(
                body=body,
                partner_ids=responsible.partner_id.ids if responsible and responsible != self.env.user else [],
                subtype_xmlid="mail.mt_note",
            )
        records._cs_approval_close_activities(kind, feedback)
        return records

    def _cs_approval_close_activities(self, kind, feedback):
        activity_type = self.env.ref(self._cs_approval_kinds()[kind]["activity_type"])
        self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type).action_feedback(
            feedback=feedback
        )

    def _cs_approval_covers(self, kind):
        """{record: whether what was approved still covers it}: no figure rose above the approved one."""
        now = self._cs_approval_figures(kind)
        granted = self._cs_approval_granted_figures(kind)
        return {
            record: all(
                float_compare(value, granted[record].get(name) or 0.0, precision_digits=2) <= 0
                for name, value in now[record].items()
            )
            for record in self
        }
