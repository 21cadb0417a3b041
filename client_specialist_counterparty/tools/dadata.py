# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""DaData's party API (https://dadata.ru/api/find-party/): a company or sole proprietor by INN or OGRN.

requests, which Odoo already has: DaData's own Python client (``dadata`` on PyPI) needs httpx,
which is not among Odoo's requirements. One session per run: DaData refuses more than 60 new
connections a minute from one address, so requests are sent over kept-alive connections.
"""

import json
import logging
import time
from datetime import datetime, timezone

import requests

_logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://suggestions.dadata.ru/suggestions/api/4_1/rs"
SOURCE = "DaData"
STATUSES = ("ACTIVE", "LIQUIDATING", "LIQUIDATED", "BANKRUPT", "REORGANIZING")


class RegistryError(Exception):
    """The registry did not answer usefully.

    :param kind: ``auth`` (401/403: the key is refused, or the day's requests are used up),
        ``rate`` (429 after the retries), ``unavailable`` (timeout, connection, 5xx),
        ``answer`` (not the documented JSON), ``request`` (another 4xx: our request was refused)
    """

    def __init__(self, kind, status=None, detail=""):
        super().__init__(f"{kind} {status or ''} {detail}".strip())
        self.kind = kind
        self.status = status
        self.detail = detail


class DadataClient:
    """findById/party over one HTTP session.

    :param timeout: seconds to wait for an answer
    :param retries: how many times a 429 (too many requests) or a 5xx is tried again
    :param backoff: seconds before the first retry, doubled each time; a Retry-After header wins,
        up to ``max_wait``
    """

    def __init__(self, base_url, api_key, timeout=10.0, retries=3, backoff=1.0, max_wait=30.0):
        self.url = f"{(base_url or DEFAULT_BASE_URL).rstrip('/')}/findById/party"
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Token {api_key}",
            }
        )

    def close(self):
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def find_party(self, query, kpp=None, branch_type=None, count=20):
        """The registry's records for an INN or OGRN: the head office and its branches, or the
        one branch with ``kpp``. A list of suggestions (``{"value": ..., "data": {...}}``),
        empty when nothing is found."""
        body = {"query": query, "count": count}
        if kpp:
            body["kpp"] = kpp
        if branch_type:
            body["branch_type"] = branch_type
        payload = json.dumps(body, ensure_ascii=False).encode()
        for attempt in range(self.retries + 1):
            try:
                response = self.session.post(self.url, data=payload, timeout=self.timeout)
            except requests.Timeout as error:
                raise RegistryError("unavailable", detail="timeout") from error
            except requests.RequestException as error:
                raise RegistryError("unavailable", detail=type(error).__name__) from error
            status = response.status_code
            if status in (401, 403):
                raise RegistryError("auth", status, _message(response))
            if status == 429 or status >= 500:
                if attempt == self.retries:
                    raise RegistryError("rate" if status == 429 else "unavailable", status)
                wait = self._wait(response, attempt)
                _logger.info("DaData answered %s; trying again in %.2f s", status, wait)
                time.sleep(wait)
                continue
            if status != 200:
                raise RegistryError("request", status, _message(response))
            return _suggestions(response)
        raise RegistryError("unavailable")  # not reached: the loop returns or raises

    def _wait(self, response, attempt):
        header = response.headers.get("Retry-After", "")
        if header.strip().isdigit():
            return min(float(header), self.max_wait)
        return min(self.backoff * 2**attempt, self.max_wait)


def _message(response):
    try:
        return str(response.json().get("message") or "")[:200]
    except ValueError:
        return response.text[:200]


def _suggestions(response):
    try:
        answer = response.json()
    except ValueError as error:
        raise RegistryError("answer", 200, "not JSON") from error
    suggestions = answer.get("suggestions") if isinstance(answer, dict) else None
    if not isinstance(suggestions, list) or not all(
        isinstance(s, dict) and isinstance(s.get("data"), dict) for s in suggestions
    ):
        raise RegistryError("answer", 200, "no suggestions list")
    return suggestions


def _date(milliseconds):
    """DaData gives dates as milliseconds since the epoch (UTC midnight)."""
    if isinstance(milliseconds, bool) or not isinstance(milliseconds, int | float):
        return None
    return datetime.fromtimestamp(milliseconds / 1000, timezone.utc).date()


def _text(value):
    return value.strip() if isinstance(value, str) and value.strip() else None


def _get(mapping, *path):
    for key in path:
        mapping = mapping.get(key) if isinstance(mapping, dict) else None
    return mapping


def parse_party(suggestion):
    """The requisites and status of one suggestion, in plain values (None where the registry is silent)."""
    data = suggestion["data"]
    status = _text(_get(data, "state", "status"))
    if status not in STATUSES:
        raise RegistryError("answer", 200, f"unknown status {status!r}")
    individual = data.get("type") == "INDIVIDUAL"
    fio = data.get("fio") if isinstance(data.get("fio"), dict) else {}
    person = " ".join(filter(None, (_text(fio.get(k)) for k in ("surname", "name", "patronymic"))))
    address = _get(data, "address") or {}
    parts = _get(address, "data") or {}
    return {
        "hid": _text(data.get("hid")),
        "type": "INDIVIDUAL" if individual else "LEGAL",
        "branch_type": _text(data.get("branch_type")),
        "inn": _text(data.get("inn")),
        "kpp": _text(data.get("kpp")),
        "ogrn": _text(data.get("ogrn")),
        "okpo": _text(data.get("okpo")),
        "legal_form": _text(_get(data, "opf", "short")),
        "name": _text(_get(data, "name", "short_with_opf")) or _text(suggestion.get("value")),
        "full_name": _text(_get(data, "name", "full_with_opf")) or _text(suggestion.get("value")),
        "director_name": _text(_get(data, "management", "name")) or (person if individual else None),
        "director_title": _text(_get(data, "management", "post")),
        "address": _text(address.get("unrestricted_value")) or _text(address.get("value")),
        "zip": _text(parts.get("postal_code")),
        "city": _text(parts.get("city")) or _text(parts.get("settlement")) or _text(parts.get("region")),
        "street": ", ".join(
            filter(
                None,
                (
                    _text(parts.get("street_with_type")),
                    " ".join(filter(None, (_text(parts.get("house_type")), _text(parts.get("house"))))),
                    " ".join(filter(None, (_text(parts.get("block_type")), _text(parts.get("block"))))),
                ),
            )
        )
        or None,
        "status": status.lower(),
        "registration_date": _date(_get(data, "state", "registration_date")),
        "actuality_date": _date(_get(data, "state", "actuality_date")),
        "liquidation_date": _date(_get(data, "state", "liquidation_date")),
    }
