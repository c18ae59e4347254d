"""What the handouts share: the source checkout they are built from, Markdown to HTML, the label's page furniture."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..labels import DISCLAIMER

#: The checkout the package runs from (the handouts are built from its notebooks/source and docs/teacher_guide.md).
ROOT = Path(__file__).resolve().parents[2]


def checkout(root=None) -> Path:
    """Return ``root`` (default: the package's checkout) checked to hold the course sources and the teacher guide."""
    root = ROOT if root is None else Path(root)
    missing = [p for p in ("notebooks/source", "docs/teacher_guide.md") if not (root / p).exists()]
    if missing:
        raise OSError(f"the handouts are built in a source checkout: {root} has no {', '.join(missing)}")
    return root


def sources(root) -> list:
    """Return the parsed course sources of ``root``/notebooks/source, in order."""
    from .. import course

    paths = sorted((Path(root) / "notebooks" / "source").glob("*.md"))
    return [course.parse(p.read_text(encoding="utf-8"), p.stem) for p in paths]


def output_path(out, suffix: str) -> Path:
    """Return ``out`` as a Path ending in ``suffix`` (ValueError otherwise), its folder created."""
    out = Path(out)
    if out.suffix.lower() != suffix:
        raise ValueError(f"out must end in {suffix}, got {str(out)!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def output_folder(out) -> Path:
    """Return ``out`` as a folder, created (ValueError when it is an existing file)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"out must be a folder, got the file {str(out)!r}")
    out.mkdir(parents=True, exist_ok=True)
    return out


_LATEX = {r"\times": "×", r"\,": " ", r"\ ": " ", r"\ll": "≪", r"\gg": "≫", r"\approx": "≈", r"\to": "→", r"\dot": ""}


def _math(text: str) -> str:
    for command, word in _LATEX.items():
        text = text.replace(command, word)
    text = re.sub(r"\\(?:text|mathrm|mathit)\{([^}]*)\}", r"\1", text)
    text = re.sub(r"_\{([^}]*)\}|_(\w)", lambda m: f"<sub>{m.group(1) or m.group(2)}</sub>", text)
    return text.replace("{", "").replace("}", "").replace("\\", "")


def inline(text: str) -> str:
    """Return one line of Markdown as HTML: code, bold, italics, links, and $math$ as plain italics."""
    parts = re.split(r"(`[^`]+`|\$[^$]+\$)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
        elif part.startswith("$") and part.endswith("$") and len(part) > 1:
            out.append(f"<i>{_math(html.escape(part[1:-1], quote=False))}</i>")
        else:
            part = html.escape(part, quote=False)
            part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
            part = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", part)
            part = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', part)
            out.append(part)
    return "".join(out)


def markdown(text: str) -> str:
    """Return the Markdown the course uses (paragraphs, lists, headings, quotes, $$ blocks) as simple HTML."""
    blocks, out = re.split(r"\n\s*\n", text.strip()), []
    for block in blocks:
        lines = block.splitlines()
        if all(re.match(r"^\s*(?:[-*]|\d+\.)\s", line) or line.startswith("  ") for line in lines) and re.match(
            r"^\s*(?:[-*]|\d+\.)\s", lines[0]
        ):
            tag = "ol" if re.match(r"^\s*\d+\.", lines[0]) else "ul"
            items = []
            for line in lines:
                if re.match(r"^\s*(?:[-*]|\d+\.)\s", line) and not line.startswith("   "):
                    items.append(re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line))
                else:
                    items[-1] += " " + line.strip()
            out.append(f"<{tag}>" + "".join(f"<li>{inline(i)}</li>" for i in items) + f"</{tag}>")
        elif lines[0].startswith("#"):
            level = min(len(lines[0]) - len(lines[0].lstrip("#")) + 1, 6)
            out.append(f"<h{level}>{inline(lines[0].lstrip('#').strip())}</h{level}>")
            if lines[1:]:
                out.append(markdown("\n".join(lines[1:])))
        elif lines[0].startswith(">"):
            out.append(f"<blockquote>{markdown(chr(10).join(line.lstrip('>').strip() for line in lines))}</blockquote>")
        elif block.strip().startswith("$$"):
            out.append(f'<p class="math">{inline("$" + block.strip().strip("$").strip() + "$")}</p>')
        elif lines[0].startswith("|"):
            lines = [line for line in lines if not re.match(r"^\|[-| :]+\|$", line)]
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
            cells = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>" for row in rows)
            out.append(f"<table>{cells}</table>")
        else:
            out.append(f"<p>{inline(' '.join(line.strip() for line in lines))}</p>")
    return "\n".join(out)


def plain(text: str) -> str:
    """Return Markdown as plain text (for alt text and speaker notes read aloud): marks and tags removed."""
    text = re.sub(r"<[^>]+>", " ", markdown(text))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def label_html(short: bool = False) -> str:
    """Return the teaching-model label as an element every page and slide carries (class ``teaching-label``)."""
    from ..labels import SHORT_DISCLAIMER

    return f'<p class="teaching-label" role="note">{html.escape(SHORT_DISCLAIMER if short else DISCLAIMER)}</p>'


def cannot_tell(source) -> str:
    """Return the Markdown of a source's section "What this model cannot tell you" (its list), or ""."""
    text = source.markdown
    match = re.search(r"^## What this model cannot tell you\s*$(.*?)(?=^#{1,2} |\Z)", text, re.M | re.S)
    return match.group(1).strip() if match else ""
