# The two commands: `make run` (the whole platform on moto) and `make test` (everything CI
# runs). Both create or update .venv from the pinned requirements first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SERVICES := search orders realname dns notify
REQS   := requirements-dev.txt shared/pyproject.toml $(wildcard services/*/requirements.txt)

.PHONY: run test venv lint typecheck unit integration e2e cfn-lint package vendor openapi \
        variants bench clean

$(STAMP): $(REQS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

run: venv
	$(BIN)/python -m infra.devstack

# In-process layers on two workers (a test module stays on one worker: its module-scoped moto
# world is built once), then the same fast layers on two other calendar days (tests/calendar.py),
# then e2e against one local stack.
PYTEST_WORKERS ?= 2
test: venv lint typecheck
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile \
	  tests/unit tests/contract tests/integration
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) tests/unit tests/contract --calendar=+400d
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) tests/unit tests/contract --calendar=leap-day
	$(BIN)/python -m pytest tests/e2e

lint: venv
	$(BIN)/ruff check .

typecheck: venv
	$(BIN)/mypy shared/registrar_shared infra
	@for s in $(SERVICES); do \
	  (cd services/$$s && ../../$(BIN)/mypy --config-file ../../pyproject.toml chalicelib app.py) \
	  || exit 1; done

# Deploy path: build/platform.json (topic, accounts, SES identity: deployed once), then per
# service build/<svc>/sam.json = `chalice package` merged with that service's own resources
# (tables, queues, subscriptions, bucket, secrets). cfn-lint checks every output.
vendor:
	@for s in $(SERVICES); do \
	  rm -rf services/$$s/vendor && mkdir -p services/$$s/vendor && \
	  cp -r shared/registrar_shared services/$$s/vendor/ && \
	  find services/$$s/vendor -name __pycache__ -prune -exec rm -rf {} +; done

package: venv vendor
	@mkdir -p build
	$(BIN)/python -m infra.template build/platform.json platform
	@for s in $(SERVICES); do \
	  $(BIN)/python -m infra.template build/$$s-resources.json $$s && \
	  (cd services/$$s && AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} \
	     ../../$(BIN)/chalice package --stage dev \
	     --merge-template ../../build/$$s-resources.json ../../build/$$s) && \
	  $(BIN)/python -m infra.template --link build/$$s/sam.json || exit 1; done
	$(BIN)/cfn-lint build/platform.json build/*/sam.json
	@echo "packaged: build/platform.json and build/<service>/{sam.json,deployment.zip}"

openapi: venv
	$(BIN)/python -m infra.openapi docs/openapi

variants: venv
	$(BIN)/python -m tools.build_variants

bench: venv
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf build services/*/vendor .pytest_cache .mypy_cache .ruff_cache .local
