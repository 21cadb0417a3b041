# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

DISAGREEMENT_STATES = [
    ("open", "Open"),
    ("agreed", "Agreed"),
    ("ours", "Our Wording Accepted"),
    ("theirs", "Client's Wording Accepted"),
    ("withdrawn", "Withdrawn"),
]


class ClientSpecialistDisagreement(models.Model):
    """A contract clause the client wants worded otherwise: one row of the protocol of disagreements.

    Clauses 2.7 and 2.8: the specialist settles them before the contract is concluded; those
    raised after confirmation are kept on the order too.
    """

    _name = "client_specialist.disagreement"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Disagreement on a Contract Clause"
    _order = "order_id, sequence, id"
    _rec_name = "clause"

    sequence = fields.Integer(default=10)
    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        compute="_compute_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    clause = fields.Char(
        string="Contract Clause",
        required=True,
        help="The clause of the contract in question, e.g. '5.2. Terms of payment'.",
    )
    our_wording = fields.Text()
    client_wording = fields.Text(string="Client's Wording", required=True)
    agreed_wording = fields.Text()
    round = fields.Integer(
        string="Negotiation Round",
        default=1,
        required=True,
        help="Raised by one when a settled clause is opened again.",
    )
    state = fields.Selection(DISAGREEMENT_STATES, required=True, default="open", index=True)
    is_after_confirmation = fields.Boolean(
        string="Raised After Confirmation",
        readonly=True,
        copy=False,
        help="Raised once the order was confirmed (clause 2.8).",
    )
    date_resolved = fields.Date(string="Settled On", readonly=True, copy=False)
    note = fields.Char()

    _sql_constraints = [
        ("round_positive", "CHECK(round >= 1)", "The negotiation round starts at 1."),
    ]

    @api.depends("order_id.partner_id")
    def _compute_partner_id(self):
        for disagreement in self:
            disagreement.partner_id = disagreement.order_id.partner_id.commercial_partner_id

    @api.constrains("state", "agreed_wording", "our_wording")
    def _check_wording(self):
        for disagreement in self:
            if disagreement.state == "agreed" and not (disagreement.agreed_wording or "").strip():
                raise ValidationError(
                    _(
                        "Clause %(clause)s is marked agreed: write the Agreed Wording first.",
                        clause=disagreement.clause,
                    )
                )
            if disagreement.state == "ours" and not (disagreement.our_wording or "").strip():
                raise ValidationError(
                    _(
                        "Clause %(clause)s: our wording is accepted, but Our Wording is empty.",
                        clause=disagreement.clause,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        disagreements = super().create(vals_list)
        after = disagreements.filtered(lambda d: d.order_id.state == "sale")
        if after:
            after.is_after_confirmation = True
            for order, rows in after.grouped("order_id").items():
                order.message_post(
                    body=_(
                        "Disagreement raised after confirmation on: %(clauses)s.",
                        clauses=", ".join(rows.mapped("clause")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return disagreements

    def write(self, vals):
        changed = self.browse()
        if "state" in vals:
            settled = vals["state"] != "open"
            vals = dict(vals, date_resolved=fields.Date.context_today(self) if settled else False)
            changed = self.filtered(lambda d: d.state != vals["state"])
        result = super().write(vals)
        if changed:
            label = dict(self._fields["state"]._description_selection(self.env))[vals["state"]]
            for order, rows in changed.grouped("order_id").items():
                order.message_post(
                    body=Markup("<br/>").join(
                        _("Clause %(clause)s (round %(round)s): %(state)s", clause=d.clause, round=d.round, state=label)
                        for d in rows
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_drafts(self):
        for disagreement in self:
            if disagreement.state != "open" or disagreement.order_id.state not in ("draft", "sent"):
                raise UserError(
                    _(
                        "Clause %(clause)s is part of the negotiation history and cannot be deleted: "
                        "withdraw it instead.",
                        clause=disagreement.clause,
                    )
                )

    def action_accept_ours(self):
        self.write({"state": "ours"})
        for disagreement in self:
            disagreement.agreed_wording = disagreement.our_wording
        return True

    def action_accept_theirs(self):
        self.write({"state": "theirs"})
        for disagreement in self:
            disagreement.agreed_wording = disagreement.client_wording
        return True

    def action_agree(self):
        self.write({"state": "agreed"})
        return True

    def action_withdraw(self):
        self.write({"state": "withdrawn"})
        return True

    def action_reopen(self):
        """Open a settled clause again: a new round of negotiation."""
        for disagreement in self.filtered(lambda d: d.state != "open"):
            disagreement.write({"state": "open", "round": disagreement.round + 1})
        return True
