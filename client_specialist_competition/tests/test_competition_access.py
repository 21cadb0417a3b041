# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .competition_common import CompetitionCase


@tagged("post_install", "-at_install")
class TestCompetitionAccess(CompetitionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.Policy.with_user(cls.user_b).create(
            {"competitor_id": cls.rival_x.id, "name": "Cheap", "discount_percent": 10}
        )
        cls.share_b = cls.Share.create(
            {"partner_id": cls.client_b.id, "competitor_id": cls.rival_x.id, "share_percent": 20}
        )
        cls.order_b = cls._order(cls.client_b, offers=[(cls.rival_x, 90.0)])
        cls.offer_b = cls.order_b.cs_competing_offer_ids
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_head = new_test_user(
            cls.env,
            login="t_comp_other_head",
            groups="client_specialist.group_client_specialist_head",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.other_policy = cls.Policy.with_company(cls.other_company).create(
            {"competitor_id": cls.rival_y.id, "name": "Elsewhere", "company_id": cls.other_company.id}
        )

    def test_every_specialist_reads_the_register(self):
        self.policy.with_user(self.user_a).read(["name", "discount_percent"])
        self.share_b.with_user(self.user_a).read(["share_percent"])
        self.env.ref("client_specialist_competition.lost_reason_price").with_user(self.user_a).read(["name"])
        self.assertEqual(self.rival_x.with_user(self.user_a).cs_competitor_policy_count, 1)

    def test_specialists_record_and_edit_policies_but_do_not_delete_them(self):
        self.policy.with_user(self.user_a).write({"description": "Seen again at the fair"})
        with self.assertRaises(AccessError):
            self.policy.with_user(self.user_a).unlink()
        self.policy.with_user(self.head).unlink()

    def test_shares_change_within_the_portfolio_only(self):
        with self.assertRaises(AccessError):
            self.share_b.with_user(self.user_a).write({"share_percent": 30})
        with self.assertRaises(AccessError):
            self.share_b.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            self.Share.with_user(self.user_a).create(
                {"partner_id": self.client_b.id, "competitor_id": self.rival_y.id, "share_percent": 5}
            )
        self.share_b.with_user(self.user_b).write({"share_percent": 30})
        self.Share.with_user(self.user_a).create(
            {"partner_id": self.client_a.id, "competitor_id": self.rival_y.id, "share_percent": 5}
        )
        self.share_b.with_user(self.head).write({"share_percent": 35})

    def test_competing_offers_follow_the_quotations(self):
        with self.assertRaises(AccessError):
            self.offer_b.with_user(self.user_a).read(["price"])
        with self.assertRaises(AccessError):
            self.env["client_specialist.competing.offer"].with_user(self.user_a).create(
                {"order_id": self.order_b.id, "competitor_id": self.rival_y.id, "price": 1.0}
            )
        self.offer_b.with_user(self.user_b).write({"price": 80.0})
        self.offer_b.with_user(self.head).read(["price"])

    def test_only_the_head_configures_lost_reasons(self):
        reason = self.env.ref("client_specialist_competition.lost_reason_other")
        with self.assertRaises(AccessError):
            reason.with_user(self.user_a).write({"name": "Whatever"})
        with self.assertRaises(AccessError):
            self.env["client_specialist.lost.reason"].with_user(self.user_a).create({"name": "Mood"})
        self.env["client_specialist.lost.reason"].with_user(self.head).create({"name": "Mood"})
        reason.with_user(self.head).action_archive()

    def test_other_internal_users_see_nothing_of_it(self):
        with self.assertRaises(AccessError):
            self.policy.with_user(self.plain_user).read(["name"])
        with self.assertRaises(AccessError):
            self.share_b.with_user(self.plain_user).read(["share_percent"])
        with self.assertRaises(AccessError):
            self.env["client_specialist.win.loss.report"].with_user(self.plain_user).search([])

    def test_multi_company_isolation(self):
        with self.assertRaises(AccessError):
            self.other_policy.with_user(self.head).read(["name"])
        with self.assertRaises(AccessError):
            self.policy.with_user(self.other_head).read(["name"])
        with self.assertRaises(AccessError):
            self.share_b.with_user(self.other_head).read(["share_percent"])
        self.other_policy.with_user(self.other_head).read(["name"])
