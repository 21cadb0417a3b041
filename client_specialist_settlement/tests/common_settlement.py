# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from freezegun import freeze_time

from odoo import Command
from odoo.addons.client_specialist_contract.tests.common_contract import ContractCase


class SettlementCase(ContractCase):
    """Invoices, credit notes and payments of specialist A's client, posted on given days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.terms_3 = cls.env["account.payment.term"].create(
            {
                "name": "30 % now, 30 % in 30 days, 40 % in 60 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 30}),
                    Command.create({"value": "percent", "value_amount": 40.0, "nb_days": 60}),
                ],
            }
        )

    def _pay(self, moves, amount, day, **vals):
        with freeze_time(day):
            return (
                self.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=moves.ids)
                .create({"amount": amount, "payment_date": day, **vals})
                ._create_payments()
            )

    def _move(self, move_type, amount, day, partner=None, **vals):
        """A posted invoice, credit note or bill of ``amount`` (no taxes) dated ``day``."""
        with freeze_time(day):
            move = self.env["account.move"].create(
                {
                    "move_type": move_type,
                    "partner_id": (partner or self.client_a).id,
                    "invoice_date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Desks", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()]}
                        )
                    ],
                    **vals,
                }
            )
            move.action_post()
        return move
