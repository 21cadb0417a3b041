# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.client_specialist.models.client_specialist_cron_mixin import retry_on_concurrent_update
from odoo.tools import create_index


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Reliability is Client Relations' own judgement of a client: neither the client (portal) nor
    # other departments read it.
    cs_reliability_ids = fields.One2many(
        "client_specialist.reliability.assessment",
        "partner_id",
        string="Reliability Assessments",
        groups="client_specialist.group_client_specialist",
    )

    cs_reliability_id = fields.Many2one(
        "client_specialist.reliability.assessment",
        string="Current Assessment",
        compute="_compute_cs_reliability",
        store=True,
        groups="client_specialist.group_client_specialist",
    )

    cs_reliability_grade = fields.Selection(
        [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")],
        string="Reliability Grade",
        compute="_compute_cs_reliability",
        store=True,
        tracking=True,
        index=True,
        groups="client_specialist.group_client_specialist",
    )

    cs_reliability_score = fields.Float(
        string="Reliability Score",
        compute="_compute_cs_reliability",
        store=True,
        groups="client_specialist.group_client_specialist",
    )

    cs_reliability_valid_until = fields.Date(
        string="Assessment Valid Until",
        compute="_compute_cs_reliability",
        store=True,
        groups="client_specialist.group_client_specialist",
    )

    cs_reliability_dirty = fields.Boolean(
        string="Reliability To Recompute",
        copy=False,
        groups="client_specialist.group_client_specialist",
        help="Technical: invoices, payments, obligations or claims changed since the last computation.",
    )

    @api.depends("cs_reliability_ids.grade", "cs_reliability_ids.score", "cs_reliability_ids.valid_until")
    def _compute_cs_reliability(self):
        for partner in self:
            current = partner.cs_reliability_ids.sorted(lambda a: (a.date, a.id))[-1:]
            partner.cs_reliability_id = current
            partner.cs_reliability_grade = current.grade
            partner.cs_reliability_score = current.score
            partner.cs_reliability_valid_until = current.valid_until

    @api.model
    def _get_reliability_domain(self):
        return [("cs_reliability_dirty", "=", True), ("cs_reliability_id", "!=", False)]

    @api.model
    @retry_on_concurrent_update
    def _cron_reliability(self, batch_size=None):
        """Nightly: recompute the automatic criteria of clients whose data changed; remind expiries."""
        batch_size = self._cs_batch_size(batch_size, 200)
        domain = self._get_reliability_domain()
        partners = self._cs_lock_batch(domain, batch_size, order=("user_id", "id"))
        # Without field tracking: a message per client for each score that moved. A grade change
        # is told all the same, in batch (_cs_notify_grade_change).
        partners.cs_reliability_id.filtered("is_valid").with_context(tracking_disable=True)._cs_compute_lines()
        partners._cs_write_technical({"cs_reliability_dirty": False})
        self.env["client_specialist.reliability.assessment"]._cs_remind_expiries()
        return self._cs_notify_progress(len(partners), domain, batch_size)

    def _cs_mark_reliability_dirty(self):
        """Their assessment's automatic criteria are recomputed by the nightly cron.

        Called by whoever posts an invoice, matches a payment or sends a claim (a portal user
        included), who may not read reliability: hence sudo.
        """
        to_mark = self.sudo().filtered(lambda p: p.cs_reliability_id and not p.cs_reliability_dirty)
        if to_mark:
            to_mark._cs_write_technical({"cs_reliability_dirty": True})

    def _cs_client_obligation_rate(self):
        """On-time rate (%) of the client's contract obligations, or None without any (contracts fill it)."""
        self.ensure_one()

    def _cs_notify_grade_change(self, old_grades):
        """Tell the responsible specialist when a client's reliability grade changes.

        A note on each client, logged for the batch at once, and one notification per specialist
        listing their clients: a message_post per client would cost a dozen queries each.
        """
        changed = self.filtered(lambda p: p.user_id and old_grades.get(p.id) != p.cs_reliability_grade)
        if not changed:
            return
        texts = {
            partner: self.env._(
                "Reliability grade of %(client)s: %(old)s → %(new)s.",
                client=partner.display_name,
                old=old_grades.get(partner.id) or "-",
                new=partner.cs_reliability_grade or "-",
            )
            for partner in changed
        }
        # Notes (internal): not a contact with the client.
        changed._message_log_batch(bodies={partner.id: Markup("<p>%s</p>") % text for partner, text in texts.items()})
        for user, partners in changed.grouped("user_id").items():
            partners[:1].message_notify(
                partner_ids=user.partner_id.ids,
                subject=self.env._("Reliability grades changed"),
                body=Markup("<br/>").join(texts[partner] for partner in partners),
            )

    def init(self):
        result = super().init()
        # The nightly recompute's batches: the few clients whose data changed.
        create_index(
            self.env.cr, "res_partner_cs_reliability_dirty_index", self._table, ["id"], where="cs_reliability_dirty"
        )
        return result

    @api.model
    def _cs_technical_fields(self):
        return super()._cs_technical_fields() | {"cs_reliability_dirty"}
