# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The repository's configuration: `[tool.nhs-open-source]` in pyproject.toml.

Project-wide settings sit at the top of the table; a hook's own settings sit
in a sub-table named after it, `[tool.nhs-open-source.HOOK]`, whose keys are
the hook's long option names.  Command-line options override both.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from nhs_open_source_hooks._main import SUBCOMMANDS

PROJECT_DEFAULTS: dict[str, Any] = {
    'copyright-holder': 'Crown Copyright',
    'licence': 'MIT',
    'documentation-licence': 'OGL-UK-3.0',
    'classification': 'coded-in-the-open',
    'clinical': False,
    'medical-device': '',
}
CHOICES = {
    'classification': ('coded-in-the-open', 'open-source', 'closed', 'secured'),
    'medical-device': ('', 'class-I', 'class-IIa', 'class-IIb', 'class-III'),
}
TABLE = '[tool.nhs-open-source]'


class ConfigError(Exception):
    """The configuration cannot be used; the message says why in one line."""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, sized without importing shutil.

    argparse builds a formatter at every add_argument, and its default one
    imports shutil for the terminal's width: 2 ms of every hook's start, for
    help that is seldom printed.
    """

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ['COLUMNS'])
        except (KeyError, ValueError):
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 80
        super().__init__(prog, width=columns - 2)


def new_parser(command: str, description: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser of `nhs-open-source COMMAND`."""
    return argparse.ArgumentParser(
        prog=f'nhs-open-source {command}', description=description,
        formatter_class=_HelpFormatter,
    )


def load(root: str = '.') -> dict[str, Any]:
    """The `[tool.nhs-open-source]` table of ROOT/pyproject.toml, checked."""
    path = os.path.join(root, 'pyproject.toml')
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as e:
        raise ConfigError(f'{path}: cannot read: {e.strerror}')

    try:
        document = load_toml(data.decode('utf-8'))
    except UnicodeDecodeError:
        raise ConfigError(f'{path}: not valid UTF-8')
    except ValueError as e:  # tomllib.TOMLDecodeError
        raise ConfigError(f'{path}: not valid TOML: {e}')

    tool = document.get('tool', {})
    table = tool.get('nhs-open-source', {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f'{path}: {TABLE} must be a table')
    for key, value in table.items():
        if key in SUBCOMMANDS:
            if not isinstance(value, dict):
                raise ConfigError(f'{path}: {TABLE} {key} must be a table')
        elif key in PROJECT_DEFAULTS:
            _check_value(path, key, value, PROJECT_DEFAULTS[key])
        else:
            raise ConfigError(f'{path}: {TABLE} has unknown key {key!r}')
    return table


def load_toml(text: str) -> dict[str, Any]:
    """TEXT parsed as TOML; ValueError (TOMLDecodeError) if it is not."""
    if sys.version_info >= (3, 11):  # pragma: >=3.11 cover
        import tomllib
    else:  # pragma: <3.11 cover
        import tomli as tomllib
    return tomllib.loads(text)


def project(table: dict[str, Any]) -> dict[str, Any]:
    """Project-wide settings: the table's top-level keys over the defaults."""
    return {
        key: table.get(key, default) for key, default in PROJECT_DEFAULTS.items()
    }


def _check_value(path: str, key: str, value: Any, default: Any) -> None:
    if isinstance(default, bool) or isinstance(value, bool):
        ok = type(value) is type(default)
    elif isinstance(default, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(f'{path}: {TABLE} {key} must be {_TOML_NAMES[type(default).__name__]}')
    if key in CHOICES and value not in CHOICES[key]:
        allowed = ', '.join(repr(c) for c in CHOICES[key] if c)
        raise ConfigError(f'{path}: {TABLE} {key} must be one of {allowed}')


_TOML_NAMES = {
    'str': 'a string', 'bool': 'true or false', 'int': 'an integer',
    'float': 'a number', 'list': 'a list of strings',
}


def _option_keys(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """Configuration key (the long option name) -> the parser action it sets."""
    keys = {}
    for action in parser._actions:
        longs = [o for o in action.option_strings if o.startswith('--')]
        if longs and action.dest not in {'help', 'version'}:
            keys[longs[0][2:]] = action
    return keys


def _default_for(action: argparse.Action) -> Any:
    if isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction)):
        return False
    if action.nargs not in (None, '?') or isinstance(action, argparse._AppendAction):
        return []
    if action.type is int:
        return 0
    if action.type is float:
        return 0.0
    return ''


def parse_args(
        parser: argparse.ArgumentParser,
        argv: Sequence[str] | None,
        hook: str,
        root: str = '.',
) -> argparse.Namespace:
    """Parse ARGV with defaults from the repository's configuration.

    An option takes its default from `[tool.nhs-open-source.HOOK]` when that
    sub-table has its long name as a key, else from a project-wide key of the
    same name.  The parsed namespace also carries `config`, the whole table,
    and `project`, the project-wide settings.  Bad configuration exits 2 with
    a one-line reason, as argparse does for bad arguments.
    """
    try:
        table = load(root)
        settings = project(table)
        section = table.get(hook, {})
        keys = _option_keys(parser)
        defaults = {}
        for key, value in section.items():
            if key not in keys:
                raise ConfigError(
                    f'pyproject.toml: {TABLE} {hook} has unknown key {key!r}',
                )
            action = keys[key]
            _check_value('pyproject.toml', f'{hook} {key}', value, _default_for(action))
            values = value if isinstance(value, list) else [value]
            if action.choices is not None and not set(values) <= set(action.choices):
                raise ConfigError(
                    f'pyproject.toml: {TABLE} {hook} {key} must be one of '
                    f'{", ".join(map(repr, action.choices))}',
                )
            defaults[action.dest] = value
        for key, action in keys.items():
            if key in settings and action.dest not in defaults:
                defaults[action.dest] = settings[key]
    except ConfigError as e:
        print(f'nhs-open-source {hook}: {e}', file=sys.stderr)
        raise SystemExit(2)
    parser.set_defaults(**defaults)
    args = parser.parse_args(argv)
    args.config = table
    args.project = settings
    return args
