"""Each cron's work as one hand-written SQL statement: the yardstick for the cron's time.

Each statement selects what its cron selects and writes what it writes (flags, states, one
activity per record, the order notes); it skips what SQL cannot do (translations, formatted
dates, access rules, the ORM's caches). It runs in a transaction that is rolled back.
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

EQUIVALENTS = {
    "ir_cron_absence_refresh_state": """
        UPDATE client_specialist_absence
           SET state = CASE WHEN date_to < %(today)s THEN 'done' ELSE 'running' END, write_date = now()
         WHERE (state = 'planned' AND date_from <= %(today)s) OR (state = 'running' AND date_to < %(today)s)
    """,
    "ir_cron_specialist_eligibility": f"""
        WITH due AS (
            SELECT s.id, s.next_category_id, COALESCE(dep.deputy_id, s.head_id, %(head)s) AS head
              FROM client_specialist_specialist s
              {ACTING.format(user="COALESCE(s.head_id, %(head)s)")}
             WHERE s.next_category_id IS NOT NULL AND s.next_category_date <= %(today)s
               AND s.next_category_notified IS NOT TRUE
             FOR NO KEY UPDATE OF s SKIP LOCKED
        ), act AS (
            INSERT INTO mail_activity ({ACTIVITY_COLUMNS})
            SELECT %(model_specialist)s, 'client_specialist.specialist', id, %(todo)s, head,
                   'Qualifies for the next category', NULL, %(today)s, 1, 1, now(), now()
              FROM due
        )
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
            SELECT o.id, o.state, o.order_id, o.user_id, o.name,
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
        ), act AS (
            INSERT INTO mail_activity ({ACTIVITY_COLUMNS})
            SELECT %(model_obligation)s, 'client_specialist.obligation', due.id, %(overdue_type)s,
                   COALESCE(dep.deputy_id, due.user_id), 'Overdue: ' || due.name, NULL, %(today)s,
                   1, 1, now(), now()
              FROM due {ACTING.format(user="due.user_id")}
             WHERE due.state = 'open' AND due.user_id IS NOT NULL
            UNION ALL
            SELECT %(model_obligation)s, 'client_specialist.obligation', due.id, %(overdue_type)s,
                   %(head)s, 'Escalated, overdue: ' || due.name, NULL, %(today)s, 1, 1, now(), now()
              FROM due WHERE due.escalate
        )
        INSERT INTO mail_message (model, res_id, message_type, body, author_id, date, create_uid, write_uid,
                                  create_date, write_date)
        SELECT 'sale.order', order_id, 'notification',
               '<p>' || string_agg('Overdue: ' || name, '<br/>') || '</p>', %(root_partner)s, now(), 1, 1, now(), now()
          FROM due WHERE state = 'open' AND order_id IS NOT NULL GROUP BY order_id
    """,
    "ir_cron_feedback_deadlines": f"""
        WITH due AS (
            SELECT f.id, f.name, f.user_id, f.state, f.response_deadline, f.resolution_deadline,
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
        )
        INSERT INTO mail_activity ({ACTIVITY_COLUMNS})
        SELECT %(model_feedback)s, 'client_specialist.feedback', due.id, %(todo)s,
               CASE WHEN kind LIKE '%%breach' THEN %(head)s ELSE COALESCE(dep.deputy_id, due.user_id) END,
               kind || ': ' || due.name, NULL, %(today)s, 1, 1, now(), now()
          FROM due {ACTING.format(user="due.user_id")},
               LATERAL (VALUES ('response breach', due.response_breach), ('response risk', due.response_risk),
                               ('resolution breach', due.resolution_breach),
                               ('resolution risk', due.resolution_risk)) AS k(kind, fire)
         WHERE k.fire AND (kind LIKE '%%breach' OR due.user_id IS NOT NULL)
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
        INSERT INTO mail_activity ({ACTIVITY_COLUMNS})
        SELECT %(model_partner)s, 'res.partner', p.id, %(followup)s, COALESCE(dep.deputy_id, p.user_id),
               'Get in touch: contact due since ' || p.cs_next_contact_date, NULL, %(today)s, 1, 1, now(), now()
          FROM res_partner p {ACTING.format(user="p.user_id")}
         WHERE p.cs_stage IN ('client', 'key_client') AND p.parent_id IS NULL AND p.user_id IS NOT NULL
           AND p.cs_next_contact_date <= %(today)s
           AND NOT EXISTS (SELECT 1 FROM mail_activity a WHERE a.res_model = 'res.partner' AND a.res_id = p.id
                             AND a.activity_type_id = %(followup)s)
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
