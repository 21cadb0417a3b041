# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..models.client_specialist_feedback import FEEDBACK_TYPES, PORTAL_TYPES

MAX_TEXT = 5000
BACK_OFFICE = "/odoo/action-client_specialist_feedback.client_specialist_feedback_action"


class ClientSpecialistPortal(CustomerPortal):
    """Clients send requirements, suggestions and claims from /my and follow them there.

    These pages are the clients': an internal user is sent to the back office, where the rules of
    their portfolio apply, and never creates feedback here.
    """

    @staticmethod
    def _cs_is_client():
        return request.env.user._is_portal()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "feedback_count" in counters:
            Feedback = request.env["client_specialist.feedback"]
            values["feedback_count"] = (
                Feedback.search_count([]) if self._cs_is_client() and Feedback.has_access("read") else 0
            )
        return values

    @http.route(["/my/feedback", "/my/feedback/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_feedback(self, page=1, **kw):
        if not self._cs_is_client():
            return request.redirect(BACK_OFFICE)
        Feedback = request.env["client_specialist.feedback"]  # record rules keep it to their company
        count = Feedback.search_count([])
        pager = portal_pager(url="/my/feedback", total=count, page=page, step=self._items_per_page)
        records = Feedback.search(
            [], order="date_received desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update({"feedbacks": records, "pager": pager, "page_name": "feedback", "default_url": "/my/feedback"})
        return request.render("client_specialist_feedback.portal_my_feedback", values)

    @http.route(["/my/feedback/<int:feedback_id>"], type="http", auth="user", website=True)
    def portal_feedback_page(self, feedback_id, access_token=None, **kw):
        if not self._cs_is_client():
            return request.redirect(f"{BACK_OFFICE}/{int(feedback_id)}")
        try:
            feedback_sudo = self._document_check_access("client_specialist.feedback", feedback_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"feedback": feedback_sudo, "page_name": "feedback"})
        return request.render("client_specialist_feedback.portal_feedback_page", values)

    @http.route(["/my/feedback/new"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_feedback_new(self, **post):
        if not self._cs_is_client():
            raise Forbidden(_("Feedback is recorded in the back office by the client's specialist."))
        partner = request.env.user.partner_id.commercial_partner_id
        orders = request.env["sale.order"].search([("state", "=", "sale")], order="date_order desc", limit=50)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "feedback",
                "orders": orders,
                "types": [(key, label) for key, label in FEEDBACK_TYPES if key in PORTAL_TYPES],
                "error": {},
                "post": post,
            }
        )
        if request.httprequest.method != "POST":
            return request.render("client_specialist_feedback.portal_feedback_new", values)
        vals, error = self._cs_validate_feedback(post, partner)
        if error:
            values["error"] = error
            return request.render("client_specialist_feedback.portal_feedback_new", values)
        # Portal users may not create feedback over RPC: this form is their one way, with values
        # checked above (their own company, their own order, a portal type); the model keeps the
        # description as plain text because a portal user sends it.
        feedback = request.env["client_specialist.feedback"].sudo().create(vals)
        feedback.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        return request.redirect(f"/my/feedback/{feedback.id}")

    def _cs_validate_feedback(self, post, partner):
        """Values for a new feedback from what the portal user sent, or the errors by field."""
        error = {}
        feedback_type = post.get("type")
        if feedback_type not in PORTAL_TYPES:
            error["type"] = _("Choose what you are sending.")
        subject = (post.get("subject") or "").strip()
        if not subject:
            error["subject"] = _("Give it a short subject.")
        elif len(subject) > 200:
            error["subject"] = _("The subject is too long (200 characters at most).")
        description = (post.get("description") or "").strip()
        if not description:
            error["description"] = _("Describe your request.")
        elif len(description) > MAX_TEXT:
            error["description"] = _("The description is too long (5000 characters at most).")
        order = request.env["sale.order"]
        if post.get("order_id"):
            try:
                order_id = int(post["order_id"])
            except ValueError:
                order_id = 0
            # Searched with the portal user's rights: only their own orders are found.
            order = request.env["sale.order"].search([("id", "=", order_id)], limit=1)
            if not order:
                error["order_id"] = _("This order is not one of yours.")
        if error:
            return {}, error
        return {
            "type": feedback_type,
            "subject": subject,
            "description": description,
            "partner_id": partner.id,
            "contact_id": request.env.user.partner_id.id,
            "order_id": order.id,
            "in_writing": feedback_type == "claim",
            "medium_id": request.env.ref("utm.utm_medium_website").id,
            "company_id": (order.company_id or partner.company_id or request.env.company).id,
        }, {}
