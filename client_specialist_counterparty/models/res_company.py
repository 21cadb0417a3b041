# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.dadata import DEFAULT_BASE_URL, DadataClient


class ResCompany(models.Model):
    _inherit = "res.company"

    # Per company: each company has its own DaData account (and its own daily limit).
    cs_dadata_api_key = fields.Char(
        string="DaData API Key",
        groups="base.group_system",
        copy=False,
        help="The API key of the company's DaData account (dadata.ru, Profile > API keys).",
    )
    cs_dadata_base_url = fields.Char(
        string="DaData Address",
        groups="base.group_system",
        default=DEFAULT_BASE_URL,
        help="Where DaData's suggestions API answers; change it only for a DaData server of your own.",
    )

    @api.constrains("cs_dadata_base_url")
    def _check_cs_dadata_base_url(self):
        for company in self.sudo():
            url = (company.cs_dadata_base_url or "").strip()
            if url and not url.startswith(("https://", "http://")):
                raise ValidationError(
                    _(
                        "%(company)s: the DaData address must start with https:// (DaData Address).",
                        company=company.name,
                    )
                )

    def _cs_registry_client(self):
        """A client of DaData's party API with this company's key; a clear refusal without one."""
        self.ensure_one()
        company = self.sudo()
        if not (company.cs_dadata_api_key or "").strip():
            raise UserError(
                _(
                    "The registry is not configured for %(company)s: an administrator enters the DaData "
                    "API key in Client Relations > Configuration > Settings > Counterparties.",
                    company=company.name,
                )
            )
        params = self.env["ir.config_parameter"].sudo()
        return DadataClient(
            company.cs_dadata_base_url or DEFAULT_BASE_URL,
            company.cs_dadata_api_key.strip(),
            timeout=_number(params.get_param("client_specialist_counterparty.timeout"), 10.0),
            retries=int(_number(params.get_param("client_specialist_counterparty.retries"), 3)),
            backoff=_number(params.get_param("client_specialist_counterparty.backoff"), 1.0),
        )


def _number(text, default):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return default
    return value if value >= 0 else default
