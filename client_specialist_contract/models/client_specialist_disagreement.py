# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .decision_defaults import without_decision_defaults

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
    _inherit = ["client_specialist.input.mixin", "client_specialist.decision.mixin"]
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
    state = fields.Selection(DISAGREEMENT_STATES, required=True, default="open", index=True, readonly=True)
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

    @api.model
    def _cs_decision_fields(self):
        settled = _("a clause is settled or opened again with its buttons (ours, theirs, agreed, withdrawn, new round)")
        return dict(
            super()._cs_decision_fields(),
            state=settled,
            date_resolved=settled,
            round=settled,
            is_after_confirmation=_("it is set when a disagreement is raised on a confirmed order"),
        )

    @api.model
    def default_get(self, fields_list):
        return super(ClientSpecialistDisagreement, without_decision_defaults(self)).default_get(fields_list)

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        # A protocol recorded from paper may start at the round the negotiation has reached.
        return field_name == "round" or super()._cs_decision_allowed_on_create(field_name, value)

    @api.model_create_multi
    def create(self, vals_list):
        disagreements = super().create(vals_list)
        after = disagreements.filtered(lambda d: d.order_id.state == "sale")
        if after:
            with after._cs_deciding():
                after.write({"is_after_confirmation": True})
            # The order's chatter tells the team; a deputy may not write the order itself.
            for order, rows in after.grouped("order_id").items():
                order.sudo().message_post(
                    body=_(
                        "Disagreement raised after confirmation on: %(clauses)s.",
                        clauses=", ".join(rows.mapped("clause")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return disagreements

    def _cs_settle(self, state, extra=None):
        """The deciding method: the portfolio's specialist (or whoever stands in) or the head
        puts these clauses in ``state``, told on the order. Returns the clauses changed."""
        self.check_access("write")
        changed = self.filtered(lambda d: d.state != state)
        if not changed:
            return changed
        values = {"state": state, "date_resolved": fields.Date.context_today(self) if state != "open" else False}
        with changed._cs_deciding():
            changed.write(dict(values, **(extra or {})))
        label = dict(self._fields["state"]._description_selection(self.env))[state]
        for order, rows in changed.grouped("order_id").items():
            order.sudo().message_post(
                body=Markup("<br/>").join(
                    _("Clause %(clause)s (round %(round)s): %(state)s", clause=d.clause, round=d.round, state=label)
                    for d in rows
                ),
                subtype_xmlid="mail.mt_note",
            )
        return changed

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
        for wording, clauses in self.filtered(lambda d: d.state != "ours").grouped("our_wording").items():
            clauses._cs_settle("ours", {"agreed_wording": wording})
        return True

    def action_accept_theirs(self):
        for wording, clauses in self.filtered(lambda d: d.state != "theirs").grouped("client_wording").items():
            clauses._cs_settle("theirs", {"agreed_wording": wording})
        return True

    def action_agree(self):
        self._cs_settle("agreed")
        return True

    def action_withdraw(self):
        self._cs_settle("withdrawn")
        return True

    def action_reopen(self):
        """Open a settled clause again: a new round of negotiation."""
        for round_, clauses in self.filtered(lambda d: d.state != "open").grouped("round").items():
            clauses._cs_settle("open", {"round": round_ + 1})
        return True
