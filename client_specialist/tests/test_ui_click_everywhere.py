# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time

from odoo.tests import tagged

from .common_ui import ClientSpecialistUiCase

_logger = logging.getLogger(__name__)

CLICKBOT = "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader').startClickEverywhere('%s');"


@tagged("post_install", "-at_install", "cs_browser")
class TestClickEverywhere(ClientSpecialistUiCase):
    """Odoo's clickbot over every menu of Client Relations, as each role, in English and Russian.

    It opens each menu, switches to each view and clicks each filter; an error dialog, an error
    in the console or an error logged by the server (a failed RPC) fails the test. One class:
    the data and the Russian terms are built once, each role and language is a test of its own.
    """

    cs_russian = True

    def _click_everywhere(self, user, lang):
        self._cs_set_lang(user, lang)
        start = time.time()
        # A request that fails on the server fails the test too, dialog or not.
        with self.assertNoLogs("odoo", "ERROR"):
            self.browser_js(
                "/odoo",
                CLICKBOT % "client_specialist.menu_root",
                "odoo.isReady === true",
                login=user.login,
                timeout=600,
                success_signal="clickbot test succeeded",
            )
        _logger.info("clickbot as %s in %s: %.0f s", user.login, lang, time.time() - start)

    def test_admin_en(self):
        self._click_everywhere(self.user_admin, "en_US")

    def test_admin_ru(self):
        self._click_everywhere(self.user_admin, "ru_RU")

    def test_head_en(self):
        self._click_everywhere(self.user_head, "en_US")

    def test_head_ru(self):
        self._click_everywhere(self.user_head, "ru_RU")

    def test_specialist_deputy_of_a_planned_absence_en(self):
        # Павел: category I, on vacation, and the deputy of Максим's planned absence.
        self._click_everywhere(self.user_first, "en_US")

    def test_specialist_deputy_of_a_planned_absence_ru(self):
        self._click_everywhere(self.user_first, "ru_RU")

    def test_deputy_of_a_running_absence_en(self):
        # Анна stands in for Павел while his absence runs.
        self._click_everywhere(self.user_second, "en_US")

    def test_deputy_of_a_running_absence_ru(self):
        self._click_everywhere(self.user_second, "ru_RU")

    def test_specialist_without_category_en(self):
        self._click_everywhere(self.user_junior, "en_US")

    def test_specialist_without_category_ru(self):
        self._click_everywhere(self.user_junior, "ru_RU")
