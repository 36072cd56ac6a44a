# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""`nhs-open-source audit`: is this repository ready to publish?

Runs every hook's `audit(root, paths)` over the repository's tracked files
(every file, in a folder that is not a git repository), and with `--history`
scans every blob reachable from any ref, once each, and every commit message.
The findings are mapped to the NHS Open Source Policy's publication checklist
(`checklist.py`) and reported as text, Markdown, JSON or SARIF (`report.py`);
git plumbing is in `history.py`, the parallel blob scan in `blobscan.py`.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from typing import TextIO

from nhs_open_source_hooks import blobscan
from nhs_open_source_hooks import checklist
from nhs_open_source_hooks import config
from nhs_open_source_hooks import history
from nhs_open_source_hooks.findings import Finding
from nhs_open_source_hooks.findings import problem

HOOK_ID = 'audit'
# (hook id, module) of every hook whose checks the audit runs.
HOOKS = (
    ('secret-scan', 'secret_scan'),
    ('no-data-files', 'no_data_files'),
    ('strip-notebook-outputs', 'strip_notebook_outputs'),
    ('readme', 'readme'),
    ('licence-file', 'licence_file'),
    ('licence-header', 'licence_header'),
    ('repo-files', 'repo_files'),
    ('semver', 'semver'),
    ('commit-message', 'commit_message'),
)
# Folders a plain (non-git) folder's walk leaves out: tools' caches and
# environments that a repository would ignore.
SKIPPED_FOLDERS = frozenset((
    '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'node_modules',
    '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ipynb_checkpoints',
))


@dataclass
class Record:
    """A finding, where it answers the checklist, and where it was seen."""
    finding: Finding
    item: str
    source: str  # 'tree', 'history' (a blob no longer current) or 'message'
    commits: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    in_tree: bool | None = None  # None: not known (no git)


@dataclass
class Audit:
    root: str
    is_git: bool
    project: dict[str, Any]
    files: int
    records: list[Record]
    results: list[checklist.Result]
    unavailable: dict[str, str]  # hook id -> why it could not run
    history: blobscan.HistoryStats | None
    limits: list[str]

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.results)


# Running hooks --------------------------------------------------------------

def load_hooks() -> tuple[dict[str, ModuleType], dict[str, str]]:
    """Hook id -> module for every hook installed; hook id -> reason for the rest."""
    modules, unavailable = {}, {}
    for hook, name in HOOKS:
        qualified = f'nhs_open_source_hooks.{name}'
        try:
            modules[hook] = importlib.import_module(qualified)
        except ModuleNotFoundError as e:
            if e.name != qualified:
                raise
            unavailable[hook] = 'not installed'
    return modules, unavailable


def take(hook: str, unavailable: dict[str, str], outcome: blobscan.Outcome) -> Any:
    """OUTCOME's value; a failure is said once and makes HOOK unavailable."""
    if outcome.exit is not None:
        raise SystemExit(outcome.exit)
    if outcome.error:
        problem(f'nhs-open-source audit: {hook}', outcome.error)
        unavailable[hook] = outcome.error
    return outcome.value


# The current tree -----------------------------------------------------------

def walk(root: str) -> list[str]:
    """Every regular file under ROOT, relative to it (for a non-git folder)."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
        for name in sorted(files):
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                out.append(os.path.relpath(path, root))
    return out


def _record(finding: Finding, hook: str, source: str, **kw: Any) -> Record:
    finding = checklist.advisory(finding)
    if hook == 'commit-message':
        item = 'commit-messages'
        if not checklist.is_sensitive(finding.check):
            # Old uninformative messages cannot be changed without rewriting
            # history: worth knowing, not worth failing the audit for.
            finding = finding._replace(severity='warning')
    else:
        item = checklist.route(finding.check, hook)
    return Record(finding, item, source, **kw)


def audit_hooks(
        root: str, paths: Sequence[str], hooks: Sequence[str],
) -> list[tuple[str, blobscan.Outcome]]:
    """Each hook's audit() over PATHS (run here or in a worker process)."""
    names = dict(HOOKS)
    out = []
    for hook in hooks:
        module = importlib.import_module(f'nhs_open_source_hooks.{names[hook]}')
        out.append((hook, blobscan.attempt(lambda: module.audit(root, paths))))
    return out


def tree_records(
        outcomes: list[tuple[str, blobscan.Outcome]],
        unavailable: dict[str, str],
        is_git: bool,
) -> list[Record]:
    records = []
    for hook, outcome in outcomes:
        for finding in take(hook, unavailable, outcome) or ():
            if hook == 'commit-message':  # HEAD's message, path 'commit SHA'
                commit = finding.path.rpartition(' ')[2]
                finding = finding._replace(path='', line=0)
                records.append(_record(finding, hook, 'message', commits=[commit]))
            else:
                records.append(_record(finding, hook, 'tree', in_tree=is_git or None))
    return records


# History --------------------------------------------------------------------

def check_messages(root: str, messages: list[tuple[str, str]]) -> blobscan.Outcome:
    """(commit, findings) for each message with any (run here or in a worker)."""
    def check() -> list[tuple[str, list[Finding]]]:
        from nhs_open_source_hooks import commit_message
        checker = commit_message.message_checker(root)
        cache: dict[str, list[Finding]] = {}
        out = []
        for sha, message in messages:
            if message not in cache:
                cache[message] = checker(message)
            if cache[message]:
                out.append((sha, cache[message]))
        return out
    return blobscan.attempt(check)


class HistoryScan:
    """--history: every blob through secret-scan, every message through commit-message."""

    def __init__(
            self, root: str, modules: dict[str, ModuleType],
            unavailable: dict[str, str], max_blob_mb: int, jobs: int,
    ) -> None:
        self.root, self.modules, self.unavailable = root, modules, unavailable
        self.start = time.perf_counter()
        self.stats = blobscan.HistoryStats(max_blob_mb=max_blob_mb)
        self.every: list[history.Blob] = []
        wanted: list[history.Blob] = []
        # Checked here, once: a scanner that cannot be configured would
        # otherwise fail in every worker process.
        self.scanning = 'secret-scan' in modules and take(
            'secret-scan', unavailable,
            blobscan.attempt(lambda: modules['secret-scan'].blob_scanner(root)),
        ) is not None
        if self.scanning:
            self.every = history.blobs(root)
            self.stats.blobs = len(self.every)
            limit = max_blob_mb << 20
            wanted = [b for b in self.every if b.size <= limit]
            self.stats.large = len(self.every) - len(wanted)
        progress = blobscan.Progress(
            len(wanted), sum(b.size for b in wanted),
            blobscan.progress_wanted() and self.scanning,
        )
        self.blobs = blobscan.BlobScan(root, wanted, self.stats, jobs, progress)
        messages = list(history.commit_messages(root))
        self.stats.commits = len(messages)
        self.messages = None
        if 'commit-message' in modules:
            self.messages = self.blobs.submit(check_messages, root, messages[::-1])

    def finish(self, tree: list[Record]) -> list[Record]:
        """The history's records, once the current files' TREE are known."""
        records: list[Record] = []
        if self.messages is not None:
            found = take('commit-message', self.unavailable, self.messages.get())
            records += _message_records(found or [])
        if self.scanning:
            outcome = blobscan.attempt(self.blobs.wait)
            blobs = take('secret-scan', self.unavailable, outcome) or {}
            head_shas = {sha for sha, _ in history.head_blobs(self.root)}
            records += _blob_records(self.root, blobs, self.every, head_shas, tree)
        self.stats.seconds = time.perf_counter() - self.start
        return records

    def close(self) -> None:
        self.blobs.close()


def _blob_records(
        root: str,
        found: dict[str, list[Finding]],
        every: list[history.Blob],
        head_shas: set[str],
        tree_records: list[Record],
) -> list[Record]:
    """One record per (check, message, path) however many versions hold it.

    FOUND's blobs come oldest first: a record names the commits that added
    the first version holding it (more than one when branches share it).
    """
    first_path = {b.sha: b.path for b in every}
    where = history.origins(root, set(found))
    groups: dict[tuple[str, str, str], Record] = {}
    for sha, findings in found.items():
        origins = where.get(sha, [])
        # git log lists newest first; the report reads oldest first.
        commits = [o.commit for o in reversed(origins) if o.added]
        paths = [o.path for o in reversed(origins) if o.added] or [first_path[sha]]
        for finding in findings:
            finding = finding._replace(path=first_path[sha])
            key = (finding.check, finding.message, finding.path)
            if key in groups:  # a later version: the first names the commit
                continue
            groups[key] = _record(
                finding, 'secret-scan', 'history',
                commits=list(dict.fromkeys(commits)),
                paths=list(dict.fromkeys(paths)),
                in_tree=sha in head_shas,
            )

    current = {(r.finding.check, r.finding.message): r for r in tree_records}
    out = []
    for (check, message, path), record in groups.items():
        same = current.get((check, message))
        if same is not None and same.finding.path in record.paths + [path]:
            # The finding is still in the current files: say there where it
            # came from rather than report it twice.
            same.commits, same.paths = record.commits, record.paths
            continue
        record.in_tree = record.in_tree or same is not None
        out.append(record)
    return out


def _message_records(found: list[tuple[str, list[Finding]]]) -> list[Record]:
    """Records for FOUND, (commit, findings) oldest first."""
    groups: dict[tuple[str, str], Record] = {}
    for sha, findings in found:
        for finding in findings:
            finding = finding._replace(path='', line=0)
            record = _record(finding, 'commit-message', 'message')
            # A credential is one finding per value; a matter of form, one
            # per check however many commits share it.
            key = (finding.check, finding.message if record.finding.severity == 'error' else '')
            record = groups.setdefault(key, record)
            if sha not in record.commits:
                record.commits.append(sha)
    return list(groups.values())


# The whole audit ------------------------------------------------------------

def run(
        root: str,
        scan_history: bool = False,
        max_blob_mb: int = blobscan.DEFAULT_MAX_BLOB_MB,
        jobs: int = 0,
) -> Audit:
    project = config.project(config.load(root))
    is_git = history.is_repository(root)
    paths = history.tracked_files(root) if is_git else walk(root)
    modules, unavailable = load_hooks()
    has_history = is_git and history.has_commits(root)
    scan_history = scan_history and has_history
    # The history scan reads every commit message, HEAD's included.
    tree_hooks = [
        hook for hook in modules if not (scan_history and hook == 'commit-message')
    ]
    scan = None
    if scan_history:  # started first: it runs while the tree is audited
        scan = HistoryScan(
            root, modules, unavailable, max_blob_mb, jobs or os.cpu_count() or 1,
        )
    try:
        submit = scan.blobs.submit if scan else blobscan.Now
        job = submit(audit_hooks, root, paths, tree_hooks)
        records = tree_records(job.get(), unavailable, is_git)
        if scan is not None:
            records += scan.finish(records)
    finally:
        if scan is not None:
            scan.close()
    records.sort(key=_order)
    stats = scan.stats if scan is not None else None
    results = checklist.evaluate(
        records, set(modules) - set(unavailable),
        history_scanned=scan_history or not has_history, project=project,
    )
    return Audit(
        root=root, is_git=is_git, project=project, files=len(paths),
        records=records, results=results, unavailable=unavailable,
        history=stats,
        limits=limits(is_git, has_history, scan_history, stats, unavailable, project),
    )


_ITEM_ORDER = {item.id: i for i, item in enumerate(checklist.ITEMS)}


def _order(record: Record) -> tuple[Any, ...]:
    f = record.finding
    return (_ITEM_ORDER[record.item], f.severity != 'error', f.path, f.line, f.check)


def limits(
        is_git: bool,
        has_history: bool,
        scan_history: bool,
        stats: blobscan.HistoryStats | None,
        unavailable: dict[str, str],
        project: dict[str, Any],
) -> list[str]:
    """What this audit did not, or cannot, check: said plainly in every report."""
    out = [
        'Credentials are found by their patterns and entropy, and patient '
        'identifiers by their formats and check digits (NHS, CHI, H&C and National '
        'Insurance numbers). Names, addresses, dates of birth, free-text clinical '
        'details, and credentials that are encoded, encrypted or split are not '
        'recognised: the people reviewing the code must look for them.',
        'Binary files (images, PDFs, office documents, databases) are not read.',
    ]
    if not is_git:
        out.append(
            'Not a git repository: every file under the folder was read (except '
            f'{", ".join(sorted(SKIPPED_FOLDERS))}), and there is no history to scan.',
        )
    elif not has_history:
        out.append('The repository has no commits yet: no history to scan.')
    elif not scan_history:
        out.append(
            'The git history was not scanned: anything committed once is still in '
            'it. Run `nhs-open-source audit --history` before publishing.',
        )
    if stats is not None:
        out += (
            'History: only commits reachable from this clone\'s refs were read; '
            'reflog-only and dropped commits, other clones, forks and pull-request '
            'refs on the hosting service are not seen, nor git LFS objects and '
            'submodules\' own history.',
            'History: every blob is read once, oldest first, and each line is '
            'scanned in the first version that has it (with its paragraph\'s first '
            'line, and a line either side when it has a digit); findings are '
            'reported where a line came in, and one that depends on context further '
            'from a changed line can be missed in later versions. Notebooks and data '
            'tables are scanned whole.',
        )
        if stats.binary:
            out.append(f'History: {stats.binary} binary blobs were not read.')
        if stats.failed:
            out.append(f'History: {stats.failed} blobs could not be scanned (scanner error).')
        if stats.large:
            out.append(
                f'History: {stats.large} blobs over {stats.max_blob_mb} MB were not '
                'read (--max-blob-size).',
            )
    for hook, reason in sorted(unavailable.items()):
        out.append(f'The {hook} checks did not run ({reason}).')
    if project.get('classification') in {'closed', 'secured'}:
        out.append(
            f"The configuration classifies this code as {project['classification']}: "
            'not for publication; this checklist is for information.',
        )
    return out


# The command ----------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    from nhs_open_source_hooks import report
    parser = config.new_parser(
        'audit',
        'Audit a repository, and with --history its git history, '
        "against the NHS Open Source Policy's publication checklist.",
    )
    parser.add_argument(
        'path', nargs='?', default='.', metavar='PATH',
        help='the repository or folder to audit (default: the current one)',
    )
    parser.add_argument(
        '--history', action='store_true',
        help='also scan every blob and commit message reachable from any ref',
    )
    parser.add_argument(
        '--format', choices=report.FORMATS, default='text',
        help='report format (default: %(default)s)',
    )
    parser.add_argument(
        '--output', metavar='FILE', default='',
        help='write the report to FILE instead of standard output',
    )
    parser.add_argument(
        '--max-blob-size', type=int, default=blobscan.DEFAULT_MAX_BLOB_MB, metavar='MB',
        help='skip history blobs larger than this (default: %(default)s MB)',
    )
    parser.add_argument(
        '--jobs', type=int, default=0, metavar='N',
        help='processes scanning history (default: one per core)',
    )
    return parser


def wants_colour(stream: TextIO, fmt: str) -> bool:
    """Colour for text on a terminal, unless NO_COLOR (no-color.org) says no."""
    return (
        fmt == 'text' and stream.isatty()
        and not os.environ.get('NO_COLOR') and os.environ.get('TERM') != 'dumb'
    )


def main(argv: Sequence[str] | None = None) -> int:
    from nhs_open_source_hooks import report
    parser = _parser()
    root = parser.parse_args(argv).path
    if not os.path.isdir(root):
        problem(root, 'is not a folder' if os.path.exists(root) else 'no such folder')
        return 2
    args = config.parse_args(parser, argv, HOOK_ID, root)
    try:
        result = run(root, args.history, args.max_blob_size, args.jobs)
    except history.GitError as e:
        problem(root, f'git failed: {e}')
        return 2
    if args.output:
        text = report.render(result, args.format, colour=False)
        try:
            with open(args.output, 'w', encoding='utf-8') as f:
                f.write(text)
        except OSError as e:
            problem(args.output, f'cannot write: {e.strerror or e}')
            return 2
    else:
        colour = wants_colour(sys.stdout, args.format)
        sys.stdout.write(report.render(result, args.format, colour=colour))
    return int(result.failed)
