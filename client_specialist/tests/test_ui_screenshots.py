# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Screenshots of the key screens, in Russian, for the README and the modules' Apps pages.

Not part of the test run: with CS_SCREENSHOTS=1 it opens each screen as its user on the data of
the browser tests and saves it as static/description/<name>.png of the module the screen belongs
to, where README.md and the Apps pages show it::

    CS_SCREENSHOTS=1 make test PYTEST_ARGS="client_specialist/tests/test_ui_screenshots.py"
"""

import base64
import os
import pathlib
import time
import unittest

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools.misc import file_path

from .common_ui import ClientSpecialistUiCase

TAKE_SCREENSHOTS = bool(os.environ.get("CS_SCREENSHOTS"))
# Clicks a notebook page (by its name) once the form is there; true when the page is shown.
OPEN_PAGE = """(() => {
    const link = document.querySelector(".o_form_view .o_notebook_headers a[name='%s']");
    if (!link) { return false; }
    if (!link.classList.contains("active")) { link.click(); return false; }
    return !document.querySelector(".o_loading_indicator");
})()"""


@tagged("post_install", "-at_install", "cs_browser")
class TestScreenshots(ClientSpecialistUiCase):
    cs_russian = True
    cs_data_lang = "ru_RU"
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        if not TAKE_SCREENSHOTS:
            raise unittest.SkipTest("set CS_SCREENSHOTS=1 to capture the screenshots")
        super().setUpClass()
        cls._cs_set_lang(cls.staff | cls.user_admin, "ru_RU")

    def _screenshot(self, name, user, url, ready, then=None, module="client_specialist"):
        """Open ``url`` as ``user``, wait for ``ready`` (and ``then`` JS), save ``module``'s ``name``.png."""
        browser = ChromeBrowser(self)
        try:
            self.http_request_key = self.canonical_tag + "_browser_js"
            self.authenticate(user.login, user.login, browser=browser)
            self.http_request_strict_check = True
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(self.base_url() + url, wait_stop=True)
            self.assertTrue(browser._wait_ready(f"!!document.querySelector({ready!r})", timeout=60), url)
            if then:
                self.assertTrue(browser._wait_ready(then, timeout=30), then)
            self.assertTrue(browser._wait_ready("!document.querySelector('.o_loading_indicator')", timeout=30))
            time.sleep(1)  # let images and progress bars settle
            data = browser._websocket_request("Page.captureScreenshot", params={"format": "png"})["data"]
            path = pathlib.Path(file_path(f"{module}/static/description"), f"{name}.png")
            path.write_bytes(base64.b64decode(data))
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag

    def test_screenshots(self):
        portfolio = "/odoo/action-client_specialist.res_partner_portfolio_action"
        self._screenshot("portfolio_kanban", self.user_second, portfolio, ".o_kanban_record")
        self._screenshot(
            "client_form",
            self.user_second,
            f"{portfolio}/{self.client.id}",
            ".o_form_view .o_notebook_headers",
            then=OPEN_PAGE % "client_relations",
        )
        specialists = "/odoo/action-client_specialist.client_specialist_specialist_action"
        self._screenshot("specialists_kanban", self.user_head, specialists, ".o_kanban_record")
        self._screenshot(
            "specialist_form", self.user_head, f"{specialists}/{self.spec_second.id}", ".o_form_view .o_notebook"
        )
        if "client_specialist.disagreement" in self.env:
            self._screenshot(
                "order_to_approve",
                self.user_head,
                f"/odoo/action-client_specialist_contract.sale_order_approval_action/{self.order_to_approve.id}",
                ".o_form_view .o_field_widget[name='cs_approval_reasons']",
                module="client_specialist_contract",
            )
            self._screenshot(
                "quotation_disagreements",
                self.user_second,
                f"/odoo/action-sale.action_quotations_with_onboarding/{self.order_disagreement.id}",
                ".o_form_view .o_notebook_headers",
                then=OPEN_PAGE % "cs_disagreements",
                module="client_specialist_contract",
            )
        if "client_specialist.feedback" in self.env:
            self._screenshot(
                "claim_form",
                self.user_second,
                f"/odoo/action-client_specialist_feedback.client_specialist_feedback_action/{self.claim.id}",
                ".o_form_view .o_field_widget[name='subject']",
                module="client_specialist_feedback",
            )
