# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""semver: the project's version and its release tags follow semantic versioning.

The policy asks for MAJOR.MINOR.PATCH.  The version is read where the
project's packaging declares it: pyproject.toml (static, or dynamic through
an `attr` or a version file), package.json, R's DESCRIPTION, setup.cfg,
setup.py or a `__version__` assignment.  Release tags (`v1.2.3` or `1.2.3`)
must be semantic versions too.
"""
from __future__ import annotations

import argparse
import configparser
import json
import re
import subprocess
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from nhs_open_source_hooks import config
from nhs_open_source_hooks.findings import Finding, add_format_option
from nhs_open_source_hooks.repository import (
    Tree,
    read_or_problem,
    run_audit,
    run_main,
)

HOOK_ID = 'semver'

# semver.org's own expression.
SEMVER = re.compile(
    r'(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)'
    r'(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)'
    r'(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?'
    r'(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?',
)
# Python's spelling of the same (PEP 440 normalises 1.0.0-rc.1 to 1.0.0rc1).
PEP440 = re.compile(
    r'(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)'
    r'(?:(?:a|b|rc)(?:0|[1-9]\d*))?(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?',
)
# R's development versions: x.y.z.9000 (the usethis convention).
R_DEV = re.compile(r'(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.9\d{3,})?')
RELEASE_TAG = re.compile(r'v?\d')
PYTHON_FILES = ('pyproject.toml', 'setup.cfg', 'setup.py')


def _parser() -> argparse.ArgumentParser:
    parser = config.new_parser(
        HOOK_ID,
        'Check that the version and release tags are MAJOR.MINOR.PATCH.',
    )
    parser.add_argument(
        '--no-tags', action='store_true',
        help='do not check the git tags',
    )
    add_format_option(parser)
    return parser


class Version(NamedTuple):
    path: str
    line: int
    value: str
    source: str  # how the project declares it, for messages


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count('\n', 0, at) + 1 if at >= 0 else 0


def is_valid(value: str, path: str) -> bool:
    if SEMVER.fullmatch(value):
        return True
    if path.endswith('.py') or path in PYTHON_FILES:
        return bool(PEP440.fullmatch(value))
    if path == 'DESCRIPTION':
        return bool(R_DEV.fullmatch(value))
    return False


# --- Where projects keep their version -------------------------------------------

_DUNDER = re.compile(r'^__version__\s*(?::\s*str\s*)?=\s*[\'"]([^\'"]*)[\'"]', re.MULTILINE)


def dunder_version(path: str, text: str) -> Version | None:
    match = _DUNDER.search(text)
    if not match:
        return None
    return Version(path, _line_of(text, match.group(0)), match.group(1), '__version__')


def _module_files(tree: Tree, module: str, package_dirs: dict[str, str]) -> Iterator[str]:
    """Candidate files for dotted MODULE, following setuptools' package-dir."""
    parts = module.split('.')
    for n in range(len(parts), 0, -1):
        prefix = '.'.join(parts[:n])
        if prefix in package_dirs:
            base = [package_dirs[prefix].strip('/')] + parts[n:]
            break
    else:
        base = ([package_dirs[''].strip('/')] if '' in package_dirs else []) + parts
    for root in ([''] if package_dirs else ['', 'src']):
        stem = '/'.join(p for p in [root, *base] if p)
        yield f'{stem}/__init__.py'
        yield f'{stem}.py'


def _from_attr(tree: Tree, attr: str, package_dirs: dict[str, str],
               problems: list[tuple[str, str]]) -> Version | None:
    module, _, name = attr.strip().rpartition('.')
    for path in _module_files(tree, module, package_dirs):
        if tree.has(path):
            text = read_or_problem(tree, path, problems)
            if text is None:
                return None
            match = re.search(
                rf'^{re.escape(name)}\s*(?::\s*str\s*)?=\s*[\'"]([^\'"]*)[\'"]', text, re.MULTILINE,
            )
            if match:
                return Version(path, _line_of(text, match.group(0)), match.group(1), attr)
            return None
    return None


def _from_file(tree: Tree, path: str, problems: list[tuple[str, str]]) -> Version | None:
    path = path.strip().lstrip('./')
    if not tree.has(path):
        return None
    text = read_or_problem(tree, path, problems)
    if text is None:
        return None
    if path.endswith('.py'):
        return dunder_version(path, text)
    return Version(path, 1, text.strip(), path)


def from_pyproject(tree: Tree, text: str, problems: list[tuple[str, str]]) -> Version | None | bool:
    """The version, None if undeclared, True if git tags make it (setuptools-scm)."""
    try:
        document = config.load_toml(text)
    except ValueError:
        return None
    project = document.get('project', {})
    tool = document.get('tool', {})
    if isinstance(project.get('version'), str):
        value = project['version']
        return Version('pyproject.toml', _line_of(text, value), value, 'project.version')
    poetry = tool.get('poetry', {}).get('version')
    if isinstance(poetry, str):
        return Version('pyproject.toml', _line_of(text, poetry), poetry, 'tool.poetry.version')
    if 'version' not in project.get('dynamic', ()):
        return None
    if 'setuptools_scm' in tool or tool.get('hatch', {}).get('version', {}).get('source') == 'vcs' \
            or tool.get('pdm', {}).get('version', {}).get('source') == 'scm':
        return True
    dynamic: dict[str, Any] = tool.get('setuptools', {}).get('dynamic', {}).get('version', {})
    package_dirs = tool.get('setuptools', {}).get('package-dir', {})
    if 'attr' in dynamic:
        return _from_attr(tree, dynamic['attr'], package_dirs, problems)
    if 'file' in dynamic:
        files = dynamic['file']
        return _from_file(tree, files[0] if isinstance(files, list) else files, problems)
    hatch_path = tool.get('hatch', {}).get('version', {}).get('path')
    if isinstance(hatch_path, str):
        return _from_file(tree, hatch_path, problems)
    name = project.get('name')
    if isinstance(name, str):  # flit: the module's __version__
        return _from_attr(tree, name.replace('-', '_') + '.__version__', {}, problems)
    return None


def from_package_json(text: str) -> Version | None:
    try:
        document = json.loads(text)
    except ValueError:
        return None
    value = document.get('version') if isinstance(document, dict) else None
    if not isinstance(value, str):
        return None
    return Version('package.json', _line_of(text, f'"{value}"'), value, '"version"')


def from_description(text: str) -> Version | None:
    match = re.search(r'^Version:[ \t]*(\S+)', text, re.MULTILINE)
    if not match:
        return None
    return Version('DESCRIPTION', _line_of(text, match.group(0)), match.group(1), 'Version')


def from_setup_cfg(tree: Tree, text: str, problems: list[tuple[str, str]]) -> Version | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
        value = parser.get('metadata', 'version', fallback='').strip()
    except configparser.Error:
        return None
    if value.startswith('attr:'):
        dirs_text = parser.get('options', 'package_dir', fallback='')
        dirs = dict(
            (k.strip(), v.strip()) for k, _, v in
            (line.partition('=') for line in dirs_text.splitlines() if '=' in line)
        )
        return _from_attr(tree, value[5:], dirs, problems)
    if value.startswith('file:'):
        return _from_file(tree, value[5:].split(',')[0], problems)
    if not value:
        return None
    return Version('setup.cfg', _line_of(text, value), value, 'metadata.version')


def from_setup_py(text: str) -> Version | None:
    match = re.search(r'\bversion\s*=\s*[\'"]([^\'"]+)[\'"]', text)
    if not match:
        return None
    return Version('setup.py', _line_of(text, match.group(0)), match.group(1), 'version=')


def _dunder_anywhere(tree: Tree, problems: list[tuple[str, str]]) -> Version | None:
    """A `__version__` in a top-level package, for projects without packaging."""
    for base in ['', 'src']:
        for folder in tree.folders(base):
            stem = f'{base}/{folder}' if base else folder
            for name in ('__init__.py', '_version.py', '__version__.py', 'version.py'):
                path = f'{stem}/{name}'
                if tree.has(path) and (text := read_or_problem(tree, path, problems)):
                    if (found := dunder_version(path, text)) is not None:
                        return found
    return None


def versions(tree: Tree, problems: list[tuple[str, str]]) -> tuple[list[Version], bool]:
    """Every version the project declares, and whether git tags make one."""
    found: list[Version | None] = []
    from_tags = False

    def read(name: str) -> str | None:
        return read_or_problem(tree, name, problems) if tree.has(name) else None

    if (text := read('pyproject.toml')) is not None:
        result = from_pyproject(tree, text, problems)
        if result is True:
            from_tags = True
        elif isinstance(result, Version):
            found.append(result)
    if (text := read('package.json')) is not None:
        found.append(from_package_json(text))
    if (text := read('DESCRIPTION')) is not None:
        found.append(from_description(text))
    if (text := read('setup.cfg')) is not None:
        found.append(from_setup_cfg(tree, text, problems))
    if (text := read('setup.py')) is not None:
        found.append(from_setup_py(text))
    if not any(found) and not from_tags:
        found.append(_dunder_anywhere(tree, problems))
    return [v for v in found if v is not None], from_tags


def git_tags(root: str) -> list[str]:
    """ROOT's tags, or [] outside a git repository."""
    try:
        proc = subprocess.run(
            ('git', 'tag', '--list'), cwd=root, capture_output=True, text=True, check=False,
        )
    except OSError:
        return []
    return proc.stdout.split() if proc.returncode == 0 else []


def _key(value: str) -> tuple[int, int, int]:
    match = SEMVER.match(value)
    assert match
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def check_versions(found: list[Version]) -> list[Finding]:
    out = []
    for v in found:
        if not is_valid(v.value, v.path):
            out.append(Finding(
                v.path, v.line, f'{HOOK_ID}-version',
                f'version {v.value!r} ({v.source}) is not MAJOR.MINOR.PATCH; '
                'use a semantic version such as 1.0.0 or 0.3.1 (semver.org)',
            ))
    valid = {v.value for v in found if SEMVER.fullmatch(v.value) or PEP440.fullmatch(v.value)}
    if len({_key(v) for v in valid}) > 1:
        out.append(Finding(
            found[0].path, found[0].line, f'{HOOK_ID}-disagree',
            'the project declares different versions: '
            + ', '.join(f'{v.value} in {v.path}' for v in found),
            'warning',
        ))
    return out


def check_tags(tags: Sequence[str], found: list[Version], python: bool) -> list[Finding]:
    out = []
    releases = []
    for tag in tags:
        if not RELEASE_TAG.match(tag):
            continue  # not a release tag (a monorepo's pkg-1.0.0, "latest", ...)
        value = tag[1:] if tag.startswith('v') else tag
        if SEMVER.fullmatch(value) or (python and PEP440.fullmatch(value)):
            releases.append(value)
        else:
            out.append(Finding(
                f'refs/tags/{tag}', 0, f'{HOOK_ID}-tag',
                f'release tag {tag!r} is not a semantic version; tag releases '
                'vMAJOR.MINOR.PATCH (for example v1.2.0)',
            ))
    if releases and found and (SEMVER.fullmatch(found[0].value) or PEP440.fullmatch(found[0].value)):
        latest = max(releases, key=_key)
        if _key(found[0].value) < _key(latest):
            out.append(Finding(
                found[0].path, found[0].line, f'{HOOK_ID}-behind-tag',
                f'version {found[0].value} is older than the release tag for '
                f'{latest}; raise the version',
                'warning',
            ))
    return out


def check(tree: Tree, args: argparse.Namespace) -> tuple[list[Finding], list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    found, from_tags = versions(tree, problems)
    out = check_versions(found)
    tags = [] if args.no_tags else git_tags(tree.root)
    python = any(tree.has(name) for name in PYTHON_FILES)
    out.extend(check_tags(tags, found, python))
    if not found and not from_tags and not any(RELEASE_TAG.match(t) for t in tags):
        out.append(Finding(
            'pyproject.toml', 0, f'{HOOK_ID}-missing',
            'no version found (pyproject.toml, package.json, DESCRIPTION, '
            'setup.cfg, setup.py or __version__); the policy recommends '
            'semantic versions, MAJOR.MINOR.PATCH',
            'warning',
        ))
    return out, problems


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    return run_audit(HOOK_ID, _parser(), check, root, paths)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(HOOK_ID, _parser(), check, argv)
