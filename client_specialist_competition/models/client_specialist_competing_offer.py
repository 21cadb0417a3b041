# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount


class ClientSpecialistCompetingOffer(models.Model):
    """A competitor's offer to the client for the same deal as one of our quotations.

    Changes are logged in the quotation's chatter, where the specialist and the head follow the deal.
    """

    _name = "client_specialist.competing.offer"
    # The decision mixin checks the record rules again after a write: an offer is not moved onto a
    # colleague's quotation.
    _inherit = ["client_specialist.input.mixin", "client_specialist.decision.mixin"]
    _description = "Competing Offer"
    _check_company_auto = True
    _order = "order_id, price, id"
    _rec_name = "competitor_id"

    order_id = fields.Many2one("sale.order", string="Quotation", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        related="order_id.partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    competitor_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("cs_is_competitor", "=", True)],
        check_company=True,
    )
    price = fields.Monetary(currency_field="currency_id", help="The competitor's total price for the same scope.")
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    terms = fields.Text(help="Their payment, delivery and other terms as the client reported them.")
    is_winner = fields.Boolean(string="Won the Deal", compute="_compute_is_winner")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("price_positive", "CHECK(price >= 0)", "A competing offer's price cannot be negative."),
    ]

    @api.depends("order_id.currency_id")
    def _compute_currency_id(self):
        for offer in self:
            offer.currency_id = offer.currency_id or offer.order_id.currency_id or self.env.company.currency_id

    @api.depends("order_id.cs_winning_competitor_id", "competitor_id")
    def _compute_is_winner(self):
        for offer in self:
            offer.is_winner = (
                bool(offer.competitor_id) and offer.order_id.cs_winning_competitor_id == offer.competitor_id
            )

    @api.constrains("price")
    def _check_price(self):
        for offer in self:
            self._cs_check_price(offer.price)

    @api.constrains("competitor_id")
    def _check_competitor(self):
        for offer in self:
            if not offer.competitor_id.cs_is_competitor:
                raise ValidationError(
                    _(
                        "%(partner)s is not marked as a competitor (Competitor): mark the partner first.",
                        partner=offer.competitor_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cs_check_values(vals)
            self._cs_check_price(vals.get("price") or 0.0)
        offers = super().create(vals_list)
        # sudo: whoever may change an offer (a deputy on the absent's quotation) notes it on the
        # quotation, as themselves, without the right to write the quotation.
        for offer in offers:
            offer.order_id.sudo().message_post(
                body=_("Competing offer recorded: %(offer)s.", offer=offer._cs_describe()),
                subtype_xmlid="mail.mt_note",
            )
        return offers

    def write(self, vals):
        self._cs_check_values(vals)
        if "price" in vals:
            self._cs_check_price(vals["price"] or 0.0)
        tracked = {"competitor_id", "price", "currency_id", "terms"} & set(vals)
        before = {offer: offer._cs_describe() for offer in self} if tracked else {}
        result = super().write(vals)
        for offer, old in before.items():
            new = offer._cs_describe()
            if new != old:
                offer.order_id.sudo().message_post(
                    body=_("Competing offer changed: %(old)s → %(new)s.", old=old, new=new),
                    subtype_xmlid="mail.mt_note",
                )
        return result

    def unlink(self):
        for offer in self:
            offer.order_id.sudo().message_post(
                body=_("Competing offer removed: %(offer)s.", offer=offer._cs_describe()),
                subtype_xmlid="mail.mt_note",
            )
        return super().unlink()

    @api.model
    def _cs_check_price(self, value):
        if value < 0:
            raise ValidationError(
                _("A competing offer's price cannot be negative (Price), not %(value)s.", value=value)
            )

    def _cs_describe(self):
        self.ensure_one()
        text = _(
            "%(competitor)s, %(price)s",
            competitor=self.competitor_id.display_name,
            price=format_amount(self.env, self.price, self.currency_id),
        )
        if self.terms:
            text += " (" + self.terms + ")"
        return text
