# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager

from odoo import _, api, models
from odoo.exceptions import AccessError

# Where the deciding methods mark the transaction: on the cursor, which no RPC argument reaches.
DECIDING_KEY = "client_specialist_deciding"


class ClientSpecialistDecisionMixin(models.AbstractModel):
    """Fields that record a decision are written by the method that decides, and by nothing else.

    A model lists its decision fields in ``_cs_decision_fields()`` (states, approvals, approved
    figures, decision dates, escalation flags, owner, stage, tier) with the rule that reserves
    each. The deciding methods check who may decide, then write inside ``with
    self._cs_deciding():``. A plain create, write or import that sets such a field to something
    else than it holds (on create: than its default) is refused with an AccessError naming the
    field and the rule, and changes nothing. Context keys cannot open this path: it is marked on
    the database cursor, out of reach of an RPC call.

    A write must also leave the record one the user may still write: record rules are checked
    again on the result, so a record cannot be pushed into another portfolio.
    """

    _name = "client_specialist.decision.mixin"
    _description = "Client Relations: Decisions"

    # Check the record rules again after a write. Off for Odoo's own documents (orders), whose
    # rules Odoo applies its own way.
    _cs_recheck_rules_after_write = True

    @api.model
    def _cs_decision_fields(self):
        """{field name: the rule, as a translated sentence}. Override and extend super()'s."""
        return {}

    @api.model
    def _cs_decision_free_for(self, field_name):
        """Whether the current user may set ``field_name`` directly (the head of sales on the
        form, for instance). Nobody by default: only the deciding methods."""
        return False

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        """Whether a new record may start with ``value`` in this decision field: empty or its
        default. Override for starting values a creator may choose (a prospect's stage)."""
        if not value:
            return True
        default = self.default_get([field_name]).get(field_name)
        return self._fields[field_name].convert_to_cache(value, self) == self._fields[field_name].convert_to_cache(
            default, self
        )

    @contextmanager
    def _cs_deciding(self):
        """Open the write path of the decision fields of this model, for the block's writes."""
        deciding = self.env.cr.cache.setdefault(DECIDING_KEY, {})
        deciding[self._name] = deciding.get(self._name, 0) + 1
        try:
            yield self
        finally:
            deciding[self._name] -= 1

    def _cs_is_deciding(self):
        return self.env.su or self.env.cr.cache.get(DECIDING_KEY, {}).get(self._name, 0) > 0

    def _cs_refuse_decision(self, field_name):
        rule = self._cs_decision_fields()[field_name]
        raise AccessError(
            _(
                "%(model)s: %(field)s is a decision and cannot be set directly: %(rule)s",
                model=self._description,
                field=self._fields[field_name]._description_string(self.env),
                rule=rule,
            )
        )

    def _cs_decision_records(self, field_name):
        """The records of ``self`` for which ``field_name`` records a decision (all by default;
        a partner's salesperson is one only for the clients of the portfolio)."""
        return self

    @api.model
    def _cs_check_decisions_on_create(self, vals_list):
        if self._cs_is_deciding():
            return
        guarded = self._cs_decision_fields()
        for vals in vals_list:
            for name in sorted(guarded.keys() & vals.keys()):
                if not self._cs_decision_free_for(name) and not self._cs_decision_allowed_on_create(name, vals[name]):
                    self._cs_refuse_decision(name)

    def _cs_check_decisions_on_write(self, vals):
        if self._cs_is_deciding():
            return
        for name in sorted(self._cs_decision_fields().keys() & vals.keys()):  # the same field named each time
            if self._cs_decision_free_for(name):
                continue
            field = self._fields[name]
            new = field.convert_to_cache(vals[name], self)
            records = self.sudo()._cs_decision_records(name)
            if any(field.convert_to_cache(record[name], self) != new for record in records):
                self._cs_refuse_decision(name)

    @api.model
    def _cs_without_decision_defaults(self):
        """This model without the context's defaults of decision fields that the user may not set
        (``default_cs_approval_state``...): they would reach create after the check."""
        if self._cs_is_deciding():
            return self
        guarded = self._cs_decision_fields()
        refused = {
            key
            for key, value in self.env.context.items()
            if key.startswith("default_")
            and key[8:] in guarded
            and not self._cs_decision_free_for(key[8:])
            and not self.with_env(self.env(context={}))._cs_decision_allowed_on_create(key[8:], value)
        }
        if not refused:
            return self
        context = {key: value for key, value in self.env.context.items() if key not in refused}
        return self.with_env(self.env(context=context))

    @api.model_create_multi
    def create(self, vals_list):
        self._cs_check_decisions_on_create(vals_list)
        return super(ClientSpecialistDecisionMixin, self._cs_without_decision_defaults()).create(vals_list)

    def write(self, vals):
        self._cs_check_decisions_on_write(vals)
        result = super().write(vals)
        if self._cs_recheck_rules_after_write and not self.env.su:
            # Record rules were checked on the records as they were: check them on the result too.
            self.check_access("write")
        return result
