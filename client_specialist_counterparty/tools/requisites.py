# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checks of Russian and Belarusian requisites.

Each check returns the code of the rule a number breaks, or None when it is valid; the partner
model turns the code into a translated sentence (RULES in models/res_partner.py). INN and УНП
are python-stdnum's (its pinned 1.19 has stdnum.ru.inn and stdnum.by.unp); OGRN, OGRNIP, KPP
and OKPO are not in that version and are checked here.
"""

import re

from stdnum.by import unp as by_unp
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.ru import inn as ru_inn

# Tax office (4 digits), reason for registration (2 digits or capital Latin letters since 2019),
# serial number (3 digits).
KPP_RE = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")


def inn_error(number):
    """ИНН: 10 digits for an organisation, 12 for a person; check digit(s)."""
    if not number.isdigit() or not number.isascii():
        return "digits"
    try:
        ru_inn.validate(number)
    except InvalidLength:
        return "inn_length"
    except InvalidChecksum:
        return "checksum"
    except InvalidFormat:
        return "digits"
    return None


def unp_error(number):
    """УНП of Belarus: 9 characters, a region code first, a check digit last."""
    if number != by_unp.compact(number):
        return "unp_format"  # spaces, a prefix or Cyrillic letters: stored as stdnum writes it
    try:
        by_unp.validate(number)
    except InvalidLength:
        return "unp_length"
    except InvalidComponent:
        return "unp_region"
    except InvalidChecksum:
        return "checksum"
    except InvalidFormat:
        return "unp_format"
    return None


def ogrn_error(number):
    """ОГРН (13 digits, starts with 1 or 5) or ОГРНИП (15 digits, starts with 3).

    The check digit is the last digit of the remainder of the other digits divided by 11 (ОГРН)
    or 13 (ОГРНИП). Other first digits (2, 4, 6-9) number later entries of the register (ГРН),
    not the registration itself.
    """
    if not number.isdigit() or not number.isascii():
        return "digits"
    if len(number) not in (13, 15):
        return "ogrn_length"
    if number[0] not in ("15" if len(number) == 13 else "3"):
        return "ogrn_sign"
    divisor = 11 if len(number) == 13 else 13
    if int(number[:-1]) % divisor % 10 != int(number[-1]):
        return "checksum"
    return None


def kpp_error(number):
    """КПП: 9 characters, see KPP_RE. It has no check digit."""
    return None if KPP_RE.match(number) else "kpp_format"


def okpo_check_digit(digits):
    """Rosstat's check digit of an OKPO code: weights 1, 2, 3... (after 10 they start again at 1),
    the remainder by 11; a remainder of 10 is taken again with weights starting at 3; 10 again
    gives 0."""
    for start in (1, 3):
        remainder = sum(int(d) * ((start + i - 1) % 10 + 1) for i, d in enumerate(digits)) % 11
        if remainder < 10:
            return remainder
    return 0


def okpo_error(number):
    """ОКПО: 8 digits for an organisation, 10 for a sole proprietor; the last is a check digit."""
    if not number.isdigit() or not number.isascii():
        return "digits"
    if len(number) not in (8, 10):
        return "okpo_length"
    if okpo_check_digit(number[:-1]) != int(number[-1]):
        return "checksum"
    return None
