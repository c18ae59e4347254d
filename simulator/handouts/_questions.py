"""The question bank: every prediction, think and peer-instruction question, with answers, as Moodle XML and GIFT."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..labels import DISCLAIMER
from ._common import checkout, markdown, output_folder, sources

#: The bank's category: its name says that every question is about a teaching model.
CATEGORY = "Ketamine teaching simulator (teaching model: illustrative, not for dosing)"
#: The kinds of question: the notebooks' P and T prompts and the teacher guide's peer-instruction questions.
KINDS = {"P": "predict", "T": "think", "Q": "peer instruction", "PI": "peer instruction"}

_LETTER = re.compile(r"\(([a-e])\)\s*")
_LEAD = "Write your prediction before running the next cell:"


@dataclass(frozen=True)
class Question:
    """One question of the bank: its id, where it is asked, its text, choices and key, and the answer as feedback.

    ``choices`` holds (letter, text) pairs (empty: an essay question); ``correct`` the key's letters; ``text`` and
    ``feedback`` are Markdown.
    """

    id: str
    origin: str
    text: str
    feedback: str
    choices: tuple = ()
    correct: tuple = ()

    @property
    def kind(self) -> str:
        """What kind of question: "predict", "think" or "peer instruction"."""
        return KINDS[re.match(r"[A-Z]+", self.id).group(0)]


def _split_choices(text: str):
    """Return (stem, ((letter, choice), ...)) of a question with choices written "(a) ... (b) ..." or as a list."""
    listed = re.findall(r"^- \(([a-e])\) (.+)$", text, re.M)
    if listed:
        return re.sub(r"\n- \([a-e]\) .+", "", text).strip(), tuple(listed)
    marks = list(_LETTER.finditer(text))
    letters = [m.group(1) for m in marks]
    if len(marks) < 2 or letters != [chr(ord("a") + i) for i in range(len(marks))]:
        return text, ()
    choices = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        choices.append((mark.group(1), re.sub(r"(,|\.|;)?\s*(or)?\s*$", "", text[mark.end() : end].strip()) or "?"))
    return text[: marks[0].start()].strip().rstrip(":"), tuple(choices)


def _key(answer: str, choices) -> tuple:
    """Return the letters an answer's opening bold names ("**(b)**", "**(a)** and (b) together"), if it names choices."""
    opening = re.match(r"\s*\*\*\(?([a-e])\)?\*\*:?((?:\s*(?:and|,)\s*\(([a-e])\))*)", answer)
    if opening is None or not choices:
        return ()
    letters = (opening.group(1), *re.findall(r"\(([a-e])\)", opening.group(2)))
    return letters if set(letters) <= {c for c, _ in choices} else ()


def _notebook_questions(source) -> list:
    """Return the P and T questions of a source: P from :func:`simulator.course.predict_prompts`, T from its prompts."""
    from .. import course

    asked, answered, predicts = course.prompts(source), course.answers(source), course.predict_prompts(source)
    origin, found = f"notebook {source.number}: {source.title}", []
    for qid in course.question_ids(source):
        if qid in predicts:
            prompt = predicts[qid]
            correct = (prompt.key,) if prompt.key and prompt.key in {c for c, _ in prompt.choices} else ()
            listed = "\n".join(f"- ({c}) {text}" for c, text in prompt.choices)
            text = prompt.question if correct or not listed else f"{prompt.question}\n\n{listed}"
            found.append(Question(qid, origin, _capital(text), prompt.answer, prompt.choices if correct else (), correct))
        elif qid[0] == "T" and qid in asked:
            text = _capital(asked[qid].replace(_LEAD, "").strip())
            stem, choices = _split_choices(text)
            answer = answered.get(qid, "")
            correct = _key(answer, choices)
            found.append(Question(qid, origin, stem if correct else text, answer, choices if correct else (), correct))
    return found


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _guide_item(qid: str, origin: str, body: str) -> Question:
    """Return a guide question from ``question **answer** explanation`` (the question may be in *italics*)."""
    bold = re.search(r"\*\*(.+?)\*\*", body)
    if bold is None:
        raise ValueError(f"teacher guide {qid}: a question reads 'question **answer** explanation', got {body[:80]!r}")
    question = body[: bold.start()].strip()
    question = question[1:-1] if question.startswith("*") and question.endswith("*") else question
    feedback = body[bold.start() :].strip()
    stem, choices = _split_choices(question)
    correct = _key(feedback, choices)
    return Question(qid, origin, stem if correct else question, feedback, choices if correct else (), correct)


def _guide_questions(guide: str) -> list:
    found = []
    top = re.search(r"^## Peer-instruction questions.*?$(.*?)(?=^#{1,2} )", guide, re.M | re.S)
    if top is not None:
        for number, body in re.findall(r"^(\d+)\. (.+?(?:\n {3}.+)*)$", top.group(1), re.M):
            found.append(_guide_item(f"PI.{number}", "teacher guide: peer-instruction questions", " ".join(body.split())))
    for qid, body in re.findall(r"^- \*\*(Q\d\d\.\d+)\*\* (.+?(?:\n  .+)*)$", guide, re.M):
        found.append(_guide_item(qid, f"teacher guide: notebook {qid[1:3]}", " ".join(body.split())))
    return found


def questions(root=None) -> list:
    """Return every question of the bank: the notebooks' P and T prompts, then the teacher guide's questions.

    The notebooks' prompts come from :func:`simulator.course.prompts`, their answers from
    :func:`simulator.course.answers`; the guide's are its top-level "Peer-instruction questions" list (ids
    ``PI.1``...) and each notebook's ``- **Q04.1** ...`` items. A question with written choices whose answer opens
    with the choice's bold letter is multiple choice; every other one is an essay question with the answer as
    general feedback.
    """
    root = checkout(root)
    found = [q for source in sources(root) for q in _notebook_questions(source)]
    found += _guide_questions((root / "docs" / "teacher_guide.md").read_text(encoding="utf-8"))
    ids = [q.id for q in found]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"question ids must be unique, got {repeated} more than once")
    return found


def _html(text: str) -> str:
    return markdown(text)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _labelled(text: str) -> str:
    """Return the question's text as HTML with the teaching-model label once, last."""
    return f"{_html(text)}\n<p><em>{escape(DISCLAIMER)}</em></p>"


def moodle_xml(bank) -> str:
    """Return ``bank`` (Questions) as Moodle XML: one category that says it is a teaching model, then the questions."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>", '  <question type="category">',
             f"    <category><text>$course$/top/{escape(CATEGORY)}</text></category>",
             f'    <info format="html"><text>{escape(DISCLAIMER)}</text></info>', "  </question>"]  # fmt: skip
    for q in bank:
        kind = "multichoice" if q.choices else "essay"
        name = escape(f"{q.id} ({q.kind}, {q.origin})")
        parts += [f'  <question type="{kind}">', f"    <name><text>{name}</text></name>",
                  f'    <questiontext format="html"><text>{_cdata(_labelled(q.text))}</text></questiontext>',
                  f'    <generalfeedback format="html"><text>{_cdata(_html(q.feedback))}</text></generalfeedback>',
                  "    <defaultgrade>1</defaultgrade>", "    <penalty>0</penalty>", "    <hidden>0</hidden>",
                  f"    <idnumber>{escape(q.id)}</idnumber>"]  # fmt: skip
        if q.choices:
            single = len(q.correct) == 1
            parts += [f"    <single>{'true' if single else 'false'}</single>", "    <shuffleanswers>0</shuffleanswers>",
                      "    <answernumbering>none</answernumbering>"]  # fmt: skip
            for letter, choice in q.choices:
                right = letter in q.correct
                fraction = (100 if single else round(100 / len(q.correct), 5)) if right else (0 if single else -100)
                feedback = "Correct." if right else f"Not this one: the answer is ({', '.join(q.correct)})."
                text = _cdata(f"({letter}) " + _html(choice).removeprefix("<p>").removesuffix("</p>"))
                feedback = f'<feedback format="html"><text>{escape(feedback)}</text></feedback>'
                parts += [f'    <answer fraction="{fraction:g}" format="html">', f"      <text>{text}</text>",
                          f"      {feedback}", "    </answer>"]  # fmt: skip
        else:
            parts += ["    <responseformat>editor</responseformat>", "    <responserequired>1</responserequired>",
                      "    <responsefieldlines>8</responsefieldlines>", "    <attachments>0</attachments>",
                      f'    <graderinfo format="html"><text>{_cdata(_html(q.feedback))}</text></graderinfo>']  # fmt: skip
        parts.append("  </question>")
    parts.append("</quiz>")
    return "\n".join(parts) + "\n"


def _gift_escape(text: str) -> str:
    """Escape GIFT's special characters (tilde, equals, hash, braces, colon, backslash); line breaks as escaped n."""
    text = re.sub(r"([~=#{}:\\])", r"\\\1", text)
    return text.replace("\r", "").replace("\n", "\\n")


def gift(bank) -> str:
    """Return ``bank`` (Questions) in Moodle's GIFT format (Markdown text): multiple choice or essay, with feedback."""
    parts = [f"// Ketamine teaching simulator: question bank. {DISCLAIMER}", f"$CATEGORY: $course$/top/{CATEGORY}", ""]
    for q in bank:
        title = _gift_escape(f"{q.id} ({q.kind}, {q.origin})")
        text = _gift_escape(f"{q.text}\n\n*{DISCLAIMER}*")
        lines = [f"::{title}::[markdown]{text} {{"]
        single = len(q.correct) == 1
        for letter, choice in q.choices:
            right = letter in q.correct
            mark = ("=" if single else f"~%{100 / len(q.correct):g}%") if right else ("~" if single else "~%-100%")
            feedback = "Correct." if right else f"Not this one: the answer is ({', '.join(q.correct)})."
            lines.append(f"{mark}{_gift_escape(f'({letter}) {choice}')}#{_gift_escape(feedback)}")
        lines.append(f"####{_gift_escape(q.feedback)}")
        lines.append("}")
        parts += [*lines, ""]
    return "\n".join(parts)


def question_bank(out, root=None) -> list:
    """Write the question bank into the folder ``out`` as Moodle XML and GIFT; return the two paths.

    Files: ``ketamine-sim-questions.xml`` (Moodle XML) and ``ketamine-sim-questions.gift`` (GIFT). QTI is not
    written: the QTI writers on PyPI (text2qti, from its own text format; qti-package-maker) are not dependencies
    of this package; Moodle imports either file and exports QTI-compatible formats itself.
    """
    bank = questions(root)
    folder = output_folder(out)
    xml, gift_file = folder / "ketamine-sim-questions.xml", folder / "ketamine-sim-questions.gift"
    xml.write_text(moodle_xml(bank), encoding="utf-8")
    gift_file.write_text(gift(bank), encoding="utf-8")
    return [xml, gift_file]
