# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Test helpers for strip-notebook-outputs: notebooks built at run time, and
real nbstripout (0.9.1, a test dependency) run in-process as the oracle."""
from __future__ import annotations

import argparse
import io
import json
import logging
import random
import warnings
from typing import Any

import nbstripout._nbstripout as nbstripout
import nbformat

logging.getLogger('traitlets').setLevel(logging.CRITICAL)

OPTION_SETS = [
    [],
    ['--keep-count'],
    ['--keep-output'],
    ['--keep-output', '--keep-count'],
    ['--keep-id'],
    ['--extra-keys', 'metadata.kernelspec cell.metadata.tags'],
    ['--keep-metadata-keys', 'cell.metadata.scrolled metadata.widgets'],
    ['--drop-empty-cells'],
    ['--drop-tagged-cells', 'hide'],
    ['--strip-init-cells'],
    ['--max-size', '40'],
    ['--keep-output-type', 'stream'],
    ['--keep-output-type', 'stream:stderr', 'error'],
    ['--keep-output', '--drop-output-type', 'error'],
    ['--max-size', '1K', '--keep-id', '--keep-count'],
]


def nbstripout_strip(text: str, argv: list[str]) -> tuple[bool, str]:
    """What nbstripout makes of TEXT with ARGV: (changed, the text it writes)."""
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # nbformat's warnings about cell ids
        return _nbstripout_strip(text, argv)


def _nbstripout_strip(text: str, argv: list[str]) -> tuple[bool, str]:
    parser = argparse.ArgumentParser()
    for flag in ('--keep-count', '--keep-id', '--drop-empty-cells', '--strip-init-cells'):
        parser.add_argument(flag, action='store_true')
    parser.add_argument('--keep-output', action='store_true', default=None)
    for flag in ('--extra-keys', '--keep-metadata-keys', '--drop-tagged-cells'):
        parser.add_argument(flag, default='')
    parser.add_argument('--keep-output-type', nargs='+', default=[])
    parser.add_argument('--drop-output-type', nargs='+', default=[])
    parser.add_argument('--max-size', default='0')
    args = parser.parse_args(argv)
    keep = args.keep_metadata_keys.split()
    extra = [
        'metadata.signature', 'metadata.widgets', 'cell.metadata.collapsed',
        'cell.metadata.ExecuteTime', 'cell.metadata.execution',
        'cell.metadata.heading_collapsed', 'cell.metadata.hidden', 'cell.metadata.scrolled',
        *args.extra_keys.split(),
    ]
    extra = [k for k in extra if k not in keep]
    # A dry run first: nbstripout writes only what changed, as in file mode.
    args.dry_run = True
    if not nbstripout.process_jupyter_notebook(io.StringIO(text), io.StringIO(), args, extra):
        return False, text
    args.dry_run = False
    out = io.StringIO()
    nbstripout.process_jupyter_notebook(io.StringIO(text), out, args, extra)
    return True, out.getvalue()


def nbstripout_leaves(text: str, argv: list[str]) -> bool:
    return not nbstripout_strip(text, argv)[0]


def is_valid(text: str) -> bool:
    nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    return nbformat.validator.isvalid(nb)


# -- notebooks ------------------------------------------------------------------

WORDS = ['x', 'print(1)', 'é', '日本', '\u2028', 'a\rb', 'tab\t', '"q"', '\\', ' ', '', '🙂', '\x0c']


def _text(rng: random.Random, lines: int | None = None) -> str:
    n = rng.randint(0, 4) if lines is None else lines
    return ''.join(rng.choice(WORDS) + rng.choice(['\n', '', '\r\n']) for _ in range(n))


def _multiline(rng: random.Random, text: str) -> Any:
    return text.splitlines(True) if rng.random() < 0.7 else text


def _output(rng: random.Random, count: int) -> dict[str, Any]:
    kind = rng.choice(['stream', 'execute_result', 'display_data', 'error'])
    if kind == 'stream':
        return {
            'name': rng.choice(['stdout', 'stderr']), 'output_type': 'stream',
            'text': _multiline(rng, _text(rng, rng.randint(1, 3))),
        }
    if kind == 'error':
        return {'ename': 'E', 'evalue': _text(rng), 'output_type': 'error', 'traceback': [_text(rng)]}
    data = {'text/plain': _multiline(rng, _text(rng, rng.randint(1, 3)))}
    if rng.random() < 0.4:
        data['image/png'] = 'iVBORw0KGgo' * rng.randint(1, 20) + '\n'
    if rng.random() < 0.3:
        data['application/json'] = {'a': [1, 2.5, None, True]}
    if rng.random() < 0.2:
        data['application/vnd.jupyter.widget-view+json'] = {'model_id': 'abc', 'version_major': 2}
    output: dict[str, Any] = {'data': data, 'metadata': {}, 'output_type': kind}
    if kind == 'execute_result':
        output['execution_count'] = count
    return output


CELL_METADATA = [
    ('collapsed', True), ('scrolled', 'auto'), ('keep_output', True), ('keep_output', False),
    ('init_cell', True), ('ExecuteTime', {'end_time': '2020'}), ('trusted', True),
    ('execution', {'iopub.status.busy': 'x'}), ('hidden', True), ('custom', 'é'),
    ('tags', ['hide']), ('tags', ['keep_output', 'hide']), ('tags', ['other']),
]


def notebook(rng: random.Random) -> dict[str, Any]:
    """A random v4 notebook with outputs, metadata and ids of many shapes."""
    minor = rng.choice([0, 1, 2, 4, 5, 5, 5])
    cells = []
    for i in range(rng.randint(0, 6)):
        kind = rng.choice(['code', 'code', 'markdown', 'raw'])
        metadata = dict(rng.sample(CELL_METADATA, rng.randint(0, 3)))
        if metadata.get('keep_output') is False and 'keep_output' in metadata.get('tags', []):
            del metadata['keep_output']
        cell: dict[str, Any] = {'cell_type': kind, 'metadata': metadata,
                                'source': _multiline(rng, _text(rng))}
        if minor >= 5 and rng.random() < 0.9:
            cell['id'] = rng.choice([f'cell-{i}', str(i), 'dup', f'{rng.getrandbits(32):08x}'])
        if kind == 'code':
            count = rng.choice([None, i + 1])
            cell['execution_count'] = count
            cell['outputs'] = [_output(rng, i + 1) for _ in range(rng.randint(0, 3))]
        if kind == 'markdown' and rng.random() < 0.2:
            cell['attachments'] = {'a.png': {'image/png': 'iVBOR'}}
        cells.append(cell)
    metadata: dict[str, Any] = {
        'kernelspec': {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'},
        'language_info': {'name': 'python', 'version': '3.11.7'},
    }
    if rng.random() < 0.3:
        metadata['widgets'] = {'application/vnd.jupyter.widget-state+json': {'state': {}}}
    if rng.random() < 0.2:
        metadata['keep_output'] = rng.choice([True, False])
    return {'cells': cells, 'metadata': metadata, 'nbformat': 4, 'nbformat_minor': minor}


def dumps(nb: dict[str, Any], rng: random.Random) -> str:
    """NB as JSON in one of the layouts tools write."""
    style = rng.choice(['nbformat', 'indent2', 'indent4', 'compact', 'unsorted'])
    if style == 'nbformat':
        return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + '\n'
    if style == 'indent2':
        return json.dumps(nb, indent=2, ensure_ascii=rng.random() < 0.5) + '\n'
    if style == 'indent4':
        return json.dumps(nb, indent=4, sort_keys=True)
    if style == 'compact':
        return json.dumps(nb, separators=(',', ':'))
    return json.dumps(nb, indent=1, ensure_ascii=False) + '\n'


BROKEN_VALUES = [None, 1, 0, 2.5, 'str', 'keep_output', [], {}, ['x'], {'a': 1}, True, False, [1, 2]]


def _paths(item: Any, path: tuple = ()):
    yield path
    if isinstance(item, dict):
        for key, value in item.items():
            yield from _paths(value, (*path, key))
    elif isinstance(item, list):
        for i, value in enumerate(item):
            yield from _paths(value, (*path, i))


def mutated(rng: random.Random) -> dict[str, Any]:
    """A notebook() with one to three values deleted or of the wrong type."""
    nb = json.loads(json.dumps(notebook(rng)))
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(nb) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent = nb
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and rng.random() < 0.4:
            del parent[path[-1]]
        else:
            parent[path[-1]] = json.loads(json.dumps(rng.choice(BROKEN_VALUES)))
    return nb
