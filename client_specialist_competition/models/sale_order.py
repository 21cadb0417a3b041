# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

CS_OUTCOMES = [
    ("open", "In Progress"),
    ("won", "Deal Won"),
    ("lost", "Deal Lost"),
    ("cancelled", "Cancelled"),
]


LOST_FIELDS = ("cs_lost_reason_id", "cs_winning_competitor_id", "cs_lost_note", "cs_lost_date")
# Why a deal was lost and to whom is the company's own business: not the client's (portal).
INTERNAL = "sales_team.group_sale_salesman"


class SaleOrder(models.Model):
    """Competition on a quotation: the competing offers, and who won it when it was lost."""

    _inherit = "sale.order"  # the application puts the decision mixin on orders

    # Salespeople outside Client Relations keep using orders as Odoo ships them.
    cs_competing_offer_ids = fields.One2many(
        "client_specialist.competing.offer",
        "order_id",
        string="Competing Offers",
        copy=False,
        groups="client_specialist.group_client_specialist",
    )
    cs_competing_offer_count = fields.Integer(
        string="Competing Offers Count",
        compute="_compute_cs_competing_offer_count",
        groups="client_specialist.group_client_specialist",
    )
    cs_lost_reason_id = fields.Many2one(
        "client_specialist.lost.reason",
        string="Lost Reason",
        copy=False,
        index=True,
        tracking=True,
        readonly=True,
        ondelete="restrict",
        groups=INTERNAL,
    )
    cs_winning_competitor_id = fields.Many2one(
        "res.partner",
        string="Won By",
        copy=False,
        index=True,
        tracking=True,
        readonly=True,
        ondelete="restrict",
        help="The competitor who got the deal.",
        groups=INTERNAL,
    )
    cs_lost_note = fields.Text(string="Lost Note", copy=False, readonly=True, groups=INTERNAL)
    cs_lost_date = fields.Date(string="Lost On", copy=False, readonly=True, groups=INTERNAL)
    cs_outcome = fields.Selection(
        CS_OUTCOMES, string="Outcome", compute="_compute_cs_outcome", store=True, index=True, groups=INTERNAL
    )

    @api.model
    def _cs_decision_fields(self):
        lost = _(
            "Mark Quotation as Lost records it and cancels the quotation; setting it back to a quotation clears it."
        )
        return {**super()._cs_decision_fields(), **dict.fromkeys(LOST_FIELDS, lost)}

    def _compute_cs_competing_offer_count(self):
        counts = dict(
            self.env["client_specialist.competing.offer"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.cs_competing_offer_count = counts.get(order, 0)

    @api.depends("state", "cs_lost_reason_id")
    def _compute_cs_outcome(self):
        for order in self:
            if order.state == "sale":
                order.cs_outcome = "won"
            elif order.state == "cancel":
                order.cs_outcome = "lost" if order.cs_lost_reason_id else "cancelled"
            else:
                order.cs_outcome = "open"

    def action_draft(self):
        # A lost quotation taken up again is no longer lost.
        # sudo: whoever may set an order back to a quotation clears its loss, even without
        # reading the loss (fields of salespeople).
        lost = self.filtered(lambda o: o.sudo().cs_lost_reason_id)
        result = super().action_draft()
        lost.filtered(lambda o: o.state == "draft").sudo().write(dict.fromkeys(LOST_FIELDS, False))
        return result

    def action_cs_mark_lost(self):
        self._cs_check_can_lose()
        return {
            "type": "ir.actions.act_window",
            "name": _("Mark Quotation as Lost"),
            "res_model": "client_specialist.order.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids, "dialog_size": "medium"},
        }

    def _cs_check_can_lose(self):
        not_quotations = self.filtered(lambda o: o.state not in ("draft", "sent"))
        if not_quotations:
            raise UserError(
                _(
                    "Only quotations can be marked as lost; %(orders)s is not a quotation any more.",
                    orders=", ".join(not_quotations.mapped("name")),
                )
            )

    def _cs_mark_lost(self, reason, competitor=None, note=None):
        """Record why these quotations were lost and to whom, cancel them, and say so in the chatter."""
        self._cs_check_can_lose()
        competitor = competitor or self.env["res.partner"]
        if competitor and not competitor.cs_is_competitor:
            raise UserError(
                _(
                    "%(partner)s is not marked as a competitor (Won By): mark the partner first.",
                    partner=competitor.display_name,
                )
            )
        with self._cs_deciding():
            self.write(
                {
                    "cs_lost_reason_id": reason.id,
                    "cs_winning_competitor_id": competitor.id,
                    "cs_lost_note": note or False,
                    "cs_lost_date": fields.Date.context_today(self),
                }
            )
        self.with_context(disable_cancel_warning=True).action_cancel()
        if competitor:
            body = _(
                "Quotation lost to %(competitor)s. Reason: %(reason)s.",
                competitor=competitor.display_name,
                reason=reason.name,
            )
        else:
            body = _("Quotation lost. Reason: %(reason)s.", reason=reason.name)
        if note:
            body += " " + _("Note: %(note)s", note=note)
        for order in self:
            order.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
