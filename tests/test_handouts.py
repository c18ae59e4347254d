"""What a lecturer takes away (simulator.handouts, ``python -m simulator bundle | questions | worksheets | deck``).

Each handout is built and read back independently of the code that wrote it: the bundle unzipped and imported
from, the question bank parsed as XML (xml.etree) and as GIFT (a small parser written here from Moodle's format
description), the worksheets and the deck opened in Chromium (print media for the worksheets, 1920x1080 for the
deck) with their sizes, images, alt text and labels measured on the page. The counts they are checked against are
read from the course sources and the teacher guide by regular expressions of this file. An executed notebook
exported to HTML shows its explorers' static pictures offline. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import base64
import html
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from handout_support import PAGE_PROBLEMS, images, need_browser

from simulator import cli, course, handouts
from simulator.labels import DISCLAIMER
from simulator.widgets.demos import DEMOS, START, apply_step, guide_section, step_text

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "notebooks" / "source").glob("*.md"))
GUIDE = (ROOT / "docs" / "teacher_guide.md").read_text(encoding="utf-8")
PROMPT = re.compile(r"^\*\*(Predict|Think|Exercise) \(([PTE]\d\d\.\d+)\)\.\*\*", re.M)


# ----------------------------------------------------------------------------- what the sources ask, read here
def asked_ids() -> set:
    """Every P and T prompt of the sources and every peer-instruction question of the guide, read by regex here."""
    ids = {m.group(2) for p in SOURCES for m in PROMPT.finditer(p.read_text()) if m.group(1) != "Exercise"}
    ids |= set(re.findall(r"^- \*\*(Q\d\d\.\d+)\*\* ", GUIDE, re.M))
    top = GUIDE.split("## Peer-instruction questions", 1)[1].split("\n## ", 1)[0]
    ids |= {f"PI.{n}" for n in re.findall(r"^(\d+)\. \*", top, re.M)}
    return ids


def solutions() -> dict:
    """Exercise id -> its solution's lines, read from the sources' fenced exercise cells here."""
    found = {}
    for path in SOURCES:
        for block in re.findall(r"```python exercise\n(.*?)```", path.read_text(), re.S):
            exercise = re.search(r"E\d\d\.\d+", block).group(0)
            body = block.split("# BEGIN SOLUTION", 1)[1].split("# END SOLUTION", 1)[0]
            found[exercise] = [line.strip() for line in body.splitlines() if line.strip()]
    return found


def test_prompts_reads_the_paragraph_its_choices_and_no_answer():
    text = (
        "Intro.\n\n**Predict (P09.1).** Write your prediction before running the next cell: which\nlasts longer?\n\n"
        "- (a) the first\n- (b) the second,\n  continued\n\nAfter the list.\n\n**Think (T09.1).** Why?\n"
        "\n<details><summary>Explain (P09.1)</summary>\n\n**(b)** because.\n\n</details>"
    )
    found = course.prompts(course.parse(text, "09_test"))
    assert found == {
        "P09.1": "Write your prediction before running the next cell: which lasts longer?\n- (a) the first\n"
        "- (b) the second, continued",
        "T09.1": "Why?",
    }


def test_every_prompt_of_the_course_is_found_once():
    for path in SOURCES:
        source = course.parse(path.read_text(), path.stem)
        expected = [m.group(2) for m in PROMPT.finditer(path.read_text())]
        assert list(course.prompts(source)) == list(dict.fromkeys(expected)), path.name
        assert all(text.strip() and "<details>" not in text for text in course.prompts(source).values())


# ----------------------------------------------------------------------------- the question bank
def parse_gift(text: str) -> list:
    """Parse GIFT (Moodle's format): ``::title::[format]text{=right#fb ~wrong#fb ~%50%half ####general}``.

    Returns dicts (title, format, text, answers: [(weight %, text, feedback)], general). Escapes: a backslash before
    ``~ = # { } :`` or itself, and ``\\n`` for a line break. Comments (``//``) and ``$CATEGORY`` lines are skipped.
    """

    def unescape(s: str) -> str:
        return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s).strip()

    def scan(s: str):  # split s at unescaped separators into (separator, raw chunk)
        parts, current, sep, i = [], [], None, 0
        while i < len(s):
            if s[i] == "\\":
                current.append(s[i : i + 2])
                i += 2
                continue
            for token in ("####", "=", "~", "#"):
                if s.startswith(token, i):
                    parts.append((sep, "".join(current)))
                    current, sep = [], token
                    i += len(token)
                    break
            else:
                current.append(s[i])
                i += 1
        parts.append((sep, "".join(current)))
        return parts

    questions = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith(("//", "$CATEGORY"))]
        if not lines:
            continue
        body = "\n".join(lines)
        head = re.match(r"::((?:\\.|[^\\:])*)::(?:\[(\w+)\])?((?:\\.|[^\\{])*)\{(.*)\}\s*$", body, re.S)
        assert head, f"not a GIFT question: {body[:120]!r}"
        title, fmt, qtext, inside = head.groups()
        answers, general = [], ""
        for sep, chunk in scan(inside):
            if sep in ("=", "~"):
                weight = re.match(r"%(-?[\d.]+)%", chunk)
                answers.append([100.0 if sep == "=" else float(weight.group(1)) if weight else 0.0,
                                unescape(chunk[weight.end():] if weight else chunk), ""])  # fmt: skip
            elif sep == "#":
                answers[-1][2] = unescape(chunk)
            elif sep == "####":
                general = unescape(chunk)
            else:
                assert not chunk.strip(), f"text before the first answer: {chunk!r}"
        questions.append({"title": unescape(title), "format": fmt, "text": unescape(qtext), "answers": answers,
                          "general": general})  # fmt: skip
    return questions


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("questions")
    assert cli.main(["questions", "--out", str(folder)]) == 0
    return folder


def test_the_gift_parser_reads_moodles_own_example_and_an_escaped_question():
    sample = "// comment\n::Q1::What is 2+2? {=four#right ~three#no ~%-50%five}\n\n::Q2::Essay\\: why? {####Because \\{x\\}.}\n"
    q1, q2 = parse_gift(sample)
    assert q1["title"] == "Q1" and q1["answers"] == [[100.0, "four", "right"], [0.0, "three", "no"], [-50.0, "five", ""]]
    assert q2["text"] == "Essay: why?" and q2["answers"] == [] and q2["general"] == "Because {x}."
    tricky = handouts.Question(
        "Q99.1",
        "test",
        "Is a = b? {yes} ~ 50% # 1: a\\b\nnew line",
        "**(a)** so: =#~",
        (("a", "yes: = #"), ("b", "no ~")),
        ("a",),
    )
    (read,) = parse_gift(handouts.gift([tricky]))
    assert read["text"].startswith("Is a = b? {yes} ~ 50% # 1: a\\b\nnew line") and read["general"] == "**(a)** so: =#~"
    assert [a[:2] for a in read["answers"]] == [[100.0, "(a) yes: = #"], [0.0, "(b) no ~"]]


def test_the_moodle_xml_has_every_question_once_with_text_answers_and_feedback(bank):
    root = ET.parse(bank / "ketamine-sim-questions.xml").getroot()
    assert root.tag == "quiz"
    category, *questions = root.findall("question")
    assert category.get("type") == "category" and "teaching model" in category.find("category/text").text
    ids = [q.find("idnumber").text for q in questions]
    assert len(ids) == len(set(ids)) and set(ids) == asked_ids()
    for q in questions:
        name, text = q.find("name/text").text, q.find("questiontext/text").text
        feedback = q.find("generalfeedback/text").text
        assert name.startswith(q.find("idnumber").text) and text.strip() and feedback and feedback.strip()
        assert text.count(html.escape(DISCLAIMER, quote=False)) == 1, name  # the label once in every question
        if q.get("type") == "multichoice":
            fractions = [float(a.get("fraction")) for a in q.findall("answer")]
            assert len(fractions) >= 2 and abs(sum(f for f in fractions if f > 0) - 100) < 1e-6, name
            assert all(a.find("text").text.strip() and a.find("feedback/text").text for a in q.findall("answer"))
        else:
            assert q.get("type") == "essay" and q.find("graderinfo/text").text.strip()


def test_the_gift_file_holds_the_same_questions_keys_and_feedback(bank):
    gift = parse_gift((bank / "ketamine-sim-questions.gift").read_text(encoding="utf-8"))
    xml = ET.parse(bank / "ketamine-sim-questions.xml").getroot().findall("question")[1:]
    by_id = {q["title"].split(" ", 1)[0]: q for q in gift}
    assert len(gift) == len(by_id) == len(xml) and set(by_id) == asked_ids()
    for q in xml:
        g = by_id[q.find("idnumber").text]
        assert g["text"].count(DISCLAIMER) == 1 and g["general"].strip()
        right_xml = [a.find("text").text[:3] for a in q.findall("answer") if float(a.get("fraction")) > 0]
        right_gift = [a[1][:3] for a in g["answers"] if a[0] > 0]
        assert right_xml == right_gift and len(g["answers"]) == len(q.findall("answer"))


def test_a_choice_question_is_keyed_by_the_bold_letter_of_its_answer(bank):
    """Independent of the parser: the guide's ``- **Q..** ... (a) ... **(b)**`` items, read here, give the keys."""
    xml = {q.find("idnumber").text: q for q in ET.parse(bank / "ketamine-sim-questions.xml").getroot().findall("question")[1:]}
    keyed = re.findall(r"^- \*\*(Q\d\d\.\d+)\*\* [^*]*\(a\)[^*]*\*\*\(([a-e])\)\*\*", GUIDE, re.M)
    assert len(keyed) >= 10
    for qid, letter in keyed:
        right = [a.find("text").text for a in xml[qid].findall("answer") if float(a.get("fraction")) > 0]
        assert xml[qid].get("type") == "multichoice" and right[0].startswith(f"({letter})"), qid


# ----------------------------------------------------------------------------- the student bundle
@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle")
    out = folder / "student.zip"
    assert cli.main(["bundle", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
    return folder / handouts.BUNDLE_FOLDER


def test_the_bundle_has_the_student_notebooks_the_package_and_a_readme(unzipped):
    published = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(p.name for p in (unzipped / "notebooks").glob("*.ipynb")) == published
    assert not (unzipped / "notebooks" / "instructor").exists() and not (unzipped / "notebooks" / "source").exists()
    assert not list(unzipped.rglob("teacher_guide.md")) and not (unzipped / "tests").exists()
    assert (unzipped / "pyproject.toml").is_file() and (unzipped / "simulator" / "exercises" / "__init__.py").is_file()
    readme = (unzipped / "README.md").read_text()
    assert DISCLAIMER in readme and "pip install" in readme and "python -m simulator lab" in readme
    for path in (unzipped / "notebooks").glob("*.ipynb"):
        text = path.read_text()
        assert text.count("NotImplementedError") >= text.count('"exercise"'), path.name  # every exercise is a stub


def test_the_bundle_holds_no_solution_and_no_solution_marker(unzipped):
    bodies = solutions()
    assert bodies and all(bodies.values())
    for path in unzipped.rglob("*"):
        if not path.is_file():
            continue
        text = re.sub(r"\s+", " ", path.read_text(errors="replace").replace("\\n", "\n").replace('\\"', '"'))
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, path
        if path.suffix == ".ipynb" or path.suffix == ".md":
            for exercise, lines in bodies.items():
                assert " ".join(lines) not in text, f"{path.name} holds the solution of {exercise}"


def test_no_checker_computes_its_reference_with_the_solution_itself(unzipped):
    """A student reads the checkers: none may hold an exercise's solution line for line (bundle() refuses one)."""
    copies = [(p.name, e) for p in (unzipped / "simulator" / "exercises").glob("*.py")
              for e, lines in solutions().items() if " ".join(lines) in re.sub(r"\s+", " ", p.read_text())]  # fmt: skip
    assert not copies


def test_the_bundle_refuses_a_file_that_holds_a_solution():
    sources = [course.parse(p.read_text(), p.stem) for p in SOURCES]
    exercise, lines = next(iter(solutions().items()))
    leak = {"simulator/exercises/_leak.py": ("def f():\n    " + "\n    ".join(lines)).encode()}
    assert handouts.solutions_in(leak, sources) == [("simulator/exercises/_leak.py", exercise)]
    assert handouts.solutions_in({"x.py": b"# BEGIN SOLUTION"}, sources) == [("x.py", "a solution marker")]
    assert handouts.solutions_in({"x.py": b"print(1)"}, sources) == []


def test_the_checkers_import_from_the_unzipped_tree(unzipped):
    code = "import simulator, simulator.exercises as e; print(simulator.__file__); print(len(e.EXERCISES))"
    env = {**os.environ, "PYTHONPATH": str(unzipped)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=unzipped.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    where, count = done.stdout.split()
    assert Path(where).resolve().is_relative_to(unzipped.resolve()) and int(count) >= 12


def test_the_commands_say_the_statement_and_refuse_a_wrong_path(tmp_path, capsys):
    assert cli.main(["bundle", "--out", str(tmp_path / "student.txt")]) == 2
    assert cli.main(["deck", "--out", str(tmp_path / "deck.pdf")]) == 2
    (tmp_path / "file").write_text("x")
    assert cli.main(["worksheets", "--out", str(tmp_path / "file")]) == 2
    captured = capsys.readouterr()
    assert captured.out.count(DISCLAIMER) == 3 and "out must end in .zip" in captured.err and "must be a folder" in captured.err


# ----------------------------------------------------------------------------- demo steps in the product
def test_a_wrong_step_is_refused_naming_the_kinds():
    with pytest.raises(ValueError, match="step kind must be one of"):
        step_text(("jump",))
    with pytest.raises(ValueError, match="has 1 argument"):
        step_text(("preset",))
    with pytest.raises(TypeError):
        apply_step(None, "pin")
    assert step_text(("slider", "days between sessions", 7.0)) == "Set days between sessions to 7"
    assert all(step[0] in ("reset", "clear") for step in START)


def test_every_demo_has_the_guides_words():
    for name in DEMOS:
        words = guide_section(GUIDE, name)
        assert "**On screen:**" in words and len(words) > 200


# ----------------------------------------------------------------------------- offline HTML
WIDGET = handouts.WIDGET_VIEW


def test_offline_notebook_keeps_the_fallback_and_never_an_empty_widget():
    import nbformat

    nb = nbformat.v4.new_notebook()
    picture = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 30).decode()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", {WIDGET: {"model_id": "m1", "version_major": 2}, "image/png": picture, "text/plain": "summary"}
        ),
        nbformat.v4.new_output("display_data", {WIDGET: {"model_id": "m2", "version_major": 2}, "text/plain": "VBox()"}),
    ]
    nb.cells.append(cell)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"m1": {}, "m2": {}}}}
    offline = handouts.offline_notebook(nb)
    first, second = offline.cells[0].outputs
    assert WIDGET not in first.data and first.data["image/png"] == picture and "widgets" not in offline.metadata
    assert WIDGET not in second.data and "runs in Jupyter" in second.data["text/plain"]
    assert WIDGET in nb.cells[0].outputs[0].data  # the notebook given is not changed


@pytest.mark.slow
def test_an_executed_explorer_exported_offline_shows_its_picture_named_by_its_summary(tmp_path):
    """Reproduce: nbclient executes (and saves the widget state), HTMLExporter then renders the empty widget view."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from simulator.widgets import ReceptorExplorer\nReceptorExplorer(concentration_ng_per_ml=180.0)")])  # fmt: skip
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3").execute(cwd=str(tmp_path))
    (output,) = [o for o in nb.cells[0].outputs if WIDGET in o.get("data", {})]
    assert "widgets" in nb.metadata  # the saved state that makes the export render the widget
    plain, _ = HTMLExporter().from_notebook_node(nb)
    assert WIDGET in plain and output.data["image/png"][:200] not in plain  # the defect: a widget view, no picture
    page = handouts.export_html(nb, tmp_path / "handout.html").read_text()
    assert WIDGET not in page and "widget-state" not in page
    (image,) = images(page)
    assert image["src"].startswith("data:image/png;base64,") and image["src"][22:222] == output.data["image/png"][:200]
    summary = output.data["text/plain"].replace(DISCLAIMER, "").strip()
    assert summary and image["alt"].startswith(" ".join(summary.split()))
    assert DISCLAIMER in page


# ----------------------------------------------------------------------------- worksheets and deck
@pytest.fixture(scope="module")
def worksheets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("worksheets")
    assert cli.main(["worksheets", "--out", str(folder)]) == 0
    return sorted(folder.glob("*.html"))


@pytest.mark.slow
def test_each_worksheet_asks_every_question_of_its_notebook_and_answers_none(worksheets):
    assert [p.stem for p in worksheets] == [p.stem for p in SOURCES]
    bodies = solutions()
    for path, source in zip(worksheets, SOURCES, strict=True):
        page, text = path.read_text(), source.read_text()
        for kind, qid in PROMPT.findall(text):
            assert page.count(f"{kind} ({qid}).") == 1, (path.name, qid)
        assert "<details" not in page and "Explain (" not in page
        assert not any(" ".join(lines) in re.sub(r"\s+", " ", page) for lines in bodies.values())
        sheets = page.count('<section class="sheet">')
        assert sheets >= 2 and page.count(html.escape(DISCLAIMER)) >= sheets
        assert "What this model cannot tell you" in page and "@media print" in page and "size: A4" in page
        pictures = images(page)
        assert pictures and all(i["src"].startswith("data:image/png;base64,") for i in pictures), path.name
        assert all(len(i.get("alt", "")) > 40 and i["alt"].endswith(DISCLAIMER) for i in pictures), path.name


# ----------------------------------------------------------------------------- in Chromium
@pytest.mark.slow
def test_the_worksheets_print_on_a4_sheets_with_nothing_cut_off(worksheets):
    need_browser()
    from browser_support import opened

    a4 = (round(210 / 25.4 * 96), round(297 / 25.4 * 96))
    for path in worksheets:
        with opened(path.as_uri()) as (page, log):
            page.emulate_media(media="print")
            sheets = page.locator("section.sheet")
            assert sheets.count() >= 2
            for i in range(sheets.count()):
                box = sheets.nth(i).bounding_box()
                assert abs(box["width"] - a4[0]) <= 2 and abs(box["height"] - a4[1]) <= 2, (path.name, i, box)
                problems = sheets.nth(i).evaluate(PAGE_PROBLEMS)
                assert not problems, (path.name, i, problems)
            pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
            assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == sheets.count(), path.name  # one printed page per sheet
            assert all(u.startswith(("file:", "data:")) for u in log["requests"]) and not log["errors"]
