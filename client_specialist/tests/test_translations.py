# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from pathlib import Path

import polib
from babel.messages.extract import extract

from odoo.tests import BaseCase, tagged

# The application and its feature modules sit side by side in the repository.
ADDONS = sorted(
    p.parent for p in Path(__file__).resolve().parent.parent.parent.glob("client_specialist*/__manifest__.py")
)


@tagged("post_install", "-at_install")
class TestRussianTranslation(BaseCase):
    maxDiff = None
    """Russian is the first users' language: every term of the Python code of each module is in
    that module's ru.po, translated."""

    def test_every_python_term_is_translated(self):
        self.assertGreater(len(ADDONS), 1)
        missing = []
        for addon in ADDONS:
            missing += self._missing_terms(addon)
        self.assertEqual(missing, [], "terms without a Russian translation")

    def _missing_terms(self, addon):
        catalog = polib.pofile(str(addon / "i18n" / "ru.po"))
        translated = {entry.msgid for entry in catalog.translated_entries()}
        missing = []
        for path in sorted(addon.rglob("*.py")):
            if "tests" in path.parts:
                continue
            with path.open("rb") as handle:
                # The extractor Odoo's export uses; an error here drops the file's terms silently.
                for _lineno, message, _comments, _context in extract(
                    "python", handle, keywords={"_": None, "_lt": None}
                ):
                    msgid = message[0] if isinstance(message, tuple) else message
                    if msgid and msgid not in translated:
                        missing.append(f"{path.relative_to(addon.parent)}: {msgid}")
        return missing

    def test_every_russian_term_is_in_the_template(self):
        """Odoo merges i18n/<module>.pot into ru.po when it loads it: a term the template lacks
        becomes obsolete and is not loaded, and the screen stays in English."""
        missing = []
        for addon in ADDONS:
            template = addon / "i18n" / f"{addon.name}.pot"
            if not template.exists():
                continue
            known = {entry.msgid for entry in polib.pofile(str(template))}
            catalog = polib.pofile(str(addon / "i18n" / "ru.po"))
            missing += [f"{addon.name}: {entry.msgid}" for entry in catalog if entry.msgid not in known]
        self.assertEqual(missing, [], "terms of ru.po that the module's .pot lacks (run make translations)")
