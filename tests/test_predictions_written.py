"""Predictions written down: every predict prompt of the course has a place to write (or choose) the prediction.

The committed prediction is kept in predictions.json next to the notebook (read back here with ``json``, not
through the package), a new widget for the same id in the same folder shows it, and the reveal puts it beside the
notebook's own explanation (the ``<details>`` text of the source). Teaching model: illustrative, not for dosing.
"""

import base64
import difflib
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

import simulator as sim
from simulator import course

widgets = pytest.importorskip("ipywidgets")

from simulator.predictions import PlainPrediction, write_down  # noqa: E402
from simulator.widgets.predict import Prediction, WrittenPrediction  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
SOURCES = {p.stem: course.parse(p.read_text(), p.stem) for p in sorted((FOLDER / "source").glob("*.md"))}
BUILT = [folder / f"{name}.ipynb" for folder in (FOLDER, FOLDER / "instructor") for name in SOURCES]  # built from a source
PROMPT = re.compile(r"^\*\*Predict \((P\d\d\.\d+)\)\.\*\*", re.M)

DEMO = """# A demo

> Teaching model: illustrative only, not for dosing.

**Predict (P09.1).** Write your prediction before running the next cell: which is larger, two and two or three?

- (a) two and two
- (b) three
- (c) they are equal

```python
2 + 2
```

<details><summary>Explain (P09.1)</summary>

**(a)** Four is larger than three.

</details>

**Predict (P09.2).** Write your prediction before running the next cell: how high does plasma ketamine peak?

```python
from simulator.predictions import write_down
write_down("P09.2", result, "cmax_ng_per_ml")
```

<details><summary>Explain (P09.2)</summary>

At the end of the infusion.

</details>
"""


@pytest.fixture
def demo(tmp_path):
    """A course checkout with one source, and a separate working folder for predictions.json."""
    (tmp_path / "notebooks" / "source").mkdir(parents=True)
    (tmp_path / "notebooks" / "source" / "09_demo.md").write_text(DEMO)
    work = tmp_path / "work"
    work.mkdir()
    return tmp_path, work


@pytest.fixture(scope="module")
def infusion():
    return sim.simulate(sim.scenarios.get("standard-infusion")[0], end_h=12)


def saved(folder) -> dict:
    """The predictions file read back by hand."""
    return json.loads((Path(folder) / course.PREDICTIONS_FILE).read_text(encoding="utf-8"))["predictions"]


def state_text(widget) -> str:
    """Every string a widget tree holds in its state (HTML values, text, options, Output contents)."""
    parts = []
    for w in [widget, *_tree(widget)]:
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(w, name, None)
            if isinstance(value, str):
                parts.append(value)
        if isinstance(w, widgets.Output):
            parts.append(json.dumps(w.outputs))
        if isinstance(w, widgets.RadioButtons):
            parts.extend(str(o) for o in w.options)
    return "\n".join(parts)


def _tree(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _tree(child)


# ---------------------------------------------------------------- the course: one prediction cell per prompt
@pytest.mark.parametrize("path", BUILT, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_prompt_of_a_built_notebook_is_followed_by_its_prediction_cell(path):
    cells = nbformat.read(path, as_version=4).cells
    asked = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        for qid in PROMPT.findall(cell.source):
            asked.append(qid)
            following = next(c for c in cells[i + 1 :] if c.cell_type == "code")
            assert f'write_down("{qid}"' in following.source, f"{path.name}: {qid} is not followed by its prediction cell"
            assert "from simulator.predictions import write_down" in following.source
    calls = re.findall(r'write_down\("(P\d\d\.\d+)"', "\n".join(c.source for c in cells if c.cell_type == "code"))
    assert asked and sorted(calls) == sorted(asked), f"{path.name}: prediction cells {calls} for the prompts {asked}"


def test_the_build_inserts_the_cell_in_both_versions_unless_the_source_has_its_own(demo):
    root, _ = demo
    source = course.parse(DEMO, "09_demo")
    for instructor in (False, True):
        cells = course.notebook(source, instructor=instructor).cells
        sources = [c.source for c in cells]
        inserted = [c for c in cells if "prediction" in c.metadata.get("tags", [])]
        assert [c.source for c in inserted] == [course.prediction_cell("P09.1")]
        where = sources.index(course.prediction_cell("P09.1"))
        assert PROMPT.search(sources[where - 1]) and sources[where + 1] == "2 + 2"  # after the prompt, before the reveal
        assert sum('write_down("P09.2"' in s for s in sources) == 1  # the source's own cell, not a second one
    assert course.build(root, names=["09_demo"]) and course.build(root, check=True, names=["09_demo"]) == []


def test_the_prompts_are_read_with_their_choices_and_answers():
    prompts = course.predict_prompts(course.parse(DEMO, "09_demo"))
    first = prompts["P09.1"]
    assert first.question == "which is larger, two and two or three?"
    assert first.choices == (("a", "two and two"), ("b", "three"), ("c", "they are equal"))
    assert first.key == "a" and first.answer.startswith("**(a)** Four")
    assert prompts["P09.2"].choices == () and prompts["P09.2"].key is None


def test_every_course_answer_with_choices_starts_with_one_of_its_letters():
    for name, source in SOURCES.items():
        for qid, prompt in course.predict_prompts(source).items():
            assert prompt.answer, f"{name}: {qid} has no Explain block"
            if prompt.choices:
                letters = [k for k, _ in prompt.choices]
                assert letters == [chr(ord("a") + i) for i in range(len(letters))], f"{qid}: choices {letters}"
                assert prompt.key in letters, f"{qid}: its answer must start with the bold letter, **(a)**, of {letters}"


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def test_no_two_prompts_of_the_course_ask_the_same_question():
    questions = {qid: p.question for s in SOURCES.values() for qid, p in course.predict_prompts(s).items()}
    assert len(questions) >= 18
    texts = {qid: _normalised(q) for qid, q in questions.items()}
    assert len(set(texts.values())) == len(texts), "two prompts have the same text"
    sentences = {}
    for qid, question in questions.items():
        for sentence in re.split(r"(?<=[?.:])\s+", question):
            words = _normalised(sentence)
            if len(words.split()) >= 6:
                sentences.setdefault(words, []).append(qid)
    repeated = {s: ids for s, ids in sentences.items() if len(ids) > 1}
    assert not repeated, f"a question sentence is asked twice: {repeated}"
    # word by word: P00.1 and an earlier P03.1 asked the same question ("when is the toy score at its best?") in
    # different words and scored 0.33; every pair of today's prompts stays below 0.27
    words = {qid: text.split() for qid, text in texts.items()}
    ids = sorted(words)
    close = [(a, b, round(r, 2)) for i, a in enumerate(ids) for b in ids[i + 1 :]
             if (r := difflib.SequenceMatcher(None, words[a], words[b], autojunk=False).ratio()) > 0.3]  # fmt: skip
    assert not close, f"prompts that read almost alike (share of words in common, in order): {close}"


def test_find_prompt_reads_the_source_from_a_notebooks_folder(monkeypatch):
    source = SOURCES["04_sessions_and_personalisation"]
    for folder in (FOLDER, FOLDER / "instructor"):
        monkeypatch.chdir(folder)
        prompt = course.find_prompt("P04.1")
        assert prompt.answer == course.answers(source)["P04.1"] and prompt.notebook == source.name


# ---------------------------------------------------------------- the widget: commit, keep, reveal beside the answer
def test_committing_writes_the_file_and_a_new_widget_shows_it(demo):
    root, work = demo
    first = write_down("P09.1", folder=work, root=root)
    assert isinstance(first, WrittenPrediction) and not first.committed
    assert not (work / course.PREDICTIONS_FILE).exists()  # nothing is written before the commit
    first.options.value = "b"
    first.words.value = "  three has more units  "
    first.commit_button.click()
    entry = saved(work)["P09.1"]
    assert entry["choice"] == "b" and entry["text"] == "three has more units"
    assert first.committed and first.words.disabled and first.options.disabled and first.commit_button.disabled
    again = write_down("P09.1", folder=work, root=root)  # after a restart or a reload
    assert again.committed and again.choice == "b" and again.text == "three has more units"
    assert again.words.value == "three has more units" and again.words.disabled
    other = work / "elsewhere"
    other.mkdir()
    assert not write_down("P09.1", folder=other, root=root).committed  # another working copy knows nothing of it


def test_the_answer_is_in_no_widget_before_the_commit_and_beside_the_words_after(demo):
    root, work = demo
    answer = "Four is larger than three."
    w = write_down("P09.1", folder=work, root=root)
    assert answer not in state_text(w) and w.reveal.layout.display == "none"
    w.commit(text="equal, surely", choice="c")
    mine, explanation = w.reveal.children
    assert w.reveal.layout.display is None
    assert "equal, surely" in mine.children[0].value and "(c)" in mine.children[0].value
    assert "answer is (a)" in mine.children[0].value and "matches" not in mine.children[0].value
    shown = explanation.children[0].outputs[0]["data"]["text/markdown"]
    assert answer in shown and "P09.1" in shown


def test_a_matching_choice_is_said_and_a_written_answer_has_no_verdict(demo):
    root, work = demo
    w = write_down("P09.1", folder=work, root=root)
    w.commit(choice="a")
    assert "your choice matches" in w.mine.value
    no_choices = DEMO.replace("- (a) two and two\n- (b) three\n- (c) they are equal\n", "")
    (root / "notebooks" / "source" / "09_demo.md").write_text(no_choices)
    plain = write_down("P09.1", folder=root, root=root)
    assert not plain.options.options and plain.words.description == "Your prediction:"
    plain.commit(text="four")
    assert "answer is" not in plain.mine.value and "Four is larger" in json.dumps(plain.explanation.outputs)


def test_a_prediction_of_the_models_number_is_kept_and_restored(demo, infusion):
    root, work = demo
    w = write_down("P09.2", infusion, "cmax_ng_per_ml", folder=work, root=root)
    assert isinstance(w.inner, Prediction) and not w.committed
    w.commit(value=150.0)
    entry = saved(work)["P09.2"]
    assert entry["value"] == 150.0 and entry["quantity"] == "cmax_ng_per_ml" and entry["text"] == "150 ng/mL"
    restored = write_down("P09.2", infusion, "cmax_ng_per_ml", folder=work, root=root)
    model = float(infusion.plasma("ketamine").max())  # the peak of the curve itself
    assert restored.committed and restored.inner.revealed and restored.inner.predicted == 150.0
    assert restored.inner.model_value == pytest.approx(model, rel=1e-6)
    assert restored.inner.again_button.layout.display == "none"  # committed once
    assert "At the end of the infusion." in json.dumps(restored.explanation.outputs)


def test_an_uncommitted_widget_neither_blocks_nor_raises_and_a_broken_file_is_said(demo):
    root, work = demo
    (work / course.PREDICTIONS_FILE).write_text("{not json")
    w = write_down("P09.1", folder=work, root=root)
    assert not w.committed and "not a predictions file" in w.message.value
    with pytest.raises(ValueError, match="not a predictions file"):
        course.PredictionStore(work).load()


@pytest.mark.parametrize(
    "question_id, error, words",
    [
        ("P4.1", ValueError, "question_id"),
        ("E09.1", ValueError, "question_id"),
        ("P09.9", ValueError, "question_id 'P09.9' is not a predict prompt"),
        (42, TypeError, "question_id"),
    ],
)
def test_a_bad_id_is_refused_naming_the_field(demo, question_id, error, words):
    root, work = demo
    with pytest.raises(error, match=re.escape(words)):
        write_down(question_id, folder=work, root=root)


def test_bad_input_is_refused_naming_the_field(demo, infusion):
    root, work = demo
    w = write_down("P09.1", folder=work, root=root)
    with pytest.raises(ValueError, match=r"text of P09\.1"):
        w.commit(text="   ")
    with pytest.raises(ValueError, match=r"choice of P09\.1 must be one of \['a', 'b', 'c'\], got 'z'"):
        w.commit(text="x", choice="z")
    with pytest.raises(ValueError, match="at most"):
        w.commit(text="x" * 5000)
    with pytest.raises(ValueError, match="not value"):
        w.commit(value=3.0)
    w.commit(text="three")
    with pytest.raises(ValueError, match="committed already"):
        w.commit(text="four")
    w.commit_button.click()  # the button says it in words instead
    with pytest.raises(ValueError, match="folder"):
        write_down("P09.1", folder=work / "missing", root=root)
    with pytest.raises(ValueError, match="source and quantity"):
        write_down("P09.2", infusion, folder=work, root=root)
    number = write_down("P09.2", infusion, "cmax_ng_per_ml", folder=work, root=root)
    with pytest.raises(ValueError, match="cmax_ng_per_ml"):
        number.commit(value=-1.0)
    store = course.PredictionStore(work)
    for kwargs, field in [({"value": float("nan"), "quantity": "q"}, "value"), ({"value": 1.0}, "quantity"),
                          ({"choice": "ab"}, "choice")]:  # fmt: skip
        with pytest.raises(ValueError, match=rf"{field} of P09\.5"):
            store.commit("P09.5", **kwargs)
    with pytest.raises(TypeError, match="text must be a str"):
        store.commit("P09.5", text=3)


# ---------------------------------------------------------------- static copies: a picture and text, never an empty widget
def test_a_static_export_shows_the_prompt_and_an_empty_box(demo):
    from nbconvert import HTMLExporter

    root, work = demo
    w = write_down("P09.1", folder=work, root=root)
    bundle = w._repr_mimebundle_()
    text = bundle["text/plain"]
    assert "Predict (P09.1): which is larger" in text and "[ ] (b) three" in text
    assert re.search(r"^\|\s{20,}\|$", text, re.M) and "not for dosing" in text and "Four is larger" not in text
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    nb = nbformat.v4.new_notebook()
    data = {k: v for k, v in bundle.items() if k != "application/vnd.jupyter.widget-view+json"}  # no widget state saved
    nb.cells.append(nbformat.v4.new_code_cell('write_down("P09.1")', outputs=[nbformat.v4.new_output("display_data", data=data)]))
    body, _ = HTMLExporter().from_notebook_node(nb)
    assert bundle["image/png"][:200] in body
    w.commit(text="four")
    after = w._repr_mimebundle_()["text/plain"]
    assert "Your prediction (committed" in after and "four" in after and "Four is larger than three." in after


def test_without_ipywidgets_the_cell_shows_the_prompt_and_an_empty_box_as_text(demo, monkeypatch):
    root, work = demo
    monkeypatch.setitem(sys.modules, "simulator.widgets.predict", None)  # the import fails as without ipywidgets
    plain = write_down("P09.1", folder=work, root=root)
    assert isinstance(plain, PlainPrediction)
    text = plain._repr_mimebundle_()["text/plain"]
    assert "Predict (P09.1)" in text and "Your prediction:" in text and "not for dosing" in text
    assert "Four is larger" not in text
    course.PredictionStore(work).commit("P09.1", text="four", choice="a")
    assert "Four is larger than three." in repr(write_down("P09.1", folder=work, root=root))
