"""docs/literature_checks_grades.md grades every published number in simulator/literature (issue 9).

The tables of the grades file are parsed and checked against the code: every Citation reachable from the
literature modules is listed (by DOI, PMID or document identifier); every cited value (Sourced, Illustrative,
Affinity, BlockKinetics, Band, Observation) and every parameter of every ParameterSet is named by a row whose
grade is one of the allowed words and whose source names the value's citation; every name in the file resolves
in the code, and every number it gives matches the code. No network; runs in well under a second.
"""

import dataclasses
import importlib
import math
import pkgutil
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest

import simulator.literature as literature
from simulator.literature.core import Citation, Compartmental, ParameterSet, Pathway, RouteSpec
from simulator.literature.covariates import Variability

ROOT = Path(__file__).resolve().parents[1]
GRADES = ROOT / "docs" / "literature_checks_grades.md"
# "contested" (issue 21 item 5): read in a source, but other published studies disagree
ALLOWED = {"A", "B", "derived", "invented", "invented (toy)", "assumption", "not verified", "contested"}
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
VALUE_HEADER = ["Value", "Number", "Unit", "Used in", "Source", "Grade", "Reason"]
CITATION_HEADER = ["Citation", "Short", "Identifiers", "Grade", "Reason"]
SUMMARY_HEADER = ["Grade", "Value rows", "Citation rows"]


# ----------------------------------------------------------------------------- the markdown tables


def _cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _tables(text):
    """Return [(header, [(line number, cells)])] for every markdown table."""
    lines = text.splitlines()
    tables, i = [], 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", lines[i + 1].strip()):
            header, rows, i = _cells(lines[i]), [], i + 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append((i + 1, _cells(lines[i])))
                i += 1
            tables.append((header, rows))
        else:
            i += 1
    return tables


def _code_name(cell):
    match = re.match(r"`([^`]+)`", cell)
    return match.group(1) if match else None


@pytest.fixture(scope="module")
def doc():
    text = GRADES.read_text(encoding="utf-8")
    tables = _tables(text)
    for header, rows in tables:
        for number, cells in rows:
            assert len(cells) == len(header), f"{GRADES.name}:{number}: {len(cells)} cells under a {len(header)}-column header"
    values = [(n, dict(zip(h, c, strict=True))) for h, rows in tables if h == VALUE_HEADER for n, c in rows]
    citations = [(n, dict(zip(h, c, strict=True))) for h, rows in tables if h == CITATION_HEADER for n, c in rows]
    summaries = [rows for h, rows in tables if h == SUMMARY_HEADER]
    assert values and citations, "the grades file has no value or citation tables with the expected headers"
    assert len(summaries) == 1, "the grades file needs exactly one summary table"
    return {"text": text, "tables": tables, "values": values, "citations": citations, "summary": summaries[0]}


# ----------------------------------------------------------------------------- the code


def _modules():
    names = sorted(m.name for m in pkgutil.iter_modules(literature.__path__))
    return {name: importlib.import_module(f"{literature.__name__}.{name}") for name in names}


def _collect():
    """Walk the module globals (and what they hold) for citations, cited values, parameter sets and CVs."""
    found = {"citations": {}, "cited": {}, "sets": {}, "variability": {}}
    seen = set()

    def walk(obj):
        if isinstance(obj, (str, bytes, int, float, bool, type(None), type)) or id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, Citation):
            found["citations"][id(obj)] = obj
            return
        if isinstance(obj, ParameterSet):
            found["sets"][id(obj)] = obj
        elif isinstance(obj, Variability):
            found["variability"][id(obj)] = obj
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, (RouteSpec, Pathway, Compartmental)):
            if isinstance(getattr(obj, "citation", None), Citation) or isinstance(getattr(obj, "study", None), Citation):
                found["cited"][id(obj)] = obj
        if dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name))
        elif isinstance(obj, Mapping):
            for v in obj.values():
                walk(v)
        elif isinstance(obj, (tuple, list)):
            for v in obj:
                walk(v)

    for module in _modules().values():
        for name, value in vars(module).items():
            if not name.startswith("__"):
                walk(value)
    return found


@pytest.fixture(scope="module")
def code():
    return _collect()


def _step(obj, token):
    """One step of a row's code name; returns (value, slot) where slot identifies the place in the code."""
    if isinstance(obj, Mapping):
        for key in (token, tuple(token.split(","))):
            if key in obj:
                return obj[key], (id(obj), key)
    if isinstance(obj, (tuple, list)) and token.isdigit() and int(token) < len(obj):
        return obj[int(token)], (id(obj), int(token))
    if not token.startswith("_") and hasattr(obj, token) and not callable(getattr(obj, token)):
        return getattr(obj, token), (id(obj), token)
    if isinstance(obj, Compartmental) and token in obj.values:
        return obj.values[token], (id(obj), token)
    raise KeyError(token)


def _resolve(name, modules):
    module, _, rest = name.partition(".")
    if module not in modules:
        raise KeyError(module)
    tokens = rest.split(".")
    obj, slot = getattr(modules[module], tokens[0]), (module, tokens[0])
    for token in tokens[1:]:
        obj, slot = _step(obj, token)
    return obj, slot


def _expected_numbers(obj):
    if isinstance(obj, bool):
        return None
    if isinstance(obj, (int, float)):
        return [float(obj)]
    if isinstance(obj, tuple):
        numbers = [float(x) for x in obj if isinstance(x, (int, float)) and not isinstance(x, bool)]
        return numbers or None
    for fields in (("low", "high"), ("low_ng_per_ml", "high_ng_per_ml"), ("kon_per_molar_s", "koff_per_s", "untrapping")):
        if all(hasattr(obj, f) for f in fields):
            return [float(getattr(obj, f)) for f in fields]
    value = getattr(obj, "value", None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [float(value)]
    return None


def _resolve_rows(doc):
    """Resolve every value row's code name: ({line: (row, object, slot)}, [problems])."""
    modules = _modules()
    out, problems = {}, []
    for number, row in doc["values"]:
        name = _code_name(row["Value"])
        if name is None:
            problems.append(f"line {number}: the Value cell does not start with a `code name`: {row['Value']!r}")
            continue
        try:
            obj, slot = _resolve(name, modules)
        except (KeyError, AttributeError) as error:
            problems.append(f"line {number}: `{name}` does not resolve in simulator.literature ({error})")
            continue
        out[number] = (row, obj, slot)
    return out, problems


@pytest.fixture(scope="module")
def resolved(doc):
    return _resolve_rows(doc)[0]


def test_every_name_in_the_file_resolves_in_the_code(doc):
    problems = _resolve_rows(doc)[1]
    assert not problems, "stale or malformed names in the grades file:\n" + "\n".join(problems)


def _covered(resolved):
    objects = {id(obj) for _, obj, _ in resolved.values()}
    slots = {slot for _, _, slot in resolved.values()}
    return objects, slots


# ----------------------------------------------------------------------------- (a) citations


def test_every_citation_in_the_code_is_listed_by_its_identifier(doc, code):
    text = doc["text"].lower()
    listed = {_code_name(row["Citation"]) for _, row in doc["citations"]}
    missing = []
    for c in code["citations"].values():
        ids = [x for x in (c.doi, c.pmid, c.document) if x]
        if not any(x.lower() in text for x in ids):
            missing.append(f"{c.short()} ({'; '.join(ids)})")
    assert not missing, f"citations in the code that {GRADES.name} does not list: {missing}"
    assert None not in listed, "a citation row does not start with a `code name`"


def test_every_citation_row_is_a_citation_with_those_identifiers(doc):
    modules = _modules()
    problems = []
    for number, row in doc["citations"]:
        name = _code_name(row["Citation"])
        try:
            obj, _ = _resolve(name, modules)
        except (KeyError, AttributeError):
            problems.append(f"line {number}: `{name}` does not resolve")
            continue
        if not isinstance(obj, Citation):
            problems.append(f"line {number}: `{name}` is not a Citation")
            continue
        if obj.short() != row["Short"]:
            problems.append(f"line {number}: Short {row['Short']!r}, code {obj.short()!r}")
        for x in (obj.doi, obj.pmid, obj.document):
            if x and x.lower() not in row["Identifiers"].lower():
                problems.append(f"line {number}: identifier {x!r} of `{name}` missing from its row")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------- (b) cited values and parameters


def test_every_cited_value_is_graded_with_its_citation(code, resolved):
    objects, _ = _covered(resolved)
    missing = [obj for key, obj in code["cited"].items() if key not in objects]
    assert not missing, f"values with a citation that no row of {GRADES.name} names: " + "; ".join(
        f"{type(o).__name__} {getattr(o, 'value', '')!r} ({(getattr(o, 'citation', None) or o.study).short()})" for o in missing
    )
    wrong = []
    for number, (row, obj, _) in resolved.items():
        citation = getattr(obj, "citation", None) or getattr(obj, "study", None)
        if isinstance(citation, Citation) and citation.short() not in row["Source"]:
            wrong.append(f"line {number}: source {row['Source']!r} does not name {citation.short()!r}")
    assert not wrong, "\n".join(wrong)


def _parameter_slots(code):
    slots = {}
    for ps in code["sets"].values():
        for part in (ps.parent, ps.metabolite):
            for key in part.values:
                slots[(id(part), key)] = f"{ps.name}: {key}"
        for route, spec in ps.routes.items():
            for i, pathway in enumerate(spec.pathways):
                fields = ["ka_per_min", "bioavailability"]
                fields += ["fraction"] if len(spec.pathways) > 1 else []
                fields += [f for f in ("presystemic_metabolite_fraction", "lag_min", "input_duration_min") if getattr(pathway, f)]
                fields += ["fraction_later"] if pathway.fraction_later is not None else []
                for f in fields:
                    slots[(id(pathway), f)] = f"{ps.name}: {route} pathway {i} {f}"
        for key in ps.reported:
            slots[(id(ps.reported), key)] = f"{ps.name}: reported {key}"
        for f in ("age_range_y", "weight_range_kg"):
            slots[(id(ps), f)] = f"{ps.name}: {f}"
    for v in code["variability"].values():
        for f in dataclasses.fields(v):
            if f.name != "source":
                slots[(id(v), f.name)] = f"{v.source[:30]}: {f.name}"
    return slots


def test_every_parameter_of_every_set_is_graded(code, resolved):
    _, covered = _covered(resolved)
    missing = sorted({label for slot, label in _parameter_slots(code).items() if slot not in covered})
    assert not missing, f"parameters no row of {GRADES.name} grades: {missing}"


def test_numbers_in_the_file_match_the_code(resolved):
    problems = []
    for number, (row, obj, _) in resolved.items():
        written = [float(x) for x in NUMBER.findall(row["Number"])]
        expected = _expected_numbers(obj)
        if not written or expected is None:
            continue
        if len(written) != len(expected) or not all(
            math.isclose(w, e, rel_tol=1e-3, abs_tol=1e-12) for w, e in zip(written, expected, strict=True)
        ):
            problems.append(f"line {number}: {_code_name(row['Value'])} written {row['Number']!r}, code {expected}")
    assert not problems, "numbers that no longer match the code:\n" + "\n".join(problems)


def test_observation_grades_match_the_code(resolved):
    wrong = [
        f"line {n}: {_code_name(row['Value'])} graded {row['Grade']!r}, code says {obj.grade!r}"
        for n, (row, obj, _) in resolved.items()
        if isinstance(getattr(obj, "grade", None), str)
        if row["Grade"] != obj.grade
    ]
    assert not wrong, "\n".join(wrong)


# ----------------------------------------------------------------------------- (c) grade words and the summary


def test_every_grade_cell_is_an_allowed_word(doc):
    bad = [
        f"line {n}: {cells[header.index('Grade')]!r}"
        for header, rows in doc["tables"]
        if "Grade" in header
        for n, cells in rows
        if cells[header.index("Grade")] not in ALLOWED
    ]
    assert not bad, f"grades must be one of {sorted(ALLOWED)}: {bad}"


def test_the_summary_counts_the_rows(doc):
    values = Counter(row["Grade"] for _, row in doc["values"])
    citations = Counter(row["Grade"] for _, row in doc["citations"])
    summary = {cells[0]: (int(cells[1]), int(cells[2])) for _, cells in doc["summary"]}
    counted = {g: (values[g], citations[g]) for g in ALLOWED if values[g] or citations[g]}
    assert {g: c for g, c in summary.items() if c != (0, 0)} == counted


def test_the_checks_can_fail():
    """The parser and resolver reject a stale name, a wrong number and an unknown grade."""
    text = "| Value | Number | Unit | Used in | Source | Grade | Reason |\n|---|---|---|---|---|---|---|\n"
    rows = _tables(text + "| `sets.KAMP.parent.V9` | 25 | L | x | Kamp 2020 | A+ | x |\n")[0][1]
    assert rows[0][1][5] not in ALLOWED
    with pytest.raises(KeyError):
        _resolve("sets.KAMP.parent.V9", _modules())
    obj, _ = _resolve("sets.KAMP.parent.V1", _modules())
    assert _expected_numbers(obj) == [pytest.approx(obj)] and not math.isclose(obj, obj * 1.01, rel_tol=1e-3)
