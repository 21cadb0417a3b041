# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .client_specialist_category import EDUCATION_LEVELS
from .client_specialist_cron_mixin import retry_on_concurrent_update

EDUCATION_RANK = {key: rank for rank, (key, _label) in enumerate(EDUCATION_LEVELS)}
ONE_DAY = timedelta(days=1)


def merge_periods(periods):
    """Union of inclusive (start, end) date ranges, so that overlapping posts count once."""
    merged = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def experience_before(periods, day):
    """Experience completed before ``day`` as (months, days).

    Periods are (start, end) with an inclusive end, or None for a post still held. One period
    counts by the calendar: a post held since 15 March 2024 makes 24 months on 15 March 2026.
    Separate periods are added as in Russian practice for length of service: each counts in
    calendar months and days, and every 30 of the added days make a month.
    """
    clipped = [(start, min(end or day - ONE_DAY, day - ONE_DAY)) for start, end in periods if start < day]
    merged = merge_periods(clipped)
    months = days = 0
    for start, end in merged:
        delta = relativedelta(end + ONE_DAY, start)
        months += delta.years * 12 + delta.months
        days += delta.days
    if len(merged) < 2:
        return months, days
    return months + days // 30, days % 30


def date_reached(periods, months):
    """First day on which the periods make ``months`` of experience, or None if they never do."""
    if not months:
        return None if periods is None else min((start for start, _end in periods), default=None)
    if not periods:
        return None
    low = min(start for start, _end in periods)
    if any(end is None for _start, end in periods):
        high = max(start for start, _end in periods) + relativedelta(months=months + 1)
    else:
        high = max(end for _start, end in periods) + ONE_DAY
    if experience_before(periods, high)[0] < months:
        return None
    while low < high:
        middle = low + timedelta(days=(high - low).days // 2)
        if experience_before(periods, middle)[0] >= months:
            high = middle
        else:
            low = middle + ONE_DAY
    return low


class ClientSpecialistSpecialist(models.Model):
    """A client relations specialist: education, experience, category and its history."""

    _name = "client_specialist.specialist"
    _description = "Client Specialist"
    _check_company_auto = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "client_specialist.input.mixin",
        "client_specialist.cron.mixin",
        "client_specialist.reminder.mixin",
    ]
    _order = "name, id"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        ondelete="restrict",
        domain=[("share", "=", False)],
        tracking=True,
    )
    name = fields.Char(related="user_id.name", store=True, readonly=True)
    avatar_128 = fields.Image(related="user_id.avatar_128")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    head_id = fields.Many2one(
        "res.users",
        string="Head of Sales",
        domain=lambda self: [("groups_id", "in", self.env.ref("client_specialist.group_client_specialist_head").ids)],
        tracking=True,
        help="The head of the sales department the specialist reports to; "
        "receives the reminders about this specialist.",
        check_company=True,
    )
    education_level = fields.Selection(
        EDUCATION_LEVELS,
        string="Education",
        required=True,
        default="higher",
        tracking=True,
    )
    education_details = fields.Char(
        string="Institution and Speciality",
        tracking=True,
    )
    experience_ids = fields.One2many("client_specialist.experience", "specialist_id")
    appointment_ids = fields.One2many("client_specialist.appointment", "specialist_id", string="Appointments")
    absence_ids = fields.One2many("client_specialist.absence", "specialist_id", string="Absences")
    category_id = fields.Many2one(
        "client_specialist.category",
        compute="_compute_category_id",
        store=True,
        tracking=True,
        group_expand="_read_group_category_id",
        help="Set by appointments only.",
    )
    appointment_date = fields.Date(string="In Category Since", compute="_compute_category_id", store=True)
    appointment_count = fields.Integer(compute="_compute_appointment_count")
    next_category_id = fields.Many2one(
        "client_specialist.category",
        compute="_compute_next_category",
        store=True,
    )
    next_category_date = fields.Date(
        string="Qualifies From",
        compute="_compute_next_category",
        store=True,
        help="The day the specialist meets the rules of the next category, counting the current "
        "post as continuing. Empty when the rules cannot be met this way (education, for instance).",
    )
    next_category_eligible = fields.Boolean(
        string="Eligible for Next Category",
        compute="_compute_eligibility_explanation",
        search="_search_next_category_eligible",
    )
    eligibility_explanation = fields.Text(compute="_compute_eligibility_explanation")
    eligibility_notified_category_id = fields.Many2one(
        "client_specialist.category",
        string="Head Notified For",
        copy=False,
        readonly=True,
        help="Technical: the category for which the head of sales was already told that the " "specialist qualifies.",
    )
    next_category_notified = fields.Boolean(compute="_compute_next_category_notified", store=True)
    current_absence_id = fields.Many2one(
        "client_specialist.absence",
        compute="_compute_current_absence_id",
        store=True,
    )
    current_deputy_id = fields.Many2one(
        "res.users",
        string="Current Deputy",
        related="current_absence_id.deputy_id",
        store=True,
    )

    _sql_constraints = [
        ("user_unique", "UNIQUE(user_id)", "A user can have only one specialist record."),
    ]

    @api.depends("appointment_ids.date", "appointment_ids.category_id")
    def _compute_category_id(self):
        for specialist in self:
            last = specialist.appointment_ids.sorted(lambda a: (a.date, a.id))[-1:]
            specialist.category_id = last.category_id
            specialist.appointment_date = last.date

    def _compute_appointment_count(self):
        counts = dict(
            self.env["client_specialist.appointment"]._read_group(
                [("specialist_id", "in", self.ids)], ["specialist_id"], ["__count"]
            )
        )
        for specialist in self:
            specialist.appointment_count = counts.get(specialist, 0)

    @api.depends(
        "category_id.level",
        "education_level",
        "experience_ids.date_start",
        "experience_ids.date_end",
        "experience_ids.post_education_level",
        "experience_ids.is_client_specialist_post",
        "experience_ids.category_id",
        "appointment_ids.date",
        "appointment_ids.category_id",
        "next_category_id.education_level",
        "next_category_id.experience_basis",
        "next_category_id.experience_months",
        "next_category_id.previous_category_id",
        "next_category_id.secondary_allowed",
        "next_category_id.secondary_experience_months",
    )
    def _compute_next_category(self):
        categories = self.env["client_specialist.category"].search([])
        for specialist in self:
            level = specialist.category_id.level if specialist.category_id else None
            following = categories.filtered(lambda c, lv=level: lv is None or c.level > lv)
            specialist.next_category_id = following[:1]
            specialist.next_category_date = following and specialist._cs_eligible_from(following[:1])

    @api.depends("next_category_date", "next_category_id", "category_id")
    @api.depends_context("date")
    def _compute_eligibility_explanation(self):
        today = fields.Date.context_today(self)
        for specialist in self:
            category = specialist.next_category_id
            eligible = bool(specialist.next_category_date and specialist.next_category_date <= today)
            specialist.next_category_eligible = eligible
            if not category:
                specialist.eligibility_explanation = _("The specialist holds the highest category.")
            elif eligible:
                specialist.eligibility_explanation = _("Meets the rules of %(category)s.", category=category.name)
            else:
                explanation = _(
                    "For %(category)s: %(missing)s.",
                    category=category.name,
                    missing="; ".join(specialist._cs_missing_requirements(category, today)),
                )
                if specialist.next_category_date:
                    explanation += "\n" + _(
                        "Qualifies on %(date)s if the current post continues.",
                        date=format_date(self.env, specialist.next_category_date),
                    )
                specialist.eligibility_explanation = explanation

    def _search_next_category_eligible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        domain = [("next_category_date", "<=", fields.Date.context_today(self))]
        if (operator == "=") != value:
            return ["|", ("next_category_date", "=", False), ("next_category_date", ">", domain[0][2])]
        return domain

    @api.depends("absence_ids.state", "absence_ids.deputy_id")
    def _compute_current_absence_id(self):
        for specialist in self:
            running = specialist.absence_ids.filtered(lambda a: a.state == "running")
            specialist.current_absence_id = running[:1]

    @api.model
    def _read_group_category_id(self, categories, domain):
        return categories.search([])

    @api.constrains("user_id", "company_id")
    def _check_user_company(self):
        for specialist in self:
            if specialist.company_id not in specialist.user_id.company_ids:
                raise ValidationError(
                    _(
                        "User %(user)s has no access to company %(company)s: a specialist works "
                        "in one of their user's companies.",
                        user=specialist.user_id.name,
                        company=specialist.company_id.name,
                    )
                )

    # ------------------------------------------------------------------------------------------
    # Experience and eligibility
    # ------------------------------------------------------------------------------------------

    def _cs_experience_periods(self):
        """Periods of experience by what they count for.

        Returns a dict: "higher" (as a client specialist, or in posts requiring higher education),
        "secondary" (in posts requiring at least specialised secondary education), and one entry
        per category id (time held in that category). Appointments here count as client
        specialist posts held until the next appointment.
        """
        self.ensure_one()
        periods = {"higher": [], "secondary": []}
        for line in self.experience_ids:
            period = (line.date_start, line.date_end or None)
            if line.is_client_specialist_post or line.post_education_level == "higher":
                periods["higher"].append(period)
            if line.post_education_level in ("secondary", "higher"):
                periods["secondary"].append(period)
            if line.category_id:
                periods.setdefault(line.category_id.id, []).append(period)
        appointments = self.appointment_ids.sorted(lambda a: (a.date, a.id))
        for index, appointment in enumerate(appointments):
            following = appointments[index + 1 : index + 2]
            end = following.date - ONE_DAY if following else None
            if end is not None and end < appointment.date:
                continue  # replaced on its first day
            period = (appointment.date, end)
            periods["higher"].append(period)
            periods["secondary"].append(period)
            periods.setdefault(appointment.category_id.id, []).append(period)
        return periods

    def _cs_requirements(self, category):
        """What ``category`` asks of this specialist: (education message or None, [(label, periods, months)])."""
        self.ensure_one()
        periods = self._cs_experience_periods()
        own = EDUCATION_RANK[self.education_level]
        if own >= EDUCATION_RANK[category.education_level]:
            if category.experience_basis == "higher_posts" and category.experience_months:
                label = _("as a client specialist or in posts requiring higher education")
                return None, [(label, periods["higher"], category.experience_months)]
            if category.experience_basis == "previous_category" and category.experience_months:
                previous = category.previous_category_id
                label = _("as %(category)s", category=previous.name)
                return None, [(label, periods.get(previous.id, []), category.experience_months)]
            return None, []
        if category.secondary_allowed and self.education_level == "secondary":
            label = _("in posts requiring specialised secondary education")
            return None, [(label, periods["secondary"], category.secondary_experience_months)]
        education = dict(self._fields["education_level"]._description_selection(self.env))
        return _("%(education)s education is required", education=education[category.education_level]), []

    def _cs_eligible_from(self, category):
        """The first day this specialist meets the rules of ``category``, or False."""
        education_missing, requirements = self._cs_requirements(category)
        if education_missing:
            return False
        if not requirements:
            return self.create_date.date() if self.create_date else fields.Date.context_today(self)
        dates = [date_reached(periods, months) for _label, periods, months in requirements]
        return False if None in dates else max(dates)

    def _cs_missing_requirements(self, category, on_date):
        """Readable list of what keeps this specialist from ``category`` on ``on_date``."""
        education_missing, requirements = self._cs_requirements(category)
        if education_missing:
            return [education_missing]
        missing = []
        for label, periods, months in requirements:
            have_months, have_days = experience_before(periods, on_date)
            short = months * 30 - (have_months * 30 + have_days)
            if short > 0:
                missing.append(
                    _(
                        "needs %(duration)s more %(label)s (%(required)s required)",
                        duration=self._cs_format_duration(short // 30, short % 30),
                        label=label,
                        required=self._cs_format_duration(months, 0),
                    )
                )
        return missing

    @api.model
    def _cs_format_duration(self, months, days):
        if months and days:
            return _("%(months)s mo. %(days)s d.", months=months, days=days)
        if days:
            return _("%(days)s d.", days=days)
        return _("%(months)s mo.", months=months)

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------

    def action_open_appointment_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Appoint to a Category"),
            "res_model": "client_specialist.appointment.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_specialist_id": self.id,
                "default_category_id": self.next_category_id.id,
            },
        }

    def action_view_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("client_specialist.client_specialist_appointment_action")
        action["domain"] = [("specialist_id", "=", self.id)]
        action["context"] = {"default_specialist_id": self.id}
        return action

    def _cs_appoint(self, category, date, order_number, order_date, override_reason=False):
        """Appoint this specialist to ``category`` by an order; refuse what the rules do not allow.

        A head of sales may override the rules with a written reason, which is kept on the
        appointment and in the chatter.
        """
        self.ensure_one()
        self.env["client_specialist.appointment"].check_access("create")
        category = category.with_env(self.env)  # messages in this user's language
        if self.appointment_date and date < self.appointment_date:
            raise ValidationError(
                _(
                    "The appointment date %(date)s is before the current appointment (%(current)s).",
                    date=format_date(self.env, date),
                    current=format_date(self.env, self.appointment_date),
                )
            )
        if category == self.category_id:
            raise ValidationError(_("%(name)s already holds %(category)s.", name=self.name, category=category.name))
        missing = self._cs_missing_requirements(category, date)
        override_reason = (override_reason or "").strip()
        if missing and not override_reason:
            raise ValidationError(
                _(
                    "%(name)s cannot be appointed to %(category)s on %(date)s: %(missing)s.\n"
                    "A head of sales may appoint anyway by giving a written reason (Override Reason).",
                    name=self.name,
                    category=category.name,
                    date=format_date(self.env, date),
                    missing="; ".join(missing),
                )
            )
        previous = self.category_id
        Appointment = self.env["client_specialist.appointment"]
        with Appointment._cs_deciding():
            appointment = Appointment.create(
                {
                    "specialist_id": self.id,
                    "category_id": category.id,
                    "previous_category_id": previous.id,
                    "date": date,
                    "order_number": order_number,
                    "order_date": order_date,
                    "is_override": bool(missing),
                    "override_reason": override_reason if missing else False,
                    "missing_requirements": "; ".join(missing) if missing else False,
                }
            )
        body = _(
            "Appointed to %(category)s from %(date)s by order no. %(number)s of %(order_date)s.",
            category=category.name,
            date=format_date(self.env, date),
            number=order_number,
            order_date=format_date(self.env, order_date),
        )
        if missing:
            body += " " + _(
                "The rules were overridden (%(missing)s). Reason: %(reason)s",
                missing="; ".join(missing),
                reason=override_reason,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return appointment

    # ------------------------------------------------------------------------------------------
    # Scheduled action: tell the head of sales who qualifies for the next category
    # ------------------------------------------------------------------------------------------

    @api.model
    def _get_eligibility_notification_domain(self):
        return [
            ("next_category_id", "!=", False),
            ("next_category_date", "<=", fields.Date.context_today(self)),
            ("next_category_notified", "=", False),
        ]

    @api.depends("next_category_id", "eligibility_notified_category_id")
    def _compute_next_category_notified(self):
        for specialist in self:
            specialist.next_category_notified = (
                specialist.next_category_id == specialist.eligibility_notified_category_id
            )

    @api.model
    @retry_on_concurrent_update
    def _cron_notify_eligibility(self, batch_size=None):
        """Daily: the head of sales' digest of the specialists who qualify for the next category."""
        batch_size = self._cs_batch_size(batch_size, 200)
        domain = self._get_eligibility_notification_domain()
        specialists = self._cs_lock_batch(domain, batch_size)
        specialists._cs_notify_eligibility()
        return self._cs_cron_digests(["eligibility"], len(specialists), domain, batch_size)

    @api.model
    def _cs_digest_domain(self, kind):
        if kind == "eligibility":
            return [("next_category_id", "!=", False), ("next_category_date", "<=", fields.Date.context_today(self))]
        return super()._cs_digest_domain(kind)

    def _cs_digest_rows(self, kind):
        if kind != "eligibility":
            return super()._cs_digest_rows(kind)
        return {
            specialist: [self.env._("qualifies for %(category)s", category=specialist.next_category_id.name)]
            for specialist in self
        }

    def _cs_notify_eligibility(self):
        """Mark them told; one activity per specialist only where the company wants it so."""
        if not self:
            return
        self._cs_reminded_per_record("eligibility")._cs_notify_eligibility_per_record()
        for category, specialists in self.grouped("next_category_id").items():
            specialists.sudo().eligibility_notified_category_id = category

    def _cs_notify_eligibility_per_record(self):
        if not self:
            return
        heads = self._cs_heads_of_sales()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        values = [
            specialist._cs_reminder_values(
                activity_type,
                heads[specialist],
                # self.env._: a comprehension has no frame for _() to find the language in
                self.env._(
                    "%(name)s qualifies for %(category)s",
                    name=specialist.name,
                    category=specialist.next_category_id.name,
                ),
                note=specialist.eligibility_explanation,
            )
            for specialist in self
            if heads[specialist]
        ]
        # One e-mail per activity would make the batch cost grow with its size: the activities
        # show in the head's systray and activity views instead.
        self._cs_create_activities(values)
