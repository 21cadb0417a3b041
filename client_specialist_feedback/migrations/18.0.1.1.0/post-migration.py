# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The feedback terms move from system parameters to each company; the portfolio rule (noupdate)
no longer grants a record to whoever is named responsible."""

from odoo import SUPERUSER_ID, api

TERMS = {
    "client_specialist.feedback_response_days": "cs_feedback_response_days",
    "client_specialist.feedback_resolution_days": "cs_feedback_resolution_days",
    "client_specialist.claim_written_days": "cs_claim_written_days",
    "client_specialist.pattern_count": "cs_pattern_count",
    "client_specialist.pattern_days": "cs_pattern_days",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    params = env["ir.config_parameter"]
    values = {}
    for key, field in TERMS.items():
        value = params.get_param(key)
        if value not in (None, False, ""):
            values[field] = int(value)
        params.search([("key", "=", key)]).unlink()
    if values:
        env["res.company"].with_context(active_test=False).search([]).write(values)
    rule = env.ref("client_specialist_feedback.rule_feedback_portfolio", raise_if_not_found=False)
    if rule:
        rule.domain_force = "user._cs_portfolio_domain('partner_id.user_id')"
