# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.addons.client_specialist.tests.common import ClientSpecialistCase


class CompetitionCase(ClientSpecialistCase):
    """Two competitors, a client in each specialist's portfolio, a product to quote."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Policy = cls.env["client_specialist.competitor.policy"]
        cls.Share = cls.env["client_specialist.competitor.share"]
        cls.rival_x, cls.rival_y = cls.Partner.create(
            [
                {"name": "Rival X", "is_company": True, "cs_is_competitor": True},
                {"name": "Rival Y", "is_company": True, "cs_is_competitor": True},
            ]
        )
        cls.client_a = cls.Partner.create({"name": "Client of A", "is_company": True, "user_id": cls.user_a.id})
        cls.client_b = cls.Partner.create({"name": "Client of B", "is_company": True, "user_id": cls.user_b.id})
        cls.product = cls.env["product.product"].create({"name": "Packaging film", "list_price": 100.0})
        cls.reason_price = cls.env.ref("client_specialist_competition.lost_reason_price")
        cls.reason_delivery = cls.env.ref("client_specialist_competition.lost_reason_delivery")

    @classmethod
    def _order(cls, partner, price=100.0, offers=()):
        """A quotation of ``partner``'s salesperson, with competing offers [(competitor, price)]."""
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": partner.user_id.id,
                "order_line": [Command.create({"product_id": cls.product.id, "price_unit": price})],
                "cs_competing_offer_ids": [
                    Command.create({"competitor_id": competitor.id, "price": offer_price})
                    for competitor, offer_price in offers
                ],
            }
        )
