# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class Base(models.AbstractModel):
    """Batch picking for the addon's scheduled actions, on any model (res.partner included).

    A cron takes one batch per call and reports progress; Odoo's cron runner calls it again while
    records remain. Rows are locked with SKIP LOCKED, so two workers (or a manual run beside the
    scheduled one) never handle the same record twice.
    """

    _inherit = "base"

    @api.model
    def _cs_lock_batch(self, domain, limit):
        """Return up to ``limit`` records matching ``domain``, locked for this transaction."""
        query = self._search(domain, order="id", limit=limit)
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
    def _cs_notify_progress(self, done, domain):
        """Tell the cron runner how many records were handled and how many are left."""
        remaining = self.search_count(domain) if done else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return remaining

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
    # naming the field, instead of a server error.
    # ------------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self._name.startswith("client_specialist."):
            for vals in vals_list:
                self._cs_check_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        if self._name.startswith("client_specialist."):
            self._cs_check_values(vals)
        return super().write(vals)

    @api.model
    def _cs_check_values(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                raise ValidationError(_("%(model)s has no field %(field)s.", model=self._description, field=name))
            if value is False or value is None:
                continue
            try:
                if field.type == "many2one" and not isinstance(value, int | models.BaseModel):
                    raise ValueError(value)
                if field.type in ("integer", "float", "monetary") and isinstance(value, str):
                    raise ValueError(value)
                if field.type not in ("one2many", "many2many"):
                    field.convert_to_cache(value, self.browse())
            except (ValueError, TypeError) as error:
                raise ValidationError(
                    _(
                        "%(model)s: %(value)r is not a valid value for %(field)s.",
                        model=self._description,
                        value=value,
                        field=field._description_string(self.env),
                    )
                ) from error
