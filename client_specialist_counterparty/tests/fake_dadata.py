# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A stand-in for DaData's suggestions API on 127.0.0.1, answering in its documented shapes.

The tests point a company's DaData address at it. Each INN or OGRN (the request's ``query``) is
given the answers to send, in order (the last one repeats): a JSON body with a status, raw text,
extra headers, or a delay before answering (a timeout when longer than the client waits).
"""

import json
import threading
from datetime import date, datetime, time, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def ms(day):
    """A date as DaData gives it: milliseconds since the epoch, at UTC midnight."""
    return int(datetime.combine(date.fromisoformat(day), time(), timezone.utc).timestamp() * 1000)


def party(
    inn,
    kpp="770201001",
    ogrn="1157746123457",
    name="РОМАШКА-ОПТ",
    opf=("ООО", "Общество с ограниченной ответственностью"),
    status="ACTIVE",
    branch_type="MAIN",
    hid=None,
    director=("Смирнов Павел Андреевич", "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР"),
    address="г Москва, ул Сущёвский Вал, д 5, стр 3",
    city="Москва",
    liquidation_date=None,
    okpo="45678917",
):
    """One suggestion of findById/party for an organisation, as DaData documents it."""
    return {
        "value": f'{opf[0]} "{name}"',
        "unrestricted_value": f'{opf[0]} "{name}"',
        "data": {
            "kpp": kpp,
            "capital": None,
            "management": {"name": director[0], "post": director[1], "disqualified": None} if director else None,
            "founders": None,
            "managers": None,
            "branch_type": branch_type,
            "branch_count": 0,
            "source": None,
            "qc": None,
            "hid": hid or f"hid-{inn}-{kpp}",
            "type": "LEGAL",
            "state": {
                "status": status,
                "code": None,
                "actuality_date": ms("2026-10-01"),
                "registration_date": ms("2015-03-12"),
                "liquidation_date": ms(liquidation_date) if liquidation_date else None,
            },
            "opf": {"type": "2014", "code": "12300", "full": opf[1], "short": opf[0]},
            "name": {
                "full_with_opf": f'{opf[1].upper()} "{name}"',
                "short_with_opf": f'{opf[0]} "{name}"',
                "latin": None,
                "full": name,
                "short": name,
            },
            "inn": inn,
            "ogrn": ogrn,
            "okpo": okpo,
            "okved": "46.90",
            "address": {
                "value": address,
                "unrestricted_value": f"127018, {address}",
                "data": {
                    "postal_code": "127018",
                    "country": "Россия",
                    "region_with_type": "г Москва",
                    "city": city,
                    "street_with_type": "ул Сущёвский Вал",
                    "house_type": "д",
                    "house": "5",
                    "block_type": "стр",
                    "block": "3",
                },
            },
            "phones": None,
            "emails": None,
            "ogrn_date": ms("2015-03-12"),
            "okved_type": "2014",
            "employee_count": None,
        },
    }


def sole_proprietor(inn, ogrnip, fio=("Кузнецов", "Алексей", "Викторович"), status="ACTIVE"):
    """One suggestion for a sole proprietor (ИП): no KPP, no management, the person's name."""
    return {
        "value": f"ИП {' '.join(fio)}",
        "unrestricted_value": f"ИП {' '.join(fio)}",
        "data": {
            "kpp": None,
            "management": None,
            "branch_type": None,
            "type": "INDIVIDUAL",
            "hid": f"hid-{inn}",
            "fio": {"surname": fio[0], "name": fio[1], "patronymic": fio[2], "gender": None, "source": None},
            "state": {
                "status": status,
                "actuality_date": ms("2026-09-01"),
                "registration_date": ms("2019-05-20"),
                "liquidation_date": None,
            },
            "opf": {"type": "2014", "code": "50102", "full": "Индивидуальный предприниматель", "short": "ИП"},
            "name": {"full_with_opf": f"Индивидуальный предприниматель {' '.join(fio)}", "short_with_opf": None},
            "inn": inn,
            "ogrn": ogrnip,
            "okpo": None,
            "address": {"value": "г Казань", "unrestricted_value": "Респ Татарстан, г Казань", "data": None},
        },
    }


def found(*suggestions):
    return {"json": {"suggestions": list(suggestions)}}


NOT_FOUND = {"json": {"suggestions": []}}
BAD_KEY = {"status": 401, "json": {"family": "CLIENT_ERROR", "reason": "Unauthorized", "message": "Bad token"}}
LIMIT_REACHED = {
    "status": 403,
    "json": {"family": "CLIENT_ERROR", "reason": "Forbidden", "message": "Feature 'SUGGESTIONS' disabled"},
}
TOO_MANY = {
    "status": 429,
    "json": {"family": "CLIENT_ERROR", "reason": "Too Many Requests"},
    "headers": {"Retry-After": "0"},
}
MALFORMED = {"raw": '{"suggestions": [{"value": "ООО', "headers": {"Content-Type": "application/json"}}


class FakeDadata:
    def __init__(self):
        self.answers = {}
        self.requests = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.requests.append(
                        {"path": self.path, "authorization": self.headers.get("Authorization"), "body": body}
                    )
                    queue = fake.answers.get(body.get("query"), [NOT_FOUND])
                    answer = queue.pop(0) if len(queue) > 1 else queue[0]
                if answer.get("delay"):
                    threading.Event().wait(answer["delay"])
                payload = answer["raw"].encode() if "raw" in answer else json.dumps(answer.get("json")).encode()
                try:
                    self.send_response(answer.get("status", 200))
                    self.send_header("Content-Type", "application/json")
                    for key, value in answer.get("headers", {}).items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up waiting: that was the point

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/suggestions/api/4_1/rs"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, query, *answers):
        with self.lock:
            self.answers[query] = list(answers)

    def reset(self):
        with self.lock:
            self.answers.clear()
            self.requests.clear()

    def asked(self, query=None):
        """The request bodies received (for ``query`` only, when given)."""
        with self.lock:
            return [r["body"] for r in self.requests if query is None or r["body"].get("query") == query]
