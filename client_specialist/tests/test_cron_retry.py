# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

import psycopg2

from odoo.tests import TransactionCase, tagged

from ..models.client_specialist_cron_mixin import retry_on_concurrent_update


@tagged("post_install", "-at_install")
class TestCronRetry(TransactionCase):
    """The real conflict needs two transactions: see tests/test_concurrent_crons.py. Here, the rule."""

    def _flaky_cron(self, failures):
        calls = []

        def cron(model):
            calls.append(model)
            if len(calls) <= failures:
                raise psycopg2.errors.SerializationFailure("could not serialize access due to concurrent update")
            return 0

        return retry_on_concurrent_update(cron), calls

    def test_a_cron_worker_takes_the_batch_again_in_a_new_transaction(self):
        cron, calls = self._flaky_cron(failures=2)
        with patch.object(self.env.cr, "rollback") as rollback:
            self.assertEqual(cron(self.env["res.partner"].with_context(cron_id=1)), 0)
        self.assertEqual(len(calls), 3)
        self.assertEqual(rollback.call_count, 2)

    def test_a_cron_worker_gives_up_after_three_attempts(self):
        cron, calls = self._flaky_cron(failures=3)
        with (
            patch.object(self.env.cr, "rollback") as rollback,
            self.assertRaises(psycopg2.errors.SerializationFailure),
        ):
            cron(self.env["res.partner"].with_context(cron_id=1))
        self.assertEqual((len(calls), rollback.call_count), (3, 2))

    def test_outside_a_cron_worker_the_error_goes_up(self):
        # Run Manually is an RPC request: Odoo retries it whole; a rollback here would undo its lock.
        cron, calls = self._flaky_cron(failures=1)
        with (
            patch.object(self.env.cr, "rollback") as rollback,
            self.assertRaises(psycopg2.errors.SerializationFailure),
        ):
            cron(self.env["res.partner"])
        self.assertEqual((len(calls), rollback.call_count), (1, 0))

    def test_every_batched_cron_is_retried(self):
        """Every scheduled action of the installed modules that picks batches retries them."""
        batched = [
            (name, attr)
            for name in self.env.registry["client_specialist.cron.mixin"]._inherit_children
            for attr in dir(type(self.env[name]))
            if attr.startswith("_cron_")
        ]
        self.assertGreaterEqual(len(batched), 3)  # the application's own: absences, eligibility, follow-ups
        for name, attr in batched:
            with self.subTest(model=name, method=attr):
                self.assertTrue(hasattr(getattr(type(self.env[name]), attr), "__wrapped__"))
