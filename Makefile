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

test: venv lint typecheck
	$(BIN)/python -m pytest tests/unit tests/contract tests/integration tests/e2e

lint: venv
	$(BIN)/ruff check .

typecheck: venv
	$(BIN)/mypy shared/registrar_shared infra
	@for s in $(SERVICES); do \
	  (cd services/$$s && ../../$(BIN)/mypy --config-file ../../pyproject.toml chalicelib app.py) \
	  || exit 1; done

# Deploy path: one SAM/CloudFormation output per service in build/<svc>/, each merged with
# the shared-resources template, all checked by cfn-lint.
vendor:
	@for s in $(SERVICES); do \
	  rm -rf services/$$s/vendor && mkdir -p services/$$s/vendor && \
	  cp -r shared/registrar_shared services/$$s/vendor/ && \
	  find services/$$s/vendor -name __pycache__ -prune -exec rm -rf {} +; done

package: venv vendor
	@mkdir -p build
	$(BIN)/python -m infra.template build/infra.json
	@for s in $(SERVICES); do \
	  (cd services/$$s && ../../$(BIN)/chalice package --stage dev \
	     --merge-template ../../build/infra.json ../../build/$$s) || exit 1; done
	$(BIN)/cfn-lint build/infra.json build/*/sam.json

openapi: venv
	$(BIN)/python -m infra.openapi docs/openapi

bench: venv
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf build services/*/vendor .pytest_cache .mypy_cache .ruff_cache .local
