# Everything a newcomer needs: `make chat` and `make test` set up .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_EVAL := ../shared/eval
IMPORTED := $(addprefix tests/fixtures/releases/,avon-and-somerset-brakelight-2025.txt \
	suffolk-bramblegate-2025.txt lincolnshire-stubble-2025.txt)
IMPORTED_2 := $(addprefix tests/fixtures/releases/,greater-manchester-lamplight-2023.txt \
	lancashire-kestrel-lantern-2024.txt staffordshire-quillfeather-2024.txt)

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
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/enquiry-bot check
	$(BIN)/python -m pytest -q
	@if [ -f $(SHARED_EVAL)/check_replies.py ]; then \
		$(BIN)/python $(SHARED_EVAL)/check_replies.py $(SHARED_EVAL)/sample.yaml && \
		$(BIN)/python $(SHARED_EVAL)/check_replies.py $(SHARED_EVAL)/next.yaml; \
	else echo "shared eval not found beside the project; skipped"; fi
	$(BIN)/python $(SHARED_EVAL)/check_replies.py tests/enquiries/public.yaml
	$(BIN)/python $(SHARED_EVAL)/check_replies.py tests/enquiries/coverage.yaml
	$(BIN)/python $(SHARED_EVAL)/check_replies.py tests/enquiries/next-11.yaml
	$(BIN)/enquiry-bot eval tests/enquiries/*.yaml
	@# releases the engine never saw: import them, then ask the blind questions about them
	rm -rf var/imported && mkdir -p var && cp -r knowledge var/imported
	$(BIN)/enquiry-bot import --knowledge var/imported $(IMPORTED) > /dev/null
	$(BIN)/enquiry-bot publish --confident-only --no-read-back --knowledge var/imported > /dev/null
	$(BIN)/enquiry-bot eval -q --min 0.9 --knowledge var/imported tests/imported/questions.yaml
	rm -rf var/imported2 && cp -r knowledge var/imported2
	$(BIN)/enquiry-bot import --knowledge var/imported2 $(IMPORTED_2) > /dev/null
	$(BIN)/enquiry-bot publish --confident-only --no-read-back --knowledge var/imported2 > /dev/null
	$(BIN)/enquiry-bot eval -q --min 0.9 --knowledge var/imported2 tests/imported/questions-2.yaml
	@# four real releases (../shared/releases): import, publish the sure items, ask the public's questions
	@if [ -f ../shared/releases/questions.yaml ]; then \
		rm -rf var/real && cp -r knowledge var/real && \
		$(BIN)/enquiry-bot import --knowledge var/real ../shared/releases/*.txt > /dev/null && \
		$(BIN)/enquiry-bot publish --confident-only --no-read-back --knowledge var/real > /dev/null && \
		$(BIN)/python $(SHARED_EVAL)/check_replies.py ../shared/releases/questions.yaml \
			--knowledge var/real --min 0.8; \
	else echo "real releases not found beside the project; skipped"; fi
	$(BIN)/enquiry-bot triage-eval tests/triage/labelled.yaml
	$(BIN)/enquiry-bot triage-eval --report-only tests/triage/holdout.yaml tests/triage/holdout2.yaml \
		tests/triage/holdout3.yaml tests/triage/holdout4.yaml tests/triage/holdout5.yaml \
		tests/triage/holdout6.yaml tests/triage/holdout7.yaml tests/triage/holdout8.yaml tests/triage/holdout9.yaml \
		tests/triage/holdout10.yaml tests/triage/holdout11.yaml \
		tests/triage/holdout12.yaml tests/triage/holdout13.yaml tests/triage/holdout14.yaml \
		tests/triage/holdout15.yaml

# CPU torch first, exactly this version (a local build); otherwise pip fetches CUDA wheels.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $(VENV)/.installed $@

bench: $(VENV)/.installed-bench
	HF_HUB_OFFLINE=1 $(BIN)/python -m benchmarks.accuracy --out benchmarks/results/accuracy.md
	$(BIN)/python -m benchmarks.scale --out benchmarks/results/scale.md \
		--plot benchmarks/results/scale.png
	{ $(BIN)/python -m benchmarks.readme_figures --stamp; \
	  $(BIN)/python -m benchmarks.telegram_throughput --updates 5000; } \
		| tee benchmarks/results/telegram_throughput.txt
	{ $(BIN)/python -m benchmarks.readme_figures --stamp; \
	  $(BIN)/python -m benchmarks.triage_speed; } | tee benchmarks/results/triage_speed.txt
	{ $(BIN)/python -m benchmarks.readme_figures --stamp; \
	  $(BIN)/python -m benchmarks.faults; } | tee benchmarks/results/faults.txt
	@# the README's speed figures come from these files, never by hand
	$(BIN)/python -m benchmarks.readme_figures

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check bot tests benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
