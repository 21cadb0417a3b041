# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, formatLang


class ClientSpecialistCompetitorShare(models.Model):
    """A competitor that also supplies a client, and its estimated share of the client's spend."""

    _name = "client_specialist.competitor.share"
    _description = "Competitor's Share of a Client"
    _check_company_auto = True
    # The decision mixin checks the portfolio rule again after a write: a share is not moved onto
    # a colleague's client.
    _inherit = ["mail.thread", "client_specialist.input.mixin", "client_specialist.decision.mixin"]
    _order = "partner_id, share_percent desc, id"
    _rec_name = "competitor_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        domain=[("cs_is_competitor", "=", False), ("is_company", "=", True)],
        check_company=True,
    )
    competitor_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        domain=[("cs_is_competitor", "=", True)],
        check_company=True,
    )
    user_id = fields.Many2one(related="partner_id.user_id", string="Salesperson", store=True, index=True)
    share_percent = fields.Float(
        string="Share of Spend (%)",
        digits=(16, 2),
        tracking=True,
        help="Estimated part of the client's purchases of our kind of goods that goes to this competitor.",
    )
    note = fields.Text(tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    _sql_constraints = [
        (
            "share_percent_range",
            "CHECK(share_percent >= 0 AND share_percent <= 100)",
            "A competitor's share of a client's spend must be between 0 and 100 %.",
        ),
        (
            "competitor_once_per_client",
            "UNIQUE(partner_id, competitor_id, company_id)",
            "This competitor is already recorded for this client.",
        ),
    ]

    @api.constrains("share_percent")
    def _check_share_range(self):
        for share in self:
            self._cs_check_share_range(share.share_percent)

    @api.constrains("partner_id", "competitor_id", "share_percent", "company_id")
    def _check_share(self):
        for share in self:
            if not share.competitor_id.cs_is_competitor:
                raise ValidationError(
                    _(
                        "%(partner)s is not marked as a competitor (Competitor): mark the partner first.",
                        partner=share.competitor_id.display_name,
                    )
                )
            if share.partner_id.commercial_partner_id == share.competitor_id.commercial_partner_id:
                raise ValidationError(
                    _("%(partner)s cannot be its own competitor.", partner=share.partner_id.display_name)
                )
        totals = self._read_group(
            [("partner_id", "in", self.partner_id.ids)],
            ["partner_id", "company_id"],
            ["share_percent:sum"],
        )
        for partner, _company, total in totals:
            if float_compare(total, 100.0, precision_digits=2) > 0:
                raise ValidationError(
                    _(
                        "The competitors' shares of %(client)s add up to %(total)s %%: together they "
                        "cannot exceed 100 %% of the client's spend (Share of Spend).",
                        client=partner.display_name,
                        total=formatLang(self.env, total, digits=2),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cs_check_values(vals)
            self._cs_check_share_range(vals.get("share_percent") or 0.0)
            if vals.get("partner_id"):
                # Shares belong to the company, not to one of its contacts.
                partner = self.env["res.partner"].browse(vals["partner_id"])
                vals["partner_id"] = partner.commercial_partner_id.id
        return super().create(vals_list)

    def write(self, vals):
        self._cs_check_values(vals)
        if "share_percent" in vals:
            self._cs_check_share_range(vals["share_percent"] or 0.0)
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals = {**vals, "partner_id": partner.commercial_partner_id.id}
        return super().write(vals)

    @api.model
    def _cs_check_share_range(self, value):
        if value < 0 or value > 100:
            raise ValidationError(
                _(
                    "A competitor's share of a client's spend must be between 0 and 100 (Share of Spend (%%)), "
                    "not %(value)s.",
                    value=value,
                )
            )
