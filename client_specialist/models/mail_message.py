# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        messages._cs_register_client_contacts()
        return messages

    def _cs_register_client_contacts(self):
        """Messages exchanged with a client (on them or their orders) and done activities are contacts."""
        contacts = self.filtered(
            lambda m: m.model in ("res.partner", "sale.order")
            and m.res_id
            and (
                m.mail_activity_type_id
                or (m.message_type in ("email", "comment") and not (m.is_internal or m.subtype_id.internal))
            )
        )
        if not contacts:
            return
        partner_ids = {m.res_id for m in contacts if m.model == "res.partner"}
        order_ids = {m.res_id for m in contacts if m.model == "sale.order"}
        orders = self.env["sale.order"].sudo().browse(order_ids).exists()
        partner_by_order = {order.id: order.partner_id for order in orders}
        partner_by_id = {p.id: p for p in self.env["res.partner"].sudo().browse(partner_ids).exists()}
        by_date = {}
        now = fields.Datetime.now()
        for message in contacts:
            if message.model == "res.partner":
                partner = partner_by_id.get(message.res_id, self.env["res.partner"])
            else:
                partner = partner_by_order.get(message.res_id, self.env["res.partner"])
            if partner:
                # A message dated in the future (its date is the sender's to give) counts today.
                day = min(message.date, now).date()
                by_date[day] = by_date.get(day, self.env["res.partner"]) | partner
        for day, day_partners in by_date.items():
            day_partners._cs_register_contact(day)
