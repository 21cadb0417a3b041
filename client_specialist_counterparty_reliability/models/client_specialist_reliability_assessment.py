# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

# The assessment's registry criterion, filled from the client's last registry check.
ASSESSMENT_REGISTRY_FIELDS = ("registry_status", "registry_source", "registry_date")
# Ended or ending: the lowest value of the criterion.
LOWEST = {"liquidation", "liquidated", "bankrupt"}


def _back_to_liquidation(assessments):
    assessments.write({"registry_status": "liquidation"})


class ClientSpecialistReliabilityAssessment(models.Model):
    _name = "client_specialist.reliability.assessment"
    _inherit = ["client_specialist.reliability.assessment", "client_specialist.decision.mixin"]
    # Only the registry fields are added as decisions; the assessment's record rules apply as the
    # reliability module has them.
    _cs_recheck_rules_after_write = False

    registry_status = fields.Selection(
        selection_add=[("liquidated", "Liquidated"), ("bankrupt", "Bankrupt")],
        ondelete={"liquidated": _back_to_liquidation, "bankrupt": _back_to_liquidation},
    )
    cs_registry_checked = fields.Boolean(
        string="From the Registry Check",
        compute="_compute_cs_registry_checked",
        help="The client is checked in the state registry: the status, its source and date come from the last check.",
    )

    @api.depends("partner_id.cs_registry_checked_on")
    def _compute_cs_registry_checked(self):
        for assessment in self:
            assessment.cs_registry_checked = bool(assessment.partner_id.sudo().cs_registry_checked_on)

    # ------------------------------------------------------------------------------------------
    # Decisions: a checked client's registry criterion is the registry's
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_decision_fields(self):
        rule = _(
            "the client is checked in the state registry: the status, its source and date come from the last "
            "check (Fill from Registry on the client, and the daily check)."
        )
        return {**super()._cs_decision_fields(), **dict.fromkeys(ASSESSMENT_REGISTRY_FIELDS, rule)}

    def _cs_decision_records(self, field_name):
        if field_name in ASSESSMENT_REGISTRY_FIELDS:
            # Clients never checked in the registry keep the criterion entered by hand.
            return self.filtered(lambda a: a.partner_id.cs_registry_checked_on)
        return super()._cs_decision_records(field_name)

    @api.model
    def _cs_decision_allowed_on_create(self, field_name, value):
        # A new assessment takes its client's last check in create(), which refuses other values.
        if field_name in ASSESSMENT_REGISTRY_FIELDS:
            return True
        return super()._cs_decision_allowed_on_create(field_name, value)

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            self._cs_check_values(vals)
            partner = Partner.browse(vals.get("partner_id")).commercial_partner_id.sudo()
            if not partner.cs_registry_checked_on:
                continue
            checked = partner._cs_assessment_registry_values()
            for name in ASSESSMENT_REGISTRY_FIELDS:
                field = self._fields[name]
                given = vals.get(name)
                if given and field.convert_to_cache(given, self) != field.convert_to_cache(checked[name], self):
                    self._cs_refuse_decision(name)
            vals.update(checked)
        return super().create(vals_list)

    # ------------------------------------------------------------------------------------------
    # The criterion
    # ------------------------------------------------------------------------------------------

    def _cs_manual_registry_status(self):
        status = self.registry_status
        labels = dict(self._fields["registry_status"]._description_selection(self.env))
        if status in LOWEST:
            value, score, label = 0.0, 0.0, labels[status]
        else:
            value, score, label = super()._cs_manual_registry_status()
            if score is None:
                return value, score, label
        liquidated_on = self.partner_id.sudo().cs_registry_liquidation_date if self.cs_registry_checked else None
        if status == "liquidated" and liquidated_on:
            label = _("%(status)s on %(date)s", status=label, date=fields.Date.to_string(liquidated_on))
        if self.registry_source:
            label = _("%(status)s (%(provider)s)", status=label, provider=self.registry_source)
        return value, score, label
