"""Helpers of the handout tests (not tests): images of a page, what does not fit, the browser or a skip.

Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

import base64
import os
import struct

import pytest

__all__ = ["PAGE_PROBLEMS", "images", "need_browser", "png_size"]


def images(page: str) -> list:
    """Return the attributes of every <img> of an HTML page (parsed, whatever their order), as dicts."""
    from html.parser import HTMLParser

    found = []

    class Images(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append(dict(attrs))

    Images().feed(page)
    return found


def png_size(data: str) -> tuple:
    """Return (width, height) of a base64 PNG, read from its header."""
    return struct.unpack(">II", base64.b64decode(data)[16:24])


def need_browser():
    """Skip without Chromium, Playwright or Voila (saying how to install them); fail under CI."""
    from browser_support import missing

    reason = missing()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)


PAGE_PROBLEMS = """(root) => {
  const problems = [], box = root.getBoundingClientRect();
  for (const e of root.querySelectorAll('*')) {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility === 'hidden' || r.width === 0 || e.closest('aside')) continue;
    if (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1 || r.top < box.top - 1)
      problems.push(`outside: <${e.tagName.toLowerCase()}> ${(e.innerText || e.alt || '').slice(0, 40)}`);
    if (e.scrollWidth > e.clientWidth + 1 && s.overflowX !== 'visible')
      problems.push('cut off: ' + (e.innerText || '').slice(0, 40));
    if (e.tagName === 'MAIN' && e.scrollHeight > e.clientHeight + 1)
      problems.push(`sheet overflows by ${e.scrollHeight - e.clientHeight} px`);
  }
  for (const img of root.querySelectorAll('img')) {
    if (!img.complete || img.naturalWidth === 0) problems.push('image not drawn');
    if (!(img.alt || '').trim()) problems.push('image without alt text');
  }
  const label = root.querySelector('.teaching-label');
  if (!label || !label.innerText.includes('not for dosing') || label.getBoundingClientRect().height === 0)
    problems.push('no label');
  return problems;
}"""
