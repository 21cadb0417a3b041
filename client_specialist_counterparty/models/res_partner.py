# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import re

from markupsafe import Markup

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.addons.client_specialist.models.client_specialist_cron_mixin import retry_on_concurrent_update
from odoo.addons.client_specialist.models.res_partner import COMPLETENESS_DEPENDS
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import create_index, format_date

from ..tools.dadata import SOURCE, RegistryError, parse_party
from ..tools.requisites import inn_error, kpp_error, ogrn_error, okpo_error, unp_error

_logger = logging.getLogger(__name__)

REGISTRY_STATUSES = [
    ("active", "Active"),
    ("liquidating", "Liquidating"),
    ("liquidated", "Liquidated"),
    ("bankrupt", "Bankrupt"),
    ("reorganizing", "Reorganizing"),
]
# A move into one of these alerts the responsible specialist and the head of sales.
ALARMING_STATUSES = {"liquidating", "liquidated", "bankrupt", "reorganizing"}
REQUISITES_COUNTRIES = ("RU", "BY")
# Written by the registry check only (Fill from Registry, the daily monitoring).
REGISTRY_FIELDS = (
    "cs_registry_name",
    "cs_registry_status",
    "cs_registry_actuality_date",
    "cs_registry_liquidation_date",
    "cs_registry_checked_on",
    "cs_registry_source",
    "cs_registry_hid",
    "cs_registry_branch_type",
    "cs_registry_attempt_date",
)
REQUISITE_FIELDS = (
    "cs_kpp",
    "cs_okpo",
    "cs_legal_form",
    "cs_registration_date",
    "cs_director_name",
    "cs_director_title",
    "cs_legal_address",
)
# A change of these checks the requisites again.
CHECKED_FIELDS = {"vat", "country_id", "cs_kpp", "company_registry", "cs_okpo", "is_company", "parent_id"}
# What the chatter tells of a registry check, in this order.
LOGGED_FIELDS = ("cs_registry_status", "cs_registry_name", "cs_director_name", "cs_director_title", "cs_legal_address")
MONITORED_STAGES = ("prospect", "negotiating", "client", "key_client")


class ResPartner(models.Model):
    _inherit = "res.partner"

    cs_kpp = fields.Char(
        string="KPP",
        help="КПП: the reason code of the organisation's registration with a tax office; each branch has its own. "
        "Sole proprietors have none.",
    )
    cs_okpo = fields.Char(
        string="OKPO", help="ОКПО: Rosstat's code, 8 digits for an organisation, 10 for a sole proprietor."
    )
    cs_legal_form = fields.Char(string="Legal Form", help="ООО, АО, ПАО, ИП...")
    cs_registration_date = fields.Date(string="Registered On")
    cs_director_name = fields.Char(string="Director")
    cs_director_title = fields.Char(string="Director's Title")
    cs_legal_address = fields.Char(string="Legal Address")
    cs_show_requisites = fields.Boolean(string="Show Requisites", compute="_compute_cs_show_requisites")

    cs_registry_name = fields.Char(string="Name in the Registry", readonly=True, copy=False, groups="base.group_user")
    cs_registry_status = fields.Selection(
        REGISTRY_STATUSES,
        string="Registry Status",
        readonly=True,
        copy=False,
        index=True,
        groups="base.group_user",
        help="ЕГРЮЛ/ЕГРИП status at the last registry check.",
    )
    cs_registry_actuality_date = fields.Date(
        string="Registry Data As Of", readonly=True, copy=False, groups="base.group_user"
    )
    cs_registry_liquidation_date = fields.Date(
        string="Liquidated On", readonly=True, copy=False, groups="base.group_user"
    )
    cs_registry_checked_on = fields.Date(
        string="Registry Checked On", readonly=True, copy=False, groups="base.group_user"
    )
    cs_registry_source = fields.Char(string="Registry Source", readonly=True, copy=False, groups="base.group_user")
    cs_registry_hid = fields.Char(string="Registry Record", readonly=True, copy=False, groups="base.group_user")
    cs_registry_branch_type = fields.Selection(
        [("MAIN", "Head Office"), ("BRANCH", "Branch")],
        string="Registry Unit",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    cs_registry_attempt_date = fields.Date(
        string="Registry Last Tried",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Technical: the day the monitoring last asked the registry about this partner.",
    )

    def init(self):
        result = super().init()
        # The monitoring's batches: the clients and prospects, by responsible user.
        create_index(
            self.env.cr,
            "res_partner_cs_registry_monitor_index",
            self._table,
            ["user_id", "id"],
            where="cs_stage IN ('prospect', 'negotiating', 'client', 'key_client') AND parent_id IS NULL",
        )
        return result

    # ------------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------------

    @api.depends_context("company")
    @api.depends("is_company", "country_id")
    def _compute_cs_show_requisites(self):
        home = self.env.company.country_id.code
        for partner in self:
            country = partner.country_id.code or home
            partner.cs_show_requisites = partner.is_company and country in REQUISITES_COUNTRIES

    @api.depends(*COMPLETENESS_DEPENDS, "cs_kpp", "company_registry")
    def _compute_cs_completeness(self):
        return super()._compute_cs_completeness()

    @api.depends(*COMPLETENESS_DEPENDS, "cs_kpp", "company_registry")
    def _compute_cs_missing_info(self):
        return super()._compute_cs_missing_info()

    @api.depends("vat", "email", "phone", "mobile", "cs_kpp")
    def _compute_cs_duplicate_ids(self):
        return super()._compute_cs_duplicate_ids()

    def _cs_same_as(self, other):
        # Branches of one organisation share its INN and each has its own KPP: not duplicates by tax ID.
        if self.vat and self.vat == other.vat and self.cs_kpp and other.cs_kpp and self.cs_kpp != other.cs_kpp:
            digits = re.sub(r"\D", "", self.phone or self.mobile or "")[-10:]
            email = self.email_normalized or (self.email or "").strip().lower()
            return bool(
                (email and email == other.email_normalized) or (len(digits) >= 7 and digits == other.cs_phone_digits)
            )
        return super()._cs_same_as(other)

    def _cs_needs_kpp(self):
        """Russian organisations have a KPP; sole proprietors (12-digit INN) and foreign companies do not."""
        self.ensure_one()
        return self.country_id.code == "RU" and not (self.vat and len(self.vat) == 12)

    def _get_company_registry_labels(self):
        return {**super()._get_company_registry_labels(), "RU": _("OGRN")}

    @api.model
    def _commercial_fields(self):
        # A company's contacts show its requisites; the registry check stays on the company.
        return [*super()._commercial_fields(), *REQUISITE_FIELDS]

    def _cs_company(self):
        # A partner shared between companies is checked, and its head of sales found, in the current one.
        self.ensure_one()
        return self.company_id or self.env.company

    # ------------------------------------------------------------------------------------------
    # Requisites: checksums on every path
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_requisite_rules(self):
        return {
            "digits": _("it must consist of digits only"),
            "checksum": _("its check digit does not match the other digits"),
            "inn_length": _("an INN has 10 digits for an organisation and 12 for a person or sole proprietor"),
            "unp_length": _("a UNP has 9 characters"),
            "unp_format": _("a UNP is 9 digits, or 2 Latin capital letters and 7 digits for a person, without spaces"),
            "unp_region": _("a UNP starts with a region code from 1 to 7, or one of the letters A, B, C, E, H, K, M"),
            "ogrn_length": _("an OGRN has 13 digits, an OGRNIP 15"),
            "ogrn_sign": _("an OGRN starts with 1 or 5, an OGRNIP with 3"),
            "ogrn_kind": _(
                "an organisation (10-digit INN) has a 13-digit OGRN, a sole proprietor (12-digit INN) a 15-digit OGRNIP"
            ),
            "kpp_format": _(
                "a KPP has 9 characters: 4 digits of the tax office, 2 digits or Latin capital letters of the "
                "reason, 3 digits"
            ),
            "kpp_person": _("a sole proprietor (12-digit INN) has no KPP"),
            "okpo_length": _("an OKPO code has 8 digits for an organisation and 10 for a sole proprietor"),
        }

    def _cs_requisite_errors(self):
        """[(field label, value, rule code)] of this partner's requisites that break a rule."""
        self.ensure_one()
        country = self.country_id.code
        errors = []
        if self.vat and country == "RU" and (code := inn_error(self.vat)):
            errors.append((_("INN"), self.vat, code))
        if self.vat and country == "BY" and (code := unp_error(self.vat)):
            errors.append((_("UNP"), self.vat, code))
        if self.cs_kpp:
            code = kpp_error(self.cs_kpp)
            if not code and country == "RU" and self.vat and len(self.vat) == 12:
                code = "kpp_person"
            if code:
                errors.append((_("KPP"), self.cs_kpp, code))
        if self.company_registry and country == "RU":
            code = ogrn_error(self.company_registry)
            inn_kind = {10: 13, 12: 15}.get(len(self.vat or ""))
            if not code and inn_kind and len(self.company_registry) != inn_kind:
                code = "ogrn_kind"
            if code:
                errors.append((_("OGRN or OGRNIP"), self.company_registry, code))
        if self.cs_okpo and (code := okpo_error(self.cs_okpo)):
            errors.append((_("OKPO"), self.cs_okpo, code))
        return errors

    def _cs_check_requisites(self):
        rules = self._cs_requisite_rules()
        # Contacts carry their company's requisites: checked on the company.
        for partner in self.filtered(lambda p: p.commercial_partner_id == p):
            errors = partner._cs_requisite_errors()
            if errors:
                label, value, code = errors[0]
                raise ValidationError(
                    _(
                        "%(partner)s: %(value)s is not a valid %(field)s: %(rule)s.",
                        partner=partner.display_name,
                        value=value,
                        field=label,
                        rule=rules[code],
                    )
                )

    @api.model
    def _cs_clean_requisites(self, vals):
        """KPP, OKPO and OGRN are stored as the registry writes them: no spaces, capital letters."""
        cleaned = dict(vals)
        for name in ("cs_kpp", "cs_okpo", "company_registry"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = re.sub(r"\s", "", cleaned[name]).upper() or False
        return cleaned

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create([self._cs_clean_requisites(vals) for vals in vals_list])
        partners._cs_check_requisites()
        return partners

    def write(self, vals):
        vals = self._cs_clean_requisites(vals)
        checked = sorted(CHECKED_FIELDS & vals.keys())
        # Only what changes is checked: records kept from before keep their data until edited.
        before = {partner.id: [partner[name] for name in checked] for partner in self} if checked else {}
        result = super().write(vals)
        if checked:
            self.filtered(lambda p: before[p.id] != [p[name] for name in checked])._cs_check_requisites()
        return result

    # ------------------------------------------------------------------------------------------
    # Decisions: the registry check writes the registry data, nobody else
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        rule = _("it comes from the state registry: Fill from Registry and the daily check write it.")
        return {**super()._cs_decision_fields(), **dict.fromkeys(REGISTRY_FIELDS, rule)}

    @api.model
    def _cs_technical_fields(self):
        # The days of the check, written in one statement when nothing else changed.
        return super()._cs_technical_fields() | {"cs_registry_checked_on", "cs_registry_attempt_date"}

    # ------------------------------------------------------------------------------------------
    # Fill from the registry
    # ------------------------------------------------------------------------------------------

    def action_cs_registry_fill(self):
        """Fill the requisites from the registry by the INN (or OGRN): at once when the registry has
        one record, through the choice of a branch when it has several."""
        self.ensure_one()
        partner = self.commercial_partner_id
        query = partner._cs_registry_query()
        kpp = partner.cs_kpp or None
        found = partner._cs_registry_find(query, kpp=kpp)
        if not found:
            raise UserError(partner._cs_registry_not_found_text(query, kpp))
        if len(found) == 1:
            partner._cs_registry_fill_with(found[0])
            return True
        return self.env["client_specialist.registry.branch.wizard"]._cs_open(partner, found)

    def _cs_registry_fill_unit(self, kpp, hid, branch_type):
        """Fill from the unit chosen among several; asked again, so that what is written is the registry's."""
        self.ensure_one()
        query = self._cs_registry_query()
        found = self._cs_registry_find(query, kpp=kpp or None, branch_type=None if kpp else branch_type)
        unit = next((info for info in found if hid and info["hid"] == hid), None)
        if not unit and kpp:
            unit = next((info for info in found if info["kpp"] == kpp), None)
        if not unit:
            raise UserError(self._cs_registry_not_found_text(query, kpp))
        self._cs_registry_fill_with(unit)

    def _cs_registry_fill_with(self, info):
        reports = self._cs_registry_write({self: info}, fill=True)
        self._cs_registry_report(reports)

    def _cs_registry_query(self):
        """The INN (else the OGRN) to ask the registry about; a clear refusal when there is none to ask."""
        self.ensure_one()
        country = self.country_id.code or (self._cs_company().country_id.code if not self.country_id else None)
        if country != "RU":
            raise UserError(
                _(
                    "%(partner)s: the registry check is for Russian companies and sole proprietors (Country).",
                    partner=self.display_name,
                )
            )
        query = self.vat or self.company_registry
        if not query:
            raise UserError(
                _(
                    "%(partner)s: enter the INN (Tax ID) or the OGRN first, then fill from the registry.",
                    partner=self.display_name,
                )
            )
        code = (inn_error if self.vat else ogrn_error)(query)
        if code:
            raise UserError(
                _(
                    "%(partner)s: %(value)s is not a valid %(field)s: %(rule)s.",
                    partner=self.display_name,
                    value=query,
                    field=_("INN") if self.vat else _("OGRN or OGRNIP"),
                    rule=self._cs_requisite_rules()[code],
                )
            )
        return query

    def _cs_registry_find(self, query, kpp=None, branch_type=None):
        """The registry's records for ``query``, parsed; a translated UserError when the registry fails."""
        self.ensure_one()
        try:
            with self._cs_company()._cs_registry_client() as client:
                return [parse_party(s) for s in client.find_party(query, kpp=kpp, branch_type=branch_type)]
        except RegistryError as error:
            _logger.info("Registry check of partner %s failed: %s", self.id, error)
            raise UserError(self._cs_registry_error_text(error)) from error

    def _cs_registry_not_found_text(self, query, kpp):
        if kpp:
            return _(
                "The registry has no company or sole proprietor with INN or OGRN %(query)s and KPP %(kpp)s. "
                "Check the numbers; for the head office, clear the KPP and fill again.",
                query=query,
                kpp=kpp,
            )
        return _("The registry has no company or sole proprietor with INN or OGRN %(query)s.", query=query)

    @api.model
    def _cs_registry_error_text(self, error):
        """What the user reads when the registry fails; nothing has been changed."""
        if error.kind == "auth" and error.status == 403:
            return _(
                "DaData refused the request (HTTP 403): the API key has no access to this API, or the day's "
                "requests are used up (DaData counts them per day, Moscow time). Nothing was changed; try again "
                "tomorrow or ask an administrator to check the key in Settings."
            )
        texts = {
            "auth": _(
                "DaData refused the API key (HTTP %(status)s). Nothing was changed; an administrator checks the key "
                "in Client Relations > Configuration > Settings > Counterparties.",
                status=error.status,
            ),
            "rate": _(
                "DaData is receiving too many requests (HTTP 429), even after waiting. Nothing was changed; "
                "try again in a minute."
            ),
            "timeout": _("DaData did not answer in time. Nothing was changed; try again later."),
            "unavailable": _("DaData cannot be reached at the moment. Nothing was changed; try again later."),
            "answer": _("DaData's answer could not be read (%(detail)s). Nothing was changed.", detail=error.detail),
        }
        kind = "timeout" if error.kind == "unavailable" and error.detail == "timeout" else error.kind
        return texts.get(kind) or _(
            "DaData refused the request (HTTP %(status)s: %(detail)s). Nothing was changed.",
            status=error.status,
            detail=error.detail or "-",
        )

    # ------------------------------------------------------------------------------------------
    # Writing a check: all of it or nothing, then the chatter and the alerts
    # ------------------------------------------------------------------------------------------

    def _cs_registry_values(self, info, fill=False):
        """The partner's values from one registry record; only what differs from what it holds."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        branch_type = info["branch_type"] if info["branch_type"] in ("MAIN", "BRANCH") else False
        vals = {
            "vat": info["inn"] or self.vat,
            "company_registry": info["ogrn"] or self.company_registry,
            "cs_kpp": info["kpp"] or False,
            # Statistics codes are given for active head offices and sole proprietors only.
            "cs_okpo": info["okpo"] or self.cs_okpo,
            "cs_legal_form": info["legal_form"] or False,
            "cs_registration_date": info["registration_date"] or False,
            "cs_director_name": info["director_name"] or False,
            "cs_director_title": info["director_title"] or False,
            "cs_legal_address": info["address"] or False,
            "cs_registry_name": info["full_name"] or False,
            "cs_registry_status": info["status"],
            "cs_registry_actuality_date": info["actuality_date"] or False,
            "cs_registry_liquidation_date": info["liquidation_date"] or False,
            "cs_registry_source": SOURCE,
            "cs_registry_hid": info["hid"] or False,
            "cs_registry_branch_type": branch_type,
        }
        if fill:
            # Asked by the user: the partner takes the registry's name, and its address when it has none.
            vals["name"] = info["name"] or self.name
            vals["is_company"] = True
            if not self.country_id:
                vals["country_id"] = self.env.ref("base.ru").id
            if not (self.street or self.city) and (info["street"] or info["city"]):
                vals.update({"street": info["street"] or False, "city": info["city"] or False})
                vals["zip"] = info["zip"] or self.zip
        changed = {
            name: value
            for name, value in vals.items()
            if self._fields[name].convert_to_cache(value, self) != self._fields[name].convert_to_cache(self[name], self)
        }
        return changed, {"cs_registry_checked_on": today, "cs_registry_attempt_date": today}

    def _cs_registry_write(self, infos, fill=False):
        """Write what the registry says about each partner ({partner: parsed record}).

        Each partner in one write, under a savepoint: it is fully updated or, when the registry's
        data breaks a rule, left as it was (the user then gets the error; the monitoring logs it and
        goes on). Returns {partner: (old values of the logged fields, changed field names)}.
        """
        reports, unchanged, days = {}, self.browse(), {}
        for partner, info in infos.items():
            changed, days = partner._cs_registry_values(info, fill=fill)
            old = {name: partner[name] for name in LOGGED_FIELDS}
            if not changed:
                unchanged |= partner
                reports[partner] = (old, set())
                continue
            try:
                with self.env.cr.savepoint(), partner._cs_deciding():
                    partner.write({**changed, **days})
            except ValidationError as error:
                if fill:
                    raise UserError(
                        _(
                            "The registry's data for %(partner)s was not saved: %(error)s",
                            partner=partner.display_name,
                            error=error.args[0],
                        )
                    ) from error
                _logger.warning("Registry data of partner %s not saved: %s", partner.id, error)
                partner._cs_write_technical({"cs_registry_attempt_date": days["cs_registry_attempt_date"]})
                continue
            reports[partner] = (old, set(changed))
        if unchanged:
            # Most days nothing changes: one statement for the batch.
            unchanged._cs_write_technical(days)
        return reports

    def _cs_registry_report(self, reports, fill=True):
        """Notes in the partners' chatter, alerts for moves into liquidation and the like, in batch."""
        labels = {name: self._fields[name]._description_string(self.env) for name in LOGGED_FIELDS}
        statuses = dict(self._fields["cs_registry_status"]._description_selection(self.env))
        bodies, alarmed = {}, self.browse()
        for partner, (old, changed) in reports.items():
            lines = []
            for name in LOGGED_FIELDS:
                if name not in changed:
                    continue
                before, after = old[name], partner[name]
                if name == "cs_registry_status":
                    before, after = statuses.get(before), statuses.get(after)
                lines.append(Markup("<li>%s: %s → %s</li>") % (labels[name], before or "-", after or "-"))
            if not lines and not fill:
                continue
            title = (
                _(
                    "Filled from the registry (%(provider)s, %(date)s): status %(status)s.",
                    provider=SOURCE,
                    date=format_date(self.env, partner.cs_registry_checked_on),
                    status=statuses.get(partner.cs_registry_status),
                )
                if fill
                else _(
                    "The registry (%(provider)s, %(date)s) has changed:",
                    provider=SOURCE,
                    date=format_date(self.env, partner.cs_registry_checked_on),
                )
            )
            bodies[partner.id] = Markup("<p>%s</p>") % title + (Markup("<ul>%s</ul>") % Markup().join(lines))
            if (
                "cs_registry_status" in changed
                and partner.cs_registry_status in ALARMING_STATUSES
                and old["cs_registry_status"] != partner.cs_registry_status
            ):
                alarmed |= partner
        if bodies:
            self.browse(bodies)._message_log_batch(bodies=bodies)
        alarmed._cs_registry_alert()
        self.browse(partner.id for partner in reports)._cs_registry_checked()

    def _cs_registry_checked(self):
        """Hook: these partners were checked in the registry (their data is written)."""

    def _cs_registry_alert(self):
        """One activity for the responsible specialist (their deputy while absent) and one for the
        head of sales, per partner that moved into liquidation, bankruptcy or reorganisation."""
        if not self:
            return
        activity_type = self.env.ref("client_specialist_counterparty.mail_activity_type_registry_alert")
        statuses = dict(self._fields["cs_registry_status"]._description_selection(self.env))
        acting = self.user_id._cs_acting_users()
        heads = self._cs_heads_of_sales()
        values = []
        for partner in self:
            summary = self.env._(
                "%(partner)s: %(status)s in the registry",
                partner=partner.display_name,
                status=statuses[partner.cs_registry_status],
            )
            note = self.env._(
                "The registry (%(provider)s) gives the status %(status)s on %(date)s. Check the open quotations, "
                "orders and the client's reliability before any new commitment.",
                provider=SOURCE,
                status=statuses[partner.cs_registry_status],
                date=format_date(self.env, partner.cs_registry_checked_on),
            )
            recipients = [acting.get(partner.user_id, partner.user_id), heads[partner]]
            for user in dict.fromkeys(u for u in recipients if u):
                values.append(partner._cs_reminder_values(activity_type, user, summary, note=note))
        self._cs_create_activities(values)

    # ------------------------------------------------------------------------------------------
    # Scheduled action: the daily check of clients and prospects
    # ------------------------------------------------------------------------------------------

    @api.model
    def _get_registry_monitor_domain(self):
        """Clients and prospects of the companies with a DaData key, not yet asked about today."""
        companies = self.env["res.company"].sudo().search([("cs_dadata_api_key", "!=", False)])
        if not companies:
            return expression.FALSE_DOMAIN
        in_companies = [("company_id", "in", companies.ids)]
        if self.env.company in companies:
            in_companies = expression.OR([in_companies, [("company_id", "=", False)]])
        today = fields.Date.context_today(self)
        return expression.AND(
            [
                [
                    ("parent_id", "=", False),
                    ("cs_stage", "in", MONITORED_STAGES),
                    ("country_id.code", "=", "RU"),
                    "|",
                    ("vat", "!=", False),
                    ("company_registry", "!=", False),
                    "|",
                    ("cs_registry_attempt_date", "=", False),
                    ("cs_registry_attempt_date", "<", today),
                ],
                in_companies,
            ]
        )

    @api.model
    @retry_on_concurrent_update
    def _cron_registry_monitor(self, batch_size=None):
        """Daily: the registry status of clients and prospects; changes to the chatter, alarming moves
        to the specialist and the head. A failing provider stops the run; nobody's data changes."""
        batch_size = self._cs_batch_size(batch_size, 50)
        domain = self._get_registry_monitor_domain()
        partners = self._cs_lock_batch(domain, batch_size, order=("user_id", "id"))
        checked, stopped = partners._cs_registry_monitor()
        if stopped:
            # The rest waits for the next run: the runner is told nothing remains today.
            self.env["ir.cron"]._notify_progress(done=checked, remaining=0)
            return 0
        return self._cs_notify_progress(len(partners), domain, batch_size)

    def _cs_registry_monitor(self):
        """Ask the registry about these partners; returns (how many were asked, whether the run stops)."""
        found, not_found, stopped = {}, self.browse(), False
        for company, partners in self.grouped(lambda p: p._cs_company()).items():
            with company._cs_registry_client() as client:
                for partner in partners:
                    kpp, branch_type = partner._cs_registry_monitor_unit()
                    try:
                        infos = [
                            parse_party(s)
                            for s in client.find_party(partner._cs_registry_query(), kpp=kpp, branch_type=branch_type)
                        ]
                    except RegistryError as error:
                        stopped = True
                        partner._cs_registry_provider_failed(company, error)
                        break
                    except UserError as error:  # nothing to ask (the data changed since the batch was taken)
                        _logger.info("Registry monitoring skips partner %s: %s", partner.id, error)
                        not_found |= partner
                        continue
                    info = partner._cs_registry_pick(infos)
                    if info:
                        found[partner] = info
                    else:
                        not_found |= partner
            if stopped:
                break
        if not_found:
            not_found._cs_write_technical({"cs_registry_attempt_date": fields.Date.context_today(self)})
        reports = self.browse()._cs_registry_write(found)
        self.browse()._cs_registry_report(reports, fill=False)
        return len(found) + len(not_found), stopped

    def _cs_registry_monitor_unit(self):
        """(kpp, branch_type) to ask for: the branch by its KPP, else the head office (a head office's
        KPP changes when it moves to another tax office)."""
        self.ensure_one()
        if self.vat and len(self.vat) == 12:
            return None, None  # a sole proprietor has no branches
        if self.cs_kpp and (self.cs_registry_branch_type == "BRANCH" or not self.cs_registry_branch_type):
            return self.cs_kpp, None
        return None, "MAIN"

    def _cs_registry_pick(self, infos):
        """The record of this partner among the registry's answers: the same record, else the same KPP,
        else the head office."""
        self.ensure_one()
        for match in (
            lambda i: self.cs_registry_hid and i["hid"] == self.cs_registry_hid,
            lambda i: self.cs_kpp and i["kpp"] == self.cs_kpp,
            lambda i: i["branch_type"] in ("MAIN", None),
        ):
            info = next((i for i in infos if match(i)), None)
            if info:
                return info
        return infos[0] if len(infos) == 1 else None

    def _cs_registry_provider_failed(self, company, error):
        """The provider failed during the run: log it; a refused key tells an administrator, once.

        No partner is marked: what the provider did not answer is asked again on the next run. Only
        an answer that cannot be read moves this partner's attempt date, so that one unreadable
        record does not stop every run at the same place.
        """
        self.ensure_one()
        _logger.warning("Registry monitoring of %s stopped at partner %s: %s", company.name, self.id, error)
        if error.kind == "answer":
            self._cs_write_technical({"cs_registry_attempt_date": fields.Date.context_today(self)})
        if error.kind == "auth":
            self._cs_registry_notify_administrator(company, error)

    @api.model
    def _cs_registry_notify_administrator(self, company, error):
        """One activity on the company for its first administrator, unless one is still open."""
        activity_type = self.env.ref("client_specialist_counterparty.mail_activity_type_registry_access")
        record = company.partner_id.sudo()
        open_one = (
            self.env["mail.activity"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", record.id),
                    ("activity_type_id", "=", activity_type.id),
                ],
                limit=1,
            )
        )
        admin = (
            self.env.ref("base.group_system")
            .sudo()
            .users.filtered(lambda u: not u.share and u.id != SUPERUSER_ID and company in u.company_ids)
            .sorted("id")[:1]
        )
        if open_one or not admin:
            return
        summary = self.env._(
            "The registry check of %(company)s stopped: DaData refused the API key (HTTP %(status)s)",
            company=company.name,
            status=error.status,
        )
        note = self.env._(
            "Check the DaData API key in Client Relations > Configuration > Settings > Counterparties. DaData also "
            "answers 403 when the day's requests are used up; the check then resumes the next day by itself."
        )
        self._cs_create_activities([record._cs_reminder_values(activity_type, admin, summary, note=note)])
