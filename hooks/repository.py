# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The repository as the repository-wide hooks see it.

A hook run by pre-commit (`pass_filenames: false`) looks at the working tree;
the audit passes the tracked files instead.  `Tree` hides the difference:
it finds files by name, case-insensitively, as GitHub does for README,
LICENCE, CONTRIBUTING and SECURITY, and reads them as text.
"""
from __future__ import annotations

import os
import re
import argparse
from collections.abc import Callable, Iterable, Sequence

from nhs_open_source_hooks import config
from nhs_open_source_hooks.files import InputError, TextFile, read_bytes
from nhs_open_source_hooks.findings import Finding, problem, report

# Where GitHub looks for community files, in its order of preference.
COMMUNITY_DIRS = ('', '.github', 'docs')
README_NAMES = ('readme.md', 'readme.markdown', 'readme.rst', 'readme.txt', 'readme')


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
        """The README at the top, preferring Markdown, then reST, then text."""
        names = {name.lower(): name for name in self.listdir()}
        return next((names[n] for n in README_NAMES if n in names), None)


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


# What a repository-wide check is: the tree and its options in, findings
# and the files it could not read out.
Check = Callable[[Tree, argparse.Namespace], tuple[list[Finding], list[tuple[str, str]]]]


def run_audit(
        hook: str, parser: argparse.ArgumentParser, check: Check,
        root: str, paths: Sequence[str],
) -> list[Finding]:
    """A repository-wide hook's `audit`: CHECK over ROOT's tracked PATHS."""
    args = config.parse_args(parser, [], hook, root)
    found, problems = check(Tree(root, paths), args)
    return found + unreadable(hook, problems)


def run_main(
        hook: str, parser: argparse.ArgumentParser, check: Check,
        argv: Sequence[str] | None,
) -> int:
    """A repository-wide hook's `main`: CHECK over the working tree."""
    args = config.parse_args(parser, argv, hook)
    found, problems = check(Tree('.'), args)
    return finish(found, problems, args.format)
