"""The people of `make load`, clicking through the web client's own routes (Locust, see load/run.py).

Specialists open and list their portfolio, open a client, send a message, schedule and mark done
an activity, create and confirm a quotation, resolve a claim; heads of sales approve orders beyond
authority, waive obligations and open reports; portal clients submit and read claims at
/my/feedback. Every click is a measured "action" (request type ACTION in Locust's statistics),
made of the JSON-RPC requests the web client sends for it; users think between clicks.

Every write carries a marker (``<run>-<n>``) that the reconciliation (load/reconcile.py) looks for
in the database. Before a write is sent its marker goes to the journal as "sent"; after, its
outcome as "ok" (the user was told it worked) or "failed" (the user saw an error). An entry with
no outcome (connection broken, HTTP 5xx, run stopped) is "unknown": it must be there once or not
at all, never half.

The run is described by the JSON file in $CS_LOAD_PLAN (written by run.py): logins per role,
action ids, products, the run's marker prefix, where the journal and the summary go.
"""

import contextlib
import functools
import itertools
import json
import math
import os
import random
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime, timedelta

import gevent
from locust import FastHttpUser, HttpUser, between, events, task

PLAN = json.loads(open(os.environ["CS_LOAD_PLAN"], encoding="utf-8").read())
THINK = tuple(PLAN.get("think", (2.0, 8.0)))  # seconds between two clicks of one person

# What the people click: the web client's actions (by XML id, resolved to ids by run.py) and the
# buttons they press. Method names of the addon change here only.
ACTIONS = {
    # An action's own search_default_* filters apply, as in the web client; "filters" adds others.
    "portfolio": {"action": "res_partner_portfolio_action"},
    "quotations": {"action": "action_quotations_with_onboarding", "filters": ["my_quotation"]},
    "confirm": ("sale.order", "action_confirm"),
    "claims": {"action": "client_specialist_feedback_action"},
    "claim_start": ("client_specialist.feedback", "action_start"),
    "claim_resolve": ("client_specialist.feedback", "action_resolve"),
    "approvals": {"action": "sale_order_approval_action"},
    "approve": ("sale.order", "action_cs_approve"),
    "obligations": {"action": "client_specialist_obligation_action"},
    # Waiving asks why: the button opens the reason wizard, whose button waives.
    "waive_open": ("client_specialist.obligation", "action_waive"),
    "waive_wizard": {
        "model": "client_specialist.obligation.waive.wizard",
        "records": "obligation_ids",
        "reason": "reason",
        "button": "action_waive",
    },
    "reports": [
        {"action": "client_specialist_obligation_action_pivot"},
        {"action": "client_specialist_result_action"},
        {"action": "client_specialist_feedback_action_analysis"},
    ],
    "activity_type": "mail.mail_activity_data_call",
}
# Errors that two people (or a person and a cron) writing at once cause, which a retry would absorb.
CONFLICTS = (
    "SerializationFailure",
    "could not serialize",
    "concurrent update",
    "LockNotAvailable",
    "Deadlock",
    "cannot follow twice the same object",  # mail_followers' unique key, met by two inserts at once
)
USER_ERRORS = ("UserError", "ValidationError", "AccessError", "MissingError", "RedirectWarning", "AccessDenied")

ERRORS = Counter()  # (kind, action) -> count, written to the summary at the end
NOTHING = Counter()  # action -> times there was nothing to do (an empty queue)
TIMINGS = []  # (time, action, ms, failed): the runner's percentiles once everybody is in
_markers = itertools.count(1)
_rpc_ids = itertools.count(1)
_journal = open(PLAN["journal"], "a", encoding="utf-8")


def marker():
    return f"{PLAN['run']}-{next(_markers):06d}"


def journal(**entry):
    entry["t"] = round(time.time(), 3)
    _journal.write(json.dumps(entry) + "\n")
    _journal.flush()


@contextlib.contextmanager
def journaled(kind, mark, **sent):
    """A write journaled as sent, then as told succeeded (with what the block adds to ``told``) or failed."""
    journal(kind=kind, marker=mark, state="sent", **sent)
    told = {}
    try:
        yield told
    except Failed as exc:
        journal(kind=kind, marker=mark, state=outcome(exc), error=exc.kind)
        raise
    journal(kind=kind, marker=mark, state="ok", **told)


def check_status(response, detail, expect=200):
    """A refused connection, a 5xx or any status but the one expected fails the request, by kind."""
    if not response.status_code:
        response.failure(f"connection: {response.error}")
        raise Failed("connection", str(response.error))
    if response.status_code >= 500:
        response.failure(f"http_5xx: {response.status_code}")
        raise Failed("http_5xx", str(response.status_code))
    if response.status_code != expect:
        response.failure(f"http_{response.status_code}")
        raise Failed(f"http_{response.status_code}", detail)


class Failed(Exception):
    """The user saw an error (kind: http_5xx, conflict, user_error, server_error, connection...)."""

    def __init__(self, kind, message):
        super().__init__(f"{kind}: {message}")
        self.kind = kind


class Nothing(Exception):
    """Nothing to do (an empty queue): the click is not made."""


def classify(error):
    data = error.get("data") or {}
    text = f"{data.get('name', '')} {data.get('message', '')} {error.get('message', '')}"
    if any(word in text for word in CONFLICTS):
        return "conflict"
    if "SessionExpired" in text:
        return "session_expired"
    if any(word in data.get("name", "") for word in USER_ERRORS):
        return "user_error"
    return "server_error"


def flow(function):
    """A task: a person's sequence of clicks, given up at the first error or empty queue."""

    @functools.wraps(function)
    def run(self):
        try:
            function(self)
        except Nothing:
            pass
        except Failed as exc:
            if exc.kind == "session_expired":
                self.on_start()

    return run


# --- reading the views as the web client does --------------------------------------------------


def field_spec(node, fields, models, relation_of=None):
    """The web client's specification for the <field> nodes under ``node`` (not inside another field)."""
    spec = {}

    def walk(element):
        for child in element:
            if child.tag == "field":
                name = child.get("name")
                meta = fields.get(name)
                if meta is None:
                    continue
                kind = meta.get("type")
                if kind == "many2one":
                    spec[name] = {"fields": {"display_name": {}}}
                elif kind in ("one2many", "many2many"):
                    sub = next((c for c in child if c.tag in ("list", "tree", "kanban")), None)
                    sub_fields = (models.get(meta.get("relation")) or {}).get("fields", {})
                    if sub is not None and sub_fields:
                        spec[name] = {"fields": field_spec(sub, sub_fields, models), "limit": 40}
                    else:
                        spec[name] = {"fields": {"display_name": {}}}
                else:
                    spec[name] = {}
            else:
                walk(child)

    walk(node)
    return spec


def evaluate(text, uid):
    """A domain or context from an action or a filter, as the web client evaluates it (or None)."""
    if not text:
        return None
    if not isinstance(text, str):
        return text
    today = date.today()
    names = {
        "uid": uid,
        "True": True,
        "False": False,
        "None": None,
        "context_today": lambda: today,
        "datetime": datetime,
        "time": time,
        "context": {},
        "allowed_company_ids": [1],
    }
    try:
        return eval(text, {"__builtins__": {}}, names)
    except Exception:  # relativedelta and the like: this filter is left out, as said in README
        return None


class Odoo(FastHttpUser):
    """One person with a browser: a session, the views it has loaded, a think time."""

    abstract = True
    connection_timeout = 60.0
    network_timeout = 300.0
    wait_time = between(*THINK)
    role = ""
    shared_queue = False

    def on_start(self):
        logins = PLAN["logins"][self.role]
        index = self.index = getattr(self, "index", None) or next(type(self)._counter)
        self.login = logins[index % len(logins)]
        # Queues (claims, approvals, waivers) are shared out among the sessions of one role so that
        # two people never take the same item: each session takes ids with id % sessions == slot.
        if self.shared_queue:  # every session of the role sees the same queue
            self.sessions, self.slot = PLAN["sessions"][self.role], index
        else:  # each login has its own queue (their claims), shared by that login's sessions
            self.sessions = max(1, math.ceil(PLAN["sessions"][self.role] / len(logins)))
            self.slot = index // len(logins)
        self.views = {}
        self.uid = None
        self.ctx = {}
        try:
            self.log_in()
        except Failed:
            self.wait()  # the first task logs in again (session_expired)

    # --- transport ----------------------------------------------------------------------------

    def rpc(self, path, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(_rpc_ids), "params": params}
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            check_status(response, response.text[:200])
            data = response.json()
            if "error" in data:
                kind = classify(data["error"])
                detail = (data["error"].get("data") or {}).get("message") or data["error"].get("message")
                response.failure(f"{kind}: {str(detail)[:160]}")
                raise Failed(kind, str(detail))
            response.success()
            return data.get("result")

    def get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            check_status(response, path)
            response.success()
            return response

    def call(self, model, method, args, kwargs=None, name=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.ctx)
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", params, name or f"{model}.{method}")

    def button(self, model, method, ids, context=None):
        params = {"model": model, "method": method, "args": [ids], "kwargs": {"context": context or self.ctx}}
        return self.rpc(f"/web/dataset/call_button/{model}/{method}", params, f"button {model}.{method}")

    def think(self):
        gevent.sleep(random.uniform(*THINK))

    def click(self, name, function, *args):
        """One measured action: what the user waits for between pressing and seeing the result."""
        started = time.perf_counter()
        error = None
        try:
            result = function(*args)
        except Nothing:
            NOTHING[name] += 1
            raise
        except Failed as exc:
            ERRORS[(exc.kind, name)] += 1
            error = exc
            result = None
        elapsed_ms = (time.perf_counter() - started) * 1000
        TIMINGS.append((round(time.time(), 2), name, round(elapsed_ms), bool(error)))
        self.environment.events.request.fire(
            request_type="ACTION",
            name=name,
            response_time=elapsed_ms,
            response_length=0,
            exception=error,
            context={},
        )
        if error:
            raise error
        return result

    def log_in(self):
        def authenticate():
            result = self.rpc(
                "/web/session/authenticate",
                {"db": PLAN["database"], "login": self.login, "password": self.login},
                "/web/session/authenticate",
            )
            self.uid = result["uid"]
            company = (result.get("user_companies") or {}).get("current_company")
            self.ctx = dict(result.get("user_context") or {}, allowed_company_ids=[company] if company else [])
            # The web client's page, its menus and translations (cached by hash, fetched once).
            hashes = result.get("cache_hashes") or {}
            self.get("/odoo", "/odoo")
            self.get(f"/web/webclient/load_menus/{hashes.get('load_menus')}", "/web/webclient/load_menus")
            lang = self.ctx.get("lang", "en_US")
            self.get(
                f"/web/webclient/translations/{hashes.get('translations')}?lang={lang}", "/web/webclient/translations"
            )

        self.click("log in", authenticate)

    # --- the web client's building blocks -----------------------------------------------------

    def load_action(self, key):
        """/web/action/load and, the first time in this session, get_views: the action's views."""
        entry = ACTIONS[key] if isinstance(key, str) else key
        action_id = PLAN["actions"][entry["action"]]
        if action_id in self.views:
            return self.views[action_id]
        action = self.rpc("/web/action/load", {"action_id": action_id, "context": self.ctx}, "/web/action/load")
        views = [[view_id or False, kind] for view_id, kind in action["views"]]
        if not any(kind == "search" for _i, kind in views):
            views.append([(action.get("search_view_id") or [False])[0], "search"])
        model = action["res_model"]
        result = self.call(
            model,
            "get_views",
            [],
            {"views": views, "options": {"action_id": action_id, "load_filters": True, "toolbar": True}},
        )
        models = result.get("models", {})
        fields = models.get(model, {}).get("fields", {})
        loaded = {"model": model, "action": action, "views": {}, "domain": evaluate(action.get("domain"), self.uid)}
        for kind, view in result["views"].items():
            arch = ET.fromstring(view["arch"])
            loaded["views"][kind] = {"arch": arch, "spec": field_spec(arch, fields, models)}
        filters = {}
        search = loaded["views"].get("search")
        if search is not None:
            for node in search["arch"].iter("filter"):
                if node.get("name") and node.get("domain"):
                    filters[node.get("name")] = node.get("domain")
        domain = list(loaded["domain"] or [])
        context = evaluate(action.get("context"), self.uid) or {}
        defaults = [
            key[len("search_default_") :]
            for key, value in context.items()
            if key.startswith("search_default_") and value
        ]
        for name in [*defaults, *entry.get("filters", [])]:
            extra = evaluate(filters.get(name), self.uid)
            if extra:
                domain += extra
        loaded["search_domain"] = domain
        self.views[action_id] = loaded
        return loaded

    def open_list(self, key, domain=(), limit=80):
        loaded = self.load_action(key)
        kind = "list" if "list" in loaded["views"] else next(iter(k for k in loaded["views"] if k != "search"))
        spec = loaded["views"][kind]["spec"]
        result = self.call(
            loaded["model"],
            "web_search_read",
            [],
            {
                "specification": spec,
                "domain": loaded["search_domain"] + list(domain),
                "offset": 0,
                "limit": limit,
                "order": "",
                "count_limit": 10001,
            },
            name=f"{loaded['model']}.web_search_read",
        )
        return result["records"]

    def open_form(self, key, record_id, chatter=True):
        loaded = self.load_action(key)
        model = loaded["model"]
        spec = loaded["views"]["form"]["spec"]
        record = self.call(model, "web_read", [[record_id]], {"specification": spec})[0]
        if chatter:
            self.rpc(
                "/mail/thread/data",
                {
                    "thread_model": model,
                    "thread_id": record_id,
                    "request_list": [
                        "activities",
                        "attachments",
                        "followers",
                        "scheduledMessages",
                        "suggestedRecipients",
                    ],
                },
                "/mail/thread/data",
            )
            self.rpc(
                "/mail/thread/messages",
                {"thread_model": model, "thread_id": record_id, "limit": 30},
                "/mail/thread/messages",
            )
        return record

    def report(self, entry):
        """A pivot or graph: the read_group the view asks for (its row groupbys and measures)."""
        loaded = self.load_action(entry)
        kind = next((k for k in ("pivot", "graph") if k in loaded["views"]), None)
        if kind is None:
            return self.open_list(entry)
        arch = loaded["views"][kind]["arch"]
        rows = [
            n.get("name") for n in arch.iter("field") if n.get("type") in ("row", None) and n.get("type") != "measure"
        ]
        measures = [f"{n.get('name')}:sum" for n in arch.iter("field") if n.get("type") == "measure"]
        context = evaluate(loaded["action"].get("context"), self.uid) or {}
        rows = list(context.get("pivot_row_groupby") or rows[:1] or ["create_date:month"])
        return self.call(
            loaded["model"],
            "read_group",
            [],
            {"domain": loaded["search_domain"], "fields": [*measures, "__count"], "groupby": rows[:1], "lazy": True},
            name=f"{loaded['model']}.read_group",
        )

    def mine(self, records):
        return [r for r in records if r["id"] % self.sessions == self.slot]


class Specialist(Odoo):
    """A client specialist working their portfolio."""

    weight = 7
    role = "specialists"
    _counter = itertools.count()

    def portfolio(self):
        clients = self.click("open the portfolio list", self.open_list, "portfolio")
        if not clients:
            raise Nothing
        return clients

    @task(5)
    @flow
    def contact_a_client(self):
        clients = self.portfolio()
        self.think()
        client = random.choice(clients)
        self.click("open a client", self.open_form, "portfolio", client["id"])
        self.think()
        if random.random() < 0.6:
            self.click("send a message", self.send_message, client["id"])
        else:
            activity = self.click("schedule an activity", self.schedule_activity, client["id"])
            self.think()
            self.click("mark an activity done", self.mark_done, activity)

    def send_message(self, partner_id):
        mark = marker()
        with journaled("message", mark, partner_id=partner_id, login=self.login):
            self.rpc(
                "/mail/message/post",
                {
                    "thread_model": "res.partner",
                    "thread_id": partner_id,
                    "post_data": {
                        "body": f"Called the client about the next order ({mark})",
                        "message_type": "comment",
                        "subtype_xmlid": "mail.mt_comment",
                        "partner_ids": [],
                    },
                    "context": self.ctx,
                },
                "/mail/message/post",
            )

    def schedule_activity(self, partner_id):
        mark = marker()
        with journaled("activity", mark, partner_id=partner_id, login=self.login) as told:
            record = self.call(
                "mail.activity",
                "web_save",
                [
                    [],
                    {
                        "res_model_id": PLAN["models"]["res.partner"],
                        "res_id": partner_id,
                        "activity_type_id": PLAN["activity_type"],
                        "summary": mark,
                        "date_deadline": (date.today() + timedelta(days=2)).isoformat(),
                        "user_id": self.uid,
                    },
                ],
                {"specification": {"summary": {}, "res_name": {}}},
            )[0]
            told["activity_id"] = record["id"]
        return {"id": record["id"], "marker": mark}

    def mark_done(self, activity):
        with journaled("activity_done", activity["marker"], activity_id=activity["id"]):
            self.call(
                "mail.activity", "action_feedback", [[activity["id"]]], {"feedback": f"Done: {activity['marker']}"}
            )

    @task(2)
    @flow
    def quote_and_confirm(self):
        clients = [c for c in self.portfolio() if c.get("cs_stage") in ("client", "prospect", None)]
        if not clients:
            raise Nothing
        self.think()
        order = self.click("create a quotation", self.create_quotation, random.choice(clients)["id"])
        self.think()
        self.click("confirm a quotation", self.confirm, order)

    def create_quotation(self, partner_id):
        loaded = self.load_action("quotations")
        spec = loaded["views"]["form"]["spec"]
        self.call("sale.order", "onchange", [[], {}, [], spec], name="sale.order.onchange")
        mark = marker()
        # Three in ten are beyond a specialist's authority (largest discount 5 %): they go to approval.
        discount = 8.0 if random.random() < 0.3 else random.choice([0.0, 2.0, 5.0])
        product = random.choice(PLAN["products"])
        with journaled("order", mark, partner_id=partner_id, discount=discount, login=self.login) as told:
            record = self.call(
                "sale.order",
                "web_save",
                [
                    [],
                    {
                        "partner_id": partner_id,
                        "client_order_ref": mark,
                        "order_line": [
                            [
                                0,
                                "virtual_1",
                                {"product_id": product, "product_uom_qty": random.randint(1, 5), "discount": discount},
                            ]
                        ],
                    },
                ],
                {"specification": spec},
                name="sale.order.web_save",
            )[0]
            told["order_id"] = record["id"]
        return {"id": record["id"], "marker": mark, "discount": discount}

    def confirm(self, order):
        model, method = ACTIONS["confirm"]
        with journaled("confirm", order["marker"], order_id=order["id"]) as told:
            self.button(model, method, [order["id"]])
            record = self.call(
                model, "web_read", [[order["id"]]], {"specification": {"state": {}, "cs_approval_state": {}}}
            )[0]
            told.update(result=record["state"], approval=record.get("cs_approval_state"))

    @task(1)
    @flow
    def resolve_a_claim(self):
        claims = self.click("open the claims list", self.open_list, "claims", [("user_id", "=", self.uid)])
        claims = [c for c in self.mine(claims) if c.get("state", "new") in ("new", "in_progress")]
        if not claims:
            raise Nothing
        claim = random.choice(claims)
        self.think()
        record = self.click("open a claim", self.open_form, "claims", claim["id"])
        self.think()
        self.click("resolve a claim", self.resolve, record)

    def resolve(self, claim):
        mark = marker()
        with journaled("resolve", mark, feedback_id=claim["id"]):
            self.call(
                "client_specialist.feedback",
                "web_save",
                [[claim["id"]], {"resolution": f"<p>We re-sent the goods ({mark}).</p>"}],
                {"specification": {"state": {}}},
            )
            journal(kind="resolve_saved", marker=mark, state="ok", feedback_id=claim["id"])
            for key in ("claim_start", "claim_resolve"):
                self.button(*ACTIONS[key], [claim["id"]])


class Head(Odoo):
    """The head of sales: approvals, waivers, reports."""

    weight = 1
    role = "heads"
    shared_queue = True
    _counter = itertools.count()

    @task(3)
    @flow
    def approve_an_order(self):
        orders = self.mine(self.click("open the orders to approve", self.open_list, "approvals"))
        if not orders:
            raise Nothing
        order = random.choice(orders)
        self.think()
        self.click("open an order", self.open_form, "approvals", order["id"])
        self.think()
        self.click("approve an order", self.approve, order["id"])

    def approve(self, order_id):
        mark = marker()
        with journaled("approve", mark, order_id=order_id, uid=self.uid):
            self.button(*ACTIONS["approve"], [order_id])

    @task(1)
    @flow
    def waive_an_obligation(self):
        pending = self.click("open the obligations list", self.open_list, "obligations", [("state", "=", "overdue")])
        pending = self.mine(pending)
        if not pending:
            raise Nothing
        obligation = random.choice(pending)
        self.think()
        wizard = self.click("open the waiver dialog", self.open_waiver, obligation["id"])
        self.think()
        self.click("waive an obligation", self.waive, obligation["id"], wizard)

    def open_waiver(self, obligation_id):
        action = self.button(*ACTIONS["waive_open"], [obligation_id])
        context = dict(self.ctx, **(action.get("context") or {}))
        spec = {"reason": {}, ACTIONS["waive_wizard"]["records"]: {"fields": {"display_name": {}}}}
        self.call(ACTIONS["waive_wizard"]["model"], "onchange", [[], {}, [], spec], {"context": context})
        return context

    def waive(self, obligation_id, context):
        wizard = ACTIONS["waive_wizard"]
        mark = marker()
        with journaled("waive", mark, obligation_id=obligation_id):
            record = self.call(
                wizard["model"],
                "web_save",
                [
                    [],
                    {
                        wizard["reason"]: f"Agreed with the client ({mark})",
                        wizard["records"]: [[6, 0, [obligation_id]]],
                    },
                ],
                {"specification": {}, "context": context},
            )[0]
            self.button(wizard["model"], wizard["button"], [record["id"]], context)

    @task(2)
    @flow
    def open_reports(self):
        for entry in ACTIONS["reports"]:
            self.click("open a report", self.report, entry)
            self.think()


class PortalClient(HttpUser):
    """A client's contact person at /my/feedback: sends claims and reads the answers.

    requests' client (HttpUser): the portal's form posts answer with redirects to read, which
    FastHttpUser of this Locust version cannot leave unfollowed.
    """

    weight = 2
    role = "portal"
    wait_time = between(*THINK)
    _counter = itertools.count()
    click = Odoo.click
    think = Odoo.think

    def on_start(self):
        logins = PLAN["logins"][self.role]
        self.login = logins[next(type(self)._counter) % len(logins)]
        self.click("portal: log in", self.log_in)

    def page(self, path, name, method="GET", data=None, expect=200):
        kwargs = {"name": name, "catch_response": True, "allow_redirects": expect == 200, "timeout": 300}
        if data is not None:
            kwargs["data"] = data
        with self.client.request(method, path, **kwargs) as response:
            check_status(response, path, expect)
            response.success()
            return response

    def csrf(self, text):
        found = re.search(r'name="csrf_token"\s+value="([^"]+)"', text)
        if not found:
            raise Failed("server_error", "no csrf_token in the page")
        return found.group(1)

    def log_in(self):
        token = self.csrf(self.page("/web/login", "/web/login").text)
        data = {"login": self.login, "password": self.login, "csrf_token": token, "redirect": "/my"}
        response = self.page("/web/login", "/web/login (post)", "POST", data, expect=303)
        if "/web/login" in (response.headers.get("Location") or ""):
            raise Failed("user_error", "login refused")

    @task(2)
    @flow
    def submit_a_claim(self):
        form = self.click("portal: open the claim form", self.page, "/my/feedback/new", "/my/feedback/new")
        self.think()
        self.click("portal: submit a claim", self.submit, form.text)

    def submit(self, form):
        mark = marker()
        orders = re.findall(r'<option value="(\d+)"', form)
        data = {
            "csrf_token": self.csrf(form),
            "type": "claim",
            "subject": mark,
            "description": f"The delivery was incomplete ({mark}).",
            "order_id": random.choice(orders) if orders and random.random() < 0.5 else "",
        }
        with journaled("claim", mark, login=self.login, order_id=data["order_id"]) as told:
            response = self.page("/my/feedback/new", "/my/feedback/new (post)", "POST", data, expect=303)
            found = re.search(r"/my/feedback/(\d+)", response.headers.get("Location") or "")
            if not found:  # the form came back with an error
                raise Failed("user_error", "the claim form was refused")
            self.page(found.group(0), "/my/feedback/<id>")
            told["feedback_id"] = int(found.group(1))

    @task(3)
    @flow
    def read_claims(self):
        listing = self.click("portal: list my claims", self.page, "/my/feedback", "/my/feedback")
        ids = re.findall(r'href="/my/feedback/(\d+)', listing.text)
        if ids:
            self.think()
            self.click("portal: read a claim", self.page, f"/my/feedback/{random.choice(ids)}", "/my/feedback/<id>")


def outcome(exc):
    """What the user knows after an error: told it failed, or not knowing (no answer, HTTP 5xx)."""
    return "unknown" if exc.kind in ("connection", "http_5xx") else "failed"


def _sessions():
    """How many sessions each role has at this number of users (Locust shares users out by weight)."""
    weights = {"specialists": Specialist.weight, "heads": Head.weight, "portal": PortalClient.weight}
    return {role: math.ceil(PLAN["users"] * w / sum(weights.values())) for role, w in weights.items()}


PLAN["sessions"] = _sessions()


@events.quitting.add_listener
def _summary(environment, **_kwargs):
    summary = {
        "errors": [{"kind": kind, "action": action, "count": n} for (kind, action), n in sorted(ERRORS.items())],
        "nothing_to_do": dict(NOTHING),
        "timings": TIMINGS,
    }
    with open(PLAN["summary"], "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1)
