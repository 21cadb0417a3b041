"""Copy the seed block N times with plain SQL, keeping every reference inside the block consistent.

The block is every row created while the seed was built (ids above the snapshot taken before it),
in every table but the technical ones. Copy ``k`` of a table's block row gets ``id + k * span``
(``span``: the width of that table's block of ids); a reference to a block row of another table
is shifted the same way, a reference outside the block (company, product, user) is kept. Mail
tables (messages, followers, activities) are not copied: the copies start with a clean chatter.
"""

from odoo.tools import SQL

SKIP_PREFIXES = (
    "ir_",
    "mail_",
    "bus_",
    "res_users",
    "res_groups",
    "rating_",
    "base_",
    "auth_",
    "iap_",
    "web_",
    "digest_",
    "sms_",
    "snailmail_",
    "portal_",
    "res_lang",
    "bench_",
)
# Text that must stay unique (posted move names) or that a person reads (names): suffixed per copy.
SUFFIXED = {
    "res_partner": ("name", "complete_name", "display_name"),
    "sale_order": ("name",),
    "account_move": ("name", "payment_reference"),
    "account_move_line": ("move_name",),
}


def _tables_with_id(cr):
    cr.execute(
        """
        SELECT c.relname FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id' AND NOT a.attisdropped
         WHERE c.relkind = 'r'
        """
    )
    return [row[0] for row in cr.fetchall()]


def snapshot(cr):
    """{table: max(id)} of every table with an id column."""
    result = {}
    for table in _tables_with_id(cr):
        cr.execute(SQL("SELECT COALESCE(max(id), 0) FROM %s", SQL.identifier(table)))
        result[table] = cr.fetchone()[0]
    return result


def record_block(cr, before):
    """Remember which rows make the block, in the seed database itself."""
    after = snapshot(cr)
    cr.execute("CREATE TABLE IF NOT EXISTS bench_block (tbl varchar PRIMARY KEY, lo int NOT NULL, hi int NOT NULL)")
    cr.execute("TRUNCATE bench_block")
    for table, hi in after.items():
        lo = before.get(table, 0)
        if hi > lo and not table.startswith(SKIP_PREFIXES):
            cr.execute("INSERT INTO bench_block VALUES (%s, %s, %s)", (table, lo, hi))


def _columns(cr, table):
    cr.execute(
        """
        SELECT a.attname FROM pg_attribute a
         WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
         ORDER BY a.attnum
        """,
        (table,),
    )
    return [row[0] for row in cr.fetchall()]


def _foreign_keys(cr):
    """{(table, column): referenced table} for single-column foreign keys."""
    cr.execute(
        """
        SELECT cl.relname, att.attname, ref.relname
          FROM pg_constraint con
          JOIN pg_class cl ON cl.oid = con.conrelid
          JOIN pg_class ref ON ref.oid = con.confrelid
          JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
         WHERE con.contype = 'f' AND array_length(con.conkey, 1) = 1
        """
    )
    return {(table, column): ref for table, column, ref in cr.fetchall()}


def clone(cr, first, last):
    """Add copies ``first``..``last`` (1-based) of the block; returns {table: rows added}."""
    cr.execute("SELECT tbl, lo, hi FROM bench_block")
    block = {table: (lo, hi) for table, lo, hi in cr.fetchall()}
    fks = _foreign_keys(cr)
    copies = SQL("generate_series(%s, %s) AS k", first, last)
    added = {}
    cr.execute("SET session_replication_role = replica")  # references between copies are filled in any order
    try:
        _clone_tables(cr, block, fks, copies, added)
        _clone_relations(cr, block, fks, copies, added)
    finally:
        cr.execute("SET session_replication_role = DEFAULT")
    for table in block:
        cr.execute(
            SQL(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM %s))",
                table,
                SQL.identifier(table),
            )
        )
    return added


def _shifted(column, block, ref):
    """The column's value in copy k: shifted when it points into the block."""
    rlo, rhi = block[ref]
    col = SQL.identifier("t", column)
    return SQL("CASE WHEN %s > %s AND %s <= %s THEN %s + k * %s ELSE %s END", col, rlo, col, rhi, col, rhi - rlo, col)


def _insert_copies(cr, table, columns, select, copies, where):
    """INSERT the copies of the rows of ``table`` matching ``where``; returns how many were added."""
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, %s WHERE %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(c) for c in columns),
            SQL(", ").join(select),
            SQL.identifier(table),
            copies,
            where,
        )
    )
    return cr.rowcount


def _clone_tables(cr, block, fks, copies, added):
    """The block's rows of each table, copied with their ids and references shifted."""
    for table, (lo, hi) in block.items():
        columns = _columns(cr, table)
        select = []
        for column in columns:
            ref = fks.get((table, column))
            if column == "id":
                select.append(SQL("t.id + k * %s", hi - lo))
            elif ref in block:
                select.append(_shifted(column, block, ref))
            elif column in SUFFIXED.get(table, ()):
                col = SQL.identifier("t", column)
                select.append(
                    SQL("CASE WHEN %s IS NULL OR %s = '/' THEN %s ELSE %s || ' #' || k END", col, col, col, col)
                )
            else:
                select.append(SQL.identifier("t", column))
        added[table] = _insert_copies(cr, table, columns, select, copies, SQL("t.id > %s AND t.id <= %s", lo, hi))


def _clone_relations(cr, block, fks, copies, added):
    """Many2many rows that touch the block (between block rows, or from one to a shared record)."""
    relations = {}
    for (table, column), ref in fks.items():
        if table not in block and not table.startswith(SKIP_PREFIXES) and "id" not in _columns(cr, table):
            relations.setdefault(table, {})[column] = ref
    for table, links in relations.items():
        inside = [column for column, ref in links.items() if ref in block]
        if not inside:
            continue
        columns = _columns(cr, table)
        select = [
            _shifted(column, block, links[column]) if column in inside else SQL.identifier("t", column)
            for column in columns
        ]
        where = [
            SQL(
                "(%s > %s AND %s <= %s)",
                SQL.identifier("t", c),
                block[links[c]][0],
                SQL.identifier("t", c),
                block[links[c]][1],
            )
            for c in inside
        ]
        added[table] = _insert_copies(cr, table, columns, select, copies, SQL(" OR ").join(where))
