# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Data for the browser tests, built by the tests themselves (never the demo data).

The same picture as the demo, kept small: a head of sales, three specialists (category I on
vacation, category II standing in for them, one without category whose absence is planned), a
client at each stage with needs and tiers, and, for each feature module that is installed, its
records: a quotation with a disagreement, an order waiting for approval, obligations, a claim,
a reliability assessment, competitors, an evaluation and an approved job description.
"""

import logging
import unittest
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user

_logger = logging.getLogger(__name__)

HEAD = "client_specialist.group_client_specialist_head"
SPECIALIST = "client_specialist.group_client_specialist"


class ClientSpecialistUiCase(HttpCase):
    """HttpCase with the role's users and a small portfolio; optionally Russian."""

    # The clickbot and tours may end on a form; nothing in them is left unsaved on purpose.
    allow_end_on_form = True
    # Install Russian with every module's terms first (about 5 s).
    cs_russian = False
    # Build the records of the installed feature modules too (a tour of one screen needs none).
    cs_feature_data = True
    # The language the records are made in (texts stored as written, such as approval reasons).
    cs_data_lang = None

    def browser_js(self, *args, **kwargs):
        """Odoo's, with Chromium started again when it was slow to start, and a failure if it never does.

        Odoo gives Chromium 10 s to open its devtools port and skips the test otherwise; on a loaded
        machine that happens, and a browser test skipped in silence would read as one that passed.
        """
        for attempt in range(3):
            try:
                return super().browser_js(*args, **kwargs)
            except unittest.SkipTest as skipped:
                if "devtools port" not in str(skipped):
                    raise
                _logger.warning("Chromium did not start (attempt %s of 3): %s", attempt + 1, skipped)
        raise AssertionError("Chromium did not start in three attempts of 10 s")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.cs_russian:
            cls._cs_install_russian()
        if cls.cs_data_lang:
            cls.env = cls.env(context=dict(cls.env.context, lang=cls.cs_data_lang))
        cls._cs_build_users()
        cls._cs_build_portfolio()
        if cls.cs_feature_data:
            cls._cs_build_features()

    @classmethod
    def _cs_build_features(cls):
        if "client_specialist.disagreement" in cls.env:
            cls._cs_build_contracts()
        if "client_specialist.feedback" in cls.env:
            cls._cs_build_feedback()
        if "client_specialist.reliability.assessment" in cls.env:
            cls._cs_build_reliability()
        if "client_specialist.competitor.policy" in cls.env:
            cls._cs_build_competition()
        if "client_specialist.evaluation" in cls.env:
            cls._cs_build_evaluation()

    # ------------------------------------------------------------------------------------------
    # Languages
    # ------------------------------------------------------------------------------------------

    @classmethod
    def _cs_install_russian(cls):
        """Russian with the terms of every installed module, as a Russian company would have it."""
        cls.env["res.lang"]._activate_lang("ru_RU")
        modules = cls.env["ir.module.module"].search([("state", "=", "installed")])
        cls.env["ir.module.module"]._load_module_terms(modules.mapped("name"), ["ru_RU"])

    @classmethod
    def _cs_set_lang(cls, users, lang):
        users.write({"lang": lang})
        users.partner_id.flush_recordset()

    # ------------------------------------------------------------------------------------------
    # Staff
    # ------------------------------------------------------------------------------------------

    @classmethod
    def _cs_user(cls, login, name, group):
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            name=name,
            groups=f"base.group_user,{group}",
            email=f"{login}@example.com",
            tz="Europe/Moscow",
            tour_enabled=False,
        )

    @classmethod
    def _cs_build_users(cls):
        cls.today = fields.Date.context_today(cls.env["res.users"])
        cls.company = cls.env.company
        cls.company.resource_calendar_id = cls.env.ref("resource.resource_calendar_std")
        cls.user_admin = cls.env.ref("base.user_admin")
        cls.user_admin.tour_enabled = False
        cls.user_head = cls._cs_user("ui_head_of_sales", "Наталья Орлова", HEAD)
        cls.user_first = cls._cs_user("ui_first_category", "Павел Смирнов", SPECIALIST)
        cls.user_second = cls._cs_user("ui_second_category", "Анна Кузнецова", SPECIALIST)
        cls.user_junior = cls._cs_user("ui_no_category", "Максим Егоров", SPECIALIST)
        cls.category_none = cls.env.ref("client_specialist.category_none")
        cls.category_second = cls.env.ref("client_specialist.category_second")
        cls.category_first = cls.env.ref("client_specialist.category_first")
        cls.category_none.write({"max_order_amount": 100000, "max_discount": 5})
        Specialist = cls.env["client_specialist.specialist"]
        cls.spec_first, cls.spec_second, cls.spec_junior = Specialist.create(
            [
                {
                    "user_id": user.id,
                    "head_id": cls.user_head.id,
                    "education_level": "higher",
                    "education_details": details,
                }
                for user, details in (
                    (cls.user_first, "Экономика и управление"),
                    (cls.user_second, "Маркетинг"),
                    (cls.user_junior, "Коммерция"),
                )
            ]
        )
        years = cls._cs_years_ago
        cls.env["client_specialist.experience"].create(
            [
                {
                    "specialist_id": cls.spec_first.id,
                    "post": "Менеджер по продажам",
                    "employer": "ООО «Прежний работодатель»",
                    "date_start": years(9),
                    "date_end": years(6) - timedelta(days=1),
                },
                {
                    "specialist_id": cls.spec_junior.id,
                    "post": "Экономист",
                    "employer": "АО «Завод»",
                    "date_start": years(5),
                    "date_end": years(2) - timedelta(days=1),
                },
                {
                    "specialist_id": cls.spec_second.id,
                    "post": "Помощник маркетолога",
                    "employer": "ООО «Прежний работодатель»",
                    "date_start": years(6),
                    "date_end": years(4) - timedelta(days=1),
                },
            ]
        )
        appointment = {"appointed_by_id": cls.user_head.id}
        cls.env["client_specialist.appointment"].create(
            [
                {
                    **appointment,
                    "specialist_id": cls.spec_first.id,
                    "category_id": cls.category_second.id,
                    "date": years(6),
                    "order_number": "15-к",
                    "order_date": years(6),
                },
                {
                    **appointment,
                    "specialist_id": cls.spec_first.id,
                    "category_id": cls.category_first.id,
                    "previous_category_id": cls.category_second.id,
                    "date": years(3),
                    "order_number": "41-к",
                    "order_date": years(3),
                },
                {
                    **appointment,
                    "specialist_id": cls.spec_second.id,
                    "category_id": cls.category_second.id,
                    "date": years(2) - timedelta(days=60),
                    "order_number": "7-к",
                    "order_date": years(2) - timedelta(days=60),
                },
                {
                    **appointment,
                    "specialist_id": cls.spec_junior.id,
                    "category_id": cls.category_none.id,
                    "date": cls.today - timedelta(days=660),
                    "order_number": "52-к",
                    "order_date": cls.today - timedelta(days=660),
                },
            ]
        )
        # Павел is on vacation, Анна stands in; Павел is the deputy of Максим's planned training.
        cls.absence_running, cls.absence_planned = cls.env["client_specialist.absence"].create(
            [
                {
                    "specialist_id": cls.spec_first.id,
                    "deputy_id": cls.user_second.id,
                    "reason": "vacation",
                    "order_number": "88-о",
                    "date_from": cls.today - timedelta(days=2),
                    "date_to": cls.today + timedelta(days=12),
                },
                {
                    "specialist_id": cls.spec_junior.id,
                    "deputy_id": cls.user_first.id,
                    "reason": "training",
                    "date_from": cls.today + timedelta(days=30),
                    "date_to": cls.today + timedelta(days=34),
                },
            ]
        )
        cls.staff = cls.user_head | cls.user_first | cls.user_second | cls.user_junior

    @classmethod
    def _cs_years_ago(cls, years):
        return cls.today.replace(year=cls.today.year - years, day=min(cls.today.day, 28))

    # ------------------------------------------------------------------------------------------
    # Portfolio
    # ------------------------------------------------------------------------------------------

    @classmethod
    def _cs_build_portfolio(cls):
        ref = cls.env.ref
        cls.pricelist_key = cls.env["product.pricelist"].create(
            {
                "name": "Ключевые клиенты: −7 %",
                "sequence": 100,
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 7})
                ],
            }
        )
        Tier = cls.env["client_specialist.tier"]
        cls.tier_key, cls.tier_standard = Tier.create(
            [
                {
                    "name": "Ключевой клиент",
                    "sequence": 1,
                    "abc_class": "A",
                    "pricelist_id": cls.pricelist_key.id,
                    "payment_term_id": ref("account.account_payment_term_30days").id,
                    "contact_interval_days": 14,
                    "claim_response_days": 3,
                    "lead_time_days": 3,
                    "review_interval_days": 90,
                },
                {
                    "name": "Стандарт",
                    "sequence": 3,
                    "abc_class": "C",
                    "contact_interval_days": 60,
                    "claim_response_days": 10,
                    "review_interval_days": 365,
                },
            ]
        )
        cls.env["mail.activity.plan"].create(
            {
                "name": "Подход к новому потенциальному клиенту",
                "res_model": "res.partner",
                "cs_stage": "prospect",
                "template_ids": [
                    Command.create(
                        {
                            "activity_type_id": ref("mail.mail_activity_data_call").id,
                            "summary": "Позвонить: что нужно клиенту?",
                            "responsible_type": "on_demand",
                        }
                    )
                ],
            }
        )
        Partner = cls.env["res.partner"]
        days = cls._cs_days_ago
        cls.prospect, cls.negotiating, cls.client, cls.key_client, cls.lost = Partner.create(
            [
                {
                    "name": "ООО «Балтийский ветер»",
                    "is_company": True,
                    "email": "info@baltveter.example.com",
                    "user_id": cls.user_junior.id,
                    "cs_stage": "prospect",
                    "cs_medium_id": ref("client_specialist.utm_medium_exhibition").id,
                },
                {
                    "name": "АО «Электросила-Сервис»",
                    "is_company": True,
                    "email": "zakupki@elektrosila.example.com",
                    "phone": "+7 495 410-20-30",
                    "vat": "7705554433",
                    "user_id": cls.user_second.id,
                    "cs_stage": "negotiating",
                    "cs_medium_id": ref("client_specialist.utm_medium_email_offer").id,
                },
                {
                    "name": "ООО «Волга-Пласт»",
                    "is_company": True,
                    "email": "office@volgaplast.example.com",
                    "phone": "+7 846 270-11-22",
                    "city": "Санкт-Петербург",
                    "country_id": ref("base.ru").id,
                    "lang": "ru_RU" if cls.cs_russian else "en_US",
                    "user_id": cls.user_second.id,
                    "cs_stage": "client",
                    "cs_tier_id": cls.tier_standard.id,
                    "cs_medium_id": ref("client_specialist.utm_medium_referral").id,
                    "cs_won_date": days(420),
                    "cs_last_contact_date": days(75),
                },
                {
                    "name": "ПАО «Сибирская сталь»",
                    "is_company": True,
                    "email": "supply@sibstal.example.com",
                    "phone": "+7 383 330-40-50",
                    "vat": "5406667789",
                    "city": "Екатеринбург",
                    "country_id": ref("base.ru").id,
                    "user_id": cls.user_first.id,
                    "cs_stage": "key_client",
                    "cs_tier_id": cls.tier_key.id,
                    "cs_medium_id": ref("client_specialist.utm_medium_fair").id,
                    "cs_won_date": days(1460),
                    "cs_last_contact_date": days(20),
                },
                {
                    "name": "ООО «Гамма-Трейд»",
                    "is_company": True,
                    "email": "alfa@gammatrade.example.com",
                    "user_id": cls.user_first.id,
                    "cs_stage": "lost",
                    "cs_lost_reason": "Ушли к конкуренту с отсрочкой платежа 60 дней.",
                    "cs_medium_id": ref("client_specialist.utm_medium_phone_call").id,
                },
            ]
        )
        cls.client_contact, cls.key_contact = Partner.create(
            [
                {"name": "Ирина Белова", "parent_id": cls.client.id, "email": "i.belova@volgaplast.example.com"},
                {"name": "Олег Никитин", "parent_id": cls.key_client.id, "function": "Директор по снабжению"},
            ]
        )
        cls.clients = cls.prospect | cls.negotiating | cls.client | cls.key_client | cls.lost
        category = cls.env["product.category"].create({"name": "Упаковка"})
        cls.env["client_specialist.need"].create(
            [
                {
                    "name": "Регулярные поставки упаковочной плёнки, 2 т в месяц",
                    "partner_id": cls.negotiating.id,
                    "priority": "2",
                    "product_category_id": category.id,
                    "expected_volume": 1200000,
                },
                {"name": "Доставка на екатеринбургский завод быстрее", "partner_id": cls.key_client.id},
                {"name": "Образцы новой линейки", "partner_id": cls.prospect.id, "priority": "1"},
            ]
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Плёнка упаковочная",
                "type": "consu",
                "categ_id": category.id,
                "list_price": 1500.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _cs_days_ago(cls, days):
        return cls.today - timedelta(days=days)

    @classmethod
    def _cs_order(cls, partner, user, qty=10, price=1500.0, discount=0.0, **vals):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "discount": discount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )

    # ------------------------------------------------------------------------------------------
    # Feature modules
    # ------------------------------------------------------------------------------------------

    @classmethod
    def _cs_build_contracts(cls):
        cls.order_disagreement = cls._cs_order(cls.negotiating, cls.user_second, qty=12)
        cls.env["client_specialist.disagreement"].create(
            [
                {
                    "order_id": cls.order_disagreement.id,
                    "sequence": 10,
                    "clause": "4.2. Порядок оплаты",
                    "our_wording": "Покупатель оплачивает товар в течение 30 календарных дней с даты заказа.",
                    "client_wording": "Покупатель оплачивает товар в течение 45 календарных дней с даты поставки.",
                    "round": 2,
                },
                {
                    "order_id": cls.order_disagreement.id,
                    "sequence": 20,
                    "clause": "6.1. Ответственность сторон",
                    "our_wording": "Неустойка 0,1 % от суммы долга за каждый день просрочки.",
                    "client_wording": "Неустойка не превышает 5 % от суммы заказа.",
                    "agreed_wording": "Неустойка 0,1 % в день, но не более 5 % от суммы заказа.",
                    "state": "agreed",
                },
            ]
        )
        cls.order_confirmed = cls._cs_order(
            cls.client,
            cls.user_second,
            qty=20,
            price=2400.0,
            discount=5,
            payment_term_id=cls.env.ref("account.account_payment_term_advance_60days").id,
            commitment_date=fields.Datetime.now() + timedelta(days=14),
        )
        cls.order_confirmed.action_confirm()
        cls.env["client_specialist.obligation"].create(
            {
                "order_id": cls.order_confirmed.id,
                "name": "Подписать и вернуть акт приёмки",
                "party": "client",
                "kind": "documents",
                "date_due": cls.today + timedelta(days=20),
            }
        )
        # A discount above the authority of a specialist without category: waiting for the head.
        cls.order_to_approve = cls._cs_order(cls.prospect, cls.user_junior, qty=5, price=3000.0, discount=12)
        cls.order_to_approve.with_user(cls.user_junior).action_confirm()

    @classmethod
    def _cs_build_feedback(cls):
        cls.claim = cls.env["client_specialist.feedback"].create(
            {
                "subject": "Поставка опоздала на три дня",
                "type": "claim",
                "partner_id": cls.client.id,
                "contact_id": cls.client_contact.id,
                "in_writing": True,
                "date_received": cls._cs_days_ago(2),
                "cause_id": cls.env.ref("client_specialist_feedback.feedback_cause_delivery").id,
                "description": "<p>Партия по заказу пришла на три дня позже согласованного срока, "
                "линия простаивала.</p>",
            }
        )

    @classmethod
    def _cs_build_reliability(cls):
        cls.assessment = cls.env["client_specialist.reliability.assessment"].create(
            {"partner_id": cls.key_client.id, "registry_status": "active"}
        )

    @classmethod
    def _cs_build_competition(cls):
        Partner = cls.env["res.partner"]
        cls.rival_promsnab, cls.rival_technoresurs = Partner.create(
            [
                {"name": "ООО «ТоргПромСнаб»", "is_company": True, "cs_is_competitor": True},
                {"name": "АО «МегаРесурс»", "is_company": True, "cs_is_competitor": True},
            ]
        )
        cls.env["client_specialist.competitor.policy"].create(
            [
                {
                    "competitor_id": cls.rival_promsnab.id,
                    "aspect": "price",
                    "name": "10 % скидки на заказы от 500 000",
                    "discount_percent": 10,
                    "date_observed": cls._cs_days_ago(20),
                    "source": "Тендерная документация",
                    "user_id": cls.user_second.id,
                },
                {
                    "competitor_id": cls.rival_technoresurs.id,
                    "aspect": "delivery",
                    "name": "Доставка на следующий день",
                    "lead_time_days": 1,
                    "date_observed": cls._cs_days_ago(45),
                    "source": "Выставка",
                    "user_id": cls.user_first.id,
                },
            ]
        )
        cls.env["client_specialist.competitor.share"].create(
            {"partner_id": cls.client.id, "competitor_id": cls.rival_promsnab.id, "share_percent": 30}
        )
        cls.order_competition = cls._cs_order(
            cls.client,
            cls.user_second,
            qty=5,
            cs_competing_offer_ids=[
                Command.create({"competitor_id": cls.rival_promsnab.id, "price": 4300, "terms": "45 дней отсрочки"})
            ],
        )
        lost = cls._cs_order(cls.negotiating, cls.user_second, qty=3)
        lost._cs_mark_lost(
            cls.env.ref("client_specialist_competition.lost_reason_price"), cls.rival_promsnab, "Скидка 10 %"
        )

    @classmethod
    def _cs_build_evaluation(cls):
        # A new version of the category II description the module ships, approved by the director.
        shipped = cls.env.ref("client_specialist_evaluation.job_description_template_second")
        cls.job_description = shipped.copy(
            {
                "version": shipped._cs_next_version(shipped.category_id.id, shipped.company_id.id),
                "approver_name": "Козлов П. С.",
                "approver_title": "Генеральный директор",
                "approval_date": cls._cs_days_ago(20),
            }
        )
        cls.job_description.with_user(cls.user_head).action_approve()
        cls.evaluation = (
            cls.env["client_specialist.evaluation"]
            .with_user(cls.user_head)
            .create(
                {
                    "specialist_id": cls.spec_second.id,
                    "date_from": cls._cs_days_ago(120).replace(day=1),
                    "date_to": cls.today.replace(day=1) - timedelta(days=1),
                    "outcome": "next_category",
                }
            )
        )
        cls.evaluation.action_share()
