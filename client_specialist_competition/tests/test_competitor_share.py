# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .competition_common import CompetitionCase


@tagged("post_install", "-at_install")
class TestCompetitorShare(CompetitionCase):
    def test_shares_of_a_client_add_up(self):
        self.Share.with_user(self.user_a).create(
            [
                {"partner_id": self.client_a.id, "competitor_id": self.rival_x.id, "share_percent": 30},
                {"partner_id": self.client_a.id, "competitor_id": self.rival_y.id, "share_percent": 70},
            ]
        )
        self.assertEqual(self.client_a.cs_competitor_share_total, 100)
        self.assertEqual(self.rival_x.cs_competitor_client_share_ids.partner_id, self.client_a)

    def test_shares_above_100_percent_in_total_are_refused(self):
        share_x = self.Share.create(
            {"partner_id": self.client_a.id, "competitor_id": self.rival_x.id, "share_percent": 60}
        )
        with self.assertRaises(ValidationError) as caught:
            self.Share.with_user(self.user_a).create(
                {"partner_id": self.client_a.id, "competitor_id": self.rival_y.id, "share_percent": 45}
            )
        self.assertIn("shares of Client of A add up to 105.00 %", str(caught.exception))
        share_y = self.Share.create(
            {"partner_id": self.client_a.id, "competitor_id": self.rival_y.id, "share_percent": 40}
        )
        with self.assertRaises(ValidationError):
            share_x.with_user(self.user_a).write({"share_percent": 60.5})
        self.assertEqual(share_x.share_percent + share_y.share_percent, 100)

    def test_share_out_of_range_is_refused(self):
        for value in (-1, 100.01):
            with self.subTest(value=value), self.assertRaises(ValidationError) as caught:
                self.Share.create(
                    {"partner_id": self.client_a.id, "competitor_id": self.rival_x.id, "share_percent": value}
                )
            self.assertIn("between 0 and 100", str(caught.exception))
        share = self.Share.create({"partner_id": self.client_a.id, "competitor_id": self.rival_x.id})
        with self.assertRaises(ValidationError):
            share.write({"share_percent": -3})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE client_specialist_competitor_share SET share_percent = 101 WHERE id = %s", (share.id,)
            )

    def test_share_is_kept_on_the_company_and_once_per_competitor(self):
        contact = self.Partner.create({"name": "Buyer", "parent_id": self.client_a.id})
        share = self.Share.create({"partner_id": contact.id, "competitor_id": self.rival_x.id, "share_percent": 10})
        self.assertEqual(share.partner_id, self.client_a)
        self.assertEqual(share.user_id, self.user_a)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.Share.create({"partner_id": self.client_a.id, "competitor_id": self.rival_x.id})

    def test_competitor_must_be_marked_and_not_the_client_itself(self):
        with self.assertRaises(ValidationError) as caught:
            self.Share.create({"partner_id": self.client_a.id, "competitor_id": self.client_b.id})
        self.assertIn("Client of B is not marked as a competitor", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.Share.create({"partner_id": self.rival_x.id, "competitor_id": self.rival_x.id})
        self.assertIn("cannot be its own competitor", str(caught.exception))


@tagged("post_install", "-at_install")
class TestCompetitionInRussian(CompetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["ir.module.module"]._load_module_terms(["client_specialist"], ["ru_RU"], overwrite=True)
        cls.user_a.lang = "ru_RU"

    def test_errors_speak_the_user_s_language(self):
        Share = self.Share.with_user(self.user_a).with_context(lang="ru_RU")
        Share.create({"partner_id": self.client_a.id, "competitor_id": self.rival_x.id, "share_percent": 80})
        with self.assertRaises(ValidationError) as caught:
            Share.create({"partner_id": self.client_a.id, "competitor_id": self.rival_y.id, "share_percent": 30})
        self.assertIn("в сумме составляют 110,00 %: вместе они не могут превышать 100 %", str(caught.exception))
        Policy = self.Policy.with_user(self.user_a).with_context(lang="ru_RU")
        with self.assertRaises(ValidationError) as caught:
            Policy.create({"competitor_id": self.rival_x.id, "name": "Скидка", "discount_percent": 120})
        self.assertIn("Скидка: значение поля «Скидка, %» должно быть от 0 до 100", str(caught.exception))
