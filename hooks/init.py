# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""init: write the files a compliant repository needs, never overwriting.

`nhs-open-source init [PATH]` writes what PATH lacks: a README with every
section the policy asks for, a LICENCE (MIT with the Crown Copyright notice),
CONTRIBUTING.md, SECURITY.md, a code of conduct, a `.pre-commit-config.yaml`
pinned to this release and the `[tool.nhs-open-source]` table in
pyproject.toml.  A file that exists in any of the forms the hooks accept is
left as it is.  The result passes every hook at once.
"""
from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

from nhs_open_source_hooks import __version__, config
from nhs_open_source_hooks.files import InputError, rewrite
from nhs_open_source_hooks.licence_file import LICENCE_FILE
from nhs_open_source_hooks.repo_files import (
    CODE_OF_CONDUCT,
    CONTRIBUTING,
    SECURITY,
    acceptance,
)
from nhs_open_source_hooks.repository import COMMUNITY_DIRS, Tree

HOOK_ID = 'init'
REPOSITORY_URL = 'https://github.com/nhs-open-source-hooks/nhs-open-source-hooks'
# Every hook of this release, in the order they are worth running.
RECOMMENDED_HOOKS = (
    'secret-scan',
    'strip-notebook-outputs',
    'no-data-files',
    'licence-header',
    'readme',
    'licence-file',
    'repo-files',
    'semver',
    'commit-message',
)
CONTACT_PLACEHOLDER = 'CONTACT@example.invalid'


def _parser() -> argparse.ArgumentParser:
    parser = config.new_parser(
        HOOK_ID,
        'Write the files a compliant repository needs; never overwrite.',
    )
    parser.add_argument('path', nargs='?', default='.', help='the repository (default: .)')
    parser.add_argument('--name', help='the project\'s name (default: the folder\'s)')
    parser.add_argument(
        '--contact', default='', metavar='EMAIL',
        help='the team\'s contact address, for the README and SECURITY.md '
             f'(default: {CONTACT_PLACEHOLDER}, to replace)',
    )
    return parser


# --- The files -------------------------------------------------------------------

# The templates hold notices for the files they become, not for this one.
# REUSE-IgnoreStart
README = '''\
# {name}

{name} is _one paragraph: what it does, who it is for, its intended purpose
when implemented, where it runs, and its clinical use, if any_.

## Status

In development and actively maintained; no release yet. Release notes will be
in CHANGELOG.md.

## Contact

{contact} (the team that maintains {name}). Report security issues privately
as [SECURITY.md](SECURITY.md) says.

## Data

{name} uses no data of its own. _Describe the data it relies on or produces,
where it comes from and who may use it; never commit real data._

## Prerequisites

_The languages, packages, services and access it needs._

## Installation

_How to install it, step by step._

## Usage

_How to run it, with an example._

## Contributing

See [CONTRIBUTING.md](CONTRIBUTING.md).

## Licence

Copyright (c) {year} {holder}. The code is released under the
[MIT licence](LICENCE). The documentation is © Crown copyright and available
under the terms of the [Open Government Licence v3.0](https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).

## Legal and regulatory notes

{name} is not a medical device and is not intended for clinical use. _If that
changes, state the regulations that apply here and in a NOTICE file._
'''

CONTRIBUTING_TEXT = '''\
# Contributing

Contributions are welcome: bug reports, ideas and pull requests.

## Issues

Open an issue for a bug (what you did, what you expected and what happened)
or to propose a change before you start a large piece of work. Never paste
credentials or personal data into an issue.

## Pull requests

Make a small, focused change on a branch, with tests, and open a pull request
that says what it changes and why. A maintainer reviews every pull request;
it is merged once the checks pass and the review approves it.

## Commit messages

Write meaningful, informative commit messages: a subject of at most 72
characters in the imperative ("Add ..."), a blank line, then a body saying
what changed and why.

## Security

Do not report security issues in public issues; follow [SECURITY.md](SECURITY.md).

## Code of conduct

Everyone taking part follows the [code of conduct](CODE_OF_CONDUCT.md).
'''

SECURITY_TEXT = '''\
# Security policy

## Reporting a vulnerability

Please do not report security vulnerabilities in public issues, discussions
or pull requests. Email {contact} with what you found, how to reproduce it
and what it affects. We will acknowledge your report within five working days,
tell you what we will do, and credit you when the fix is released unless you
ask us not to.

If you find a credential or personal data in this repository, tell us the same
way and do not copy the value anywhere.

## Supported versions

Only the latest release receives security fixes.
'''

CODE_OF_CONDUCT_TEXT = '''\
# Code of conduct

## Our goals

We want {name} to be useful to the NHS and to everyone who reuses it, built by
a community where anyone can take part. Our conduct reflects the NHS values:
working together for patients, respect and dignity, commitment to quality of
care, compassion, improving lives, and everyone counts.

## Expected behaviour

Be welcoming, open-minded, respectful, empathetic, clear and on topic. Assume
good faith and accept constructive criticism gracefully.

## Unacceptable behaviour

Discrimination of any kind, threats, bullying and harassment, impersonation,
intimidation, inappropriate or deliberately inaccurate content, and
deliberate disruption are not allowed, in the repository or anywhere the
project is represented.

## Moderation

The maintainers moderate issues, pull requests and discussions. They may
edit or remove contributions that break this code of conduct.

## Reporting, objections and appeals

Report unacceptable behaviour, or object to a moderation decision, by email to
{contact}. Reports are handled in confidence and answered within five working
days. You may appeal a decision to the same address; someone not involved in
the first decision reviews it.

## Consequences

Depending on what happened, a maintainer may warn someone, remove their
contribution, or block them from the project, temporarily or for good.
'''

MIT_TEXT = '''\
MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
'''

TABLE_TEXT = '''\
[tool.nhs-open-source]
# The NHS Open Source Policy's settings for this repository; the
# nhs-open-source hooks read them.
classification = "coded-in-the-open"  # or open-source, closed, secured
copyright-holder = "{holder}"
licence = "MIT"
documentation-licence = "OGL-UK-3.0"
medical-device = ""  # class-I, class-IIa, class-IIb or class-III if it is one
clinical = false
'''
# REUSE-IgnoreEnd


def pre_commit_config(repo: str = REPOSITORY_URL, rev: str = f'v{__version__}') -> str:
    lines = [
        '# The NHS Open Source Policy\'s checks; `pre-commit install` runs them',
        '# at every commit (and on commit messages).',
        'default_install_hook_types: [pre-commit, commit-msg]',
        'repos:',
        f'- repo: {repo}',
        f'  rev: {rev}',
        '  hooks:',
    ]
    lines += [f'  - id: {hook}' for hook in RECOMMENDED_HOOKS]
    return '\n'.join(lines) + '\n'


# --- Writing them -------------------------------------------------------------------

def _create(path: str, text: str) -> bool:
    """Write TEXT to a new file PATH; False if PATH exists already."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with open(fd, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    return True


def append_table(text: str, holder: str) -> str:
    """pyproject.toml's TEXT with the table appended, the rest untouched."""
    table = TABLE_TEXT.format(holder=holder)
    if not text:
        return table
    return text + ('' if text.endswith('\n') else '\n') + '\n' + table


def _git_init(path: str) -> str | None:
    """Make PATH a git repository if it is not in one; what was done."""
    try:
        inside = subprocess.run(
            ('git', 'rev-parse', '--is-inside-work-tree'),
            cwd=path, capture_output=True, text=True,
        )
        if inside.returncode == 0:
            return None
        subprocess.run(('git', 'init', '-q'), cwd=path, check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return 'git is not available: run `git init` before `pre-commit install`'
    return 'initialised a git repository'


def _read_pyproject(path: str) -> tuple[str | None, dict[str, Any] | None, str | None]:
    """(text or None if absent, parsed document or None, why it is unusable)."""
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except FileNotFoundError:
        return None, None, None
    except (OSError, UnicodeDecodeError) as e:
        return '', None, f'cannot read: {getattr(e, "strerror", None) or e}'
    try:
        return text, config.load_toml(text), None
    except ValueError as e:
        return text, None, f'not valid TOML, not changed: {e}'


def init(path: str, name: str, contact: str, year: int) -> tuple[list[str], list[str]]:
    """Write what PATH lacks; (what was done, what could not be done)."""
    tree = Tree(path)
    done: list[str] = []
    failed: list[str] = []
    pyproject = os.path.join(path, 'pyproject.toml')
    old, document, error = _read_pyproject(pyproject)
    table = (document or {}).get('tool', {}).get('nhs-open-source', {})
    holder = table.get('copyright-holder') if isinstance(table, dict) else None
    if not isinstance(holder, str) or not holder:
        holder = config.PROJECT_DEFAULTS['copyright-holder']
    values = {'name': name, 'contact': contact, 'holder': holder, 'year': year}

    contributing = tree.find(CONTRIBUTING, COMMUNITY_DIRS)
    declined = False
    if contributing:
        try:
            declined = acceptance(tree.read(contributing[0])) is False
        except InputError:
            pass

    files: list[tuple[str, str | None, Callable[[], str]]] = [
        ('README.md', tree.readme(), lambda: README.format(**values)),
        ('LICENCE', next(iter(tree.find(LICENCE_FILE)), None), lambda: MIT_TEXT.format(**values)),
        ('CONTRIBUTING.md', next(iter(contributing), None), lambda: CONTRIBUTING_TEXT),
        ('SECURITY.md', next(iter(tree.find(SECURITY, COMMUNITY_DIRS)), None),
         lambda: SECURITY_TEXT.format(**values)),
        ('.pre-commit-config.yaml',
         next(iter(tree.find(r'\.pre-commit-config\.ya?ml')), None), pre_commit_config),
    ]
    if not declined:
        files.append((
            'CODE_OF_CONDUCT.md', next(iter(tree.find(CODE_OF_CONDUCT, COMMUNITY_DIRS)), None),
            lambda: CODE_OF_CONDUCT_TEXT.format(**values),
        ))
    written = []
    for name_, existing, make in files:
        if existing is None and _create(os.path.join(path, name_), make()):
            done.append(f'wrote {name_}')
            if name_ != 'LICENCE':
                written.append(name_)
        else:
            done.append(f'kept {existing or name_} (already there)')

    if error is not None:
        failed.append(f'pyproject.toml: {error}')
    elif old is None:
        _create(pyproject, TABLE_TEXT.format(holder=holder))
        written.append('pyproject.toml')
        done.append(f'wrote pyproject.toml with the {config.TABLE} table')
    elif 'nhs-open-source' in (document or {}).get('tool', {}):
        done.append(f'kept pyproject.toml (already has {config.TABLE})')
    else:
        try:
            rewrite(pyproject, append_table(old, holder).encode('utf-8'))
            done.append(f'added the {config.TABLE} table to pyproject.toml')
        except InputError as e:
            failed.append(f'pyproject.toml: {e}')
    if error is None:
        _add_licence_headers(path, written)
    return done, failed


def _add_licence_headers(root: str, names: list[str]) -> None:
    """Give the files init wrote the header the licence-header hook wants,
    from the new repository's own configuration, so that hook passes."""
    from nhs_open_source_hooks import licence_header

    options = licence_header.options_for(root)
    for name in names:
        path = os.path.join(root, name)
        _, new = licence_header.examine(path, options)
        if new is not None:
            rewrite(path, new)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = args.path
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as e:
        print(f'{path}: cannot create the folder: {e.strerror or e}', file=sys.stderr)
        return 2
    if not os.path.isdir(path):
        print(f'{path}: is not a folder', file=sys.stderr)
        return 2
    name = args.name or os.path.basename(os.path.abspath(path))
    contact = args.contact or CONTACT_PLACEHOLDER
    year = datetime.date.today().year
    try:
        done, failed = init(path, name, contact, year)
    except OSError as e:
        print(f'{path}: cannot write: {e.strerror or e}', file=sys.stderr)
        return 2
    git = _git_init(path)
    for line in done + ([git] if git else []):
        print(line)
    for line in failed:
        print(line, file=sys.stderr)
    if any(line.startswith('wrote README') for line in done):
        print('next: replace the _italic_ prompts in README.md', end='')
        print(f' and {CONTACT_PLACEHOLDER}' if not args.contact else '', end='')
        print(', then `pre-commit install`')
    return 2 if failed else 0
