# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

DIGEST_ROWS = 100  # records listed in a digest's note; the list opens them all
DIGESTS_PER_BATCH = 50  # digests written per cron batch: queries per batch stay flat


class ClientSpecialistReminderMixin(models.AbstractModel):
    """The one builder of reminder activities, and the one way to find who acts as head of sales.

    Models that remind people (crons, approvals) inherit it by name. A reminder goes to the person
    who acts today: the deputy of an absent user.
    """

    _name = "client_specialist.reminder.mixin"
    _description = "Client Relations: Reminders"

    def _cs_heads_of_sales(self):
        """{record: who acts as head of sales for it}: the head of its responsible (``user_id``)
        in its company, or that head's deputy while absent; one look-up for the whole batch."""
        pairs = {record: (record._cs_responsible(), record._cs_company()) for record in self}
        heads = self.env["res.users"]._cs_heads_of_sales_for(pairs.values(), acting=True)
        return {record: heads[pair] for record, pair in pairs.items()}

    def _cs_responsible(self):
        """The user responsible for this record: its ``user_id`` unless the model says otherwise."""
        self.ensure_one()
        return self["user_id"] if "user_id" in self._fields else self.env["res.users"]

    def _cs_company(self):
        self.ensure_one()
        return self["company_id"] if "company_id" in self._fields else self.env.company

    def _cs_reminder_values(self, activity_type, user, summary, note=None, date_deadline=None):
        """Values of one reminder activity on this record for ``user`` (a recordset or id)."""
        self.ensure_one()
        values = {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id if isinstance(user, models.BaseModel) else user,
            "summary": summary,
            "date_deadline": date_deadline or fields.Date.context_today(self),
        }
        if note:
            values["note"] = note
        return values

    @api.model
    def _cs_create_activities(self, values_list):
        """Create the reminders of a batch at once, one activity per record and person.

        Two reasons to tell the same person about the same record (a response and a resolution
        deadline both breached) make one activity with both summaries: Odoo subscribes the
        assignee once per activity, and the same follower twice in one batch is refused.
        """
        merged = {}
        for values in values_list:
            key = (values["res_model_id"], values["res_id"], values["user_id"])
            if key not in merged:
                merged[key] = dict(values)
                continue
            kept = merged[key]
            kept["summary"] = "; ".join(filter(None, (kept.get("summary"), values.get("summary"))))
            if values.get("note"):
                kept["note"] = Markup("<br/>").join(filter(None, (kept.get("note"), values["note"])))
            if values.get("date_deadline") and values["date_deadline"] < kept.get(
                "date_deadline", values["date_deadline"]
            ):
                kept["date_deadline"] = values["date_deadline"]
        return (
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(list(merged.values()))
        )

    # ------------------------------------------------------------------------------------------
    # Digests: one activity per person and kind listing the records that need them
    # ------------------------------------------------------------------------------------------

    @api.model
    def _cs_reminder_mode(self, kind, company):
        """ "digest" or "per_record": how ``company`` (empty: the current one) wants reminders of ``kind``."""
        setting = self.env["client_specialist.digest"]._cs_kinds()[kind]["setting"]
        return (company or self.env.company).sudo()[setting] or "digest"

    @api.model
    def _cs_reminder_company_domain(self, kind, mode):
        """Domain on ``company_id`` of the records whose company reminds of ``kind`` in ``mode``.

        Records without a company count as the current company's (a partner shared by all).
        """
        companies = self.env["res.company"].sudo().search([])
        chosen = companies.filtered(lambda c: self._cs_reminder_mode(kind, c) == mode)
        domain = [("company_id", "in", chosen.ids)]
        if self.env.company in chosen:
            domain = ["|", ("company_id", "=", False), *domain]
        return domain

    def _cs_reminded_per_record(self, kind):
        """These records, restricted to those whose company wants one activity per record for ``kind``."""
        companies = self.env["res.company"].sudo().search([])
        if all(self._cs_reminder_mode(kind, company) == "digest" for company in companies):
            return self.browse()  # the default: nothing to look at record by record
        modes = {}

        def per_record(record):
            company = record._cs_company()
            if company not in modes:
                modes[company] = self._cs_reminder_mode(kind, company)
            return modes[company] == "per_record"

        return self.filtered(per_record)

    @api.model
    def _cs_digest_domain(self, kind):
        """Domain of every record pending for ``kind`` today: what its digests list."""
        raise NotImplementedError(kind)

    @api.model
    def _cs_digest_order(self, kind):
        return "id"

    def _cs_digest_rows(self, kind):
        """{record: [details]}: what a digest line says after the record's name (client, due, amount)."""
        return {record: [] for record in self}

    @api.model
    def _cs_digest_groups(self, kind):
        """{(user id, on behalf of id or False, company id): sorted ids} of every pending record of
        ``kind``, per the person to remind and the company; a few queries for the whole kind."""
        spec = self.env["client_specialist.digest"]._cs_kinds()[kind]
        Model = self.env[spec["model"]].sudo()
        domain = Model._cs_digest_domain(kind) + Model._cs_reminder_company_domain(kind, "digest")
        rows = Model._read_group(domain, ["user_id", "company_id"], ["id:array_agg"])
        users = self.env["res.users"].union(*(user for user, _company, _ids in rows))
        if spec["to"] == "head":
            pairs = {(user, company or self.env.company) for user, company, _ids in rows}
            heads = self.env["res.users"]._cs_heads_of_sales_for(pairs)
            owners = {(user, company): heads[(user, company or self.env.company)] for user, company, _ids in rows}
        else:
            owners = {(user, company): user for user, company, _ids in rows}
        acting = self.env["res.users"].union(*owners.values())._cs_acting_users() if users else {}
        groups = {}
        for user, company, ids in rows:
            owner = owners[(user, company)]
            if not owner:
                continue  # no one to remind: a record without a responsible, a company without a head
            deputy = acting.get(owner)
            key = (
                (deputy or owner).id,
                owner.id if deputy else False,
                (company or self.env.company).id,
            )
            groups.setdefault(key, []).extend(ids)
        return {key: sorted(ids) for key, ids in groups.items()}

    @api.model
    def _cs_digest_refresh(self, kind, limit):
        """Bring up to ``limit`` digests of ``kind`` to the pending records: create, update, delete.

        A digest is rewritten only when its records changed, so a run that finds nothing new costs
        a few queries, and a run killed in the middle is completed by the next. Returns (done, left).
        """
        groups = self._cs_digest_groups(kind)
        Digest = self.env["client_specialist.digest"].sudo()
        digests = Digest.search([("kind", "=", kind)])
        by_key = {(d.user_id.id, d.on_behalf_of_id.id or False, d.company_id.id): d for d in digests}
        stale = Digest.union(*(digest for key, digest in by_key.items() if key not in groups))
        changed = [
            (key, by_key.get(key), ids)
            for key, ids in sorted(groups.items())
            if key not in by_key or by_key[key].res_ids != ids
        ]
        total = len(stale) + len(changed)
        stale = stale[:limit]
        changed = changed[: max(0, limit - len(stale))]
        stale.unlink()  # nothing left for them: the digest goes with its activity
        if changed:
            self._cs_digest_write(kind, changed)
        done = len(stale) + len(changed)
        return done, total - done

    @api.model
    def _cs_digest_write(self, kind, changed):
        """Create or update the digests and their activities of [(key, digest or None, ids)]."""
        spec = self.env["client_specialist.digest"]._cs_kinds()[kind]
        Digest = (
            self.env["client_specialist.digest"]
            .sudo()
            .with_context(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        )
        missing = [(key, ids) for key, digest, ids in changed if not digest]
        created_by_key = self._cs_digest_insert(kind, spec["model"], [key for key, _ids in missing])
        entries = [
            (digest or created_by_key[key], ids) for key, digest, ids in changed if digest or key in created_by_key
        ]
        # One prefetch for them all: their users and activities are read in one query each.
        prefetch = tuple(digest.id for digest, _ids in entries)
        entries = [(digest.with_prefetch(prefetch), ids) for digest, ids in entries]
        Model = self.env[spec["model"]].sudo()
        order = Model._cs_digest_order(kind)
        shown = {digest: Model.search([("id", "in", ids)], order=order, limit=DIGEST_ROWS) for digest, ids in entries}
        activity_type = self.env.ref(spec["activity_type"])
        model_id = self.env["ir.model"]._get_id("client_specialist.digest")
        to_create = []
        for lang, lang_entries in self._cs_group_by_lang(entries).items():
            env = self.with_context(lang=lang).env
            titles = dict(Digest._fields["kind"]._description_selection(env))
            records = Model.browse().union(*(shown[digest] for digest, _ids in lang_entries))
            details = records.with_env(env)._cs_digest_rows(kind)
            for digest, ids in lang_entries:
                summary = env._("%(title)s: %(count)s", title=titles[kind], count=len(ids))
                if digest.on_behalf_of_id:
                    summary = env._(
                        "%(summary)s (for %(colleague)s, absent)",
                        summary=summary,
                        colleague=digest.on_behalf_of_id.name,
                    )
                note = self._cs_digest_note(env, digest, shown[digest], details, len(ids))
                digest.write({"res_ids": ids, "record_count": len(ids), "summary": summary, "note": note})
                activity = digest.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)[:1]
                if activity:
                    activity.write({"summary": summary, "note": note})
                else:
                    to_create.append(
                        {
                            "res_model_id": model_id,
                            "res_id": digest.id,
                            "activity_type_id": activity_type.id,
                            "user_id": digest.user_id.id,
                            "summary": summary,
                            "note": note,
                            "date_deadline": fields.Date.context_today(self),
                        }
                    )
        if to_create:
            self._cs_create_activities(to_create)

    @api.model
    def _cs_digest_insert(self, kind, res_model, keys):
        """{key: new digest}: one INSERT for them all, none twice.

        Two workers may both find a person without a digest: the unique index keeps one. ON CONFLICT
        makes the second wait for the first and, the first committed after this transaction began,
        fail with a serialization error (repeatable read), which the cron's retry takes again in a
        new transaction that sees the first one's digest and updates it. A failed INSERT would
        instead be a unique violation, which is no reason to retry.
        """
        if not keys:
            return {}
        rows = self.env.execute_query(
            SQL(
                """INSERT INTO client_specialist_digest
                       (kind, user_id, on_behalf_of_id, company_id, res_model, record_count,
                        create_uid, write_uid, create_date, write_date)
                   SELECT %s, k.user_id, k.on_behalf_of_id, k.company_id, %s, 0, %s, %s, now() AT TIME ZONE 'UTC',
                          now() AT TIME ZONE 'UTC'
                     FROM unnest(%s::int[], %s::int[], %s::int[]) AS k(user_id, on_behalf_of_id, company_id)
                   ON CONFLICT (kind, user_id, COALESCE(on_behalf_of_id, 0), company_id) DO NOTHING
                   RETURNING id, user_id, COALESCE(on_behalf_of_id, 0), company_id""",
                kind,
                res_model,
                self.env.uid,
                self.env.uid,
                [key[0] for key in keys],
                [key[1] or None for key in keys],
                [key[2] for key in keys],
            )
        )
        Digest = self.env["client_specialist.digest"].sudo()
        return {(user, behalf or False, company): Digest.browse(digest_id) for digest_id, user, behalf, company in rows}

    @api.model
    def _cs_group_by_lang(self, entries):
        result = {}
        for digest, ids in entries:
            result.setdefault(digest.user_id.lang or "en_US", []).append((digest, ids))
        return result

    @api.model
    def _cs_digest_note(self, env, digest, shown, details, count):
        """The digest's note: a link to each record listed (name, then its details), and to them all."""
        items = Markup("").join(
            Markup('<li><a href="/odoo/%s/%s">%s</a>%s</li>')
            % (
                record._name,
                record.id,
                record.display_name,
                Markup(" — %s") % ", ".join(details[record]) if details.get(record) else "",
            )
            for record in shown
        )
        parts = []
        if digest.on_behalf_of_id:
            parts.append(
                Markup("<p>%s</p>")
                % env._(
                    "You stand in for %(colleague)s: these are their records.", colleague=digest.on_behalf_of_id.name
                )
            )
        parts.append(Markup("<ul>%s</ul>") % items)
        link = Markup('<a href="/odoo/client_specialist.digest/%s">%s</a>')
        if count > len(shown):
            parts.append(
                Markup("<p>%s %s</p>")
                % (
                    env._("And %(count)s more.", count=count - len(shown)),
                    link % (digest.id, env._("Open the list of all %(count)s", count=count)),
                )
            )
        else:
            parts.append(Markup("<p>%s</p>") % (link % (digest.id, env._("Open them as a list"))))
        return Markup("").join(parts)

    @api.model
    def _cs_cron_digests(self, kinds, done, domain, batch_size):
        """After a cron's batch: once nothing is left to mark, its digests' turn; reports progress.

        Returns what is left: Odoo's cron runner calls the cron again while something is.
        """
        if done and batch_size and done >= batch_size:
            remaining = self.search_count(domain)
            if remaining:
                self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
                return remaining
            # A full batch that was the last one: the digests' turn comes now.
        refreshed = left = 0
        for kind in kinds:
            count, rest = self._cs_digest_refresh(kind, max(0, DIGESTS_PER_BATCH - refreshed))
            refreshed += count
            left += rest
        self.env["ir.cron"]._notify_progress(done=done + refreshed, remaining=left)
        return left
