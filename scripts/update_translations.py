"""Refresh each addon's translation template and merge it into its ru.po.

    .venv/bin/python scripts/update_translations.py EXPORT_DIR MODULE [MODULE ...]

EXPORT_DIR holds a fresh export of each module, EXPORT_DIR/<module>/i18n/<module>.pot (`make
translations` writes them, one `odoo-bin --i18n-export --modules=<module>` each). For each module
with terms the template is copied to <module>/i18n/<module>.pot and merged into
<module>/i18n/ru.po: ru.po keeps its translations for unchanged strings, gains the new ones, and
drops the obsolete ones.

A new string takes the translation that the same msgid has in any ru.po of the repository, read
before anything is written; a module without a ru.po yet is seeded that way. That is how the
translations follow code that moves from one addon to another. What is left untranslated is
listed, so that it can be translated before committing.
"""

import shutil
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
METADATA = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "ru",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "",
    "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}


def _key(entry):
    return entry.msgctxt, entry.msgid, entry.msgid_plural


def _translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    return all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)


def translation_memory():
    """(msgctxt, msgid, msgid_plural) -> the translated entry, from every ru.po of the repository."""
    memory = {}
    for po_path in sorted(ROOT.glob("*/i18n/ru.po")):
        for entry in polib.pofile(str(po_path)):
            if _translated(entry):
                memory.setdefault(_key(entry), entry)
    return memory


def update(module, pot_path, memory):
    i18n = ROOT / module / "i18n"
    i18n.mkdir(exist_ok=True)
    shutil.copy(pot_path, i18n / f"{module}.pot")
    pot = polib.pofile(str(i18n / f"{module}.pot"))
    po_path = i18n / "ru.po"
    seeded = not po_path.exists()
    po = polib.pofile(str(po_path)) if not seeded else polib.POFile()
    if seeded:
        po.header, po.metadata = pot.header, dict(pot.metadata)
    po.merge(pot)
    for entry in [e for e in po if e.obsolete]:  # merge marks them; drop them outright
        po.remove(entry)
    po.metadata.update(METADATA)
    taken = 0
    for entry in po:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
        known = memory.get(_key(entry))
        if known is not None and not _translated(entry):
            entry.msgstr = known.msgstr
            entry.msgstr_plural = dict(known.msgstr_plural)
            taken += 1
    po.save(str(po_path))
    missing = [e.msgid for e in po if not _translated(e)]
    for msgid in missing:
        print(f"{module}: untranslated: {msgid!r}")
    how = "new ru.po" if seeded else "ru.po"
    print(f"{module}: {how}, {len(po)} entries, {taken} taken from other ru.po files, {len(missing)} untranslated")


def main(export_dir, modules):
    memory = translation_memory()  # before any ru.po is rewritten
    for module in modules:
        pot_path = Path(export_dir) / module / "i18n" / f"{module}.pot"
        if not pot_path.exists() or not len(polib.pofile(str(pot_path))):
            print(f"{module}: no terms to translate")
            continue
        update(module, pot_path, memory)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
