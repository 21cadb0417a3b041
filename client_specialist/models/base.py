# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import functools
import logging
import math

import psycopg2
from markupsafe import Markup

from odoo import Command, _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# PostgreSQL's integer, the column of Integer fields and of ids.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
X2MANY_COMMANDS = tuple(Command)  # Odoo's x2many command codes, 0 to 6

_logger = logging.getLogger(__name__)


def retry_on_concurrent_update(cron_method, attempts=3):
    """Run a cron batch again, in a new transaction, when it meets a row another one changed.

    Odoo's transactions are repeatable read: a batch that writes or locks a row changed by a
    transaction committed after it began (a user saving the client, another cron's batch) is
    refused by PostgreSQL with a serialization failure, and Odoo's cron runner then counts the
    whole run as failed until the next day. In a cron worker the batch is alone in its
    transaction (the runner commits around it), so it is rolled back and taken again. Elsewhere
    (Run Manually, tests) the error goes up: Odoo retries RPC requests itself.
    """

    @functools.wraps(cron_method)
    def run(self, *args, **kwargs):
        for attempt in range(1, attempts + 1):
            try:
                result = cron_method(self, *args, **kwargs)
                self.env.flush_all()  # the conflicts show in the writes: here, not after the cron
                return result
            except psycopg2.errors.SerializationFailure:
                if attempt == attempts or not self.env.context.get("cron_id"):
                    raise
                _logger.info("%s: the batch met a concurrent update; running it again", cron_method.__name__)
                self.env.cr.rollback()

    return run


class Base(models.AbstractModel):
    """Batch picking for the addon's scheduled actions, on any model (res.partner included).

    A cron takes one batch per call and reports progress; Odoo's cron runner calls it again while
    records remain. Rows are locked with SKIP LOCKED, so two workers (or a manual run beside the
    scheduled one) never handle the same record twice.
    """

    _inherit = "base"

    @api.model
    def _cs_lock_batch(self, domain, limit, order=("id",)):
        """Return up to ``limit`` records matching ``domain``, locked for this transaction.

        ``order`` names columns of the table. Crons that write to people take their batches by
        ``("user_id", "id")``: Odoo subscribes each assignee of new activities separately, so a
        batch costs queries per distinct person.
        """
        query = self._search(domain, limit=limit)
        query.order = SQL(", ").join(SQL.identifier(self._table, column) for column in order)
        rows = self.env.execute_query(  # flushes what the domain reads before locking
            SQL(
                "%s FOR NO KEY UPDATE OF %s SKIP LOCKED",
                query.select(SQL.identifier(self._table, "id")),
                SQL.identifier(self._table),
            )
        )
        return self.browse(row[0] for row in rows)

    @api.model
    def _cs_batch_size(self, batch_size, default):
        """The batch size of a cron run: as called, else the system parameter, else the default."""
        if batch_size:
            return batch_size
        param = self.env["ir.config_parameter"].sudo().get_param("client_specialist.cron_batch_size")
        return int(param) if param and param.isdigit() and int(param) > 0 else default

    @api.model
    def _cs_notify_progress(self, done, domain, batch_size=None):
        """Tell the cron runner how many records were handled and how many are left.

        A batch that was not full was the last one (rows locked by another worker are that
        worker's): no need to count the rest, which would scan the whole domain once more.
        """
        last = not done or (batch_size and done < batch_size)
        remaining = 0 if last else self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

    def _cs_heads_of_sales(self):
        """{record: who acts as head of sales for it}: the head of its responsible (``user_id``)
        in its company, or that head's deputy; one look-up of absences for the whole batch."""
        heads = {record: record.user_id._cs_head_of_sales(record.company_id) for record in self}
        acting = self.env["res.users"].union(*heads.values())._cs_acting_users()
        return {record: acting.get(head, head) if head else head for record, head in heads.items()}

    @api.model
    def _cs_create_activities(self, values_list):
        """Create the reminders of a batch at once, one activity per record and person.

        Two reasons to tell the same person about the same record (a response and a resolution
        deadline both breached) make one activity with both summaries: Odoo subscribes the
        assignee once per activity, and the same follower twice in one batch is refused.
        """
        merged = {}
        for values in values_list:
            key = (values["res_model_id"], values["res_id"], values["user_id"])
            if key not in merged:
                merged[key] = dict(values)
                continue
            kept = merged[key]
            kept["summary"] = "; ".join(filter(None, (kept.get("summary"), values.get("summary"))))
            if values.get("note"):
                kept["note"] = Markup("<br/>").join(filter(None, (kept.get("note"), values["note"])))
            if values.get("date_deadline") and values["date_deadline"] < kept.get(
                "date_deadline", values["date_deadline"]
            ):
                kept["date_deadline"] = values["date_deadline"]
        return (
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(list(merged.values()))
        )

    # ------------------------------------------------------------------------------------------
    # Input checks for the addon's own models: a wrong type over RPC gets a readable refusal
    # naming the field, instead of a server error. The addon's own create and write overrides
    # that read the values before Odoo does call _cs_check_values first: they run before these.
    # ------------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._name.startswith("client_specialist."):
            return super().create(vals_list)
        for vals in vals_list:
            self._cs_check_values(vals)
        records = super().create(vals_list)
        records._cs_check_required_relations()
        return records

    def write(self, vals):
        if not self._name.startswith("client_specialist."):
            return super().write(vals)
        self._cs_check_values(vals)
        result = super().write(vals)
        self._cs_check_required_relations(vals)
        return result

    @api.model
    def _cs_check_values(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(_("%(model)s has no field %(field)s.", model=self._description, field=name))
            if value is False or value is None:
                continue
            try:
                self._cs_check_value(field, value)
            except (ValueError, TypeError, OverflowError) as error:
                raise ValidationError(
                    _(
                        "%(model)s: %(value)r is not a valid value for %(field)s.",
                        model=self._description,
                        value=value,
                        field=field._description_string(self.env),
                    )
                ) from error
            if field.type == "integer" and not INT_MIN <= int(value) <= INT_MAX:
                raise ValidationError(
                    _(
                        "%(model)s: %(value)s is out of range for %(field)s, a whole number from %(min)s to %(max)s.",
                        model=self._description,
                        value=value,
                        field=field._description_string(self.env),
                        min=INT_MIN,
                        max=INT_MAX,
                    )
                )

    @api.model
    def _cs_check_value(self, field, value):
        """Raise ValueError or TypeError when ``value`` (not empty) does not fit ``field``."""
        kind = field.type
        if kind == "many2one":
            if not isinstance(value, models.BaseModel) and not _is_id(value):
                raise ValueError(value)
            return
        if kind in ("one2many", "many2many"):
            _check_commands(value)
            return
        if kind in ("integer", "float", "monetary"):
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(value)
        elif kind in ("char", "text", "html"):
            if not isinstance(value, str):
                raise TypeError(value)
        elif kind == "boolean":
            if not isinstance(value, int):  # bool is an int
                raise TypeError(value)
        field.convert_to_cache(value, self.browse())

    def _cs_check_required_relations(self, vals=None):
        """Odoo leaves required one2many and many2many fields to the views: refuse them empty here."""
        for name, field in self._fields.items():
            if field.type not in ("one2many", "many2many") or not field.required or (vals and name not in vals):
                continue
            for record in self:
                if not record[name]:
                    raise ValidationError(
                        _(
                            "%(model)s: %(field)s is required.",
                            model=self._description,
                            field=field._description_string(self.env),
                        )
                    )


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX


def _check_commands(value):
    """Raise ValueError unless ``value`` is a recordset or a list of x2many commands or ids."""
    if isinstance(value, models.BaseModel):
        return
    if not isinstance(value, list | tuple):
        raise ValueError(value)
    for command in value:
        if _is_id(command):  # a bare id, as in [(6, 0, ids)]
            continue
        if not isinstance(command, list | tuple) or not command or command[0] not in X2MANY_COMMANDS:
            raise ValueError(command)
        code = command[0]
        if code in (0, 1):  # create, update: (code, id, values)
            if len(command) != 3 or not isinstance(command[2], dict) or (code == 1 and not _is_id(command[1])):
                raise ValueError(command)
        elif code in (2, 3, 4):  # delete, unlink, link: (code, id)
            if len(command) < 2 or not _is_id(command[1]):
                raise ValueError(command)
        elif code == 6:  # set: (6, _, ids)
            if len(command) != 3 or not isinstance(command[2], list | tuple) or not all(map(_is_id, command[2])):
                raise ValueError(command)
