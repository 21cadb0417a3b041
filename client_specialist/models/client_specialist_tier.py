# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ABC_CLASSES = [("A", "A"), ("B", "B"), ("C", "C")]


class ClientSpecialistTier(models.Model):
    """A bundle of privileges for the best clients (clause 2.10).

    Assigning a tier to a client applies its pricelist, payment terms and individual specialist;
    its intervals drive the contact cadence, claim deadlines and reviews.
    """

    _name = "client_specialist.tier"
    _description = "Client Tier"
    _check_company_auto = True
    _inherit = ["mail.thread", "client_specialist.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    pricelist_id = fields.Many2one(
        "product.pricelist",
        tracking=True,
        check_company=True,
        help="Special prices and discounts of the tier; applied to the client when the tier is assigned.",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Payment Terms",
        tracking=True,
        check_company=True,
        help="Special terms of payment; applied to the client when the tier is assigned.",
    )
    contact_interval_days = fields.Integer(
        string="Contact Every (days)",
        default=30,
        tracking=True,
        help="How often the specialist gets in touch with a client of this tier.",
    )
    claim_response_days = fields.Integer(
        string="Claim Response Time (days)",
        default=10,
        tracking=True,
        help="Working days within which a claim of such a client is answered.",
    )
    claim_resolution_days = fields.Integer(
        string="Claim Resolution Time (days)",
        default=20,
        tracking=True,
        help="Working days within which a claim of such a client is resolved.",
    )
    lead_time_days = fields.Integer(
        string="Promised Lead Time (days)",
        tracking=True,
        help="Delivery lead time promised to clients of this tier (0: the standard one).",
    )
    individual_user_id = fields.Many2one(
        "res.users",
        string="Individual Specialist",
        domain=[("share", "=", False)],
        tracking=True,
        help="Individual service: this specialist becomes the salesperson of every client of the tier.",
        check_company=True,
    )
    review_interval_days = fields.Integer(
        string="Review Every (days)",
        default=90,
        tracking=True,
        help="How often the relationship with a client of this tier is reviewed.",
    )
    abc_class = fields.Selection(
        ABC_CLASSES,
        string="For ABC Class",
        help="The periodic review proposes this tier to clients of this class.",
    )
    description = fields.Html(translate=True, help="The special terms, in words, for the specialists.")
    partner_ids = fields.One2many("res.partner", "cs_tier_id", string="Clients")
    partner_count = fields.Integer(compute="_compute_partner_count")

    _sql_constraints = [
        (
            "intervals_positive",
            "CHECK(contact_interval_days >= 0 AND claim_response_days >= 0 AND claim_resolution_days >= 0 "
            "AND lead_time_days >= 0 AND review_interval_days >= 0)",
            "The intervals and lead times of a tier cannot be negative.",
        ),
    ]

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group([("cs_tier_id", "in", self.ids)], ["cs_tier_id"], ["__count"])
        )
        for tier in self:
            tier.partner_count = counts.get(tier, 0)

    @api.constrains("pricelist_id", "company_id")
    def _check_pricelist_currency(self):
        for tier in self.filtered("pricelist_id"):
            if tier.pricelist_id.currency_id != tier.company_id.currency_id:
                raise ValidationError(
                    _(
                        "Tier %(tier)s: the pricelist %(pricelist)s is in %(currency)s, but the "
                        "company %(company)s works in %(company_currency)s.",
                        tier=tier.name,
                        pricelist=tier.pricelist_id.display_name,
                        currency=tier.pricelist_id.currency_id.name,
                        company=tier.company_id.name,
                        company_currency=tier.company_id.currency_id.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if {"pricelist_id", "payment_term_id", "individual_user_id"} & set(vals):
            # The terms follow the tier: its clients get the new ones.
            self.partner_ids._cs_apply_tier_terms()
        return result

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("client_specialist.res_partner_portfolio_action")
        action["domain"] = [("cs_tier_id", "=", self.id)]
        action["context"] = {"default_cs_tier_id": self.id}
        return action
