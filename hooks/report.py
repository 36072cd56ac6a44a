# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The audit's report as terminal text, Markdown, JSON or SARIF 2.1.0.

Every format carries the same facts: the checklist with PASS, FAIL or MANUAL
for each item, the findings with the commits and paths where history holds
them, what to do, and what the audit cannot check.  Findings arrive with
credentials already shortened by the hooks; nothing here prints file content
or commit messages, so no format can leak a value whole.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from nhs_open_source_hooks import __version__
from nhs_open_source_hooks import checklist
from nhs_open_source_hooks.audit import Audit
from nhs_open_source_hooks.audit import Record

FORMATS = ('text', 'markdown', 'json', 'sarif')
TOOL = 'nhs-open-source audit'
INFO_URI = 'https://github.com/nhsx/open-source-policy'
SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
SHOWN_COMMITS = 3  # in text and Markdown; JSON and SARIF list them all


def render(audit: Audit, fmt: str, colour: bool = False) -> str:
    if fmt == 'markdown':
        return markdown(audit)
    if fmt == 'json':
        return json.dumps(as_dict(audit), indent=2) + '\n'
    if fmt == 'sarif':
        return json.dumps(sarif(audit), indent=2) + '\n'
    return text(audit, colour)


# Shared wording -------------------------------------------------------------

def verdict(audit: Audit) -> str:
    failed = [r for r in audit.results if r.failed]
    manual = [r for r in audit.results if r.status == checklist.MANUAL]
    if failed:
        head = f'FAIL: {len(failed)} mandatory item{"s" * (len(failed) != 1)} failed'
    else:
        head = 'PASS: no mandatory item failed'
    return f'{head}; {len(manual)} to check by hand'


def scope(audit: Audit) -> str:
    what = 'tracked files' if audit.is_git else 'files (not a git repository)'
    line = f'{audit.files} {what}'
    h = audit.history
    if h is not None:
        rate = h.bytes / 1e6 / h.seconds if h.seconds else 0.0
        line += (
            f'; history: {h.commits} commits, {h.scanned} of {h.blobs} blobs '
            f'({h.bytes / 1e6:.1f} MB, {h.novel_bytes / 1e6:.1f} MB of it new lines) '
            f'scanned in {h.seconds:.1f} s ({rate:.1f} MB/s)'
        )
    return line


def short(sha: str) -> str:
    return sha[:12]


def commits_text(record: Record) -> str:
    shown = ', '.join(short(c) for c in record.commits[:SHOWN_COMMITS])
    more = len(record.commits) - SHOWN_COMMITS
    return shown + (f' and {more} more' if more > 0 else '')


def where_text(record: Record) -> str:
    """Where history holds RECORD's finding, in one phrase."""
    if record.source == 'message':
        noun = 'commit message' + ('s' * (len(record.commits) != 1))
        return f'in the {noun} of {commits_text(record)}'
    parts = []
    if record.commits:
        parts.append(f'added in commit {commits_text(record)}')
    elif record.source == 'history':  # git log --raw shows no merge's changes
        parts.append('added by a merge commit')
    extra = [p for p in record.paths if p != record.finding.path]
    if extra:
        parts.append('also at ' + ', '.join(extra[:SHOWN_COMMITS]))
    if record.in_tree is False:
        parts.append('no longer in the current files, still in history')
    elif record.in_tree and record.source == 'history':
        parts.append('still in the current files')
    return '; '.join(parts)


def location(record: Record) -> str:
    f = record.finding
    if record.source == 'message':
        return 'commit message'
    return f'{f.path}:{f.line}' if f.path else '(repository)'


def by_item(audit: Audit) -> list[tuple[checklist.Result, list[Record]]]:
    return [
        (r, [rec for rec in audit.records if rec.item == r.item.id])
        for r in audit.results
    ]


COLLAPSE_OVER = 3


def collapsed(records: list[Record]) -> list[tuple[Record, int, str]]:
    """RECORDS for people: warnings of one check over many files as one line.

    Each entry is (record, how many it stands for, a phrase naming them).
    JSON and SARIF keep every record.
    """
    counts: dict[str, list[Record]] = {}
    for record in records:
        if record.finding.severity == 'warning' and record.source == 'tree':
            counts.setdefault(record.finding.check, []).append(record)
    out, done = [], set()
    for record in records:
        same = counts.get(record.finding.check, [])
        if len(same) <= COLLAPSE_OVER or record not in same:
            out.append((record, 1, ''))
        elif record.finding.check not in done:
            done.add(record.finding.check)
            examples = ', '.join(r.finding.path for r in same[:COLLAPSE_OVER])
            out.append((record, len(same), f'{len(same)} files, e.g. {examples}'))
    return out


# Text -----------------------------------------------------------------------

WIDTH = 100


def _wrap(text: str, first: str, rest: str) -> list[str]:
    import textwrap
    return textwrap.wrap(
        text, WIDTH, initial_indent=first, subsequent_indent=rest,
        break_long_words=False, break_on_hyphens=False,
    )

_COLOURS = {
    checklist.PASS: '32', checklist.FAIL: '31', checklist.MANUAL: '33',
    'bold': '1', 'dim': '2',
}


def text(audit: Audit, colour: bool = False) -> str:
    def paint(s: str, style: str) -> str:
        return f'\033[{_COLOURS[style]}m{s}\033[0m' if colour else s

    out = [
        paint(f'{TOOL}: {os.path.abspath(audit.root)}', 'bold'),
        f"classification: {audit.project['classification']}",
        f'scanned: {scope(audit)}',
        '',
        paint('Publication checklist', 'bold'),
    ]
    width = max(len(r.item.title) for r in audit.results)
    for r in audit.results:
        status = paint(f'{r.status:<6}', r.status)
        out.append(f'  {status}  {r.item.title:<{width}}  {r.summary}')

    if audit.records:
        out += ['', paint('Findings', 'bold')]
        for result, records in by_item(audit):
            if not records:
                continue
            out.append(f'  {result.item.title}')
            for record, count, many in collapsed(records):
                f = record.finding
                level = 'warning: ' if f.severity == 'warning' else ''
                place = many or location(record)
                out.append(f'    {place}: {f.check} {level}{f.message}')
                where = where_text(record)
                if where and count == 1:
                    out.append(paint(f'      {where}', 'dim'))

    todo = [r for r in audit.results if r.status != checklist.PASS]
    if todo:
        out += ['', paint('What to do', 'bold')]
        for r in todo:
            lines = _wrap(f'{r.status} {r.item.title}: {r.item.action}', '  ', '    ')
            lines[0] = lines[0].replace(r.status, paint(r.status, r.status), 1)
            out += lines

    out += ['', paint('What this audit cannot check', 'bold')]
    for limit in audit.limits:
        out += _wrap(limit, '  - ', '    ')
    out += ['', paint(verdict(audit), checklist.FAIL if audit.failed else checklist.PASS)]
    return '\n'.join(out) + '\n'


# Markdown -------------------------------------------------------------------

_ICONS = {checklist.PASS: '✅', checklist.FAIL: '❌', checklist.MANUAL: '✋'}


def _cell(s: str) -> str:
    return s.replace('\\', '\\\\').replace('|', '\\|').replace('\n', ' ')


def markdown(audit: Audit) -> str:
    name = os.path.basename(os.path.abspath(audit.root))
    out = [
        f'# NHS Open Source Policy audit: {_cell(name)}',
        '',
        f'**{verdict(audit)}**',
        '',
        f"- Classification: {audit.project['classification']}",
        f'- Scanned: {scope(audit)}',
        f'- Tool: {TOOL} {__version__}',
        '',
        '## Publication checklist',
        '',
        '| Item | Status | Summary |',
        '| --- | --- | --- |',
    ]
    for r in audit.results:
        out.append(
            f'| {r.item.title} | {_ICONS[r.status]} {r.status} | {_cell(r.summary)} |',
        )

    if audit.records:
        out += [
            '', '## Findings', '',
            '| Item | Where | Check | Finding | History |',
            '| --- | --- | --- | --- | --- |',
        ]
        for record, count, many in collapsed(audit.records):
            f = record.finding
            level = 'warning: ' if f.severity == 'warning' else ''
            where = where_text(record) if count == 1 else ''
            out.append(
                f'| {checklist.BY_ID[record.item].title} '
                f'| {_cell(many or location(record))} '
                f'| `{f.check}` | {_cell(level + f.message)} | {_cell(where)} |',
            )

    todo = [r for r in audit.results if r.status != checklist.PASS]
    if todo:
        out += ['', '## What to do', '']
        out += [f'- **{r.status}: {r.item.title}.** {r.item.action}' for r in todo]
    out += ['', '## What this audit cannot check', '']
    out += [f'- {limit}' for limit in audit.limits]
    return '\n'.join(out) + '\n'


# JSON -----------------------------------------------------------------------

def record_dict(record: Record) -> dict[str, Any]:
    return {
        **record.finding._asdict(),
        'item': record.item,
        'source': record.source,
        'commits': record.commits,
        'paths': record.paths,
        'in_current_tree': record.in_tree,
    }


def as_dict(audit: Audit) -> dict[str, Any]:
    h = audit.history
    return {
        'tool': {'name': TOOL, 'version': __version__},
        'root': os.path.abspath(audit.root),
        'git': audit.is_git,
        'classification': audit.project['classification'],
        'project': audit.project,
        'result': checklist.FAIL if audit.failed else checklist.PASS,
        'summary': verdict(audit),
        'files': audit.files,
        'history': None if h is None else {
            'commits': h.commits, 'blobs': h.blobs, 'scanned': h.scanned,
            'bytes': h.bytes, 'novel_bytes': h.novel_bytes,
            'binary_skipped': h.binary, 'large_skipped': h.large, 'failed': h.failed,
            'max_blob_mb': h.max_blob_mb, 'seconds': round(h.seconds, 3),
        },
        'checklist': [
            {
                'id': r.item.id, 'title': r.item.title, 'status': r.status,
                'summary': r.summary, 'errors': r.errors, 'warnings': r.warnings,
                'action': r.item.action,
            }
            for r in audit.results
        ],
        'findings': [record_dict(r) for r in audit.records],
        'unavailable': audit.unavailable,
        'limits': audit.limits,
    }


# SARIF ----------------------------------------------------------------------

def _uri(record: Record) -> str:
    # Code scanning needs a repository-relative path for every result.
    if record.source == 'message':
        return '.git/COMMIT_EDITMSG'
    return record.finding.path.replace(os.sep, '/') or '.'


def sarif(audit: Audit) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for record in audit.records:
        f = record.finding
        item = checklist.BY_ID[record.item]
        if f.check not in rules:
            rules[f.check] = {
                'id': f.check,
                'name': ''.join(w.title() for w in f.check.split('-')),
                'shortDescription': {'text': f'{item.title}: {f.check}'},
                'fullDescription': {'text': item.action},
                'help': {'text': item.action},
                'defaultConfiguration': {
                    'level': 'error' if f.severity == 'error' else 'warning',
                },
                'properties': {'tags': ['nhs-open-source', item.id]},
            }
        message = f.message
        where = where_text(record)
        if where:
            message += f' ({where})'
        fingerprint = hashlib.sha256(
            '\0'.join((f.check, f.message, f.path, record.source)).encode(),
        ).hexdigest()[:32]
        results.append({
            'ruleId': f.check,
            'ruleIndex': list(rules).index(f.check),
            'level': 'error' if f.severity == 'error' else 'warning',
            'message': {'text': message},
            'locations': [{
                'physicalLocation': {
                    'artifactLocation': {'uri': _uri(record)},
                    'region': {'startLine': max(f.line, 1)},
                },
            }],
            'partialFingerprints': {'nhsOpenSourceAudit/v1': fingerprint},
            'properties': {
                'checklistItem': item.id,
                'source': record.source,
                'commits': record.commits,
                'paths': record.paths,
                'inCurrentTree': record.in_tree,
            },
        })
    return {
        '$schema': SARIF_SCHEMA,
        'version': '2.1.0',
        'runs': [{
            'tool': {
                'driver': {
                    'name': TOOL,
                    'version': __version__,
                    'informationUri': INFO_URI,
                    'rules': list(rules.values()),
                },
            },
            'invocations': [{'executionSuccessful': True}],
            'results': results,
            'properties': {
                'classification': audit.project['classification'],
                'checklist': [
                    {'id': r.item.id, 'title': r.item.title, 'status': r.status,
                     'summary': r.summary}
                    for r in audit.results
                ],
                'limits': audit.limits,
            },
        }],
    }
