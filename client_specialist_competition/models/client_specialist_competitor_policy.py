# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

POLICY_ASPECTS = [
    ("price", "Prices and discounts"),
    ("payment", "Payment terms"),
    ("delivery", "Delivery terms"),
    ("service", "Service"),
    ("loyalty", "Loyalty programmes"),
    ("other", "Other"),
]


class ClientSpecialistCompetitorPolicy(models.Model):
    """A competitor's client policy as observed, with its figures and evidence (clause 2.15).

    Observations are never rewritten silently: every edit is tracked in the chatter, and only the
    head of sales archives an outdated one. Evidence (price lists, offers, photos) is attached in
    the chatter.
    """

    _name = "client_specialist.competitor.policy"
    _description = "Competitor's Client Policy"
    _check_company_auto = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.decision.mixin",
    ]
    _order = "date_observed desc, id desc"

    name = fields.Char(string="Summary", required=True, tracking=True)
    competitor_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        domain=[("cs_is_competitor", "=", True)],
        check_company=True,
    )
    aspect = fields.Selection(POLICY_ASPECTS, required=True, default="price", index=True, tracking=True)
    description = fields.Text(tracking=True)
    discount_percent = fields.Float(
        string="Discount (%)",
        digits=(16, 2),
        tracking=True,
        aggregator="max",
        help="The largest discount the competitor grants, in percent (prices and discounts).",
    )
    payment_days = fields.Integer(
        string="Payment Delay (days)",
        tracking=True,
        aggregator="max",
        help="Days the competitor gives their clients to pay (payment terms).",
    )
    lead_time_days = fields.Integer(
        string="Lead Time (days)",
        tracking=True,
        aggregator="min",
        help="Days from order to delivery the competitor promises (delivery terms).",
    )
    date_observed = fields.Date(
        string="Observed On", required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    source = fields.Char(tracking=True, help="Where it was seen: the client, a tender, their website, an exhibition.")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, tracking=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, tracking=True
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "discount_percent_range",
            "CHECK(discount_percent >= 0 AND discount_percent <= 100)",
            "A competitor's discount must be between 0 and 100 %.",
        ),
        ("payment_days_positive", "CHECK(payment_days >= 0)", "A competitor's payment delay cannot be negative."),
        ("lead_time_days_positive", "CHECK(lead_time_days >= 0)", "A competitor's lead time cannot be negative."),
    ]

    @api.model
    def _cs_decision_fields(self):
        return {
            **super()._cs_decision_fields(),
            "active": _("only the head of sales archives or restores competitors' policies."),
            "user_id": _("a policy is recorded in the name of the person who records it."),
        }

    @api.model
    def _cs_decision_free_for(self, field_name):
        return field_name == "active" and self.env["res.users"]._cs_is_head_of_sales()

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        # A policy starts active: an archived one is the head's decision (False is its value here).
        if field_name == "active":
            return bool(value)
        return super()._cs_decision_allowed_on_create(field_name, value)

    @api.constrains("discount_percent", "payment_days", "lead_time_days")
    def _check_figures(self):
        for policy in self:
            self._cs_check_figures(policy._cs_figures(), policy.name)

    @api.constrains("competitor_id")
    def _check_competitor(self):
        for policy in self:
            if not policy.competitor_id.cs_is_competitor:
                raise ValidationError(
                    _(
                        "%(partner)s is not marked as a competitor (Competitor): mark the partner first.",
                        partner=policy.competitor_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # The figures are checked before the row is written, so the user gets this message
        # rather than the database's.
        for vals in vals_list:
            self._cs_check_values(vals)
            self._cs_check_figures(vals, vals.get("name"))
        return super().create(vals_list)

    def write(self, vals):
        self._cs_check_values(vals)
        for policy in self:
            self._cs_check_figures({**policy._cs_figures(), **vals}, vals.get("name", policy.name))
        return super().write(vals)

    def _cs_figures(self):
        self.ensure_one()
        return {
            "discount_percent": self.discount_percent,
            "payment_days": self.payment_days,
            "lead_time_days": self.lead_time_days,
        }

    @api.model
    def _cs_check_figures(self, vals, name=None):
        """Refuse figures out of range, naming the field and the rule."""
        name = name or _("New policy")
        discount = vals.get("discount_percent") or 0.0
        if discount < 0 or discount > 100:
            raise ValidationError(
                _(
                    "%(name)s: %(field)s must be between 0 and 100, not %(value)s.",
                    name=name,
                    field=_("Discount (%)"),
                    value=discount,
                )
            )
        labels = {"payment_days": _("Payment Delay (days)"), "lead_time_days": _("Lead Time (days)")}
        for field_name, label in labels.items():
            value = vals.get(field_name) or 0
            if value < 0:
                raise ValidationError(
                    _(
                        "%(name)s: a number of days cannot be negative (%(field)s), not %(value)s.",
                        name=name,
                        field=label,
                        value=value,
                    )
                )

    @api.model
    def _cs_latest_by_competitor(self, aspects, competitors=None):
        """The latest observed active policy per (competitor, aspect), in one query.

        Returns {(competitor, aspect): policy}. Ties on the same day go to the last recorded.
        """
        domain = [("aspect", "in", list(aspects))]
        if competitors is not None:
            domain.append(("competitor_id", "in", competitors.ids))
        policies = self.search(domain, order="date_observed desc, id desc")
        latest = {}
        for policy in policies:
            latest.setdefault((policy.competitor_id, policy.aspect), policy)
        return latest
