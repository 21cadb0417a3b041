# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.addons.client_specialist.tests.common_ui import ClientSpecialistUiCase
from odoo.tests import new_test_user, tagged

SUBJECT = "Повреждённая упаковка при доставке"


@tagged("post_install", "-at_install", "cs_browser")
class TestFeedbackTours(ClientSpecialistUiCase):
    """A claim from the client's portal to its rating on the claim (tours in static/tests/tours/)."""

    cs_feature_data = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="ui_portal_client",
            password="ui_portal_client",
            groups="base.group_portal",
            partner_id=cls.client_contact.id,
        )
        cls.Feedback = cls.env["client_specialist.feedback"]

    def _check_claim_from_portal(self):
        claim = self.Feedback.search([("partner_id", "=", self.client.id)])
        self.assertRecordValues(
            claim,
            [
                {
                    "type": "claim",
                    "subject": SUBJECT,
                    "contact_id": self.client_contact.id,
                    "user_id": self.user_second.id,
                    "in_writing": True,
                    "state": "new",
                }
            ],
        )
        self.assertIn("Две паллеты из пяти", claim.description)
        return claim

    def test_portal_user_sends_a_claim_from_the_form(self):
        self.start_tour("/my/feedback", "client_specialist_feedback_portal_claim_tour", login=self.portal_user.login)
        self._check_claim_from_portal()

    def _post_claim_as_portal_user(self):
        """What the portal form sends, as the portal user, through the same route."""
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open("/my/feedback/new").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            "/my/feedback/new",
            data={
                "csrf_token": token,
                "type": "claim",
                "subject": SUBJECT,
                "description": "Две паллеты из пяти пришли с порванной плёнкой.",
                "order_id": "",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.logout()

    def test_claim_answered_resolved_and_rated(self):
        self._post_claim_as_portal_user()
        claim = self._check_claim_from_portal()

        self.start_tour(
            "/odoo/action-client_specialist_feedback.client_specialist_feedback_action",
            "client_specialist_feedback_resolve_tour",
            login=self.user_second.login,
        )
        self.assertEqual(claim.state, "resolved")
        self.assertIn("Мы заменим две паллеты", claim.resolution)
        self.assertEqual(claim.corrective_action, "Замена двух паллет.")
        self.assertTrue(claim.date_responded)

        # The satisfaction request went to the contact who wrote, with the links to rate.
        request = self.env["mail.mail"].search(
            [("model", "=", claim._name), ("res_id", "=", claim.id), ("body_html", "ilike", "/rate/")]
        )
        self.assertEqual(request.recipient_ids, self.client_contact)
        link = re.search(r'href="[^"]*(/rate/[^/"]+/5)"', request.body_html).group(1)

        self.start_tour(link, "client_specialist_feedback_rate_tour", login=self.portal_user.login)
        claim.invalidate_recordset()
        self.assertEqual(claim.rating_last_value, 5)
        self.assertEqual(claim.rating_last_feedback, "Быстро и по делу, спасибо.")

        self.start_tour(
            f"/odoo/action-client_specialist_feedback.client_specialist_feedback_action/{claim.id}",
            "client_specialist_feedback_rating_shown_tour",
            login=self.user_second.login,
        )
