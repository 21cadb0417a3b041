# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import create_index, format_date

from .client_specialist_cron_mixin import retry_on_concurrent_update

CS_STAGES = [
    ("prospect", "Prospect"),
    ("negotiating", "Negotiating"),
    ("client", "Client"),
    ("key_client", "Key Client"),
    ("lost", "Lost"),
]
# Moves a user may make by hand; "client" is reached by the first confirmed order.
CS_STAGE_MOVES = {
    False: {"prospect", "negotiating"},
    "prospect": {"negotiating", "lost"},
    "negotiating": {"prospect", "lost"},
    "client": {"key_client", "lost"},
    "key_client": {"client", "lost"},
    "lost": {"prospect"},
}
# What the completeness checks read (client_specialist.completeness.rule).
COMPLETENESS_DEPENDS = (
    "cs_stage",
    "vat",
    "email",
    "phone",
    "mobile",
    "street",
    "city",
    "country_id",
    "child_ids.type",
    "child_ids.is_company",
    "industry_id",
    "website",
    "cs_medium_id",
)
CS_PORTFOLIO_FIELDS = {
    "cs_stage",
    "cs_won_date",
    "cs_medium_id",
    "cs_source_id",
    "cs_lost_reason",
    "cs_tier_id",
    "cs_contact_interval_override",
}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = [
        "res.partner",
        "client_specialist.decision.mixin",
        "client_specialist.cron.mixin",
        "client_specialist.reminder.mixin",
    ]
    # Partners are Odoo's: Odoo's own rules apply to them; the portfolio is checked below.
    _cs_recheck_rules_after_write = False

    cs_stage = fields.Selection(
        CS_STAGES,
        string="Relationship Stage",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_cs_stage",
    )
    cs_stage_date = fields.Date(string="Stage Since", copy=False, readonly=True)
    cs_won_date = fields.Date(string="Client Since", tracking=True, copy=False)
    cs_medium_id = fields.Many2one("utm.medium", string="Channel", tracking=True, help="How the client was found.")
    cs_source_id = fields.Many2one(
        "utm.source", string="Source", tracking=True, help="Which campaign, exhibition or referrer brought them."
    )
    cs_lost_reason = fields.Text(string="Lost Reason", tracking=True, copy=False)
    cs_tier_id = fields.Many2one("client_specialist.tier", string="Tier", tracking=True, index=True, copy=False)
    cs_contact_interval_override = fields.Integer(
        string="Own Contact Interval (days)",
        help="Overrides the tier's contact interval for this client; 0 uses the tier's or the default.",
    )
    cs_contact_interval = fields.Integer(
        string="Contact Every (days)",
        compute="_compute_cs_contact_interval",
        store=True,
    )
    cs_last_contact_date = fields.Date(
        string="Last Contact",
        copy=False,
        readonly=True,
        index=True,
        help="The last done activity, or message exchanged with the client or about their orders.",
    )
    cs_next_contact_date = fields.Date(
        string="Next Contact Due",
        compute="_compute_cs_next_contact_date",
        store=True,
        index=True,
    )
    cs_need_ids = fields.One2many("client_specialist.need", "partner_id", string="Needs")
    cs_need_count = fields.Integer(string="Number of Needs", compute="_compute_cs_need_count")
    cs_completeness = fields.Integer(
        string="Record Completeness (%)",
        compute="_compute_cs_completeness",
        store=True,
        aggregator="avg",
    )
    cs_missing_info = fields.Char(string="Missing Information", compute="_compute_cs_missing_info")
    cs_phone_digits = fields.Char(string="Phone Digits", compute="_compute_cs_phone_digits", store=True, index=True)
    cs_duplicate_ids = fields.Many2many(
        "res.partner", string="Possible Duplicates", compute="_compute_cs_duplicate_ids"
    )
    cs_is_stale = fields.Boolean(string="Stale Record", compute="_compute_cs_is_stale", search="_search_cs_is_stale")
    cs_in_my_portfolio = fields.Boolean(
        string="In My Portfolio", compute="_compute_cs_in_my_portfolio", search="_search_cs_in_my_portfolio"
    )
    cs_contact_overdue = fields.Boolean(
        string="Contact Overdue", compute="_compute_cs_contact_overdue", search="_search_cs_contact_overdue"
    )

    def init(self):
        result = super().init()
        # The nightly crons' batches: a few thousand rows among hundreds of thousands of partners
        # (contacts included), taken in order of responsible user.
        create_index(
            self.env.cr,
            "res_partner_cs_followup_index",
            self._table,
            ["user_id", "id"],
            where="cs_stage IN ('client', 'key_client') AND parent_id IS NULL AND user_id IS NOT NULL",
        )
        return result

    # ------------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------------

    @api.model
    def _read_group_cs_stage(self, values, domain):
        return [key for key, _label in CS_STAGES]

    @api.depends("cs_contact_interval_override", "cs_tier_id.contact_interval_days", "company_id")
    def _compute_cs_contact_interval(self):
        for partner in self:
            partner.cs_contact_interval = (
                partner.cs_contact_interval_override
                or partner.cs_tier_id.contact_interval_days
                or partner._cs_default_contact_interval()
            )

    @api.depends("cs_last_contact_date", "cs_won_date", "cs_contact_interval", "cs_stage")
    def _compute_cs_next_contact_date(self):
        for partner in self:
            base = partner.cs_last_contact_date or partner.cs_won_date or partner.cs_stage_date
            if partner.cs_stage and partner.cs_stage != "lost" and base and partner.cs_contact_interval:
                partner.cs_next_contact_date = base + timedelta(days=partner.cs_contact_interval)
            else:
                partner.cs_next_contact_date = False

    def _compute_cs_need_count(self):
        counts = dict(
            self.env["client_specialist.need"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cs_need_count = counts.get(partner, 0)

    @api.depends(*COMPLETENESS_DEPENDS)
    def _compute_cs_completeness(self):
        rules = self.env["client_specialist.completeness.rule"]._cs_rules_by_stage()
        for partner in self:
            checks = rules.get(partner.cs_stage, [])
            if not checks:
                partner.cs_completeness = 100 if partner.cs_stage else 0
                continue
            met = sum(1 for rule in checks if rule._cs_is_met(partner))
            partner.cs_completeness = round(100 * met / len(checks))

    @api.depends(*COMPLETENESS_DEPENDS)
    def _compute_cs_missing_info(self):
        rules = self.env["client_specialist.completeness.rule"]._cs_rules_by_stage()
        for partner in self:
            missing = [rule.name for rule in rules.get(partner.cs_stage, []) if not rule._cs_is_met(partner)]
            partner.cs_missing_info = ", ".join(missing)

    @api.depends("phone", "mobile")
    def _compute_cs_phone_digits(self):
        for partner in self:
            digits = re.sub(r"\D", "", partner.phone or partner.mobile or "")
            # The last ten digits: +7 900 ..., 8 900 ... and 900 ... are the same number.
            partner.cs_phone_digits = digits[-10:] if len(digits) >= 7 else False

    @api.depends("vat", "email", "phone", "mobile")
    def _compute_cs_duplicate_ids(self):
        candidates = self._cs_find_duplicates()
        for partner in self:
            own = partner._origin.commercial_partner_id if partner._origin else partner.browse()
            partner.cs_duplicate_ids = candidates.filtered(
                lambda c, p=partner, o=own: c != p._origin
                and (not o or c.commercial_partner_id != o)
                and p._cs_same_as(c)
            )

    def _cs_find_duplicates(self):
        """Partners sharing a tax id, e-mail or phone with any of these, in one search."""
        vats = {p.vat for p in self if p.vat}
        emails = {p.email_normalized or (p.email or "").strip().lower() for p in self if p.email}
        phones = {d for p in self if (d := re.sub(r"\D", "", p.phone or p.mobile or "")[-10:]) and len(d) >= 7}
        domains = []
        if vats:
            domains.append([("vat", "in", list(vats))])
        if emails:
            domains.append([("email_normalized", "in", list(emails))])
        if phones:
            domains.append([("cs_phone_digits", "in", list(phones))])
        if not domains:
            return self.browse()
        return self.with_context(active_test=True).search(
            expression.AND([expression.OR(domains), [("id", "not in", self._origin.ids)]]), limit=50
        )

    def _cs_same_as(self, other):
        digits = re.sub(r"\D", "", self.phone or self.mobile or "")[-10:]
        email = self.email_normalized or (self.email or "").strip().lower()
        return bool(
            (self.vat and self.vat == other.vat)
            or (email and email == other.email_normalized)
            or (len(digits) >= 7 and digits == other.cs_phone_digits)
        )

    @api.depends_context("uid")
    def _compute_cs_is_stale(self):
        stale = self.filtered_domain(self._cs_stale_domain()) if self.ids else self.browse()
        for partner in self:
            partner.cs_is_stale = partner in stale

    def _search_cs_is_stale(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = self._cs_stale_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _cs_stale_domain(self):
        today = fields.Date.context_today(self)
        by_company = []
        for company in self.env.companies:
            limit = today - timedelta(days=company.sudo().cs_stale_days)
            in_company = [("company_id", "in", (company.id, False))] if len(self.env.companies) > 1 else []
            by_company.append(
                [
                    *in_company,
                    ("write_date", "<", fields.Datetime.to_datetime(limit)),
                    "|",
                    ("cs_last_contact_date", "=", False),
                    ("cs_last_contact_date", "<", limit),
                ]
            )
        return expression.AND([[("cs_stage", "!=", False)], expression.OR(by_company)])

    @api.depends_context("uid")
    def _compute_cs_in_my_portfolio(self):
        mine = self.filtered_domain(self.env["res.users"]._cs_portfolio_domain()) if self.ids else self.browse()
        for partner in self:
            partner.cs_in_my_portfolio = partner in mine

    def _search_cs_in_my_portfolio(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = self.env["res.users"]._cs_portfolio_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends_context("date")
    @api.depends("cs_next_contact_date")
    def _compute_cs_contact_overdue(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.cs_contact_overdue = bool(partner.cs_next_contact_date and partner.cs_next_contact_date < today)

    def _search_cs_contact_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = [("cs_next_contact_date", "<", fields.Date.context_today(self))]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------------------------------

    @api.model
    def _commercial_fields(self):
        # Contacts show their company's relationship; it is kept on the company. The lost reason
        # travels with the stage, or a lost company's contacts would fail the reason check.
        return [
            *super()._commercial_fields(),
            "cs_stage",
            "cs_stage_date",
            "cs_won_date",
            "cs_tier_id",
            "cs_lost_reason",
        ]

    @api.constrains("cs_contact_interval_override")
    def _check_cs_contact_interval_override(self):
        for partner in self:
            if partner.cs_contact_interval_override < 0:
                raise ValidationError(
                    _(
                        "%(partner)s: the contact interval cannot be negative (Own Contact Interval).",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("cs_stage", "cs_lost_reason")
    def _check_cs_lost_reason(self):
        for partner in self:
            if partner.cs_stage == "lost" and not (partner.cs_lost_reason or "").strip():
                raise ValidationError(
                    _("%(partner)s: a lost client needs a reason (Lost Reason).", partner=partner.display_name)
                )

    # ------------------------------------------------------------------------------------------
    # Decisions: owner, stage and tier of the clients of the portfolio
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        stage_rule = _(
            "the stage moves with the buttons of the Client Relations tab (a client is won by their "
            "first confirmed order; only the head of sales grants the key client status)."
        )
        return {
            **super()._cs_decision_fields(),
            "user_id": _("only the head of sales gives a client of the portfolio to another specialist (Salesperson)."),
            "cs_stage": stage_rule,
            "cs_stage_date": stage_rule,
            "cs_won_date": stage_rule,
            "cs_lost_reason": _("a client is marked lost with Mark as Lost, which asks for the reason."),
            "cs_tier_id": _("only the head of sales assigns tiers: they come with special terms."),
        }

    @api.model
    def _cs_decision_free_for(self, field_name):
        # The head of sales reassigns clients and grants tiers on the form; stages keep their moves.
        return field_name in ("user_id", "cs_tier_id") and self.env.user._cs_is_head_of_sales()

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        if field_name == "cs_stage" and (value in CS_STAGE_MOVES[False] or self.env.user._cs_is_head_of_sales()):
            return True  # a new prospect; the head of sales also records existing clients
        if field_name == "user_id" and value == self.env.uid:
            return True  # one's own new client
        return super()._cs_decision_allowed_on_create(field_name, value)

    def _cs_decision_records(self, field_name):
        # Contacts mirror their company's relationship (commercial fields); a partner outside the
        # portfolio keeps Odoo's salesperson as it is.
        companies = self.filtered(lambda p: p.commercial_partner_id == p)
        if field_name == "user_id":
            return companies.filtered("cs_stage")
        return companies

    @api.model_create_multi
    def create(self, vals_list):
        # A new client of the portfolio: the same rules as a write (stage, owner, tier).
        # (The salesperson of a partner outside the portfolio stays Odoo's to choose.)
        self._cs_check_decisions_on_create(
            [vals if vals.get("cs_stage") else {k: v for k, v in vals.items() if k != "user_id"} for vals in vals_list]
        )
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("cs_stage"):
                vals.setdefault("cs_stage_date", today)
                if vals["cs_stage"] in ("client", "key_client"):
                    vals.setdefault("cs_won_date", today)
        partner_model = self._cs_without_decision_defaults()
        with partner_model._cs_deciding():
            partners = super(ResPartner, partner_model).create(vals_list)
        partners.filtered("cs_tier_id")._cs_apply_tier_terms()
        return partners

    def write(self, vals):
        if CS_PORTFOLIO_FIELDS & set(vals):
            self._cs_check_portfolio_access()
        elif "active" in vals:
            self._cs_check_portfolio_access(clients_only=True)
        result = super().write(vals)
        if vals.get("cs_tier_id"):
            self._cs_apply_tier_terms()
        return result

    def unlink(self):
        self._cs_check_portfolio_access(clients_only=True)
        return super().unlink()

    @api.model
    def _cs_technical_fields(self):
        """Fields written by the addon only, never synced to contacts nor tracked."""
        return {"cs_last_contact_date"}

    def _cs_write_technical(self, vals):
        """Write bookkeeping fields that no person edits (contact dates, recompute flags).

        res.partner's write syncs each partner with its company and contacts, two queries per
        partner, for address and commercial fields; these fields are neither, nor tracked, so the
        crons write them in one statement with the ORM's plain write (stored computes follow).
        """
        assert set(vals) <= self._cs_technical_fields(), set(vals) - self._cs_technical_fields()
        return models.Model.write(self.sudo(), vals)

    def _cs_check_portfolio_access(self, clients_only=False):
        """Specialists change the client relations of their own portfolio only.

        :param clients_only: check only the partners in the client relations (with a stage): no
            one but the head archives or deletes a client outside their portfolio (Contact
            Creation, which specialists have, would let them).
        """
        if self.env.su or self.env.user._cs_is_head_of_sales():
            return
        commercial = self.filtered(lambda p: p.id and p.commercial_partner_id == p and (p.cs_stage or not clients_only))
        if not commercial:
            return
        # Read as sudo: the absences behind the domain are not every user's to read; the user is the same.
        mine = commercial.sudo().filtered_domain(self.env["res.users"]._cs_portfolio_domain()).sudo(False)
        others = commercial - mine
        if others:
            raise AccessError(
                _(
                    "Only the responsible specialist, their deputy or the head of sales may change the "
                    "client relations of %(partners)s.",
                    partners=", ".join(others[:5].mapped("display_name")),
                )
            )

    def _cs_move_stage(self, new_stage, automatic=False, lost_reason=None):
        """The one way a relationship stage changes: the move's rules, then the decision path.

        :param automatic: the move a confirmed order makes (a prospect becomes a client)
        :param lost_reason: why a client is lost; required for the move to "lost"
        """
        companies = self.filtered(lambda p: p.commercial_partner_id == p and p.cs_stage != new_stage)
        companies._cs_check_portfolio_access()
        companies._cs_check_stage_move(new_stage, automatic)
        vals = {"cs_stage": new_stage, "cs_stage_date": fields.Date.context_today(self)}
        if new_stage == "lost":
            vals["cs_lost_reason"] = (lost_reason or "").strip()
        else:
            vals["cs_lost_reason"] = False
        with companies._cs_deciding():
            companies.write(vals)
        return companies

    def _cs_check_stage_move(self, new_stage, automatic=False):
        labels = dict(self._fields["cs_stage"]._description_selection(self.env))
        is_head = self.env.user._cs_is_head_of_sales() if not self.env.su else True
        for partner in self:
            old = partner.cs_stage
            allowed = CS_STAGE_MOVES.get(old, set()) | ({"client"} if automatic else set())
            if new_stage not in allowed:
                raise UserError(
                    _(
                        "%(partner)s cannot move from %(old)s to %(new)s: a client is won by their first "
                        "confirmed order, a key client comes from a client, and a lost one reopens as a "
                        "prospect (Relationship Stage).",
                        partner=partner.display_name,
                        old=labels.get(old, _("no stage")),
                        new=labels.get(new_stage, _("no stage")),
                    )
                )
            if "key_client" in (old, new_stage) and new_stage != "lost" and not is_head:
                raise AccessError(_("Only the head of sales grants or withdraws the key client status."))

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------

    def action_cs_set_prospect(self):
        self.commercial_partner_id._cs_move_stage("prospect")
        return True

    def action_cs_start_negotiation(self):
        self.commercial_partner_id._cs_move_stage("negotiating")
        return True

    def action_cs_set_key_client(self):
        self.commercial_partner_id._cs_move_stage("key_client")
        return True

    def action_cs_unset_key_client(self):
        self.commercial_partner_id._cs_move_stage("client")
        return True

    def action_cs_mark_lost(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Mark as Lost"),
            "res_model": "client_specialist.partner.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def action_cs_view_needs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("client_specialist.client_specialist_need_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_cs_schedule_approach(self):
        """Odoo's activity plan dialog, offering the schemes that fit the client's stage and tier."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Approach Scheme"),
            "res_model": "mail.activity.schedule",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "res.partner",
                "active_id": self.commercial_partner_id.id,
                "active_ids": self.commercial_partner_id.ids,
                "dialog_size": "large",
            },
        }

    # ------------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------------

    def _cs_default_contact_interval(self):
        """The default contact interval of this client's company (the current company's for none)."""
        return (self[:1].company_id or self.env.company).sudo().cs_contact_interval_days

    def _cs_apply_tier_terms(self):
        """Give clients their tier's pricelist, payment terms and individual specialist."""
        for tier, partners in self.grouped("cs_tier_id").items():
            if not tier:
                continue
            vals = {}
            if tier.pricelist_id:
                vals["property_product_pricelist"] = tier.pricelist_id.id
            if tier.payment_term_id:
                vals["property_payment_term_id"] = tier.payment_term_id.id
            if tier.individual_user_id:
                vals["user_id"] = tier.individual_user_id.id
            if vals:
                partners.with_company(tier.company_id).sudo().write(vals)

    def _cs_mark_won(self, won_date):
        """The first confirmed order makes a client of a prospect."""
        to_win = self.commercial_partner_id.filtered(lambda p: p.cs_stage in (False, "prospect", "negotiating", "lost"))
        if not to_win:
            return
        to_win = to_win.sudo()._cs_move_stage("client", automatic=True)
        new = to_win.filtered(lambda p: not p.cs_won_date)
        with new._cs_deciding():
            new.write({"cs_won_date": won_date})

    # ------------------------------------------------------------------------------------------
    # Scheduled action: follow-ups for clients overdue for contact (clause 2.9)
    # ------------------------------------------------------------------------------------------

    @api.model
    def _get_followup_domain(self):
        """Clients due for contact, without a follow-up planned: the pending ones of "Clients to contact"."""
        followup = self.env.ref("client_specialist.mail_activity_type_followup")
        return [
            ("cs_stage", "in", ("client", "key_client")),
            ("parent_id", "=", False),
            ("user_id", "!=", False),
            ("cs_next_contact_date", "<=", fields.Date.context_today(self)),
            ("activity_ids", "not any", [("activity_type_id", "=", followup.id)]),
        ]

    @api.model
    def _cs_digest_domain(self, kind):
        if kind == "followup":
            return self._get_followup_domain()
        return super()._cs_digest_domain(kind)

    @api.model
    def _cs_digest_order(self, kind):
        if kind == "followup":
            return "cs_next_contact_date, id"
        return super()._cs_digest_order(kind)

    def _cs_digest_rows(self, kind):
        if kind != "followup":
            return super()._cs_digest_rows(kind)
        dates = {day: format_date(self.env, day) for day in set(self.mapped("cs_next_contact_date"))}
        return {
            partner: [self.env._("contact due since %(date)s", date=dates[partner.cs_next_contact_date])]
            for partner in self
        }

    @api.model
    @retry_on_concurrent_update
    def _cron_contact_followup(self, batch_size=None):
        """Daily: each specialist's digest of the clients overdue for contact; or, where the company
        wants it, one follow-up activity per client, never a second while one is open."""
        batch_size = self._cs_batch_size(batch_size, 500)
        domain = self._get_followup_domain() + self._cs_reminder_company_domain("followup", "per_record")
        partners = self._cs_lock_batch(domain, batch_size, order=("user_id", "id"))
        partners._cs_create_followups()
        return self._cs_cron_digests(["followup"], len(partners), domain, batch_size)

    def _cs_create_followups(self):
        if not self:
            return
        followup = self.env.ref("client_specialist.mail_activity_type_followup")
        acting = self.user_id._cs_acting_users()
        model_id = self.env["ir.model"]._get_id("res.partner")
        today = fields.Date.context_today(self)
        values = [
            {
                "res_model_id": model_id,
                "res_id": partner.id,
                "activity_type_id": followup.id,
                "user_id": acting.get(partner.user_id, partner.user_id).id,
                "summary": self.env._(
                    "Get in touch: contact due since %(date)s", date=format_date(self.env, partner.cs_next_contact_date)
                ),
                "date_deadline": today,
            }
            for partner in self
        ]
        self._cs_create_activities(values)

    def _cs_register_contact(self, contact_date):
        """Move the last contact forward (never back) for these clients."""
        partners = self.commercial_partner_id.filtered(
            lambda p: not p.cs_last_contact_date or p.cs_last_contact_date < contact_date
        )
        if partners:
            partners._cs_write_technical({"cs_last_contact_date": contact_date})
