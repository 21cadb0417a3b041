# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

from ..models.res_partner import REGISTRY_STATUSES

SHOWN = 20  # units asked for and shown; the user types the KPP for another branch


class ClientSpecialistRegistryBranchWizard(models.TransientModel):
    """The registry has several units (the head office and branches) for one INN: the user picks one."""

    _name = "client_specialist.registry.branch.wizard"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Choose the Unit to Fill the Requisites From"

    partner_id = fields.Many2one("res.partner", string="Company", required=True, ondelete="cascade")
    line_ids = fields.One2many("client_specialist.registry.branch.line", "wizard_id", string="Units in the Registry")
    more_units = fields.Boolean(string="More Units in the Registry", readonly=True)

    @api.model
    def _cs_open(self, partner, infos):
        """The dialog listing these registry records (parsed), the head office first."""
        infos = sorted(infos, key=lambda i: (i["branch_type"] != "MAIN", i["kpp"] or "", i["address"] or ""))
        wizard = self.create(
            {
                "partner_id": partner.id,
                "more_units": len(infos) >= SHOWN,
                "line_ids": [
                    fields.Command.create(
                        {
                            "hid": info["hid"],
                            "kpp": info["kpp"],
                            "name": info["name"] or info["full_name"],
                            "branch_type": info["branch_type"] if info["branch_type"] in ("MAIN", "BRANCH") else False,
                            "address": info["address"],
                            "status": info["status"],
                        }
                    )
                    for info in infos
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Several Units in the Registry"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class ClientSpecialistRegistryBranchLine(models.TransientModel):
    _name = "client_specialist.registry.branch.line"
    _inherit = ["client_specialist.input.mixin"]
    _description = "Unit in the Registry"
    _order = "id"

    wizard_id = fields.Many2one(
        "client_specialist.registry.branch.wizard", string="Choice", required=True, ondelete="cascade"
    )
    hid = fields.Char(string="Registry Record")
    kpp = fields.Char(string="KPP")
    name = fields.Char()
    branch_type = fields.Selection([("MAIN", "Head Office"), ("BRANCH", "Branch")], string="Unit")
    address = fields.Char()
    status = fields.Selection(REGISTRY_STATUSES)

    def action_choose(self):
        """Fill the company from this unit, as the registry gives it now."""
        self.ensure_one()
        self.wizard_id.partner_id._cs_registry_fill_unit(self.kpp, self.hid, self.branch_type)
        return {"type": "ir.actions.act_window_close"}
