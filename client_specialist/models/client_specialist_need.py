# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ClientSpecialistNeed(models.Model):
    """A need of a client or prospect, as analysed by the specialist (clauses 2.2, 2.6)."""

    _name = "client_specialist.need"
    _description = "Client Need"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "client_specialist.input.mixin"]
    _order = "priority desc, date_identified desc, id desc"

    name = fields.Char(string="Need", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    user_id = fields.Many2one(related="partner_id.user_id", store=True, string="Specialist", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    description = fields.Html()
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        string="Level",
        default="1",
        tracking=True,
    )
    product_category_id = fields.Many2one(
        "product.category", string="Direction", tracking=True, help="The range of products the need is about."
    )
    date_identified = fields.Date(string="Identified On", default=fields.Date.context_today, required=True)
    expected_volume = fields.Monetary(help="What the client may spend on it, as far as it is known.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [
            ("new", "New"),
            ("analysis", "Under Analysis"),
            ("offered", "Offered"),
            ("satisfied", "Satisfied"),
            ("dropped", "Dropped"),
        ],
        default="new",
        required=True,
        tracking=True,
        group_expand="_read_group_state",
    )
    sale_order_ids = fields.Many2many(
        "sale.order",
        "client_specialist_need_sale_order_rel",
        "need_id",
        "order_id",
        string="Quotations",
        help="The quotations that answer this need.",
        check_company=True,
    )
    sale_order_count = fields.Integer(compute="_compute_sale_order_count")

    def _compute_sale_order_count(self):
        for need in self:
            need.sale_order_count = len(need.sale_order_ids)

    @api.model
    def _read_group_state(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.constrains("partner_id", "sale_order_ids")
    def _check_orders_partner(self):
        for need in self:
            foreign = need.sale_order_ids.filtered(
                lambda o, n=need: o.partner_id.commercial_partner_id != n.partner_id.commercial_partner_id
            )
            if foreign:
                raise ValidationError(
                    _(
                        "Need %(need)s belongs to %(client)s; quotation %(order)s is for another client.",
                        need=need.name,
                        client=need.partner_id.display_name,
                        order=foreign[0].name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        needs = super().create(vals_list)
        needs._cs_follow_orders()
        return needs

    def write(self, vals):
        result = super().write(vals)
        if "sale_order_ids" in vals:
            self._cs_follow_orders()
        return result

    def _cs_follow_orders(self):
        """A need answered by a quotation is offered; by a confirmed order, satisfied."""
        for need in self.filtered(lambda n: n.state in ("new", "analysis", "offered") and n.sale_order_ids):
            confirmed = any(order.state == "sale" for order in need.sale_order_ids)
            new_state = "satisfied" if confirmed else "offered"
            if need.state != new_state:
                need.state = new_state

    def action_analyse(self):
        self.write({"state": "analysis"})
        return True

    def action_drop(self):
        self.write({"state": "dropped"})
        return True

    def action_reopen(self):
        self.write({"state": "analysis"})
        return True

    def action_new_quotation(self):
        """Prepare a quotation addressed to this need."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Quotation"),
            "res_model": "sale.order",
            "view_mode": "form",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_cs_need_ids": [(6, 0, self.ids)],
            },
        }

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_quotations_with_onboarding")
        action["domain"] = [("id", "in", self.sale_order_ids.ids)]
        action["context"] = {"default_partner_id": self.partner_id.id, "default_cs_need_ids": [(6, 0, self.ids)]}
        return action
