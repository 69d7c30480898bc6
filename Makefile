# Everything a newcomer needs: `make chat` and `make test` set up .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_EVAL := ../shared/eval

.PHONY: chat test run bench check lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

chat: $(VENV)/.installed
	$(BIN)/enquiry-bot chat

run: $(VENV)/.installed
	$(BIN)/enquiry-bot run

check: $(VENV)/.installed
	$(BIN)/enquiry-bot check

test: $(VENV)/.installed-dev
	$(BIN)/enquiry-bot check
	$(BIN)/python -m pytest -q
	@if [ -f $(SHARED_EVAL)/check_replies.py ]; then \
		$(BIN)/python $(SHARED_EVAL)/check_replies.py $(SHARED_EVAL)/sample.yaml; \
	else echo "shared eval not found beside the project; skipped"; fi
	$(BIN)/python $(SHARED_EVAL)/check_replies.py tests/enquiries/public.yaml
	$(BIN)/enquiry-bot eval tests/enquiries/*.yaml

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check bot tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
