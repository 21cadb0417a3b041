# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_statement_count = fields.Integer(
        string="Reconciliation Statements",
        compute="_compute_cs_statement_count",
        groups="client_specialist.group_client_specialist",
    )

    def _compute_cs_statement_count(self):
        counts = dict(
            self.env["client_specialist.reconciliation.statement"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cs_statement_count = counts.get(partner.commercial_partner_id, 0)

    def action_cs_reconciliation_statements(self):
        """The client's statements; a new one is made for the client."""
        self.ensure_one()
        client = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_specialist_settlement.client_specialist_reconciliation_statement_action"
        )
        action["domain"] = [("partner_id", "=", client.id)]
        action["context"] = {"default_partner_id": client.id}
        action["name"] = _("Reconciliation Statements: %(client)s", client=client.name)
        if not self.cs_statement_count:
            action.update({"views": [(False, "form")], "view_mode": "form"})
        return action
