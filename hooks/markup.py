# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Headings and sections of Markdown, reStructuredText and plain-text documents.

Markdown ATX (`## Usage`), setext (`Usage` over `-----`) and HTML
(`<h2>Usage</h2>`) headings; reStructuredText titles with any adornment.
Text in code fences, reST literal blocks and HTML comments is not read.
"""
from __future__ import annotations

import os
import re
from typing import NamedTuple


class Heading(NamedTuple):
    first: int  # index of the heading's first line (an overline, or the title)
    last: int  # index of its last line (the title, or an underline)
    line: int  # 1-based line of the title, for messages
    level: int
    title: str


class Section(NamedTuple):
    heading: Heading | None  # None for the text before the first heading
    body: list[str]  # the lines under it, its subsections' included

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ''

    @property
    def line(self) -> int:
        return self.heading.line if self.heading else 0

    @property
    def text(self) -> str:
        return '\n'.join(self.body)


def kind_of(filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    return {'.md': 'md', '.markdown': 'md', '.rst': 'rst'}.get(ext, 'txt')


_FENCE_RE = re.compile(r'^ {0,3}(`{3,}|~{3,})')
_ATX_RE = re.compile(r'^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$')
_SETEXT_RE = re.compile(r'^ {0,3}(=+|-+)[ \t]*$')
_HTML_HEADING_RE = re.compile(r'<h([1-6])\b[^>]*>(.*?)</h\1\s*>', re.IGNORECASE)
TAG_RE = re.compile(r'<[^>]+>')
ADORNMENT_RE = re.compile(r'^([=\-`:\'"~^_*+#<>.])\1{2,}\s*$')
_LIST_OR_QUOTE_RE = re.compile(r'^\s*(?:[-*+>]|\d+[.)])\s')


def _markdown_headings(lines: list[str], code: set[int]) -> list[Heading]:
    headings = []
    for i, line in enumerate(lines):
        if i in code:
            continue
        match = _ATX_RE.match(line)
        if match:
            headings.append(Heading(i, i, i + 1, len(match[1]), match[2] or ''))
            continue
        for match in _HTML_HEADING_RE.finditer(line):
            headings.append(Heading(i, i, i + 1, int(match[1]), TAG_RE.sub('', match[2])))
        match = _SETEXT_RE.match(line)
        if (
                match and i > 0 and i - 1 not in code and lines[i - 1].strip()
                and not _ATX_RE.match(lines[i - 1])
                and not _LIST_OR_QUOTE_RE.match(lines[i - 1])
                and not _SETEXT_RE.match(lines[i - 1])
        ):
            headings.append(Heading(i - 1, i, i, 1 if match[1][0] == '=' else 2, lines[i - 1].strip()))
    return headings


def _rst_headings(lines: list[str], code: set[int]) -> list[Heading]:
    headings, levels = [], []
    for i in range(1, len(lines)):
        title, under = lines[i - 1], lines[i]
        match = ADORNMENT_RE.match(under)
        if (
                not match or i in code or i - 1 in code or not title.strip()
                or title[0].isspace() or ADORNMENT_RE.match(title)
                or len(under.rstrip()) < len(title.rstrip())
        ):
            continue
        overline = i >= 2 and lines[i - 2].rstrip() == under.rstrip()
        style = (match[1], overline)
        if style not in levels:
            levels.append(style)
        headings.append(Heading(i - 2 if overline else i - 1, i, i, levels.index(style) + 1, title.strip()))
    return headings


def _code_lines(lines: list[str], rst: bool) -> set[int]:
    """Indexes of lines inside code blocks and HTML comments."""
    code: set[int] = set()
    fence = ''
    in_comment = False
    literal_indent = None  # reST: the indented block after '::'
    for i, line in enumerate(lines):
        if fence:
            code.add(i)
            if line.lstrip().startswith(fence):
                fence = ''
            continue
        if in_comment:
            code.add(i)
            in_comment = '-->' not in line
            continue
        if rst and literal_indent is not None:
            if not line.strip() or line[0].isspace():
                code.add(i)
                continue
            literal_indent = None
        match = _FENCE_RE.match(line)
        if match and not rst:
            fence = match[1]
            code.add(i)
        elif line.lstrip().startswith('<!--') and '-->' not in line:
            in_comment = True
            code.add(i)
        elif rst and (line.rstrip().endswith('::')):
            literal_indent = True
    return code


def sections(text: str, kind: str) -> tuple[list[Section], set[int], list[str]]:
    """The README's sections, the code lines to ignore, and its lines.

    KIND is 'md', 'rst' or 'txt'; plain text is read with both heading styles.
    """
    lines = text.splitlines()
    code = _code_lines(lines, rst=kind == 'rst')
    headings = []
    if kind in {'md', 'txt'}:
        headings += _markdown_headings(lines, code)
    if kind in {'rst', 'txt'}:
        headings += _rst_headings(lines, code)
    # Plain text is read both ways; one heading per title line.
    headings = sorted({h.line: h for h in headings}.values())

    # A section runs to the next heading of its level or above, so content
    # in its subsections counts for it.
    result = [Section(None, [
        lines[i] for i in range(headings[0].first if headings else len(lines))
        if i not in code
    ])]
    for k, heading in enumerate(headings):
        end = next(
            (h.first for h in headings[k + 1:] if h.level <= heading.level),
            len(lines),
        )
        body = [lines[i] for i in range(heading.last + 1, end) if i not in code]
        result.append(Section(heading, body))
    return result, code, lines


def find_section(text: str, pattern: str, kind: str = 'txt') -> Section | None:
    """The first section whose title matches PATTERN (a regex, any case)."""
    regex = re.compile(pattern, re.IGNORECASE)
    for found in sections(text, kind)[0][1:]:
        if regex.search(found.title):
            return found
    return None


_EMAIL = re.compile(
    r'(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b(?!:)',
)


def emails(text: str) -> list[str]:
    """The email addresses in TEXT; a git host's SSH user (git@host:) is none."""
    return [e for e in _EMAIL.findall(text) if not e.lower().startswith('git@')]
