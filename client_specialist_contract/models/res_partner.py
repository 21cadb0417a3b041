# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Obligations are kept on the commercial partner (the company), never on its contacts.
    cs_obligation_ids = fields.One2many(
        "client_specialist.obligation",
        "partner_id",
        string="Obligations",
        groups="client_specialist.group_client_specialist",
    )

    cs_obligation_count = fields.Integer(
        string="Obligation Count",
        compute="_compute_cs_obligation_count",
        groups="client_specialist.group_client_specialist",
    )

    cs_client_on_time_rate = fields.Float(
        string="Client's On-Time Rate (%)",
        groups="client_specialist.group_client_specialist",
        compute="_compute_cs_on_time_rates",
        store=True,
        aggregator="avg",
        help="Share of the client's obligations fulfilled by their due date, among those fulfilled or overdue.",
    )

    cs_client_obligations_measured = fields.Integer(
        string="Client's Obligations Measured",
        groups="client_specialist.group_client_specialist",
        compute="_compute_cs_on_time_rates",
        store=True,
        help="How many of the client's obligations the rate counts (fulfilled or overdue); 0: no history yet.",
    )

    cs_company_on_time_rate = fields.Float(
        string="Our On-Time Rate (%)",
        groups="client_specialist.group_client_specialist",
        compute="_compute_cs_on_time_rates",
        store=True,
        aggregator="avg",
        help="Share of our obligations towards this client fulfilled by their due date, among those "
        "fulfilled or overdue.",
    )

    cs_company_obligations_measured = fields.Integer(
        string="Our Obligations Measured",
        groups="client_specialist.group_client_specialist",
        compute="_compute_cs_on_time_rates",
        store=True,
    )

    def _compute_cs_obligation_count(self):
        counts = dict(
            self.env["client_specialist.obligation"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cs_obligation_count = counts.get(partner.commercial_partner_id, 0)

    @api.depends("cs_obligation_ids.state", "cs_obligation_ids.is_on_time", "cs_obligation_ids.party")
    def _compute_cs_on_time_rates(self):
        groups = (
            self.env["client_specialist.obligation"]
            .sudo()
            ._read_group(
                [("partner_id", "in", self.ids), ("state", "in", ("done", "overdue"))],
                ["partner_id", "party", "is_on_time"],
                ["__count"],
            )
        )
        counts = {}
        for partner, party, on_time, count in groups:
            totals = counts.setdefault((partner.id, party), [0, 0])
            totals[0] += count
            if on_time:
                totals[1] += count
        for partner in self:
            for party, rate_field, measured_field in (
                ("client", "cs_client_on_time_rate", "cs_client_obligations_measured"),
                ("company", "cs_company_on_time_rate", "cs_company_obligations_measured"),
            ):
                measured, on_time = counts.get((partner.id, party), (0, 0))
                partner[measured_field] = measured
                partner[rate_field] = 100.0 * on_time / measured if measured else 0.0

    def action_cs_view_obligations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_specialist_contract.client_specialist_obligation_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
