# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ClientSpecialistCase


@tagged("post_install", "-at_install")
class TestSettings(ClientSpecialistCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pricelist = cls.env["product.pricelist"].create({"name": "Key clients' prices"})
        cls.tier = cls.env["client_specialist.tier"].create({"name": "Key", "pricelist_id": cls.pricelist.id})
        cls.head.write({"groups_id": [Command.link(cls.env.ref("base.group_system").id)]})

    def test_saving_settings_keeps_the_tiers_pricelists(self):
        """Saving Settings for any change once archived every pricelist (Pricelists was off)."""
        self.assertTrue(self.head.has_group("product.group_product_pricelist"))
        settings = Form(self.env["res.config.settings"].with_user(self.head))
        settings.cs_contact_interval_days = 21
        settings.save().execute()
        self.assertTrue(self.pricelist.active)
        self.assertEqual(self.env.company.cs_contact_interval_days, 21)

    def test_pricelists_stay_on_while_tiers_use_them(self):
        settings = self.env["res.config.settings"].with_user(self.head).create({"group_product_pricelist": False})
        with self.assertRaises(UserError) as caught:
            settings.execute()
        self.assertIn("Key", str(caught.exception))
        self.assertTrue(self.pricelist.active)

    def test_the_default_cadence_is_the_client_s_company_s(self):
        other = self.env["res.company"].create({"name": "Other Company", "cs_contact_interval_days": 90})
        self.env.company.cs_contact_interval_days = 20
        Partner = self.env["res.partner"]
        ours, theirs = Partner.create(
            [
                {"name": "Ours", "is_company": True, "cs_stage": "prospect"},
                {"name": "Theirs", "is_company": True, "cs_stage": "prospect", "company_id": other.id},
            ]
        )
        self.assertEqual((ours.cs_contact_interval, theirs.cs_contact_interval), (20, 90))
        other.cs_contact_interval_days = 45
        self.assertEqual(theirs.cs_contact_interval, 45)
