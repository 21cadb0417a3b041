"""Print the Python requirements of an Odoo source tree, fitted to this interpreter.

    python odoo_requirements.py ODOO_SRC/requirements.txt

Odoo pins some packages by Python version; the pins meant for Python < 3.12 no longer all build
(cbor2 5.4.2), while the Python >= 3.12 pins install and run on 3.10 and 3.11 too. So markers are
evaluated as if the interpreter were at least 3.12. python-ldap is left out: it needs LDAP headers
and only serves auth_ldap. Windows-only lines drop out through their own markers.
"""

import sys

from packaging.requirements import Requirement

SKIP = {"python-ldap"}


def main(path):
    env = {"python_version": max("{}.{}".format(*sys.version_info[:2]), "3.12", key=_version_key)}
    env["python_full_version"] = env["python_version"] + ".0"
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            req = Requirement(line)
            if req.name.lower() in SKIP:
                continue
            if req.marker and not req.marker.evaluate(env):
                continue
            req.marker = None
            print(req)


def _version_key(text):
    return tuple(int(part) for part in text.split("."))


if __name__ == "__main__":
    main(sys.argv[1])
