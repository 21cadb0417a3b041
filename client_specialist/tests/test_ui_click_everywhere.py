# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common_ui import ClientSpecialistUiCase

_logger = logging.getLogger(__name__)

CLICKBOT = "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader').startClickEverywhere('%s');"


@tagged("post_install", "-at_install", "cs_browser")
class TestClickEverywhere(ClientSpecialistUiCase):
    """Odoo's clickbot over every menu of Client Relations, as each role, in English and Russian.

    It opens each menu, switches to each view and clicks each filter; an error dialog, an error
    in the console or an error logged by the server (a failed RPC) fails the test. One class:
    the data and the Russian terms are built once, each role and language is a test of its own.
    The clickbot opens no record: ``test_forms_as_each_role`` reads the forms.
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

    # What the clickbot does not do: open a record's form from every menu, as each role. Server
    # side, the way the web client reads a form (the form view's fields, many2one names, the
    # lines of its one2many lists), so that a field a role may not read fails here.

    @staticmethod
    def _form_spec(model, models, lines=True):
        spec = {"display_name": {}}  # the breadcrumbs' name
        for name, field in models[model]["fields"].items():
            if field["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif field["type"] not in ("one2many", "many2many"):
                spec[name] = {}
            elif lines and field["relation"] in models:
                spec[name] = {"fields": TestClickEverywhere._form_spec(field["relation"], models, lines=False)}
        return spec

    def _window_actions(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        todo = [self.env.ref("client_specialist.menu_root").id]
        actions = []
        while todo:
            menu = menus[todo.pop()]
            todo += menu["children"]
            if menu["action"] and menu["action"].startswith("ir.actions.act_window,"):
                actions.append(self.env["ir.actions.act_window"].browse(int(menu["action"].split(",")[1])))
        return actions

    def _open_forms(self, user):
        """Read the forms of the first records of each menu as ``user``: {(model, view): error or None}."""
        results = {}
        for action in self._window_actions(user):
            if "form" not in action.view_mode.split(","):
                continue
            form_view = next((view.view_id for view in action.view_ids if view.view_mode == "form"), None)
            key = (action.res_model, form_view.id if form_view else False)
            if key in results:
                continue
            evaluation = {"uid": user.id, "company_ids": user.company_ids.ids, "context_today": lambda: self.today}
            context = safe_eval(action.context or "{}", evaluation)
            Model = self.env[action.res_model].with_user(user)
            Model = Model.with_context(**{k: v for k, v in context.items() if not k.startswith("search_default")})
            records = Model.search(safe_eval(action.domain or "[]", evaluation), limit=3)
            if not records:
                continue
            try:
                with self.env.cr.savepoint():
                    views = records.get_views([(key[1], "form")])
                    self.env.invalidate_all()
                    records.web_read(self._form_spec(action.res_model, views["models"]))
                results[key] = None
            except Exception as error:  # every failure is reported with its form
                results[key] = f"{action.name} ({action.res_model}): {error}"
        return results

    def test_forms_as_each_role(self):
        failures = []
        for user in (self.user_admin, self.user_head, self.user_first, self.user_second, self.user_junior):
            results = self._open_forms(user)
            _logger.info("forms read as %s: %s", user.login, len(results))
            self.assertGreater(len(results), 5, f"{user.login} opens the forms of the menus")
            failures += [f"{user.login}: {error}" for error in results.values() if error]
        self.assertFalse(failures, "\n".join(failures))
