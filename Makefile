# client_specialist: see README.md. Every target does its own set-up.
# The addons are every directory here holding a __manifest__.py; the targets take all of them.
.PHONY: run stop test test-peers lint setup shell translations bench load pg-bin

run:      ## Odoo 18.0 on http://localhost:$(HTTP_PORT) with every addon and demo data (database made anew when the addons change)
	@scripts/workspace.sh run

stop:     ## stop what `make run` started, and the private PostgreSQL
	@scripts/workspace.sh stop

test:     ## fresh test database with every addon, then each addon's tests/ and tests/ with pytest-odoo
	@scripts/workspace.sh test $(PYTEST_ARGS)

test-peers: ## Odoo's own sale and sale_management tests, with every addon installed
	@scripts/workspace.sh test-peers

bench:    ## benchmark at 10,000 and 100,000 clients (not in CI): table on screen, CSV in bench/results/
	@scripts/workspace.sh bench $(BENCH_ARGS)

load:     ## load test at 10, 30 and 60 users (not in CI's test run): table on screen, CSV in bench/results/
	@scripts/workspace.sh load $(LOAD_ARGS)

lint:     ## ruff and pylint-odoo's mandatory checks over every addon, tests/, scripts/, bench/ and load/
	@scripts/workspace.sh lint

setup:    ## only the Odoo source and the virtual environment
	@scripts/workspace.sh setup

pg-bin:   ## print the folder of the PostgreSQL server binaries the set-up uses
	@scripts/workspace.sh pg-bin

shell:    ## an Odoo shell on the `make run` database
	@scripts/workspace.sh shell

translations: ## per addon: refresh i18n/<module>.pot, merge it into i18n/ru.po, list what is left to translate
	@scripts/workspace.sh translations
