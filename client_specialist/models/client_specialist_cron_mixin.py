# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import functools
import logging

from odoo import api, models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def retry_on_concurrent_update(cron_method, attempts=3):
    """Run a cron batch again, in a new transaction, when it meets a row another one changed.

    Odoo's transactions are repeatable read: a batch that writes or locks a row changed by a
    transaction committed after it began (a user saving the client, another cron's batch) is
    refused by PostgreSQL with a serialization failure (or a deadlock, a lock not
    available: what Odoo itself retries), and Odoo's cron runner then counts the
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
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                if attempt == attempts or not self.env.context.get("cron_id"):
                    raise
                _logger.info("%s: the batch met a concurrent update; running it again", cron_method.__name__)
                self.env.cr.rollback()

    return run


class ClientSpecialistCronMixin(models.AbstractModel):
    """Batch picking for the addon's scheduled actions; models with a cron inherit it by name.

    A cron takes one batch per call and reports progress; Odoo's cron runner calls it again while
    records remain. Rows are locked with SKIP LOCKED, so two workers (or a manual run beside the
    scheduled one) never handle the same record twice.
    """

    _name = "client_specialist.cron.mixin"
    _description = "Client Relations: Batched Scheduled Action"

    @api.model
    def _cs_lock_batch(self, domain, limit, order=("id",), lock_also=()):
        """Return up to ``limit`` records matching ``domain``, locked for this transaction.

        ``order`` names columns of the table. Crons that write to people take their batches by
        ``("user_id", "id")``: Odoo subscribes each assignee of new activities separately, so a
        batch costs queries per distinct person.

        ``lock_also`` names required many2one fields whose rows the batch writes through stored
        computes (an obligation's client, its on-time rates). They are locked in the same
        statement, before the batch does any work: a row people change all day (the client's
        last contact), locked only when the batch writes it, may have changed since the batch
        began, and PostgreSQL refuses the whole batch. A row a user holds at the start is waited
        for, not skipped (its records would wait for the next day); if the user changed it, the
        refusal comes here, before any work, and ``retry_on_concurrent_update`` takes the batch
        again.
        """
        query = self._search(domain, limit=limit)
        query.order = SQL(", ").join(SQL.identifier(self._table, column) for column in order)
        also = []
        for name in lock_also:
            field = self._fields[name]
            if field.type != "many2one" or not field.required:
                raise ValueError(f"{self._name}.{name}: lock_also takes required many2one fields")
            comodel = self.env[field.comodel_name]
            also.append(SQL.identifier(query.join(self._table, name, comodel._table, "id", name)))
        rows = self.env.execute_query(  # flushes what the domain reads before locking
            SQL(
                "%s FOR NO KEY UPDATE OF %s SKIP LOCKED%s",
                query.select(SQL.identifier(self._table, "id")),
                SQL.identifier(self._table),
                SQL(" FOR NO KEY UPDATE OF %s", SQL(", ").join(also)) if also else SQL(),
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
