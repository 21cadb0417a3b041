# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class ClientSpecialistResult(models.Model):
    _inherit = "client_specialist.result"

    @api.model
    def _cs_claims_in_time_sql(self):
        return SQL(
            """
            SELECT f.user_id, date_trunc('month', f.date_resolved)::date AS month,
            avg(f.resolved_on_time)::float AS rate
            FROM client_specialist_feedback f
            WHERE f.type = 'claim' AND f.state IN ('resolved', 'closed') AND f.date_resolved IS NOT NULL
            GROUP BY 1, 2
            """
        )

    @api.model
    def _cs_indicator_claims_in_time(self, users, date_from, date_to):
        """Share (%) of the claims closed in the period that were resolved within their deadline.

        Claims count here when resolved in the period; ``resolved_on_time`` is 100 or 0 per claim.
        """
        groups = (
            self.env["client_specialist.feedback"]
            .sudo()
            ._read_group(
                [
                    ("type", "=", "claim"),
                    ("state", "in", ("resolved", "closed")),
                    ("user_id", "in", users.ids),
                    ("date_resolved", ">=", date_from),
                    ("date_resolved", "<=", date_to),
                ],
                ["user_id"],
                ["resolved_on_time:avg"],
            )
        )
        return {user.id: rate for user, rate in groups}
