# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

HEAD_GROUP = "client_specialist.group_client_specialist_head"


class ResUsers(models.Model):
    _inherit = "res.users"

    client_specialist_ids = fields.One2many("client_specialist.specialist", "user_id", string="Specialist Records")

    # ------------------------------------------------------------------------------------------
    # Who stands in for whom
    # ------------------------------------------------------------------------------------------

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

        The record rules call it (``user._cs_portfolio_domain('partner_id.user_id')``); it is
        evaluated in SQL, so it holds on the day an absence starts or ends without any cache to clear.
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

    # ------------------------------------------------------------------------------------------
    # The head of sales: the one look-up and the one check
    # ------------------------------------------------------------------------------------------

    def _cs_is_head_of_sales(self):
        """Whether this user (the current one, superuser included, when empty) decides as head of sales."""
        if not self:
            return self.env.su or self.env.user.has_group(HEAD_GROUP)
        self.ensure_one()
        return self.has_group(HEAD_GROUP)

    @api.model
    def _cs_check_head_of_sales(self, what):
        """Refuse, naming the decision, unless the current user is head of sales.

        :param what: what is reserved, a translated phrase ("approves orders beyond authority")
        """
        if not self.browse()._cs_is_head_of_sales():
            raise AccessError(_("Only the head of sales %(what)s.", what=what))

    def _cs_head_of_sales(self, company, acting=False):
        """The head of sales this user reports to, in ``company``; empty when there is none."""
        return self.env["res.users"]._cs_heads_of_sales_for([(self, company)], acting=acting)[(self, company)]

    @api.model
    def _cs_heads_of_sales_for(self, pairs, acting=False):
        """{(user, company): head of sales} for these pairs, in a few queries for a whole batch.

        The head is the one on the user's specialist card, else the first head of sales (by id)
        working in that company; an empty user (a record without a responsible) gets the company's
        head. With ``acting``, an absent head is replaced by their deputy. The one look-up of the
        head of sales: approvals, reminders, escalations and reviews all ask it.
        """
        pairs = set(pairs)
        users = self.browse().union(*(user for user, _company in pairs))
        cards = {card.user_id: card.head_id for card in users.sudo().client_specialist_ids if card.head_id}
        heads = self.env.ref(HEAD_GROUP).sudo().users.filtered(lambda u: not u.share and u.id != SUPERUSER_ID)
        by_company = {}
        result = {}
        for user, company in pairs:
            head = cards.get(user)
            if not head and company:
                if company not in by_company:
                    by_company[company] = heads.filtered(lambda u, c=company: c in u.company_ids).sorted("id")[:1]
                head = by_company[company]
            result[(user, company)] = (head or self.browse()).sudo(False)
        if acting:
            deputies = self.browse().union(*result.values())._cs_acting_users()
            result = {pair: deputies.get(head, head) for pair, head in result.items()}
        return result
