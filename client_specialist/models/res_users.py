# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    client_specialist_ids = fields.One2many("client_specialist.specialist", "user_id", string="Specialist Records")

    def _cs_acting_users(self):
        """Who acts for each of these users today: their deputy while they are absent.

        Returns {user: acting user} for the users who have a running absence; one query for the
        whole set, so callers route reminders in batch.
        """
        absences = (
            self.env["client_specialist.absence"]
            .sudo()
            .search([("user_id", "in", self.ids), ("state", "=", "running")])
        )
        return {absence.user_id: absence.deputy_id for absence in absences}

    @api.model
    def _cs_portfolio_domain(self, user_field="user_id"):
        """Domain of records whose ``user_field`` is the current user or someone they stand in for.

        Later record rules reuse it; it is evaluated in SQL, so it holds on the day an absence
        starts or ends without any cache to clear.
        """
        uid = self.env.uid
        return [
            "|",
            (user_field, "=", uid),
            (
                f"{user_field}.client_specialist_ids.absence_ids",
                "any",
                [("deputy_id", "=", uid), ("state", "=", "running")],
            ),
        ]

    def _cs_head_of_sales(self, company):
        """The head of sales this user reports to: the head on their specialist card, else the
        first head of sales working in ``company``. Empty when there is none."""
        head = self.sudo().client_specialist_ids[:1].head_id
        if head:
            return head.sudo(False)
        group = self.env.ref("client_specialist.group_client_specialist_head").sudo()
        heads = group.users.filtered(lambda u: not u.share and u.id != SUPERUSER_ID and company in u.company_ids)
        return heads.sorted("id")[:1].sudo(False)
