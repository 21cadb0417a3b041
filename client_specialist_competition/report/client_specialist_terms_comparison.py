# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

# The aspects that carry a figure we can set against our own terms, and that figure.
COMPARED_ASPECTS = {
    "price": "discount_percent",
    "payment": "payment_days",
    "delivery": "lead_time_days",
}
COMPARISON_STATUS = [
    ("weaker", "We Are Weaker"),
    ("equal", "Same"),
    ("stronger", "We Are Stronger"),
    ("unknown", "Not Comparable"),
]


class ClientSpecialistTermsComparison(models.TransientModel):
    """Our terms (per tier, and the standard ones) against each competitor's latest policy.

    Built on demand for the user who asks: one row per set of our terms, competitor and aspect
    (discount, payment delay, lead time). "Their advantage" is what a client gains by going to the
    competitor: a larger discount, more days to pay, or a shorter lead time.
    """

    _name = "client_specialist.terms.comparison"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Our Terms Compared with Competitors"
    _order = "status_sequence, their_advantage desc, id"

    tier_id = fields.Many2one("client_specialist.tier", readonly=True, ondelete="cascade")
    terms_name = fields.Char(string="Our Terms", readonly=True)
    competitor_id = fields.Many2one("res.partner", readonly=True, ondelete="cascade")
    aspect = fields.Selection(
        [
            ("price", "Discount (%)"),
            ("payment", "Payment Delay (days)"),
            ("delivery", "Lead Time (days)"),
        ],
        readonly=True,
    )
    policy_id = fields.Many2one(
        "client_specialist.competitor.policy", string="Their Policy", readonly=True, ondelete="cascade"
    )
    date_observed = fields.Date(related="policy_id.date_observed", string="Observed On")
    our_value = fields.Float(string="Ours", readonly=True, aggregator="avg")
    their_value = fields.Float(string="Theirs", readonly=True, aggregator="avg")
    their_advantage = fields.Float(
        readonly=True,
        aggregator="max",
        help="Positive when the competitor offers clients more: a larger discount, more days to pay, or a "
        "shorter lead time.",
    )
    status = fields.Selection(COMPARISON_STATUS, readonly=True, index=True)
    status_sequence = fields.Integer(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, default=lambda self: self.env.company)

    @api.model
    def action_compare(self):
        """Rebuild the comparison for the current user and open it."""
        self._cs_build()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_specialist_competition.client_specialist_terms_comparison_action"
        )
        action["domain"] = [("create_uid", "=", self.env.uid)]
        return action

    @api.model
    def _cs_build(self):
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        latest = self.env["client_specialist.competitor.policy"]._cs_latest_by_competitor(COMPARED_ASPECTS)
        values = []
        for terms in self._cs_our_terms():
            for (competitor, aspect), policy in latest.items():
                figure = COMPARED_ASPECTS[aspect]
                ours, theirs = terms[figure], policy[figure]
                advantage, status = self._cs_compare(aspect, ours, theirs)
                values.append(
                    {
                        "tier_id": terms["tier_id"],
                        "terms_name": terms["name"],
                        "competitor_id": competitor.id,
                        "aspect": aspect,
                        "policy_id": policy.id,
                        "our_value": ours,
                        "their_value": theirs,
                        "their_advantage": advantage,
                        "status": status,
                        "status_sequence": [key for key, _label in COMPARISON_STATUS].index(status),
                        "company_id": self.env.company.id,
                    }
                )
        return self.create(values)

    @api.model
    def _cs_compare(self, aspect, ours, theirs):
        """(their advantage, status) for one figure."""
        if aspect == "delivery":
            if not ours or not theirs:
                return 0.0, "unknown"  # no lead time promised, or none observed
            advantage = ours - theirs
        else:
            advantage = theirs - ours
        if advantage > 0:
            return advantage, "weaker"
        return advantage, "equal" if advantage == 0 else "stronger"

    @api.model
    def _cs_our_terms(self):
        """Our terms to compare: the standard ones, then each active tier of the current company.

        Returns a list of dicts with name, tier_id, discount_percent, payment_days, lead_time_days.
        Override to compare other terms.
        """
        company = self.env.company
        Partner = self.env["res.partner"].with_company(company)
        Pricelist = self.env["product.pricelist"]
        standard_pricelist = Partner._fields["specific_property_product_pricelist"].get_company_dependent_fallback(
            Partner
        ) or Pricelist.search(Pricelist._get_partner_pricelist_multi_search_domain_hook(company.id), limit=1)
        standard_term = Partner._fields["property_payment_term_id"].get_company_dependent_fallback(Partner)
        terms = [
            {
                "name": _("Standard terms"),
                "tier_id": False,
                "discount_percent": self._cs_pricelist_discount(standard_pricelist),
                "payment_days": self._cs_payment_days(standard_term),
                "lead_time_days": 0,
            }
        ]
        tiers = self.env["client_specialist.tier"].search([("company_id", "=", company.id)])
        for tier in tiers:
            terms.append(
                {
                    "name": tier.name,
                    "tier_id": tier.id,
                    "discount_percent": self._cs_pricelist_discount(tier.pricelist_id),
                    "payment_days": self._cs_payment_days(tier.payment_term_id),
                    "lead_time_days": tier.lead_time_days,
                }
            )
        return terms

    @api.model
    def _cs_pricelist_discount(self, pricelist):
        """The largest percentage discount rule of ``pricelist`` still in force (0 when none)."""
        now = fields.Datetime.now()
        discounts = [
            item.percent_price
            for item in pricelist.item_ids
            if item.compute_price == "percentage" and (not item.date_end or item.date_end >= now)
        ]
        return max(discounts, default=0.0)

    @api.model
    def _cs_payment_days(self, payment_term):
        """Days from the invoice to the last instalment of ``payment_term`` (0: paid at once)."""
        today = fields.Date.context_today(self)
        return max(((line._get_due_date(today) - today).days for line in payment_term.line_ids), default=0)
