# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
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
