# client_specialist: see README.md. Every target does its own set-up.
.PHONY: run stop test test-peers lint setup shell translations bench

run:      ## Odoo 18.0 on http://localhost:$(HTTP_PORT) with client_specialist and demo data
	@scripts/workspace.sh run

stop:     ## stop what `make run` started
	@scripts/workspace.sh stop

test:     ## fresh test database, the addon installed, the whole suite with pytest-odoo
	@scripts/workspace.sh test $(PYTEST_ARGS)

test-peers: ## Odoo's own sale and sale_management tests, with the addon installed (after make test)
	@scripts/workspace.sh test-peers

bench:    ## benchmark at 10,000 and 100,000 clients (not in CI): table on screen, CSV in bench/results/
	@scripts/workspace.sh bench $(BENCH_ARGS)

lint:     ## ruff and pylint-odoo's mandatory checks
	@scripts/workspace.sh lint

setup:    ## only the Odoo source and the virtual environment
	@scripts/workspace.sh setup

shell:    ## an Odoo shell on the `make run` database
	@scripts/workspace.sh shell

translations: ## refresh the .pot and merge it into ru.po; lists what is left to translate
	@scripts/workspace.sh translations
