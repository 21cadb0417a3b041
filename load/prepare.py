"""`make load`, step 1: the generated portfolios on top of the demo data, made once per database.

    python load/prepare.py -c ODOO_CONF -d DB [--check]

Through the ORM (as the head of sales and the specialists would leave them, without mail noise):
three heads of sales, 30 specialists without a category (largest discount 5 %, so a discount
above it goes to approval), 80 client companies each with a contact person, one in three with an
order confirmed weeks ago (its obligations due or overdue), open claims, quotations already
waiting for approval, and 60 portal users (contact persons of clients). Logins are
``cs_load_head_N``, ``cs_load_spec_NN`` and ``cs_load_portal_NN``; the password is the login.

``--check`` prints ``current`` (made by this version of the script), ``stale`` (by another
version: make the database anew) or ``missing``, and changes nothing.
"""

import argparse
import hashlib
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from freezegun import freeze_time

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

HERE = Path(__file__).resolve().parent
MARKER_KEY = "cs_load.prepared"
HEADS = 3
SPECIALISTS = 30
CLIENTS_PER_SPECIALIST = 80
PORTAL_USERS = 60
OPEN_CLAIMS_PER_SPECIALIST = 6
WAITING_PER_SPECIALIST = 2
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
}


def fingerprint():
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def users(env, specs, groups):
    """Users with password = login, notified in Odoo (no e-mail queue to fill)."""
    return env["res.users"].create(
        [
            {
                "name": name,
                "login": login,
                "password": login,
                "email": f"{login}@load.example",
                "notification_type": "inbox",
                "groups_id": [Command.set(groups)],
                **extra,
            }
            for name, login, extra in specs
        ]
    )


def build(env):
    rnd = random.Random(20261201)
    env = env(context=dict(env.context, **QUIET))
    today = date.today()
    head_group = env.ref("client_specialist.group_client_specialist_head").id
    specialist_group = env.ref("client_specialist.group_client_specialist").id
    internal = env.ref("base.group_user").id
    heads = users(
        env, [(f"Load Head {i}", f"cs_load_head_{i}", {}) for i in range(1, HEADS + 1)], [internal, head_group]
    )
    specs = users(
        env,
        [(f"Load Specialist {i:02d}", f"cs_load_spec_{i:02d}", {}) for i in range(1, SPECIALISTS + 1)],
        [internal, specialist_group],
    )
    Specialist = env["client_specialist.specialist"]
    none = Specialist.env["client_specialist.category"].search([("code", "=", "none")], limit=1)
    cards = Specialist.create(
        [
            {
                "user_id": user.id,
                "head_id": heads[i % HEADS].id,
                "education_level": "higher",
                "experience_ids": [
                    Command.create(
                        {
                            "post": "Client specialist",
                            "employer": "Previous employer",
                            "date_start": today - timedelta(days=400 + 30 * (i % 5)),
                            "is_client_specialist_post": True,
                            "category_id": none.id,
                        }
                    )
                ],
            }
            for i, user in enumerate(specs)
        ]
    )
    for i, card in enumerate(cards):
        card.with_user(heads[i % HEADS])._cs_appoint(
            none, today - timedelta(days=300), f"L-{i}", today - timedelta(days=301)
        )

    tiers = env["client_specialist.tier"].create(
        [
            {"name": "Load A", "abc_class": "A", "contact_interval_days": 14, "sequence": 11},
            {"name": "Load B", "abc_class": "B", "contact_interval_days": 30, "sequence": 12},
            {"name": "Load C", "abc_class": "C", "contact_interval_days": 60, "sequence": 13},
        ]
    )
    products = env["product.product"].create(
        [
            {"name": f"Load product {i}", "type": "consu", "list_price": 80.0 + 45 * i, "invoice_policy": "order"}
            for i in range(10)
        ]
    )
    term = env.ref("account.account_payment_term_30days")
    mediums = env["utm.medium"].search([], limit=5)
    values = []
    for s, spec in enumerate(specs):
        for c in range(CLIENTS_PER_SPECIALIST):
            n = s * CLIENTS_PER_SPECIALIST + c
            stage = "prospect" if c % 10 == 9 else "client"
            values.append(
                {
                    "name": f"Load Client {s + 1:02d}-{c + 1:03d}",
                    "is_company": True,
                    "user_id": spec.id,
                    "email": f"client{n:05d}@load.example",
                    "phone": f"+375 17 {n:07d}",
                    "street": f"{n} Load street",
                    "city": "Minsk",
                    "vat": f"LD{n:07d}",
                    "cs_stage": stage,
                    "cs_medium_id": mediums[n % len(mediums)].id if mediums else False,
                    "cs_tier_id": tiers[n % 3].id if stage == "client" else False,
                    "property_payment_term_id": term.id,
                    "child_ids": [Command.create({"name": f"Buyer {n:05d}", "email": f"buyer{n:05d}@load.example"})],
                }
            )
    partners = env["res.partner"].create(values)
    # Last contact 1 to 70 days ago: some are overdue for contact, for the follow-up cron.
    by_day = {}
    for partner in partners:
        by_day.setdefault(today - timedelta(days=rnd.randint(1, 70)), []).append(partner.id)
    for day, ids in by_day.items():
        env["res.partner"].browse(ids).write({"cs_last_contact_date": day})
    clients = partners.filtered(lambda p: p.cs_stage == "client")

    # Orders confirmed 10 to 45 days ago: payments due in 30 days, deliveries at once (overdue).
    old = clients.filtered(lambda p: p.id % 3 == 0)
    by_day = {}
    for partner in old:
        by_day.setdefault(today - timedelta(days=rnd.randint(10, 45)), []).append(partner)
    for day, day_partners in sorted(by_day.items()):
        with freeze_time(datetime.combine(day, time(10))):
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": p.id,
                        "user_id": p.user_id.id,
                        "order_line": [
                            Command.create({"product_id": products[p.id % 10].id, "product_uom_qty": 1 + p.id % 4})
                        ],
                    }
                    for p in day_partners
                ]
            )
            orders.action_confirm()
    # Claims open in each portfolio, for the specialists to resolve.
    claims = []
    for spec in specs:
        mine = clients.filtered(lambda p, spec=spec: p.user_id == spec)
        for partner in mine[:OPEN_CLAIMS_PER_SPECIALIST]:
            claims.append(
                {
                    "type": "claim",
                    "subject": f"Late delivery ({partner.name})",
                    "description": "<p>The goods came a week late.</p>",
                    "partner_id": partner.id,
                    "date_received": today - timedelta(days=rnd.randint(0, 3)),
                }
            )
    env["client_specialist.feedback"].create(claims)
    # Quotations beyond authority already waiting for the head of sales when the day starts.
    for spec in specs:
        mine = clients.filtered(lambda p, spec=spec: p.user_id == spec)
        waiting = (
            env["sale.order"]
            .with_user(spec)
            .create(
                [
                    {
                        "partner_id": p.id,
                        "client_order_ref": f"cs_load waiting {p.id}",
                        "order_line": [
                            Command.create({"product_id": products[0].id, "product_uom_qty": 2, "discount": 9})
                        ],
                    }
                    for p in mine[-WAITING_PER_SPECIALIST:]
                ]
            )
        )
        waiting.action_confirm()
    # Portal users: the contact persons of two clients per specialist.
    portal_group = env.ref("base.group_portal").id
    contacts = []
    for spec in specs:
        mine = clients.filtered(lambda p, spec=spec: p.user_id == spec)
        contacts += [p.child_ids[:1] for p in mine[10:12]]
    contacts = contacts[:PORTAL_USERS]
    env["res.users"].create(
        [
            {
                "login": f"cs_load_portal_{i:02d}",
                "password": f"cs_load_portal_{i:02d}",
                "partner_id": contact.id,
                "groups_id": [Command.set([portal_group])],
            }
            for i, contact in enumerate(contacts, 1)
        ]
    )
    env["ir.config_parameter"].set_param(MARKER_KEY, fingerprint())
    env.flush_all()
    return len(partners)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    with Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        have = env["ir.config_parameter"].get_param(MARKER_KEY)
        if args.check:
            print("missing" if not have else "current" if have == fingerprint() else "stale")
            return 0
        if have == fingerprint():
            print("[load] the generated portfolios are there already", flush=True)
            return 0
        if have:
            print("[load] the database holds portfolios of another version: make it anew", file=sys.stderr)
            return 3
        print("[load] generating the portfolios (once per database)", flush=True)
        started = datetime.now()
        count = build(env)
        cr.commit()
        print(f"[load] {count} clients generated in {(datetime.now() - started).seconds} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
