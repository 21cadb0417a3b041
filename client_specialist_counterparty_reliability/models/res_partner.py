# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, models
from odoo.tools import format_date

from .client_specialist_reliability_assessment import LOWEST

# The registry's status, as the assessment's criterion names it.
ASSESSMENT_STATUS = {
    "active": "active",
    "reorganizing": "reorganising",
    "liquidating": "liquidation",
    "liquidated": "liquidated",
    "bankrupt": "bankrupt",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _cs_assessment_registry_values(self):
        """The registry criterion of an assessment of this client, from its last registry check."""
        self.ensure_one()
        return {
            "registry_status": ASSESSMENT_STATUS.get(self.cs_registry_status, False),
            "registry_source": self.cs_registry_source or False,
            "registry_date": self.cs_registry_checked_on or False,
        }

    def _cs_registry_checked(self):
        """The client's current assessment follows the check: a move into liquidation lowers its grade."""
        result = super()._cs_registry_checked()
        Assessment = self.env["client_specialist.reliability.assessment"].sudo()
        updates = {}
        for partner in self.sudo().filtered("cs_reliability_id"):
            assessment = partner.cs_reliability_id
            values = partner._cs_assessment_registry_values()
            changed = {
                name: value
                for name, value in values.items()
                if assessment._fields[name].convert_to_cache(value, assessment) != assessment[name]
            }
            if changed:
                updates.setdefault(tuple(sorted(changed.items())), []).append(assessment.id)
        # One write per set of values: the day's checks share their date and source.
        for values, ids in updates.items():
            assessments = Assessment.browse(ids)
            with assessments._cs_deciding():
                assessments.write(dict(values))
        return result

    def _cs_reliability_concerns(self):
        """Why the client's reliability calls for caution now, from the registry ([] when nothing does).

        For the quotation's warning: a client in liquidation or bankruptcy is named as such, whatever
        its grade.
        """
        self.ensure_one()
        partner = self.commercial_partner_id.sudo()
        if ASSESSMENT_STATUS.get(partner.cs_registry_status) not in LOWEST:
            return []
        statuses = dict(partner._fields["cs_registry_status"]._description_selection(self.env))
        return [
            _(
                "the client is %(status)s in the state registry (%(provider)s, %(date)s)",
                status=statuses[partner.cs_registry_status].lower(),
                provider=partner.cs_registry_source,
                date=format_date(self.env, partner.cs_registry_checked_on),
            )
        ]
