# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The one entry point for sensitive data: credentials and UK personal data.

`scan_text(text, path)` is what the `secret-scan` and `commit-message` hooks
call.  It imports nothing heavy, never prints a value whole and never makes
a network call.
"""
from __future__ import annotations

import bisect
import re

from nhs_open_source_hooks import credentials
from nhs_open_source_hooks import personal_data
from nhs_open_source_hooks.findings import Finding

HINT = {
    'secret': "move it to the environment; rotate it if it was ever pushed; "
              "or mark a false positive 'pragma: allowlist secret'",
    'personal-data': "use synthetic data; or mark a false positive 'pragma: allowlist secret'",
}
IDENTIFIERS = {
    personal_data.NHS: 'NHS number',
    personal_data.CHI: 'CHI number',
    personal_data.HC: 'H&C number',
    personal_data.NI: 'National Insurance number',
}
_ALLOW = re.compile(r'pragma:[ \t]*allowlist[ \t]+(nextline[ \t]+)?secret')
_ENV_FILE = re.compile(r'(?:^|[/\\])(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env|\.envrc|\.Renviron|Renviron\.site)$')


def is_env_file(path: str) -> bool:
    """Whether PATH is a NAME=value environment file (.env, .env.local, .Renviron, ...)."""
    return bool(path) and _ENV_FILE.search(path) is not None


def redact(value: str) -> str:
    """At most the first four characters of VALUE, fewer for short values."""
    shown = value[:min(4, len(value) // 4)]
    return f"'{shown}...'" if shown else "'...'"


class LineIndex:
    """Offset -> 1-based line number, by binary search over newline offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def line(self, offset: int) -> int:
        if self._starts is None:
            self._starts = [m.end() for m in re.finditer('\n', self.text)]
        return bisect.bisect_right(self._starts, offset) + 1


def allowed_lines(text: str, index: LineIndex) -> set[int]:
    """Line numbers (1-based) that a `pragma: allowlist secret` comment covers."""
    lines = set()
    if 'allowlist' not in text:
        return lines
    for m in _ALLOW.finditer(text):
        line = index.line(m.start())
        lines.add(line + 1 if m.group(1) else line)
    return lines


def scan_text(text: str, path: str = '', *, context: str = '', generic: bool = True) -> list[Finding]:
    """Credentials and personal data in TEXT, with line numbers relative to it.

    PATH names the place in the findings; CONTEXT (for example a CSV column
    header) helps the personal-data detectors decide on bare numbers.
    Lines with a `pragma: allowlist secret` comment are skipped.
    """
    return [finding for finding, _ in scan_values(text, path, context=context, generic=generic)]


def scan_values(
        text: str, path: str = '', *, context: str = '', generic: bool = True,
) -> list[tuple[Finding, str]]:
    """`scan_text`, each finding with the value it found (for baselines only: never print it)."""
    index = LineIndex(text)
    allowed = allowed_lines(text, index)
    out: list[tuple[Finding, str]] = []
    for hit in credentials.scan(text, generic=generic, env_file=is_env_file(path)):
        line = index.line(hit.start)
        if line in allowed:
            continue
        out.append((Finding(
            path, line, f'secret-{hit.check}',
            f'{hit.kind} {redact(hit.value)}: {HINT["secret"]}', hit.severity,
        ), hit.value))
    for ident in personal_data.find_identifiers(text, context=context):
        if ident.line in allowed:
            continue
        out.append((Finding(
            path, ident.line, f'personal-data-{ident.kind}',
            f'{IDENTIFIERS[ident.kind]} {redact(ident.value)} ({ident.reason}): {HINT["personal-data"]}',
            ident.severity,
        ), ident.value))
    out.sort(key=lambda pair: pair[0].line)
    return out
