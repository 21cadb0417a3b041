# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class ClientSpecialistResult(models.Model):
    _inherit = "client_specialist.result"

    @api.model
    def _cs_obligations_on_time_sql(self):
        return SQL(
            """
            SELECT o.user_id, date_trunc('month', o.date_due)::date AS month,
            100.0 * count(*) FILTER (WHERE o.is_on_time) / count(*) AS rate
            FROM client_specialist_obligation o
            WHERE o.party = 'company' AND o.state IN ('done', 'overdue')
            GROUP BY 1, 2
            """
        )

    @api.model
    def _cs_indicator_obligations_on_time(self, users, date_from, date_to):
        """Share (%) of our obligations due in the period that were met on time, per user id.

        Our obligations (the company's side) with their due date in the period and fulfilled or
        overdue, by the responsible user.
        """
        groups = (
            self.env["client_specialist.obligation"]
            .sudo()
            ._read_group(
                [
                    ("party", "=", "company"),
                    ("state", "in", ("done", "overdue")),
                    ("user_id", "in", users.ids),
                    ("date_due", ">=", date_from),
                    ("date_due", "<=", date_to),
                ],
                ["user_id", "is_on_time"],
                ["__count"],
            )
        )
        totals = {}
        for user, on_time, count in groups:
            total = totals.setdefault(user.id, [0, 0])
            total[0] += count
            total[1] += count if on_time else 0
        return {user_id: 100.0 * kept / count for user_id, (count, kept) in totals.items()}
