# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""commit-message: a meaningful commit message that carries no sensitive data.

Runs at the commit-msg stage on the message file git is about to record.
The same checks apply to messages already in history through
`message_checker(root)`, which the repository audit calls once per commit.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from nhs_open_source_hooks import config
from nhs_open_source_hooks.files import InputError, TextFile, read_bytes
from nhs_open_source_hooks.findings import Finding, add_format_option, problem, report

HOOK_ID = 'commit-message'

# Subjects that say nothing about the change, compared after `_normalise`.
PLACEHOLDERS = (
    'wip', 'work in progress', 'progress', 'fix', 'fixes', 'fixed', 'fix bug',
    'fix bugs', 'fixed bug', 'fixed bugs', 'bug fix', 'bug fixes', 'bugfix',
    'bugfixes', 'fix stuff', 'fix code', 'quick fix', 'minor fix',
    'minor fixes', 'small fix', 'small fixes', 'more fixes', 'various fixes',
    'misc fixes', 'update', 'updates', 'updated', 'update code',
    'update files', 'minor update', 'minor updates', 'small update',
    'small updates', 'change', 'changes', 'changed', 'some changes',
    'minor changes', 'small changes', 'more changes', 'new changes',
    'latest changes', 'various changes', 'misc changes', 'improvements',
    'fixes and improvements', 'add', 'added', 'add files',
    'add files via upload', 'upload', 'files', 'code', 'stuff', 'more stuff',
    'misc', 'refactor', 'refactoring', 'cleanup', 'clean up', 'formatting',
    'asdf', 'asdfgh', 'qwerty', 'test', 'tests', 'testing', 'test commit',
    'tmp', 'temp', 'todo', 'commit', 'save', 'save work', 'backup', 'work',
    'working', 'it works', 'done', 'final', 'final version', 'again', 'edit',
    'edits', 'tweak', 'tweaks', 'oops', 'hmm', 'ok', 'foo', 'hello',
    'hello world', 'x', 'xx', 'xxx',
)
# https://www.conventionalcommits.org and commitlint's config-conventional.
TYPES = (
    'build', 'chore', 'ci', 'docs', 'feat', 'fix', 'perf', 'refactor',
    'revert', 'style', 'test',
)


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '--subject-max-length', type=int, default=72, metavar='N',
        help='longest subject line, in characters (default: %(default)s)',
    )
    parser.add_argument(
        '--body-max-line-length', type=int, default=72, metavar='N',
        help='longest body line, in characters; URLs, trailers and indented '
             'or quoted output are exempt (default: %(default)s)',
    )
    parser.add_argument(
        '--placeholders', action='append', default=list(PLACEHOLDERS),
        metavar='SUBJECT',
        help='a subject that says nothing, in any case; adds to the list '
             '(the configuration key replaces the built-in list)',
    )
    parser.add_argument(
        '--conventional', action='store_true',
        help='subjects must follow Conventional Commits: type(scope): description',
    )
    parser.add_argument(
        '--types', action='append', default=list(TYPES), metavar='TYPE',
        help='a Conventional Commits type; adds to the list (the '
             'configuration key replaces the built-in list)',
    )
    add_format_option(parser)


# Reading the message as git records it ------------------------------------

SCISSORS = '------------------------ >8 ------------------------'
# What `core.commentChar=auto` chooses from, in git's order.
AUTO_COMMENT_CHARS = '#;@!$%^&|:'


def git_message_settings() -> tuple[str, str]:
    """(core.commentChar or core.commentString, commit.cleanup) from git."""
    import subprocess

    try:
        out = subprocess.run(
            (
                'git', 'config', '-z', '--get-regexp',
                r'^(core\.comment(char|string)|commit\.cleanup)$',
            ),
            capture_output=True, text=True, errors='replace',
        ).stdout
    except OSError:  # no git: git's defaults
        out = ''
    settings = {}
    for entry in filter(None, out.split('\0')):
        key, _, value = entry.partition('\n')
        settings['comment' if key.startswith('core.') else 'cleanup'] = value
    # An empty comment character is an error to git, which then stops.
    return settings.get('comment') or '#', settings.get('cleanup', 'default')


def _auto_comment_char(lines: list[str]) -> str:
    """The character `core.commentChar=auto` chose for this message.

    git takes the first of its candidates that no line of the message starts
    with, so every candidate before the chosen one starts a line.  Its own
    lines name the character: the scissors line, or the help text
    ("Lines starting with '#' will be ignored").
    """
    starts = {line[:1] for line in lines}
    for line in lines:
        c = line[:1]
        if c in AUTO_COMMENT_CHARS and (
            line == f'{c} {SCISSORS}' or f"'{c}'" in line[1:]
        ):
            return c
    chosen = '#'
    for c in AUTO_COMMENT_CHARS:
        if c not in starts:
            break
        chosen = c
    return chosen


def _may_hold_comments(text: str) -> bool:
    """Whether any line starts with a character git could treat as a comment.

    git accepts any character, but only punctuation is used in practice; a
    message of plain lines needs no `git config` call, which saves a process.
    """
    return any(
        line[:1] and not (line[0].isalnum() or line[0].isspace())
        for line in text.split('\n')
    )


def recorded_lines(
        text: str, comment: str | None = '#', cleanup: str = 'default',
) -> list[tuple[int, str]]:
    """The lines git records from a message file, with their line numbers.

    Everything from the scissors line of `git commit -v` down is dropped, and
    so are comment lines unless `commit.cleanup` keeps them; trailing
    whitespace and blank lines at either end go, as git's cleanup does.
    COMMENT None reads a message git has already recorded: nothing is dropped.
    """
    lines = [line.rstrip() for line in text.split('\n')]
    if comment == 'auto':
        comment = _auto_comment_char(lines)
    if comment is not None and f'{comment} {SCISSORS}' in lines:
        del lines[lines.index(f'{comment} {SCISSORS}'):]
    strip = comment is not None and cleanup in {'default', 'strip'}
    kept = [
        (number, line) for number, line in enumerate(lines, 1)
        if not (strip and line.startswith(comment))
    ]
    while kept and not kept[-1][1]:
        kept.pop()
    start = next((i for i, (_, line) in enumerate(kept) if line), len(kept))
    return kept[start:]


# The checks -----------------------------------------------------------------

# Subjects git writes: merges, reverts, autosquash commits, and the commits
# `git stash` keeps (which the audit meets in history through refs/stash).
GIT_MADE = re.compile(
    r'(?:Merge (?:branch(?:es)?|remote-tracking branch|remote branch|tag|'
    r"commit|pull request) |(?:Revert|Reapply) \"|(?:fixup|squash|amend)! "
    r'|(?:(?:WIP|index|untracked files) on (?:\(no branch\)|[^\s:]+): [0-9a-f]{4,} '
    r'|On (?:\(no branch\)|[^\s:]+): ))',
)
# Trailers git and its users add, which are not a subject.
SIGN_OFF = re.compile(r'(?:[A-Za-z]+-)+by: |Change-Id: |Cc: ', re.IGNORECASE)
# A trailer as git and Conventional Commits footers write it:
# `Token: value`, `Token #value`, or `BREAKING CHANGE: value`.
TRAILER = re.compile(r'(?:BREAKING[ -]CHANGE|[A-Za-z][A-Za-z0-9-]*)(?::\s|\s#)\S')
CONVENTIONAL = re.compile(
    r'(?P<type>[A-Za-z]+)(?:\([^()]+\))?!?: (?P<description>\S.*)',
)
URL = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*://\S+')
_EDGES = ' \t.,;:!?-_*"\'`()[]{}<>'
_MASH = re.compile(r'(.{1,4}?)\1+')


def _normalise(subject: str) -> str:
    """Lower case, single spaces, no punctuation or counter ("wip 2") at the ends."""
    words = ' '.join(subject.lower().split()).strip(_EDGES)
    return re.sub(r'(?:\s+[0-9]+)+$', '', words).strip(_EDGES)


def _placeholder(subject: str, placeholders: frozenset[str]) -> bool:
    words = _normalise(subject)
    if not any(c.isalpha() for c in words) or words in placeholders:
        return True
    # A single short word that repeats a few keys: "aaaa", "asdasd", "sdfsdf".
    return ' ' not in words and 4 <= len(words) <= 24 and bool(_MASH.fullmatch(words))


def _trailer_block(lines: list[tuple[int, str]]) -> set[int]:
    """Line numbers of the final paragraph when it holds only trailers."""
    block: list[tuple[int, str]] = []
    for number, line in reversed(lines[1:]):
        if not line:
            break
        block.append((number, line))
    if len(block) == len(lines) - 1:  # no blank line: no body paragraph
        return set()
    heads = [line for _, line in block if not line[0].isspace()]
    if heads and all(TRAILER.match(line) for line in heads):
        return {number for number, _ in block}
    return set()


def _wrappable(line: str, limit: int) -> bool:
    """Whether wrapping would bring LINE within LIMIT characters."""
    if ' ' not in line.strip():
        return False  # one long word, path or hash cannot be wrapped
    return len(URL.sub('x', line)) > limit


def check_subject(subject: str, args: argparse.Namespace) -> list[tuple[str, str]]:
    """(check, message) for each problem with the subject line."""
    problems = []
    if len(subject) > args.subject_max_length:
        problems.append((
            'subject-too-long',
            f'subject has {len(subject)} characters, more than '
            f'{args.subject_max_length}: say what the commit does in fewer '
            f'words and put the detail in the body',
        ))
    description = subject
    if args.conventional:
        match = CONVENTIONAL.fullmatch(subject)
        types = {t.lower() for t in args.types}
        if match is None or match['type'].lower() not in types:
            problems.append((
                'conventional',
                'subject does not follow Conventional Commits: write '
                "'type(scope): description' with a type from "
                f'{", ".join(sorted(types))}',
            ))
            return problems
        description = match['description']
    placeholders = frozenset(map(_normalise, args.placeholders))
    if _placeholder(description, placeholders):
        problems.append((
            'subject-placeholder',
            'subject says nothing about the change: say what the commit '
            "does, e.g. 'Add CHI number validation'",
        ))
    elif 'wip' in placeholders and re.match(r'\W*wip\b', description, re.I):
        problems.append((
            'subject-wip',
            'subject marks work in progress: finish the work, or squash this '
            'commit into one with a meaningful message before pushing',
        ))
    if description.endswith('.') and not description.endswith('...'):
        problems.append((
            'subject-full-stop',
            'subject ends with a full stop: remove it',
        ))
    return problems


def check_lines(
        lines: list[tuple[int, str]], args: argparse.Namespace,
) -> list[Finding]:
    """Findings (path '') for a recorded message given as numbered lines."""
    if not lines:
        return []  # git aborts an empty commit itself
    findings = []
    number, subject = lines[0]
    if all(SIGN_OFF.match(line) for _, line in lines if line):
        findings.append(Finding(
            '', number, f'{HOOK_ID}-subject-missing',
            'the message is only trailers: start it with a subject line that '
            'says what the commit does',
        ))
    elif not GIT_MADE.match(subject):
        findings += [
            Finding('', number, f'{HOOK_ID}-{check}', message)
            for check, message in check_subject(subject, args)
        ]
        findings += check_body(lines, args)
    findings += check_sensitive(lines)
    return sorted(findings, key=lambda f: f.line)


def check_body(
        lines: list[tuple[int, str]], args: argparse.Namespace,
) -> list[Finding]:
    findings = []
    if len(lines) > 1 and lines[1][1]:
        findings.append(Finding(
            '', lines[1][0], f'{HOOK_ID}-body-separator',
            'no blank line after the subject: separate the subject from the '
            'body with one blank line',
        ))
    exempt = _trailer_block(lines)
    limit = args.body_max_line_length
    fenced = False
    for number, line in lines[1:]:
        if line.lstrip().startswith(('```', '~~~')):
            fenced = not fenced
            continue
        if (
                len(line) <= limit or fenced or number in exempt
                or line.startswith(('    ', '\t', '>'))
                or not _wrappable(line, limit)
        ):
            continue
        findings.append(Finding(
            '', number, f'{HOOK_ID}-body-line-too-long',
            f'body line has {len(line)} characters, more than {limit}: wrap '
            f'the body at {limit} (indent quoted output to keep it as it is)',
        ))
    return findings


def check_sensitive(lines: list[tuple[int, str]]) -> list[Finding]:
    """Credentials and personal data, found by secret-scan's engine."""
    from nhs_open_source_hooks.sensitive import HINT, scan_text

    numbers = [number for number, _ in lines]
    findings = []
    for f in scan_text('\n'.join(line for _, line in lines)):
        what = f.message  # without the engine's hint, which speaks of files
        for hint in HINT.values():
            what = what.removesuffix(f': {hint}')
        findings.append(Finding(
            '', numbers[f.line - 1] if f.line else 0, f'{HOOK_ID}-{f.check}',
            f'{what}: take it out of the message, which is published with '
            f'the history and cannot be cleaned without rewriting it',
            f.severity,
        ))
    return findings


def check_message(text: str, args: argparse.Namespace) -> list[Finding]:
    """Findings (path '') for a message as git recorded it."""
    return check_lines(recorded_lines(text, comment=None), args)


def options(root: str = '.') -> argparse.Namespace:
    """The hook's options from ROOT's configuration alone."""
    parser = config.new_parser(HOOK_ID)
    add_options(parser)
    return config.parse_args(parser, [], HOOK_ID, root)


def message_checker(root: str) -> Callable[[str], list[Finding]]:
    """A function checking one recorded message with ROOT's configuration.

    Its findings have path '' and lines counted within the message; the
    audit calls it for every commit in history and names the commit.
    """
    args = options(root)
    return lambda text: check_message(text, args)


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    """The message of ROOT's HEAD commit; [] when there is no commit yet.

    History is the audit's job: it calls `message_checker(root)` for the
    message of every commit it walks.
    """
    import subprocess

    proc = subprocess.run(
        ('git', 'log', '-1', '--format=%h%n%B', 'HEAD'),
        cwd=root, capture_output=True, text=True, errors='replace',
    )
    if proc.returncode:
        return []
    commit, _, message = proc.stdout.partition('\n')
    return [
        f._replace(path=f'commit {commit}')
        for f in message_checker(root)(message)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = config.new_parser(
        HOOK_ID,
        'Check a commit message file (the commit-msg stage).',
    )
    parser.add_argument('msgfile', metavar='MSGFILE', help='the message file git passes')
    add_options(parser)
    args = config.parse_args(parser, argv, HOOK_ID)
    try:
        text = TextFile.decode(read_bytes(args.msgfile)).text
    except InputError as e:
        problem(args.msgfile, str(e))
        return 2
    comment, cleanup = (
        git_message_settings() if _may_hold_comments(text) else ('#', 'default')
    )
    findings = [
        f._replace(path=args.msgfile)
        for f in check_lines(recorded_lines(text, comment, cleanup), args)
    ]
    status = report(findings, args.format)
    if status and args.msgfile.endswith('COMMIT_EDITMSG'):
        print(
            f'nhs-open-source {HOOK_ID}: the message is kept in {args.msgfile}; '
            f'edit it with: git commit -e -F {args.msgfile}',
            file=sys.stderr,
        )
    return status
