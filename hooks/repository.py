"""The repository as the repository-wide hooks see it.

A hook run by pre-commit (`pass_filenames: false`) looks at the working tree;
the audit passes the tracked files instead.  `Tree` hides the difference:
it finds files by name, case-insensitively, as GitHub does for README,
LICENCE, CONTRIBUTING and SECURITY, and reads them as text.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from nhs_open_source_hooks.files import InputError, TextFile, read_bytes
from nhs_open_source_hooks.findings import Finding, problem, report

# Where GitHub looks for community files, in its order of preference.
COMMUNITY_DIRS = ('', '.github', 'docs')


class Tree:
    """ROOT's files: PATHS (relative, '/'-separated) or, if None, the disk."""

    def __init__(self, root: str, paths: Sequence[str] | None = None) -> None:
        self.root = root
        self._paths = None if paths is None else {p.replace(os.sep, '/') for p in paths}

    def listdir(self, folder: str = '') -> list[str]:
        """The names of the files directly in FOLDER ('' for the top)."""
        if self._paths is not None:
            prefix = f'{folder}/' if folder else ''
            return sorted(
                p[len(prefix):] for p in self._paths
                if p.startswith(prefix) and '/' not in p[len(prefix):]
            )
        path = os.path.join(self.root, folder)
        try:
            return sorted(
                name for name in os.listdir(path)
                if os.path.isfile(os.path.join(path, name))
            )
        except OSError:
            return []

    def folders(self, folder: str = '') -> list[str]:
        """The names of the folders directly in FOLDER, hidden ones left out."""
        if self._paths is not None:
            prefix = f'{folder}/' if folder else ''
            return sorted({
                p[len(prefix):].split('/', 1)[0] for p in self._paths
                if p.startswith(prefix) and '/' in p[len(prefix):]
                and not p[len(prefix):].startswith('.')
            })
        path = os.path.join(self.root, folder)
        try:
            return sorted(
                name for name in os.listdir(path)
                if os.path.isdir(os.path.join(path, name)) and not name.startswith('.')
            )
        except OSError:
            return []

    def has(self, path: str) -> bool:
        if self._paths is not None:
            return path in self._paths
        return os.path.isfile(os.path.join(self.root, path))

    def find(
            self,
            pattern: str,
            folders: Iterable[str] = ('',),
    ) -> list[str]:
        """Files whose name fully matches PATTERN (a regex, any case)."""
        regex = re.compile(pattern, re.IGNORECASE)
        return [
            f'{folder}/{name}' if folder else name
            for folder in folders
            for name in self.listdir(folder)
            if regex.fullmatch(name)
        ]

    def read(self, path: str) -> str:
        """PATH's text, or InputError with a one-line reason."""
        return TextFile.decode(read_bytes(os.path.join(self.root, path))).text

    def readme(self) -> str | None:
        found = self.find(r'readme(\.(md|markdown|rst|txt))?')
        return found[0] if found else None


def load_toml(text: str) -> dict[str, Any]:
    """TEXT parsed as TOML; ValueError (TOMLDecodeError) if it is not."""
    if sys.version_info >= (3, 11):  # pragma: >=3.11 cover
        import tomllib
    else:  # pragma: <3.11 cover
        import tomli as tomllib
    return tomllib.loads(text)


class Section(NamedTuple):
    title: str
    line: int  # of the heading, 1-based
    body: str


_ATX = re.compile(r' {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$')
_UNDERLINE = re.compile(r'(=+|-+|~+|\^+|\*+)[ \t]*$')
_FENCE = re.compile(r' {0,3}(```|~~~)')


def sections(text: str) -> list[Section]:
    """The headed sections of a Markdown or reStructuredText document.

    A section runs to the next heading of any level; text before the first
    heading is not a section.
    """
    lines = text.splitlines()
    headings: list[tuple[int, str]] = []  # (index of the heading line, title)
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        atx = _ATX.match(line)
        if atx:
            headings.append((i, atx.group(2)))
        elif (
                i > 0 and _UNDERLINE.match(line) and lines[i - 1].strip()
                and not _UNDERLINE.match(lines[i - 1])
                and (not headings or headings[-1][0] != i - 1)
        ):
            headings.append((i - 1, lines[i - 1].strip()))
    result = []
    for n, (i, title) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        start = i + (2 if i + 1 < len(lines) and _UNDERLINE.match(lines[i + 1]) else 1)
        result.append(Section(title, i + 1, '\n'.join(lines[start:end])))
    return result


def section(text: str, pattern: str) -> Section | None:
    """The first section whose title matches PATTERN (a regex, any case)."""
    regex = re.compile(pattern, re.IGNORECASE)
    for found in sections(text):
        if regex.search(found.title):
            return found
    return None


def read_or_problem(tree: Tree, path: str, problems: list[tuple[str, str]]) -> str | None:
    """PATH's text; on failure, records (path, reason) in PROBLEMS."""
    try:
        return tree.read(path)
    except InputError as e:
        problems.append((path, str(e)))
        return None


def finish(
        found: list[Finding],
        problems: list[tuple[str, str]],
        fmt: str,
) -> int:
    """Report a hook's findings; 2 if a file could not be read, else 0 or 1."""
    for path, reason in problems:
        problem(path, reason)
    code = report(found, fmt)
    return 2 if problems else code


def unreadable(hook: str, problems: list[tuple[str, str]]) -> list[Finding]:
    """PROBLEMS as findings, for the audit, which reports rather than fails."""
    return [Finding(path, 0, f'{hook}-unreadable', reason) for path, reason in problems]
