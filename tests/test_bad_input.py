"""Bad input over XML-RPC, as a careless integrator would send it: a readable refusal, nothing partial.

Every model of the addons (``_name`` in client_specialist*/models/*.py, less the read-only SQL
views) gets a create with a missing required field and one with a wrong type, a value out of
range where the model has a range rule, a reference to another company's record where it has a
company, and a bad write that must leave the record (and its lines) as it was. The wizards get a
missing required field and a wrong type. ``test_every_model_is_covered`` keeps the tables complete
when a model is added.

Another company: the administrator works in both companies, so linking one company's record to
the other's partner, order, user, tier or criterion is refused as incompatible; a head of sales
who works in ours only cannot create in the other company nor change its records.
"""

import re
import xmlrpc.client
from pathlib import Path

import pytest
from conftest import appoint, xmlid

# Odoo's fault codes: 1 is a server error with a traceback; 2 a user or validation error,
# 3 access denied, 4 an access error.
READABLE = {2, 3, 4}
ACCESS_ERROR = 4
ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(path.parent for path in ROOT.glob("client_specialist*/__manifest__.py"))
CS = "client_specialist."

# Lines created and deleted with their parent: counted with it, compared with it after a bad write.
CHILDREN = {
    "evaluation": [("evaluation.line", "evaluation_id")],
    "reliability.scheme": [("reliability.scheme.line", "scheme_id")],
    "reliability.assessment": [("reliability.line", "assessment_id")],
    "tier.review": [("tier.review.line", "review_id")],
    "job.description": [("job.description.acknowledgement", "job_description_id")],
    "specialist": [("experience", "specialist_id"), ("appointment", "specialist_id"), ("absence", "specialist_id")],
}
# Models without a range rule of their own, and without a company.
NO_RANGE_RULE = {
    "appointment": "an order's record: the rule is a reason for an override (tested as such)",
    "completeness.rule": "selections only: the rule is one check per stage (tested as such)",
    "job.description.acknowledgement": "written by the system only: every create and write is refused",
    "need": "no figure with a range",
    "specialist": "no figure with a range",
    "tier.review": "dates only, set by the monthly review",
    "tier.review.line": "figures computed by the review: revenue and margin may be negative",
}
NO_COMPANY = {"category", "completeness.rule", "feedback.cause"}
# Models no group may create or write (ir.model.access): the scheduled actions write them.
SYSTEM_ONLY = {"digest": "a person's reminder digest, kept by the crons"}


def _case(model, check, values, user="admin"):
    return pytest.param(CS + model, check, values, user, id=f"{model}-{check}" + ("-by-head" if user == "hq" else ""))


def _write(model, record, values, user="admin"):
    fields = "-".join(values)
    return pytest.param(CS + model, record, values, user, id=f"{model}-{fields}" + ("-theirs" if user == "hq" else ""))


# (model, check, values, user): check is required, type, range, company or rule (an invariant).
CREATES = [
    # Portfolio
    _case("tier", "required", {"contact_interval_days": 10}),
    _case("tier", "type", {"name": "x", "contact_interval_days": "abc"}),
    _case("tier", "type", {"name": "x", "pricelist_id": "abc"}),
    _case("tier", "range", {"name": "x", "contact_interval_days": -1}),
    _case("tier", "range", {"name": "x", "lead_time_days": 1e12}),
    _case("tier", "company", {"name": "x", "pricelist_id": "$b_pricelist"}),
    _case("tier", "company", {"name": "x", "individual_user_id": "$b_user"}),
    _case("tier", "company", {"name": "x", "company_id": "$company_b"}, "hq"),
    _case("need", "required", {}),
    _case("need", "type", {"name": "x", "partner_id": "$client", "priority": "9"}),
    _case("need", "type", {"name": "x", "partner_id": "$client", "sale_order_ids": "S00001"}),
    _case("need", "type", {"name": "x", "partner_id": "$client", "sale_order_ids": [(6, 0, "x")]}),
    _case("need", "type", {"name": "x", "partner_id": 999999999}),
    _case("need", "company", {"name": "x", "partner_id": "$b_client"}),
    _case(
        "need", "company", {"name": "x", "partner_id": "$client", "sale_order_ids": [(6, 0, ["$b_order_of_client"])]}
    ),
    _case("need", "company", {"name": "x", "partner_id": "$b_client", "company_id": "$company_b"}, "hq"),
    _case("completeness.rule", "required", {"name": "x", "stage": "client"}),
    _case("completeness.rule", "type", {"name": "x", "stage": "bogus", "check": "vat"}),
    _case("completeness.rule", "rule", {"name": "Phone again", "stage": "client", "check": "phone"}),
    _case("tier.review", "required", {}),
    _case("tier.review", "type", {"date_from": "last year"}),
    _case("tier.review", "type", {"date_from": "2025-01-01", "line_ids": [(0, 0, "x")]}),
    _case(
        "tier.review",
        "required",
        {
            "date_from": "2025-01-01",
            "line_ids": [
                (0, 0, {"partner_id": "$client", "proposed_tier_id": "$tier"}),
                (0, 0, {"partner_id": "$client"}),
            ],
        },
    ),
    _case(
        "tier.review",
        "company",
        {"date_from": "2025-01-01", "line_ids": [(0, 0, {"partner_id": "$client", "proposed_tier_id": "$b_tier"})]},
    ),
    _case("tier.review", "company", {"date_from": "2025-01-01", "company_id": "$company_b"}, "hq"),
    _case("tier.review.line", "required", {"review_id": "$review", "partner_id": "$client"}),
    _case(
        "tier.review.line",
        "type",
        {"review_id": "$review", "partner_id": "$client", "proposed_tier_id": "$tier", "abc_class": "D"},
    ),
    _case(
        "tier.review.line",
        "type",
        {"review_id": "$review", "partner_id": "$client", "proposed_tier_id": "$tier", "revenue": "x"},
    ),
    _case(
        "tier.review.line", "company", {"review_id": "$review", "partner_id": "$b_client", "proposed_tier_id": "$tier"}
    ),
    _case(
        "tier.review.line",
        "company",
        {"review_id": "$b_review", "partner_id": "$b_client", "proposed_tier_id": "$b_tier"},
        "hq",
    ),
    # Reliability
    _case("reliability.assessment", "required", {}),
    _case("reliability.assessment", "type", {"partner_id": "$client", "court_cases": "many"}),
    _case("reliability.assessment", "type", {"partner_id": "Client"}),
    _case("reliability.assessment", "type", {"partner_id": "$client", "company_id": "x"}),
    _case("reliability.assessment", "range", {"partner_id": "$client", "revenue": -1}),
    _case("reliability.assessment", "range", {"partner_id": "$client", "court_cases": -1}),
    _case("reliability.assessment", "company", {"partner_id": "$b_client"}),
    _case("reliability.assessment", "company", {"partner_id": "$b_client", "company_id": "$company_b"}, "hq"),
    _case("reliability.scheme", "required", {}),
    _case("reliability.scheme", "type", {"name": "x", "threshold_a": "high"}),
    _case("reliability.scheme", "range", {"name": "x", "company_id": "$company_c", "threshold_a": 120}),
    _case("reliability.scheme", "range", {"name": "x", "company_id": "$company_c", "validity_days": 0}),
    _case("reliability.scheme", "range", {"name": "x", "company_id": "$company_c", "approval_amount": -5}),
    _case(
        "reliability.scheme",
        "range",
        {
            "name": "x",
            "company_id": "$company_c",
            "line_ids": [
                (0, 0, {"criterion": "relationship", "weight": 50}),
                (0, 0, {"criterion": "days_late", "weight": 150}),
            ],
        },
    ),
    _case(
        "reliability.scheme",
        "range",
        {"name": "x", "company_id": "$company_c", "line_ids": [(0, 0, {"criterion": "relationship", "weight": 50})]},
    ),
    _case("reliability.scheme", "company", {"name": "x", "company_id": "$company_b"}, "hq"),
    _case("reliability.scheme.line", "required", {"scheme_id": "$scheme"}),
    _case("reliability.scheme.line", "type", {"scheme_id": "$scheme", "criterion": "late_share", "weight": "x"}),
    _case("reliability.scheme.line", "range", {"scheme_id": "$scheme", "criterion": "late_share", "weight": 150}),
    _case(
        "reliability.scheme.line", "company", {"scheme_id": "$b_scheme", "criterion": "late_share", "weight": 0}, "hq"
    ),
    _case("reliability.line", "required", {"assessment_id": "$assessment"}),
    _case("reliability.line", "type", {"assessment_id": "$assessment", "criterion": "late_share", "score": "x"}),
    _case("reliability.line", "range", {"assessment_id": "$assessment", "criterion": "late_share", "score": 150}),
    _case("reliability.line", "range", {"assessment_id": "$assessment", "criterion": "late_share", "weight": -5}),
    _case("reliability.line", "company", {"assessment_id": "$b_assessment", "criterion": "late_share"}, "hq"),
    # Feedback and claims
    _case("feedback", "required", {"partner_id": "$client"}),
    _case("feedback", "type", {"subject": "x", "partner_id": "$client", "type": "bogus"}),
    _case("feedback", "type", {"subject": "x", "partner_id": "$client", "date_received": "2020-13-45"}),
    _case("feedback", "type", {"subject": "x", "partner_id": "$client", "no_such_field": 1}),
    _case("feedback", "type", {"subject": "x", "partner_id": "Client"}),
    _case(
        "feedback", "range", {"subject": "x", "partner_id": "$client", "compensation": True, "compensation_amount": -5}
    ),
    _case("feedback", "company", {"subject": "x", "partner_id": "$b_client"}),
    _case("feedback", "company", {"subject": "x", "partner_id": "$b_client", "company_id": "$company_b"}, "hq"),
    _case("feedback.cause", "required", {}),
    _case("feedback.cause", "type", {"name": "x", "sequence": "first"}),
    _case("feedback.cause", "range", {"name": "x", "sequence": 1e10}),
    # Competitors
    _case("competitor.policy", "required", {}),
    _case("competitor.policy", "type", {"name": "x", "competitor_id": "$competitor", "discount_percent": "ten"}),
    _case("competitor.policy", "range", {"name": "x", "competitor_id": "$competitor", "discount_percent": 150}),
    _case("competitor.policy", "range", {"name": "x", "competitor_id": "$competitor", "lead_time_days": -1}),
    _case("competitor.policy", "company", {"name": "x", "competitor_id": "$b_competitor"}),
    _case(
        "competitor.policy",
        "company",
        {"name": "x", "competitor_id": "$b_competitor", "company_id": "$company_b"},
        "hq",
    ),
    _case("competitor.share", "required", {"partner_id": "$client"}),
    _case("competitor.share", "type", {"partner_id": "$client", "competitor_id": "$rival2", "share_percent": "half"}),
    _case("competitor.share", "type", {"partner_id": "Client", "competitor_id": "$rival2"}),
    _case("competitor.share", "range", {"partner_id": "$client", "competitor_id": "$rival2", "share_percent": 150}),
    _case("competitor.share", "range", {"partner_id": "$client", "competitor_id": "$rival2", "share_percent": 95}),
    _case("competitor.share", "company", {"partner_id": "$client", "competitor_id": "$b_competitor"}),
    _case(
        "competitor.share",
        "company",
        {"partner_id": "$b_client", "competitor_id": "$b_competitor", "company_id": "$company_b"},
        "hq",
    ),
    _case("competing.offer", "required", {"order_id": "$order"}),
    _case("competing.offer", "type", {"order_id": "$order", "competitor_id": "$competitor", "price": "cheap"}),
    _case("competing.offer", "type", {"order_id": "$order", "competitor_id": "$competitor", "price": float("inf")}),
    _case("competing.offer", "range", {"order_id": "$order", "competitor_id": "$competitor", "price": -1}),
    _case("competing.offer", "company", {"order_id": "$order", "competitor_id": "$b_competitor"}),
    _case("competing.offer", "company", {"order_id": "$b_order", "competitor_id": "$b_competitor"}, "hq"),
    _case("lost.reason", "required", {}),
    _case("lost.reason", "type", {"name": ["Price"]}),
    _case("lost.reason", "range", {"name": "x", "sequence": 1e10}),
    _case("lost.reason", "company", {"name": "x", "company_id": "$company_b"}, "hq"),
    # Contracts
    _case("disagreement", "required", {"order_id": "$order", "clause": "5.2"}),
    _case("disagreement", "type", {"order_id": "$order", "clause": "5.2", "client_wording": "x", "round": "two"}),
    _case("disagreement", "range", {"order_id": "$order", "clause": "5.2", "client_wording": "x", "round": 0}),
    _case("disagreement", "rule", {"order_id": "$order", "clause": "5.2", "client_wording": "x", "state": "agreed"}),
    _case("disagreement", "company", {"order_id": "$b_order", "clause": "5.2", "client_wording": "x"}, "hq"),
    _case("obligation", "required", {}),
    _case("obligation", "type", {"name": "x", "partner_id": "$client", "date_due": "2020-13-45"}),
    _case("obligation", "type", {"name": "x", "partner_id": "$client", "date_due": "2030-01-01", "amount": "x"}),
    _case("obligation", "range", {"name": "x", "partner_id": "$client", "date_due": "2030-01-01", "amount": -5}),
    _case("obligation", "rule", {"name": "x", "kind": "payment", "partner_id": "$client", "date_due": "2030-01-01"}),
    _case("obligation", "company", {"name": "x", "partner_id": "$b_client", "date_due": "2030-01-01"}),
    _case(
        "obligation",
        "company",
        {"name": "x", "order_id": "$b_order", "company_id": "$company_a", "date_due": "2030-01-01"},
    ),
    _case(
        "obligation",
        "company",
        {"name": "x", "partner_id": "$b_client", "company_id": "$company_b", "date_due": "2030-01-01"},
        "hq",
    ),
    # Settlements and the Inventory bridge
    _case("reconciliation.statement", "required", {"date_from": "2026-01-01"}),
    _case("reconciliation.statement", "type", {"partner_id": "$client", "date_from": "2026-13-45"}),
    _case(
        "reconciliation.statement",
        "range",
        {"partner_id": "$client", "date_from": "2026-03-01", "date_to": "2026-01-31"},
    ),
    _case("reconciliation.statement", "rule", {"partner_id": "$client", "state": "confirmed"}),
    _case("reconciliation.statement", "company", {"partner_id": "$b_client"}),
    _case("statement.answer.wizard", "required", {"answer": "confirmed"}),
    _case("statement.answer.wizard", "type", {"statement_id": "$statement", "client_amount_closing": "x"}),
    _case("delivery.date.wizard", "required", {"reason": "x"}),
    _case("delivery.date.wizard", "type", {"reason": "x", "obligation_id": "$obligation", "date_due": "soon"}),
    # Staff
    _case("category", "required", {"name": "x"}),
    _case("category", "type", {"name": "x", "code": "bi_t", "level": "x"}),
    _case("category", "rule", {"name": "x", "code": "none"}),
    _case("category", "range", {"name": "x", "code": "bi_r", "max_discount": 150}),
    _case("category", "range", {"name": "x", "code": "bi_r", "experience_months": -1}),
    _case("specialist", "required", {}),
    _case("specialist", "type", {"user_id": "abc"}),
    _case(
        "specialist",
        "rule",
        {
            "user_id": "$spare_user",
            "experience_ids": [
                (0, 0, {"post": "a", "date_start": "2020-01-01"}),
                (0, 0, {"post": "b", "date_start": "2099-01-01"}),
            ],
        },
    ),
    _case("specialist", "company", {"user_id": "$b_spare_user"}),
    _case("specialist", "company", {"user_id": "$spare_user", "head_id": "$b_user"}),
    _case("specialist", "company", {"user_id": "$b_spare_user", "company_id": "$company_b"}, "hq"),
    _case("experience", "required", {"specialist_id": "$specialist", "post": "x"}),
    _case("experience", "type", {"specialist_id": "$specialist", "post": "x", "date_start": "soon"}),
    _case("experience", "range", {"specialist_id": "$specialist", "post": "x", "date_start": "2099-01-01"}),
    _case(
        "experience",
        "range",
        {"specialist_id": "$specialist", "post": "x", "date_start": "2020-01-01", "date_end": "2019-01-01"},
    ),
    _case("experience", "company", {"specialist_id": "$b_specialist", "post": "x", "date_start": "2020-01-01"}, "hq"),
    _case("appointment", "required", {"specialist_id": "$specialist", "category_id": "$category"}),
    _case(
        "appointment",
        "type",
        {
            "specialist_id": "$specialist",
            "category_id": "x",
            "date": "2025-01-01",
            "order_number": "1",
            "order_date": "2025-01-01",
        },
    ),
    _case(
        "appointment",
        "rule",
        {
            "specialist_id": "$specialist",
            "category_id": "$category",
            "date": "2025-01-01",
            "order_number": "1",
            "order_date": "2025-01-01",
            "is_override": True,
        },
    ),
    _case(
        "appointment",
        "company",
        {
            "specialist_id": "$b_specialist",
            "category_id": "$category",
            "date": "2025-01-01",
            "order_number": "1",
            "order_date": "2025-01-01",
        },
        "hq",
    ),
    _case("absence", "required", {"specialist_id": "$specialist", "deputy_id": "$hq"}),
    _case(
        "absence",
        "type",
        {"specialist_id": "$specialist", "deputy_id": "$hq", "date_from": "x", "date_to": "2032-01-01"},
    ),
    _case(
        "absence",
        "range",
        {"specialist_id": "$specialist", "deputy_id": "$hq", "date_from": "2032-01-10", "date_to": "2032-01-01"},
    ),
    _case(
        "absence",
        "company",
        {"specialist_id": "$specialist", "deputy_id": "$b_user", "date_from": "2032-01-01", "date_to": "2032-01-05"},
    ),
    _case(
        "absence",
        "company",
        {"specialist_id": "$b_specialist", "deputy_id": "$admin", "date_from": "2032-01-01", "date_to": "2032-01-05"},
        "hq",
    ),
    # Results, evaluation, job descriptions
    _case("evaluation", "required", {"specialist_id": "$specialist", "date_from": "2025-01-01"}),
    _case("evaluation", "type", {"specialist_id": "$specialist", "date_from": "January", "date_to": "2025-01-31"}),
    _case(
        "evaluation",
        "type",
        {"specialist_id": "$specialist", "date_from": "2025-01-01", "date_to": "2025-01-31", "line_ids": "abc"},
    ),
    _case(
        "evaluation",
        "type",
        {"specialist_id": "$specialist", "date_from": "2025-01-01", "date_to": "2025-01-31", "line_ids": [(0, 0, "x")]},
    ),
    _case("evaluation", "range", {"specialist_id": "$specialist", "date_from": "2025-02-01", "date_to": "2025-01-01"}),
    _case(
        "evaluation",
        "range",
        {
            "specialist_id": "$specialist",
            "date_from": "2025-01-01",
            "date_to": "2025-01-31",
            "line_ids": [(0, 0, {"name": "Extra", "indicator": "manual", "weight": 10, "score": 150})],
        },
    ),
    _case(
        "evaluation",
        "company",
        {
            "specialist_id": "$specialist",
            "date_from": "2025-01-01",
            "date_to": "2025-01-31",
            "line_ids": [
                (0, 0, {"name": "Extra", "indicator": "manual", "weight": 10, "criterion_id": "$b_criterion"})
            ],
        },
    ),
    _case(
        "evaluation",
        "company",
        {"specialist_id": "$b_specialist", "date_from": "2025-01-01", "date_to": "2025-01-31"},
        "hq",
    ),
    _case("evaluation.criterion", "required", {"weight": 10}),
    _case("evaluation.criterion", "type", {"name": "x", "weight": "heavy"}),
    _case("evaluation.criterion", "type", {"name": "x", "indicator": "bogus"}),
    _case("evaluation.criterion", "range", {"name": "x", "weight": 150}),
    _case("evaluation.criterion", "range", {"name": "x", "weight": 0}),
    _case("evaluation.criterion", "range", {"name": "x", "target": -1}),
    _case("evaluation.criterion", "company", {"name": "x", "weight": 10, "company_id": "$company_b"}, "hq"),
    _case("evaluation.line", "required", {"evaluation_id": "$evaluation", "name": "x"}),
    _case(
        "evaluation.line", "type", {"evaluation_id": "$evaluation", "name": "x", "indicator": "manual", "weight": "ten"}
    ),
    _case(
        "evaluation.line",
        "range",
        {"evaluation_id": "$evaluation", "name": "x", "indicator": "manual", "weight": 10, "score": -1},
    ),
    _case(
        "evaluation.line", "range", {"evaluation_id": "$evaluation", "name": "x", "indicator": "manual", "weight": 150}
    ),
    _case(
        "evaluation.line",
        "company",
        {
            "evaluation_id": "$evaluation",
            "name": "x",
            "indicator": "manual",
            "weight": 10,
            "criterion_id": "$b_criterion",
        },
    ),
    _case(
        "evaluation.line",
        "company",
        {"evaluation_id": "$b_evaluation", "name": "x", "indicator": "manual", "weight": 10},
        "hq",
    ),
    _case("job.description", "required", {"name": "x"}),
    _case("job.description", "type", {"name": "x", "category_id": "x"}),
    _case("job.description", "type", {"name": "x", "category_id": "$category", "approval_date": "tomorrow"}),
    _case("job.description", "range", {"name": "x", "category_id": "$category", "version": 0}),
    _case("job.description", "rule", {"name": "x", "category_id": "$category", "state": "approved"}),
    _case(
        "job.description",
        "rule",
        {"name": "x", "category_id": "$category", "acknowledgement_ids": [(0, 0, {"specialist_id": "$specialist"})]},
    ),
    _case("job.description", "company", {"name": "x", "category_id": "$category", "company_id": "$company_b"}, "hq"),
    _case("job.description.acknowledgement", "required", {}),
    _case("job.description.acknowledgement", "type", {"job_description_id": "$approved_jd", "specialist_id": "x"}),
    _case(
        "job.description.acknowledgement",
        "company",
        {"job_description_id": "$approved_jd", "specialist_id": "$b_specialist"},
        "hq",  # nobody creates them but the system; the unit tests check the company link as such
    ),
    # Wizards, briefly
    _case("appointment.wizard", "required", {"specialist_id": "$specialist"}),
    _case("appointment.wizard", "type", {"specialist_id": "$specialist", "category_id": "x", "order_number": "1"}),
    _case("approval.reject.wizard", "required", {"reason": "x"}),
    _case("approval.reject.wizard", "type", {"reason": "x", "order_ids": "S00001"}),
    _case("feedback.reject.wizard", "required", {"reason": "x"}),
    _case("feedback.reject.wizard", "type", {"reason": "x", "feedback_ids": [(6, 0, ["x"])]}),
    _case("obligation.waive.wizard", "required", {"reason": "x"}),
    _case("obligation.waive.wizard", "type", {"reason": 5, "obligation_ids": [(6, 0, ["$obligation"])]}),
    _case("feedback.compensation.reject.wizard", "required", {"reason": "x"}),
    _case("feedback.compensation.reject.wizard", "type", {"reason": "x", "feedback_ids": [(6, 0, ["x"])]}),
    _case("job.description.approval.wizard", "required", {"approver_name": "Director"}),
    _case(
        "job.description.approval.wizard",
        "type",
        {"approver_name": "Director", "approval_date": "x", "job_description_ids": [(6, 0, ["$job_description"])]},
    ),
    _case("registry.branch.wizard", "required", {"more_units": False}),
    _case("registry.branch.wizard", "type", {"partner_id": "Client"}),
    _case("registry.branch.line", "required", {"kpp": "770101001"}),
    _case("registry.branch.line", "type", {"wizard_id": "x", "kpp": "770101001"}),
    _case("order.lost.wizard", "required", {"lost_reason_id": "$lost_reason"}),
    _case("order.lost.wizard", "type", {"lost_reason_id": "x", "order_ids": [(6, 0, ["$order"])]}),
    _case("partner.lost.wizard", "required", {"reason": "x"}),
    _case("partner.lost.wizard", "type", {"reason": "x", "partner_ids": [(4, "x")]}),
]

# (model, record, check, values, user): the record must read the same afterwards, lines included.
WRITES = [
    _write("tier", "$tier", {"contact_interval_days": -1}),
    _write("tier", "$tier", {"pricelist_id": "$b_pricelist"}),
    _write("tier", "$b_tier", {"name": "Ours now"}, "hq"),
    _write("need", "$need", {"priority": "9"}),
    _write("need", "$need", {"expected_volume": "lots"}),
    _write("need", "$need", {"date_identified": "yesterday"}),
    _write("need", "$need", {"partner_id": "x"}),
    _write("need", "$need", {"sale_order_ids": [(4, "$order"), (99, 0, 0)]}),
    _write("need", "$need", {"sale_order_ids": [(6, 0, ["$b_order_of_client"])]}),
    _write("need", "$b_need", {"name": "Ours now"}, "hq"),
    _write("completeness.rule", "$rule", {"check": "x"}),
    _write("completeness.rule", "$rule", {"stage": False}),
    _write(
        "tier.review",
        "$review",
        {
            "line_ids": [
                (1, "$review_line", {"reject_reason": "x"}),
                (0, 0, {"partner_id": "$client", "proposed_tier_id": "$b_tier"}),
            ]
        },
    ),
    _write("tier.review", "$b_review", {"date_from": "2025-02-01"}, "hq"),
    _write("tier.review.line", "$review_line", {"proposed_tier_id": "x"}),
    _write("tier.review.line", "$b_review_line", {"reject_reason": "x"}, "hq"),
    _write("reliability.assessment", "$assessment", {"revenue": -1, "equity": 100}),
    _write("reliability.assessment", "$assessment", {"partner_id": "$b_client"}),
    _write("reliability.assessment", "$b_assessment", {"court_cases": 1}, "hq"),
    _write("reliability.scheme", "$scheme", {"line_ids": [(1, "$scheme_line", {"weight": 0})]}),
    _write("reliability.scheme", "$scheme", {"expiry_notice_days": -1}),
    _write("reliability.scheme", "$b_scheme", {"validity_days": 100}, "hq"),
    _write("reliability.scheme.line", "$scheme_line", {"weight": 101}),
    _write("reliability.scheme.line", "$b_scheme_line", {"weight": 50}, "hq"),
    _write("reliability.line", "$reliability_line", {"score": 150}),
    _write("reliability.line", "$b_reliability_line", {"explanation": "x"}, "hq"),
    _write("feedback", "$feedback", {"compensation": True, "compensation_amount": -5}),
    _write("feedback", "$feedback", {"compensation": "yes"}),
    _write("feedback", "$feedback", {"partner_id": "$b_client"}),
    _write("feedback", "$b_feedback", {"subject": "Ours now"}, "hq"),
    _write("feedback.cause", "$cause", {"name": False}),
    _write("feedback.cause", "$cause", {"sequence": 1e10}),
    _write("competitor.policy", "$policy", {"discount_percent": 150}),
    _write("competitor.policy", "$policy", {"payment_days": "thirty"}),
    _write("competitor.policy", "$policy", {"competitor_id": "$b_competitor"}),
    _write("competitor.policy", "$b_policy", {"source": "x"}, "hq"),
    _write("competitor.share", "$share", {"share_percent": "half"}),
    _write("competitor.share", "$share", {"share_percent": 150}),
    _write("competitor.share", "$share", {"competitor_id": "$b_competitor"}),
    _write("competitor.share", "$b_share", {"share_percent": 5}, "hq"),
    _write("competing.offer", "$offer", {"price": -1}),
    _write("competing.offer", "$offer", {"price": float("nan")}),
    _write("competing.offer", "$offer", {"competitor_id": "$b_competitor"}),
    _write("competing.offer", "$b_offer", {"price": 1}, "hq"),
    _write("lost.reason", "$lost_reason", {"sequence": "first"}),
    _write("lost.reason", "$b_lost_reason", {"name": "Ours now"}, "hq"),
    _write("disagreement", "$disagreement", {"state": "agreed"}),
    _write("disagreement", "$disagreement", {"round": 0}),
    _write("disagreement", "$b_disagreement", {"note": "x"}, "hq"),
    _write("obligation", "$obligation", {"date_due": "next week"}),
    _write("reconciliation.statement", "$statement", {"date_to": "next week"}),
    _write("reconciliation.statement", "$statement", {"amount_closing": 5}),
    _write("reconciliation.statement", "$b_statement", {"date_to": "2030-01-01"}, "hq"),
    _write("obligation", "$obligation", {"amount": float("inf")}),
    _write("obligation", "$obligation", {"partner_id": "$b_client"}),
    _write("obligation", "$b_obligation", {"note": "x"}, "hq"),
    _write("category", "$category_bi", {"max_discount": -1}),
    _write("category", "$category_bi", {"code": False}),
    _write("specialist", "$specialist", {"head_id": "$b_user"}),
    _write("specialist", "$specialist", {"education_level": "phd"}),
    _write(
        "specialist",
        "$specialist",
        {
            "experience_ids": [
                (1, "$experience", {"post": "Changed"}),
                (0, 0, {"post": "x", "date_start": "2099-01-01"}),
            ]
        },
    ),
    _write("specialist", "$b_specialist", {"education_details": "x"}, "hq"),
    _write("experience", "$experience", {"date_end": "1999-01-01"}),
    _write("experience", "$b_experience", {"employer": "x"}, "hq"),
    _write("appointment", "$appointment", {"category_id": "$category2"}),
    _write("appointment", "$appointment", {"order_date": "x"}),
    _write("appointment", "$b_appointment", {"note": "x"}, "hq"),
    _write("absence", "$absence", {"date_to": "2000-01-01"}),
    _write("absence", "$absence", {"deputy_id": "$b_user"}),
    _write("absence", "$b_absence", {"note": "x"}, "hq"),
    _write(
        "evaluation",
        "$evaluation",
        {
            "line_ids": [
                (1, "$evaluation_line", {"score": 50}),
                (0, 0, {"name": "x", "indicator": "manual", "weight": 10, "score": 150}),
            ]
        },
    ),
    _write("evaluation", "$evaluation", {"date_to": "2000-01-01"}),
    _write("evaluation", "$b_evaluation", {"comment": "x"}, "hq"),
    _write("evaluation.criterion", "$criterion", {"weight": 0}),
    _write("evaluation.criterion", "$b_criterion", {"description": "x"}, "hq"),
    _write("evaluation.line", "$evaluation_line", {"score": 101}),
    _write("evaluation.line", "$evaluation_line", {"criterion_id": "$b_criterion"}),
    _write("evaluation.line", "$b_evaluation_line", {"comment": "x"}, "hq"),
    _write("job.description", "$job_description", {"version": 0}),
    _write("job.description", "$job_description", {"approval_date": "tomorrow"}),
    _write("job.description", "$b_job_description", {"approver_name": "x"}, "hq"),
    _write("job.description.acknowledgement", "$acknowledgement", {"state": "done"}),
    _write("job.description.acknowledgement", "$b_acknowledgement", {"state": "done"}, "hq"),
]


def _sub(value, refs):
    """Replace "$name" by the id the fixture made for it."""
    if isinstance(value, str) and value.startswith("$"):
        return refs[value[1:]]
    if isinstance(value, dict):
        return {k: _sub(v, refs) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_sub(v, refs) for v in value]
    return value


class World:
    """Our company's records and another company's, made by the administrator over RPC."""

    def __init__(self, server):
        self.admin = server.login("admin", "admin")
        self.refs = {"admin": self.admin.uid}
        self._fields = {}
        self._people_and_partners()
        self.hq = server.login("bi_head", "bi_head-pw")
        for prefix, company in (("", "$company_a"), ("b_", "$company_b")):
            self._records(prefix, company)
        self._make("b_scheme", "reliability.scheme", {"name": "BI Theirs", "company_id": "$company_b"})
        self._make(
            "b_scheme_line",
            "reliability.scheme.line",
            {"scheme_id": "$b_scheme", "criterion": "relationship", "weight": 100},
        )
        self.refs["scheme"] = self._first("reliability.scheme", [("company_id", "=", "$company_a")])
        self.refs["scheme_line"] = self._first("reliability.scheme.line", [("scheme_id", "=", "$scheme")])
        self._make(
            "b_criterion", "evaluation.criterion", {"name": "BI Theirs", "weight": 100, "company_id": "$company_b"}
        )
        self.refs["criterion"] = self._first("evaluation.criterion", [("company_id", "=", "$company_a")])
        for prefix, company in (("", "$company_a"), ("b_", "$company_b")):
            self._scored(prefix, company)
        self._make("category_bi", "category", {"name": "BI Category", "code": "bi"})
        self._make("cause", "feedback.cause", {"name": "BI Cause"})
        self.refs["rule"] = self._xmlid("completeness_client_phone")

    def _make(self, name, model, values):
        self.refs[name] = self.admin.call(CS + model, "create", _sub(values, self.refs))

    def _first(self, model, domain):
        found = self.admin.call(CS + model, "search", _sub(domain, self.refs), limit=1, context={"active_test": False})
        return found[0]

    def _xmlid(self, name):
        return xmlid(self.admin, name)

    def _people_and_partners(self):
        call, r = self.admin.call, self.refs
        r["company_a"] = call("res.users", "read", [self.admin.uid], ["company_id"])[0]["company_id"][0]
        r["company_b"] = call("res.company", "create", {"name": "Bad Input Other Company"})
        r["company_c"] = call("res.company", "create", {"name": "Bad Input Third Company"})  # no scheme yet
        head, specialist = self._xmlid("group_client_specialist_head"), self._xmlid("group_client_specialist")
        r["category"], r["category2"] = self._xmlid("category_none"), self._xmlid("category_second")
        for name, login, company, group in (
            ("hq", "bi_head", "company_a", head),
            ("user", "bi_spec", "company_a", specialist),
            ("spare_user", "bi_spare", "company_a", specialist),
            ("b_user", "bi_b_spec", "company_b", specialist),
            ("b_spare_user", "bi_b_spare", "company_b", specialist),
        ):
            r[name] = call(
                "res.users",
                "create",
                {
                    "name": login,
                    "login": login,
                    "password": login + "-pw",
                    "groups_id": [(4, group)],
                    "company_id": r[company],
                    "company_ids": [(6, 0, [r[company]])],
                },
            )
        for name, company, competitor in (
            ("client", False, False),
            ("competitor", False, True),
            ("rival2", False, True),
            ("b_client", r["company_b"], False),
            ("b_competitor", r["company_b"], True),
        ):
            values = {"name": f"BI {name}", "is_company": True, "cs_is_competitor": competitor, "company_id": company}
            r[name] = call("res.partner", "create", values)
        for name, partner, company in (
            ("order", "client", "company_a"),
            ("b_order", "b_client", "company_b"),
            ("b_order_of_client", "client", "company_b"),
        ):
            r[name] = call("sale.order", "create", {"partner_id": r[partner], "company_id": r[company]})
        r["b_pricelist"] = call("product.pricelist", "create", {"name": "BI Theirs", "company_id": r["company_b"]})

    def _records(self, p, company):
        """The records of one company, their names prefixed with ``p``."""
        client, rival, order, specialist = f"${p}client", f"${p}competitor", f"${p}order", f"${p}specialist"
        self._make(p + "tier", "tier", {"name": "BI Tier", "company_id": company})
        self._make(p + "specialist", "specialist", {"user_id": f"${p}user", "company_id": company})
        self._make(
            p + "experience", "experience", {"specialist_id": specialist, "post": "Clerk", "date_start": "2020-01-01"}
        )
        appoint(self.admin, [self.refs[specialist.removeprefix("$")]], self.refs["category"], "2024-01-01", "BI-1")
        self.refs[p + "appointment"] = self._first("appointment", [("specialist_id", "=", specialist)])
        absence = {"specialist_id": specialist, "deputy_id": "$admin" if p else "$hq"}
        self._make(p + "absence", "absence", {**absence, "date_from": "2031-01-01", "date_to": "2031-01-05"})
        self._make(p + "need", "need", {"name": "Film", "partner_id": client, "company_id": company})
        self._make(p + "feedback", "feedback", {"subject": "Late", "partner_id": client, "company_id": company})
        self._make(p + "policy", "competitor.policy", {"name": "Summer", "competitor_id": rival, "company_id": company})
        share = {"partner_id": client, "competitor_id": rival, "share_percent": 10, "company_id": company}
        self._make(p + "share", "competitor.share", share)
        self._make(p + "offer", "competing.offer", {"order_id": order, "competitor_id": rival, "price": 90})
        self._make(
            p + "disagreement", "disagreement", {"order_id": order, "clause": "5.2", "client_wording": "60 days"}
        )
        obligation = {"name": "Act", "partner_id": client, "company_id": company, "date_due": "2030-01-01"}
        self._make(p + "obligation", "obligation", obligation)
        period = {"partner_id": client, "company_id": company, "date_from": "2026-01-01", "date_to": "2026-03-31"}
        self._make(p + "statement", "reconciliation.statement", period)
        self._make(p + "lost_reason", "lost.reason", {"name": "BI Price", "company_id": company})
        line = {"partner_id": client, "proposed_tier_id": f"${p}tier"}
        self._make(
            p + "review", "tier.review", {"date_from": "2025-01-01", "company_id": company, "line_ids": [(0, 0, line)]}
        )
        self.refs[p + "review_line"] = self._first("tier.review.line", [("review_id", "=", f"${p}review")])
        description = {"name": "BI JD", "category_id": "$category", "company_id": company}
        self._make(p + "job_description", "job.description", description)
        approval = {"approver_name": "Director", "approval_date": "2025-01-01"}
        self._make(p + "approved_jd", "job.description", description)
        self.admin.call(CS + "job.description", "action_approve", [self.refs[p + "approved_jd"]], **approval)
        self.refs[p + "acknowledgement"] = self._first(
            "job.description.acknowledgement",
            [("job_description_id", "=", f"${p}approved_jd"), ("specialist_id", "=", specialist)],
        )

    def _scored(self, p, company):
        """An assessment and an evaluation of one company, and one of their lines."""
        self._make(p + "assessment", "reliability.assessment", {"partner_id": f"${p}client", "company_id": company})
        self.refs[p + "reliability_line"] = self._first("reliability.line", [("assessment_id", "=", f"${p}assessment")])
        period = {"date_from": "2025-01-01", "date_to": "2025-01-31"}
        self._make(p + "evaluation", "evaluation", {"specialist_id": f"${p}specialist", **period})
        self.refs[p + "evaluation_line"] = self._first("evaluation.line", [("evaluation_id", "=", f"${p}evaluation")])

    def user(self, name):
        return {"admin": self.admin, "hq": self.hq}[name]

    def counts(self, model):
        """How many records the model, its lines and the chatter hold."""
        models = [model, *(CS + child for child, _field in CHILDREN.get(model.removeprefix(CS), ()))]
        counts = {m: self.admin.call(m, "search_count", [], context={"active_test": False}) for m in models}
        counts["mail.message"] = self.admin.call("mail.message", "search_count", [])
        return counts

    def state(self, model, record_id):
        """The record's stored values and its lines', as the administrator reads them."""
        state = {model: self.admin.call(model, "read", [record_id], self.stored(model))}
        for child, field in CHILDREN.get(model.removeprefix(CS), ()):
            domain = [(field, "=", record_id)]
            state[child] = self.admin.call(
                CS + child, "search_read", domain, self.stored(CS + child), context={"active_test": False}
            )
        return state

    def stored(self, model):
        if model not in self._fields:
            described = self.admin.call(model, "fields_get", attributes=["store", "type"])
            self._fields[model] = sorted(n for n, f in described.items() if f["store"] and f["type"] != "binary")
        return self._fields[model]


@pytest.fixture(scope="module")
def world(odoo_server_with_addon):
    return World(odoo_server_with_addon)


def _assert_refused(check, user, caught):
    fault = caught.value
    assert fault.faultCode in READABLE, fault.faultString[-600:]
    if check == "company" and user == "admin":
        assert "compan" in fault.faultString.lower(), fault.faultString[-600:]


@pytest.mark.parametrize(("model", "check", "values", "user"), CREATES)
def test_bad_create_is_refused_readably_and_leaves_nothing(world, model, check, values, user):
    before = world.counts(model)
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world.user(user).call(model, "create", _sub(values, world.refs))
    _assert_refused(check, user, caught)
    assert world.counts(model) == before


@pytest.mark.parametrize(("model", "record", "values", "user"), WRITES)
def test_bad_write_is_refused_readably_and_changes_nothing(world, model, record, values, user):
    record_id = _sub(record, world.refs)
    before = world.state(model, record_id)
    with pytest.raises(xmlrpc.client.Fault) as caught:
        world.user(user).call(model, "write", [record_id], _sub(values, world.refs))
    if user == "hq":  # another company's record, out of this head of sales' reach
        assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-600:]
    else:
        _assert_refused("", user, caught)
    assert world.state(model, record_id) == before


def _names(folder):
    """The models defined in ``folder`` of every module, less the SQL views and the abstract models."""
    names = set()
    for path in (path for addon in ADDONS for path in (addon / folder).glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "_auto = False" not in text and "models.AbstractModel" not in text:
            names.update(m.removeprefix(CS) for m in re.findall(r'_name = "(client_specialist\.[\w.]+)"', text))
    return names


@pytest.mark.parametrize("user", ["admin", "hq"])
@pytest.mark.parametrize("model", sorted(SYSTEM_ONLY))
def test_system_only_models_refuse_every_create_and_write(world, model, user):
    before = world.counts(CS + model)
    for method, args in (("create", [{"summary": "x"}]), ("write", [[1], {"summary": "x"}])):
        with pytest.raises(xmlrpc.client.Fault) as caught:
            world.user(user).call(CS + model, method, *args)
        assert caught.value.faultCode == ACCESS_ERROR, caught.value.faultString[-600:]
    assert world.counts(CS + model) == before


def test_every_model_is_covered():
    created = {(p.values[0].removeprefix(CS), p.values[1]) for p in CREATES}
    written = {p.values[0].removeprefix(CS) for p in WRITES}
    models, wizards = _names("models"), _names("wizards")
    assert "result" not in models and len(models) >= 25
    missing = []
    for model in sorted(models - SYSTEM_ONLY.keys()):
        wanted = ["required", "type"]
        wanted += [] if model in NO_RANGE_RULE else ["range"]
        wanted += [] if model in NO_COMPANY else ["company"]
        missing += [f"{model}: create {check}" for check in wanted if (model, check) not in created]
        missing += [] if model in written else [f"{model}: write"]
    for wizard in sorted(wizards):
        missing += [f"{wizard}: create {check}" for check in ("required", "type") if (wizard, check) not in created]
    assert not missing, missing


def test_buttons_answer_over_xmlrpc(world):
    """XML-RPC cannot carry None: buttons that returned nothing were server errors to the caller."""
    admin, refs = world.admin, world.refs
    disagreement = admin.call(
        CS + "disagreement", "create", {"order_id": refs["order"], "clause": "7.1", "client_wording": "x"}
    )
    obligation = admin.call(
        CS + "obligation", "create", {"name": "Docs", "partner_id": refs["client"], "date_due": "2030-01-01"}
    )
    assert admin.call(CS + "disagreement", "action_withdraw", [disagreement]) is True
    assert admin.call(CS + "disagreement", "action_reopen", [disagreement]) is True
    assert admin.call(CS + "obligation", "action_done", [obligation]) is True
    assert admin.call(CS + "obligation", "action_reopen", [obligation]) is True
