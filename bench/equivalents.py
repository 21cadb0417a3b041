"""Each cron's work as one hand-written SQL statement: the yardstick for the cron's time.

Each statement selects what its cron selects and writes what it writes (flags, states, the order
notes, and for the reminders one digest and its activity per person and kind, listing the first
100 records with links); it skips what SQL cannot do (translations, formatted dates, access
rules, the ORM's caches). It runs in a transaction that is rolled back.
"""

ACTIVITY_COLUMNS = (
    "res_model_id, res_model, res_id, activity_type_id, user_id, summary, note, date_deadline, "
    "create_uid, write_uid, create_date, write_date"
)

# The acting user: the deputy of a running absence, else the user.
ACTING = """
    LEFT JOIN LATERAL (
        SELECT a.deputy_id FROM client_specialist_absence a
          JOIN client_specialist_specialist s ON s.id = a.specialist_id
         WHERE s.user_id = {user} AND a.state = 'running' ORDER BY a.id LIMIT 1
    ) dep ON TRUE
"""

DIGEST_COLUMNS = (
    "kind, user_id, on_behalf_of_id, company_id, res_model, res_ids, record_count, summary, note, "
    "create_uid, write_uid, create_date, write_date"
)


def digests(name, kind, model, pending, activity_type, title):
    """CTEs writing one digest per person of ``pending`` (id, person, behalf, sort, line) and its activity."""
    return f"""
        {name}_digest AS (
            INSERT INTO client_specialist_digest ({DIGEST_COLUMNS})
            SELECT '{kind}', person, behalf, %(company)s, '{model}', jsonb_agg(id ORDER BY id), count(*),
                   '{title}: ' || count(*),
                   '<ul>' || string_agg(CASE WHEN rank <= 100 THEN '<li><a href="/odoo/{model}/' || id || '">'
                                        || line || '</a></li>' END, '' ORDER BY rank)
                   || '</ul><p><a href="/odoo/client_specialist.digest">Open the list</a></p>',
                   1, 1, now(), now()
              FROM (SELECT *, row_number() OVER (PARTITION BY person, behalf ORDER BY sort, id) AS rank
                      FROM {pending}) ranked
             WHERE person IS NOT NULL
             GROUP BY person, behalf
            RETURNING id, user_id, summary, note
        ), {name}_activity AS (
            INSERT INTO mail_activity ({ACTIVITY_COLUMNS})
            SELECT %(model_digest)s, 'client_specialist.digest', id, {activity_type}, user_id, summary, note,
                   %(today)s, 1, 1, now(), now()
              FROM {name}_digest
        )"""


EQUIVALENTS = {
    "ir_cron_absence_refresh_state": """
        UPDATE client_specialist_absence
           SET state = CASE WHEN date_to < %(today)s THEN 'done' ELSE 'running' END, write_date = now()
         WHERE (state = 'planned' AND date_from <= %(today)s) OR (state = 'running' AND date_to < %(today)s)
    """,
    "ir_cron_specialist_eligibility": f"""
        WITH due AS (
            SELECT s.id, s.next_category_id FROM client_specialist_specialist s
             WHERE s.next_category_id IS NOT NULL AND s.next_category_date <= %(today)s
               AND s.next_category_notified IS NOT TRUE
             FOR NO KEY UPDATE OF s SKIP LOCKED
        ), pending AS (
            SELECT s.id, COALESCE(dep.deputy_id, s.head_id, %(head)s) AS person,
                   CASE WHEN dep.deputy_id IS NOT NULL THEN COALESCE(s.head_id, %(head)s) END AS behalf,
                   s.next_category_date AS sort, p.name || ' — qualifies for ' || c.name AS line
              FROM client_specialist_specialist s
              JOIN res_users u ON u.id = s.user_id JOIN res_partner p ON p.id = u.partner_id
              JOIN client_specialist_category c ON c.id = s.next_category_id
              {ACTING.format(user="COALESCE(s.head_id, %(head)s)")}
             WHERE s.next_category_id IS NOT NULL AND s.next_category_date <= %(today)s
        ), {digests("eligible", "eligibility", "client_specialist.specialist", "pending", "%(todo)s",
                    "Specialists eligible for the next category")}
        UPDATE client_specialist_specialist s
           SET eligibility_notified_category_id = due.next_category_id, next_category_notified = TRUE
          FROM due WHERE s.id = due.id
    """,
    "ir_cron_job_description_acknowledgement": f"""
        WITH due AS (
            SELECT a.id, a.job_description_id, a.user_id
              FROM client_specialist_job_description_acknowledgement a
              JOIN client_specialist_job_description j ON j.id = a.job_description_id
              JOIN client_specialist_specialist s ON s.id = a.specialist_id
             WHERE a.state = 'pending' AND a.reminder_sent IS NOT TRUE AND j.state = 'approved' AND s.active
             FOR NO KEY UPDATE OF a SKIP LOCKED
        ), act AS (
            INSERT INTO mail_activity ({ACTIVITY_COLUMNS})
            SELECT %(model_job_description)s, 'client_specialist.job.description', job_description_id,
                   %(acknowledge)s, user_id, 'Read and acknowledge the job description', NULL, %(today)s,
                   1, 1, now(), now()
              FROM due
        )
        UPDATE client_specialist_job_description_acknowledgement a SET reminder_sent = TRUE
          FROM due WHERE a.id = due.id
    """,
    "ir_cron_obligation_overdue": f"""
        WITH due AS (
            SELECT o.id, o.state, o.order_id, o.user_id, o.name, o.is_escalated,
                   o.date_due <= %(today)s - c.cs_obligation_escalation_days AS escalate
              FROM client_specialist_obligation o
              JOIN res_company c ON c.id = o.company_id
             WHERE (o.state = 'open' AND o.date_due < %(today)s)
                OR (o.state = 'overdue' AND o.is_escalated IS NOT TRUE
                    AND o.date_due <= %(today)s - c.cs_obligation_escalation_days)
             FOR NO KEY UPDATE OF o SKIP LOCKED
        ), upd AS (
            UPDATE client_specialist_obligation o
               SET state = 'overdue', is_escalated = o.is_escalated OR due.escalate, write_date = now()
              FROM due WHERE o.id = due.id
        ), overdue AS (  -- what is overdue once the update is done: the digests list it all
            SELECT o.id, o.user_id, COALESCE(d.is_escalated OR d.escalate, o.is_escalated) AS escalated,
                   o.date_due AS sort,
                   o.name || ' — ' || COALESCE(p.name, '') || ', due ' || o.date_due || ', ' || COALESCE(o.amount, 0)
                       AS line
              FROM client_specialist_obligation o
              LEFT JOIN due d ON d.id = o.id
              LEFT JOIN res_partner p ON p.id = o.partner_id
             WHERE o.state = 'overdue' OR d.id IS NOT NULL
        ), mine AS (
            SELECT overdue.*, COALESCE(dep.deputy_id, overdue.user_id) AS person,
                   CASE WHEN dep.deputy_id IS NOT NULL THEN overdue.user_id END AS behalf
              FROM overdue {ACTING.format(user="overdue.user_id")}
        ), escalated AS (
            SELECT overdue.*, %(head)s AS person, NULL::int AS behalf FROM overdue WHERE escalated
        ), {digests("mine", "obligation_overdue", "client_specialist.obligation", "mine", "%(overdue_type)s",
                    "Overdue obligations of your clients")},
        {digests("escalated", "obligation_escalation", "client_specialist.obligation", "escalated",
                 "%(overdue_type)s", "Escalations: overdue obligations")}
        INSERT INTO mail_message (model, res_id, message_type, body, author_id, date, create_uid, write_uid,
                                  create_date, write_date)
        SELECT 'sale.order', order_id, 'notification',
               '<p>' || string_agg('Overdue: ' || name, '<br/>') || '</p>', %(root_partner)s, now(), 1, 1, now(), now()
          FROM due WHERE state = 'open' AND order_id IS NOT NULL GROUP BY order_id
    """,
    "ir_cron_feedback_deadlines": f"""
        WITH due AS (
            SELECT f.id,
                   f.state = 'new' AND f.response_deadline < %(today)s AND f.response_breach_escalated IS NOT TRUE
                       AS response_breach,
                   f.state = 'new' AND f.response_risk_date <= %(today)s AND f.response_risk_notified IS NOT TRUE
                       AND f.response_deadline >= %(today)s AS response_risk,
                   f.resolution_deadline < %(today)s AND f.resolution_breach_escalated IS NOT TRUE AS resolution_breach,
                   f.resolution_risk_date <= %(today)s AND f.resolution_risk_notified IS NOT TRUE
                       AND f.resolution_deadline >= %(today)s AS resolution_risk
              FROM client_specialist_feedback f
             WHERE (f.state = 'new' AND f.response_risk_date <= %(today)s AND f.response_risk_notified IS NOT TRUE)
                OR (f.state = 'new' AND f.response_deadline < %(today)s AND f.response_breach_escalated IS NOT TRUE)
                OR (f.state IN ('new', 'in_progress') AND f.resolution_risk_date <= %(today)s
                    AND f.resolution_risk_notified IS NOT TRUE)
                OR (f.state IN ('new', 'in_progress') AND f.resolution_deadline < %(today)s
                    AND f.resolution_breach_escalated IS NOT TRUE)
             FOR NO KEY UPDATE OF f SKIP LOCKED
        ), upd AS (
            UPDATE client_specialist_feedback f
               SET response_breach_escalated = f.response_breach_escalated OR due.response_breach,
                   response_risk_notified = f.response_risk_notified OR due.response_breach OR due.response_risk,
                   resolution_breach_escalated = f.resolution_breach_escalated OR due.resolution_breach,
                   resolution_risk_notified = f.resolution_risk_notified OR due.resolution_breach
                       OR due.resolution_risk
              FROM due WHERE f.id = due.id
        ), flags AS (  -- the flags once the update is done: the digests list every one at risk or breached
            SELECT f.id, f.user_id, f.state, f.resolution_deadline AS sort,
                   f.name || ' — ' || COALESCE(p.name, '') || ', resolution due ' || f.resolution_deadline AS line,
                   f.response_risk_notified OR COALESCE(d.response_breach OR d.response_risk, FALSE) AS response_risk,
                   f.response_breach_escalated OR COALESCE(d.response_breach, FALSE) AS response_breach,
                   f.resolution_risk_notified OR COALESCE(d.resolution_breach OR d.resolution_risk, FALSE)
                       AS resolution_risk,
                   f.resolution_breach_escalated OR COALESCE(d.resolution_breach, FALSE) AS resolution_breach
              FROM client_specialist_feedback f
              LEFT JOIN due d ON d.id = f.id
              LEFT JOIN res_partner p ON p.id = f.partner_id
             WHERE f.state IN ('new', 'in_progress')
        ), at_risk AS (
            SELECT flags.*, COALESCE(dep.deputy_id, flags.user_id) AS person,
                   CASE WHEN dep.deputy_id IS NOT NULL THEN flags.user_id END AS behalf
              FROM flags {ACTING.format(user="flags.user_id")}
             WHERE (state = 'new' AND response_risk AND NOT response_breach)
                OR (resolution_risk AND NOT resolution_breach)
        ), breached AS (
            SELECT flags.*, %(head)s AS person, NULL::int AS behalf FROM flags
             WHERE (state = 'new' AND response_breach) OR resolution_breach
        ), {digests("risk", "feedback_risk", "client_specialist.feedback", "at_risk", "%(todo)s", "Claims at risk")},
        {digests("breach", "feedback_breach", "client_specialist.feedback", "breached", "%(todo)s",
                 "Escalations: breached deadlines of claims")}
        SELECT count(*) FROM due
    """,
    "ir_cron_partner_reliability": """
        WITH dirty AS (
            SELECT p.id, p.cs_reliability_id FROM res_partner p
             WHERE p.cs_reliability_dirty AND p.cs_reliability_id IS NOT NULL
             FOR NO KEY UPDATE OF p SKIP LOCKED
        ), invoices AS (
            SELECT m.commercial_partner_id AS partner_id, count(*) AS n,
                   avg(GREATEST(0, COALESCE(paid.day, %(today)s) - m.invoice_date_due)) AS days_late,
                   sum(CASE WHEN m.payment_state NOT IN ('paid', 'in_payment', 'reversed')
                             AND m.invoice_date_due < %(today)s THEN m.amount_residual ELSE 0 END) AS overdue
              FROM account_move m
              JOIN dirty ON dirty.id = m.commercial_partner_id
              LEFT JOIN LATERAL (
                  SELECT max(pr.max_date) AS day FROM account_move_line l
                    JOIN account_partial_reconcile pr ON pr.debit_move_id = l.id
                   WHERE l.move_id = m.id
              ) paid ON TRUE
             WHERE m.move_type = 'out_invoice' AND m.state = 'posted' AND m.invoice_date >= %(year_ago)s
             GROUP BY 1
        ), orders AS (
            SELECT c.commercial_partner_id AS partner_id, count(*) AS n
              FROM sale_order o JOIN res_partner c ON c.id = o.partner_id
              JOIN dirty ON dirty.id = c.commercial_partner_id
             WHERE o.state = 'sale' AND o.date_order >= %(year_ago)s GROUP BY 1
        ), claims AS (
            SELECT f.partner_id, count(*) AS n FROM client_specialist_feedback f JOIN dirty ON dirty.id = f.partner_id
             WHERE f.type = 'claim' AND f.date_received >= %(year_ago)s GROUP BY 1
        ), scores AS (
            SELECT dirty.id, dirty.cs_reliability_id,
                   LEAST(100, GREATEST(0, 100 - COALESCE(i.days_late, 0) * 2 - COALESCE(c.n, 0) * 10
                         + LEAST(COALESCE(o.n, 0), 10) * 2 - (COALESCE(i.overdue, 0) > 0)::int * 20)) AS score
              FROM dirty LEFT JOIN invoices i ON i.partner_id = dirty.id
              LEFT JOIN orders o ON o.partner_id = dirty.id LEFT JOIN claims c ON c.partner_id = dirty.id
        ), lines AS (
            UPDATE client_specialist_reliability_line l SET write_date = now()
              FROM scores WHERE l.assessment_id = scores.cs_reliability_id
        ), assessments AS (
            UPDATE client_specialist_reliability_assessment a
               SET score = scores.score,
                   grade = CASE WHEN scores.score >= 80 THEN 'A' WHEN scores.score >= 60 THEN 'B'
                                WHEN scores.score >= 40 THEN 'C' ELSE 'D' END,
                   computed_at = now()
              FROM scores WHERE a.id = scores.cs_reliability_id
        )
        UPDATE res_partner p SET cs_reliability_dirty = FALSE, cs_reliability_score = scores.score
          FROM scores WHERE p.id = scores.id
    """,
    "ir_cron_partner_contact_followup": f"""
        WITH due AS (
            SELECT p.id, COALESCE(dep.deputy_id, p.user_id) AS person,
                   CASE WHEN dep.deputy_id IS NOT NULL THEN p.user_id END AS behalf,
                   p.cs_next_contact_date AS sort, p.name || ' — contact due since ' || p.cs_next_contact_date AS line
              FROM res_partner p {ACTING.format(user="p.user_id")}
             WHERE p.cs_stage IN ('client', 'key_client') AND p.parent_id IS NULL AND p.user_id IS NOT NULL
               AND p.cs_next_contact_date <= %(today)s
               AND NOT EXISTS (SELECT 1 FROM mail_activity a WHERE a.res_model = 'res.partner' AND a.res_id = p.id
                                 AND a.activity_type_id = %(followup)s)
        ), {digests("followup", "followup", "res.partner", "due", "%(followup)s", "Clients to contact")}
        SELECT count(*) FROM due
    """,
    "ir_cron_tier_review": """
        WITH clients AS (
            SELECT p.id, p.cs_tier_id FROM res_partner p
             WHERE p.cs_stage IN ('client', 'key_client') AND p.parent_id IS NULL
               AND (p.company_id IS NULL OR p.company_id = %(company)s)
        ), sales AS (
            SELECT c.commercial_partner_id AS partner_id, sum(l.price_subtotal) AS revenue, sum(l.margin) AS margin
              FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id
              JOIN res_partner c ON c.id = o.partner_id
             WHERE o.state = 'sale' AND o.date_order >= %(year_ago)s AND o.company_id = %(company)s
             GROUP BY 1
        ), figures AS (
            SELECT clients.id, clients.cs_tier_id, COALESCE(s.revenue, 0) AS revenue, COALESCE(s.margin, 0) AS margin
              FROM clients LEFT JOIN sales s ON s.partner_id = clients.id
        ), running AS (
            SELECT *,
                   sum(GREATEST(revenue, 0)) OVER (ORDER BY revenue DESC, id ROWS UNBOUNDED PRECEDING)
                       - GREATEST(revenue, 0) AS revenue_before,
                   sum(GREATEST(revenue, 0)) OVER () AS revenue_total,
                   sum(GREATEST(margin, 0)) OVER (ORDER BY margin DESC, id ROWS UNBOUNDED PRECEDING)
                       - GREATEST(margin, 0) AS margin_before,
                   sum(GREATEST(margin, 0)) OVER () AS margin_total
              FROM figures
        ), classes AS (
            SELECT *,
                   CASE WHEN revenue <= 0 THEN 'C' WHEN revenue_before < 0.8 * revenue_total THEN 'A'
                        WHEN revenue_before < 0.95 * revenue_total THEN 'B' ELSE 'C' END AS rc,
                   CASE WHEN margin <= 0 THEN 'C' WHEN margin_before < 0.8 * margin_total THEN 'A'
                        WHEN margin_before < 0.95 * margin_total THEN 'B' ELSE 'C' END AS mc
              FROM running
        ), proposals AS (
            SELECT classes.*, GREATEST(rc, mc) AS abc, t.id AS proposed
              FROM classes JOIN LATERAL (
                  SELECT id FROM client_specialist_tier WHERE company_id = %(company)s AND active
                     AND abc_class = GREATEST(rc, mc) ORDER BY sequence, id LIMIT 1
              ) t ON TRUE
             WHERE t.id IS DISTINCT FROM classes.cs_tier_id
        ), review AS (
            INSERT INTO client_specialist_tier_review (name, date, date_from, company_id, state, pending_count,
                                                       create_uid, write_uid, create_date, write_date)
            SELECT 'Tier review', %(today)s, %(year_ago)s, %(company)s, 'open', count(*), 1, 1, now(), now()
              FROM proposals
            RETURNING id
        )
        INSERT INTO client_specialist_tier_review_line (review_id, company_id, partner_id, revenue, margin,
            revenue_class, margin_class, abc_class, current_tier_id, proposed_tier_id, state,
            create_uid, write_uid, create_date, write_date)
        SELECT review.id, %(company)s, p.id, p.revenue, p.margin, p.rc, p.mc, p.abc, p.cs_tier_id, p.proposed,
               'proposed', 1, 1, now(), now()
          FROM proposals p, review
    """,
}
