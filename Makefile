# gongkai — two commands do everything on a fresh machine:
#   make demo   install, then run the main job on the bundled example
#   make test   install, then run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench survey install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

OUT    := out
DOC    := $(OUT)/示例市医疗保障局_2023_部门决算

# compose the bundled example, check it (clean), plant errors in a copy and write the HTML report
demo: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/gongkai compose examples/示例填报_2023.xlsx -o $(DOC).pdf --force
	$(BIN)/gongkai compose examples/示例填报_2023.xlsx -o $(DOC).docx --force
	$(BIN)/gongkai parse $(DOC).pdf --rows 6
	$(BIN)/gongkai check $(DOC).pdf
	$(BIN)/python examples/plant_errors.py $(DOC).docx $(OUT)/含错误的副本.docx
	$(BIN)/gongkai check $(OUT)/含错误的副本.docx --no-info || [ $$? -eq 1 ]
	$(BIN)/gongkai check $(OUT)/含错误的副本.docx -f html -o $(OUT)/审核报告.html || [ $$? -eq 1 ]
	@echo "公开文件：$(DOC).pdf、$(DOC).docx；审核报告：$(OUT)/审核报告.html（用浏览器打开）"

test: $(STAMP)
	$(BIN)/pytest

# the corpus survey committed as docs/corpus-survey.md (reads ../shared/corpus; scanned files go through OCR)
survey: $(STAMP)
	$(BIN)/gongkai survey ../shared/corpus -f markdown -o docs/corpus-survey.md

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
