"""Refresh the addon's translation template and merge it into ru.po.

    .venv/bin/python scripts/update_translations.py POT_FILE

POT_FILE is a fresh export (`make pot` writes it). The template is copied to
client_specialist/i18n/client_specialist.pot; ru.po keeps its translations for unchanged
strings, gains the new ones untranslated, and drops the obsolete ones. The untranslated ones
are listed so that they can be translated before committing.
"""

import shutil
import sys
from pathlib import Path

import polib

I18N = Path(__file__).resolve().parent.parent / "client_specialist" / "i18n"


def main(pot_path):
    shutil.copy(pot_path, I18N / "client_specialist.pot")
    pot = polib.pofile(str(I18N / "client_specialist.pot"))
    po_path = I18N / "ru.po"
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.merge(pot)
    po.obsolete_entries()  # merge marks them; drop them outright
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    po.metadata.update(
        {
            "Project-Id-Version": "Odoo Server 18.0",
            "Language": "ru",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
            "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);",
        }
    )
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
    po.save(str(po_path))
    missing = [e.msgid for e in po if not e.msgstr]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(po)} entries, {len(missing)} untranslated")


if __name__ == "__main__":
    main(sys.argv[1])
