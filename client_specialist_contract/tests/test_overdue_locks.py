# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time
from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import common, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestOverdueBatchLocksClients(common.TransactionCase):
    """The overdue batch writes its clients' rows (on-time rates): it locks them before any work.

    A specialist saving a client at that moment is a transaction on a connection of its own, so
    the clients and their obligations are committed for this class before its transaction
    begins, and removed after it.
    """

    @classmethod
    def setUpClass(cls):
        registry = Registry(common.get_db_name())
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            clients = env["res.partner"].create(
                [{"name": "Held by a specialist", "is_company": True}, {"name": "Nobody holds", "is_company": True}]
            )
            obligations = env["client_specialist.obligation"].create(
                [
                    {"name": "Signed act", "partner_id": client.id, "date_due": "2026-03-02", "user_id": SUPERUSER_ID}
                    for client in clients
                ]
            )
            ids = (clients.ids, obligations.ids)
        cls.addClassCleanup(cls._remove_committed, registry, *ids)
        super().setUpClass()
        cls.Obligation = cls.env["client_specialist.obligation"]
        cls.held_client, cls.free_client = cls.env["res.partner"].browse(ids[0])
        cls.held, cls.free = cls.Obligation.browse(ids[1])
        # Every other obligation stays out of these runs (none of these clients' rows is touched).
        cls.Obligation.search([("id", "not in", ids[1]), ("state", "in", ("open", "overdue"))]).write(
            {"state": "done", "date_done": "2026-03-02"}
        )

    @classmethod
    def _remove_committed(cls, registry, partner_ids, obligation_ids):
        with registry.cursor() as cr:
            # Their chatter too (messages, tracking values by cascade, followers): nothing is left.
            for table, model_column in (("mail_message", "model"), ("mail_followers", "res_model")):
                for model, ids in (("client_specialist.obligation", obligation_ids), ("res.partner", partner_ids)):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s AND res_id = ANY(%s)",
                            SQL.identifier(table),
                            SQL.identifier(model_column),
                            model,
                            ids,
                        )
                    )
            cr.execute("DELETE FROM client_specialist_obligation WHERE id = ANY(%s)", [obligation_ids])
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [partner_ids])

    def setUp(self):
        super().setUp()
        # Waiting for a lock here would wait for this very test: fail instead.
        self.env.cr.execute("SET LOCAL lock_timeout = '3s'")
        self.addCleanup(self.env.cr.execute, "SET LOCAL lock_timeout = 0")
        self.user_cr = self.registry.cursor()
        self.addCleanup(self.user_cr.close)
        self.addCleanup(self.user_cr.rollback)

    def test_a_client_a_user_holds_is_waited_for_before_any_work(self):
        # Skipped, its obligations would wait for the next day; waited for, the batch's refusal
        # (the user changed the row) comes before anything is written (tests/test_concurrent_crons.py
        # runs it in a cron worker, which takes the batch again).
        self.user_cr.execute("SELECT id FROM res_partner WHERE id = %s FOR NO KEY UPDATE", [self.held_client.id])
        with freeze_time("2026-03-03"), self.assertRaises(LockNotAvailable), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.Obligation._cron_mark_overdue()
        self.env.invalidate_all()
        self.assertEqual((self.held | self.free).mapped("state"), ["open", "open"], "nothing done in part")

        self.user_cr.rollback()  # the specialist's save is over
        with freeze_time("2026-03-03"):
            self.assertEqual(self.Obligation._cron_mark_overdue(), 0)
        self.assertEqual((self.held | self.free).mapped("state"), ["overdue", "overdue"])
        self.assertEqual(self.held_client.cs_client_obligations_measured, 1)
        self.assertEqual(self.held_client.cs_client_on_time_rate, 0.0)

    def test_the_batch_holds_its_clients_from_its_start(self):
        # Taken with the batch, before it writes anything: a specialist's save of the client waits
        # for the batch's commit (then Odoo retries the request); the batch meets no changed row.
        with freeze_time("2026-03-03"):
            batch = self.Obligation._cs_lock_batch(self.Obligation._get_overdue_domain(), 10, lock_also=("partner_id",))
        self.assertEqual(batch, self.held | self.free)
        with self.assertRaises(LockNotAvailable):
            self.user_cr.execute(
                "SELECT id FROM res_partner WHERE id = %s FOR NO KEY UPDATE NOWAIT", [self.held_client.id]
            )

    def test_only_required_links_are_locked(self):
        with self.assertRaises(ValueError):
            self.Obligation._cs_lock_batch([], 1, lock_also=("order_id",))
