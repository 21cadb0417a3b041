# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

CS = "client_specialist.group_client_specialist"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Competitors (clause 2.15)
    cs_is_competitor = fields.Boolean(
        string="Competitor", tracking=True, index=True, help="A company competing with us for our clients."
    )

    # What Client Relations knows of competitors and of their share of our clients: theirs only.
    cs_competitor_policy_ids = fields.One2many(
        "client_specialist.competitor.policy", "competitor_id", string="Client Policies", groups=CS
    )

    cs_competitor_policy_count = fields.Integer(
        string="Number of Policies", compute="_compute_cs_competitor_policy_count", groups=CS
    )

    cs_competitor_share_ids = fields.One2many(
        "client_specialist.competitor.share", "partner_id", string="Competitors Supplying the Client", groups=CS
    )

    cs_competitor_share_total = fields.Float(
        string="Competitors' Share (%)",
        compute="_compute_cs_competitor_share_total",
        help="Estimated part of the client's spend that goes to competitors.",
        groups=CS,
    )

    cs_competitor_client_share_ids = fields.One2many(
        "client_specialist.competitor.share", "competitor_id", string="Clients They Supply", groups=CS
    )

    cs_competitor_won_count = fields.Integer(
        string="Deals Won Against", compute="_compute_cs_competitor_win_loss", groups=CS
    )

    cs_competitor_lost_count = fields.Integer(
        string="Deals Lost To", compute="_compute_cs_competitor_win_loss", groups=CS
    )

    def _compute_cs_competitor_policy_count(self):
        counts = dict(
            self.env["client_specialist.competitor.policy"]._read_group(
                [("competitor_id", "in", self.ids)], ["competitor_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cs_competitor_policy_count = counts.get(partner, 0)

    @api.depends("cs_competitor_share_ids.share_percent")
    def _compute_cs_competitor_share_total(self):
        for partner in self:
            partner.cs_competitor_share_total = sum(partner.cs_competitor_share_ids.mapped("share_percent"))

    def _compute_cs_competitor_win_loss(self):
        counts = {
            (competitor, result): count
            for competitor, result, count in self.env["client_specialist.win.loss.report"]._read_group(
                [("competitor_id", "in", self.ids)], ["competitor_id", "result"], ["__count"]
            )
        }
        for partner in self:
            partner.cs_competitor_won_count = counts.get((partner, "won"), 0)
            partner.cs_competitor_lost_count = counts.get((partner, "lost"), 0)

    def action_cs_view_competitor_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_specialist_competition.client_specialist_competitor_policy_action"
        )
        action["domain"] = [("competitor_id", "=", self.id)]
        action["context"] = {"default_competitor_id": self.id}
        return action

    def action_cs_view_win_loss(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_specialist_competition.client_specialist_win_loss_report_action"
        )
        action["domain"] = [("competitor_id", "=", self.id)]
        action["context"] = {"search_default_group_result": 1}
        return action
