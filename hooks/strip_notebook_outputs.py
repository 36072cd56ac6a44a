# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""`strip-notebook-outputs`: notebook outputs never reach a commit.

The result is byte for byte what nbstripout 0.9.1 writes with the same
options: the notebook read as nbformat reads it (in its own version, never
converted), stripped as nbstripout strips it, and written in the layout
nbformat uses for that version (notebook_format does the reading and
writing).  Neither package is imported: nbformat's schema validation is most
of nbstripout's time and only ever logs, so leaving it out changes no byte.
As with nbstripout, a notebook whose content would not change is left alone,
whatever its layout.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any
from typing import NamedTuple

from nhs_open_source_hooks import config
from nhs_open_source_hooks.files import rewrite
from nhs_open_source_hooks.files import InputError
from nhs_open_source_hooks.files import read_bytes
from nhs_open_source_hooks.files import TextFile
from nhs_open_source_hooks.findings import add_format_option
from nhs_open_source_hooks.findings import Finding
from nhs_open_source_hooks.findings import problem
from nhs_open_source_hooks.findings import report
from nhs_open_source_hooks.notebook_format import dumps_layout
from nhs_open_source_hooks.notebook_format import Elided
from nhs_open_source_hooks.notebook_format import layout
from nhs_open_source_hooks.notebook_format import NotebookError
from nhs_open_source_hooks.notebook_format import parse
from nhs_open_source_hooks.notebook_format import read
from nhs_open_source_hooks.notebook_format import version
from nhs_open_source_hooks.notebook_format import write

HOOK_ID = 'strip-notebook-outputs'

# What nbstripout strips besides outputs and counts unless told to keep it.
DEFAULT_EXTRA_KEYS = (
    'metadata.signature',
    'metadata.widgets',
    'cell.metadata.collapsed',
    'cell.metadata.ExecuteTime',
    'cell.metadata.execution',
    'cell.metadata.heading_collapsed',
    'cell.metadata.hidden',
    'cell.metadata.scrolled',
)
SUFFIXES = {'jupyter': '.ipynb', 'zeppelin': '.zpln'}


def parse_size(text: str) -> int:
    """`--max-size`: bytes, or a number with a K, M or G (powers of 1000)."""
    text = text.strip().upper()
    factor = {'K': 10**3, 'M': 10**6, 'G': 10**9}.get(text[-1:], 1)
    digits = text[:-1] if factor > 1 else text
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(
            f'{text!r} is not a size (a number of bytes, optionally with K, M or G)',
        )
    return int(digits) * factor


def output_type(text: str) -> str:
    """`--keep-output-type`/`--drop-output-type`: TYPE or TYPE:NAME."""
    if text.count(':') > 1:
        raise argparse.ArgumentTypeError(f'{text!r} is not TYPE or TYPE:NAME')
    return text


class Options(NamedTuple):
    keep_output: bool = False
    keep_count: bool = False
    keep_id: bool = False
    extra_keys: str = ''
    keep_metadata_keys: str = ''
    drop_empty_cells: bool = False
    drop_tagged_cells: str = ''
    strip_init_cells: bool = False
    keep_output_type: Sequence[str] = ()
    drop_output_type: Sequence[str] = ()
    max_size: int = 0
    mode: str = 'jupyter'
    keep_layout: bool = False
    unix_newlines: bool = False


def _parse_args(argv: Sequence[str] | None, root: str = '.') -> argparse.Namespace:
    parser = config.new_parser(
        HOOK_ID,
        'Strip outputs, execution counts and volatile metadata from '
        'Jupyter notebooks, writing what nbstripout 0.9.1 writes.',
    )
    parser.add_argument('filenames', nargs='*', metavar='FILE')
    parser.add_argument(
        '--check', action='store_true',
        help='report the notebooks that would change; change nothing',
    )
    parser.add_argument(
        '--keep-output', action='store_true',
        help='keep outputs (counts are still stripped unless --keep-count)',
    )
    parser.add_argument('--keep-count', action='store_true', help='keep execution counts')
    parser.add_argument(
        '--keep-id', action='store_true',
        help='keep cell ids instead of numbering them 0, 1, 2, ...',
    )
    parser.add_argument(
        '--extra-keys', default='', metavar='KEYS',
        help='space-separated further keys to strip, e.g. '
        '"metadata.kernelspec cell.metadata.tags"',
    )
    parser.add_argument(
        '--keep-metadata-keys', default='', metavar='KEYS',
        help='space-separated keys to keep that are stripped by default, e.g. '
        '"cell.metadata.scrolled metadata.widgets"',
    )
    parser.add_argument(
        '--drop-empty-cells', action='store_true',
        help='remove cells whose source is empty or only white space',
    )
    parser.add_argument(
        '--drop-tagged-cells', default='', metavar='TAGS',
        help='remove cells with this tag (space-separated; as in nbstripout 0.9.1, '
        'only the last tag listed takes effect)',
    )
    parser.add_argument(
        '--strip-init-cells', action='store_true',
        help='strip the output of cells marked "init_cell": true too',
    )
    parser.add_argument(
        '--keep-output-type', nargs='+', default=[], type=output_type, metavar='TYPE',
        help='keep outputs of these types ("stream", "error", "stream:stderr", ...)',
    )
    parser.add_argument(
        '--drop-output-type', nargs='+', default=[], type=output_type, metavar='TYPE',
        help='drop outputs of these types even where outputs are kept',
    )
    parser.add_argument(
        '--max-size', default='0', type=parse_size, metavar='SIZE',
        help='keep outputs of at most SIZE characters (e.g. 500, 10K, 1M)',
    )
    parser.add_argument(
        '--mode', choices=tuple(SUFFIXES), default='jupyter',
        help='notebook kind (default: %(default)s)',
    )
    parser.add_argument(
        '--keep-layout', action='store_true',
        help="write the notebook in its own JSON layout (indentation, key order) "
        "instead of nbformat's",
    )
    parser.add_argument(
        '--unix-newlines', action='store_true',
        help="end lines with LF (default: the notebook's own line ending)",
    )
    add_format_option(parser)
    return config.parse_args(parser, argv, HOOK_ID, root)


def _options(args: argparse.Namespace) -> Options:
    return Options(**{name: getattr(args, name) for name in Options._fields})


# -- stripping, as nbstripout does --------------------------------------------

def _pop_recursive(d: Any, key: str) -> bool:
    """Remove KEY, a `.`-separated path, from D; whether it was there.

    The whole key is tried first at each level, so keys with dots in their
    names (`application/vnd.databricks.v1+cell`) can be stripped.
    """
    if not isinstance(d, dict):
        return False
    if key in d:
        del d[key]
        return True
    if '.' not in key:
        return False
    head, tail = key.split('.', 1)
    return head in d and _pop_recursive(d[head], tail)


def _room(item: Any, budget: int) -> int:
    """BUDGET less ITEM's size, negative as soon as it is over.

    nbstripout's measure of an output is the length of every string in it
    (and of str() of anything else); stopping early gives the same verdict
    without walking every line of a large image.
    """
    if isinstance(item, str):
        return budget - len(item)
    if isinstance(item, list):
        for element in item:
            budget = _room(element, budget)
            if budget < 0:
                break
        return budget
    if isinstance(item, dict):
        return _room(list(item.values()), budget)
    return budget - len(str(item))


def _matches(output: Any, kind: str) -> bool:
    kind, colon, name = kind.partition(':')
    return output.get('output_type') == kind and (not colon or output.get('name') == name)


def _keep_output(cell: dict[str, Any], default: bool | None, strip_init_cells: bool) -> bool | None:
    if 'metadata' not in cell:
        return default
    metadata = cell['metadata']
    if 'init_cell' in metadata:
        return bool(metadata['init_cell']) and not strip_init_cells
    has_keep_metadata = 'keep_output' in metadata
    keep_metadata = bool(metadata.get('keep_output', False))
    has_keep_tag = 'keep_output' in metadata.get('tags', [])
    if has_keep_metadata and has_keep_tag and not keep_metadata:
        raise NotebookError(
            'cell metadata contradicts tags: `keep_output` is false, '
            'but `keep_output` in tags; not changed',
        )
    if has_keep_metadata or has_keep_tag:
        return keep_metadata or has_keep_tag
    return default


def extra_keys(options: Options) -> tuple[list[str], list[str], list[str]]:
    """The metadata keys and cell keys to strip, and the invalid keys given."""
    keep = options.keep_metadata_keys.split()
    metadata_keys, cell_keys, invalid = [], [], []
    for key in (*DEFAULT_EXTRA_KEYS, *options.extra_keys.split()):
        if key in keep:
            continue
        namespace, _, subkey = key.partition('.')
        if namespace == 'metadata' and subkey:
            metadata_keys.append(subkey)
        elif namespace == 'cell' and subkey:
            cell_keys.append(subkey)
        else:
            invalid.append(key)
    return metadata_keys, cell_keys, invalid


def strip_output(nb: dict[str, Any], options: Options) -> Counter[str]:
    """Strip NB in place as nbstripout.strip_output does; what changed."""
    changes: Counter[str] = Counter()
    metadata_keys, cell_keys, _ = extra_keys(options)
    keep_types = options.keep_output_type
    keep_count = options.keep_count

    keep_output = True if options.keep_output else None
    if keep_output is None and 'keep_output' in nb['metadata']:
        keep_output = bool(nb['metadata']['keep_output'])
    for key in metadata_keys:
        changes['metadata key'] += _pop_recursive(nb['metadata'], key)

    conditions = []
    if options.drop_empty_cells:
        conditions.append(lambda c: any(line.strip() for line in c.get('source', [])))
    tags = options.drop_tagged_cells.split()
    if tags:
        # nbstripout 0.9.1 builds one filter per tag, but each closes over the
        # loop variable, so every filter tests the last tag; this keeps its bytes.
        tag = tags[-1]
        conditions.append(lambda c: tag not in c.get('metadata', {}).get('tags', []))

    containers = nb['worksheets'] if 'nbformat' in nb and nb['nbformat'] < 4 else [nb]
    index = 0
    for container in containers:
        if conditions:
            cells = container['cells']
            kept = list(cells)
            for condition in conditions:
                kept = list(filter(condition, kept))
            if kept != cells:
                changes['dropped cell'] += max(len(cells) - len(kept), 1)
            container['cells'] = kept
        for cell in container['cells']:
            keep = _keep_output(cell, keep_output, options.strip_init_cells)
            if 'outputs' in cell:
                outputs = cell['outputs']
                if not keep or keep_types:
                    kept = [
                        output for output in outputs
                        if _room(output, options.max_size) >= 0
                        or any(_matches(output, kind) for kind in keep_types)
                    ]
                    if kept != outputs:
                        changes['output'] += max(len(outputs) - len(kept), 1)
                    outputs = cell['outputs'] = kept
                if not keep_count:
                    for output in outputs:
                        if 'execution_count' in output:
                            changes['execution count'] += output['execution_count'] is not None
                            output['execution_count'] = None
                if options.drop_output_type:
                    kept = [
                        output for output in outputs
                        if not any(_matches(output, kind) for kind in options.drop_output_type)
                    ]
                    if kept != outputs:
                        changes['output'] += max(len(outputs) - len(kept), 1)
                    cell['outputs'] = kept
            for key in ('prompt_number', 'execution_count'):
                if key in cell and not keep_count:
                    changes['execution count'] += cell[key] is not None
                    cell[key] = None
            if 'id' in cell and not options.keep_id:
                changes['cell id'] += cell['id'] != str(index)
                cell['id'] = str(index)
            for key in cell_keys:
                changes['metadata key'] += _pop_recursive(cell, key)
            index += 1
    return +changes


def strip_zeppelin_output(nb: dict[str, Any]) -> Counter[str]:
    changes: Counter[str] = Counter()
    for paragraph in nb['paragraphs']:
        if 'results' in paragraph:
            changes['result'] += paragraph['results'] != {}
            paragraph['results'] = {}
    return +changes


# -- the whole file -----------------------------------------------------------

def _describe_error(e: Exception) -> str:
    if isinstance(e, KeyError):
        return f'no {e.args[0]!r} where nbformat needs one'
    reason = str(e).splitlines()[0] if str(e) else ''
    return f'{type(e).__name__}: {reason}'[:120]


def strip_text(
        text: str, options: Options, elided: Elided | None = None,
) -> tuple[str | None, Counter[str]]:
    """TEXT, a notebook, stripped; None for the text when nothing changes.

    The new text ends lines with '\\n'; NotebookError if it is not a
    notebook nbstripout could strip.  With ELIDED, TEXT has placeholders
    for the long strings it holds.
    """
    nb = parse(text)
    try:
        if options.mode == 'zeppelin':
            if not isinstance(nb, dict):
                raise NotebookError('not a Zeppelin notebook: the JSON is not an object')
            if elided:
                elided.value(nb)
            changes = strip_zeppelin_output(nb)
            if changes and not options.keep_layout:
                return json.dumps(nb, indent=2) + '\n', changes
        else:
            major, minor = version(nb)
            if elided:
                # Outputs are judged by their size only beyond --max-size 0,
                # where any string makes an output too big: a placeholder will do.
                if major == 4 and options.max_size == 0:
                    elided.all_but_outputs(nb)
                else:
                    elided.value(nb)
            read(nb, major, minor, join_lines=not options.keep_layout)
            changes = strip_output(nb, options)
        if not changes:
            return None, changes
        if elided:
            elided.value(nb)
        if options.keep_layout:
            return dumps_layout(nb, layout(text)), changes
        return write(nb, major, minor), changes
    except NotebookError:
        raise
    except RecursionError:
        raise NotebookError('nested too deeply to be a notebook; not changed') from None
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as e:
        raise NotebookError(
            f'not a notebook nbstripout can strip ({_describe_error(e)}); not changed',
        ) from None


def fix(data: bytes, options: Options) -> tuple[bytes | None, Counter[str]]:
    """DATA, a notebook file's bytes, stripped; None when nothing changes.

    Keeps the file's encoding, BOM and line endings (LF with unix_newlines).
    """
    elided = Elided(data) if Elided.worthwhile(data) else None
    reduced = elided.reduce() if elided else None
    if reduced is not None:
        try:
            source = TextFile.decode(reduced)
            text, changes = strip_text(source.text, options, elided)
        except InputError:
            reduced = None  # the plain way gives the exact reason
    if reduced is None:
        elided = None
        source = TextFile.decode(data)
        del data
        text, changes = strip_text(source.text, options)
    if text is None:
        return None, changes
    newline = '\n' if options.unix_newlines else source.newline
    if newline != '\n':
        text = text.replace('\n', newline)
    return source.encode(text), changes


def describe(changes: Counter[str]) -> str:
    return ', '.join(
        f'{count} {noun}{"s" if count != 1 else ""}' for noun, count in changes.items()
    )


def _warn_invalid_keys(options: Options) -> None:
    for key in extra_keys(options)[2]:
        print(
            f'nhs-open-source {HOOK_ID}: ignoring invalid extra key {key!r} '
            '(keys start with "metadata." or "cell.")',
            file=sys.stderr,
        )


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    """Notebooks among PATHS that still have what the hook would strip."""
    options = _options(_parse_args([], root))
    findings = []
    for path in paths:
        full = os.path.join(root, path)
        if not path.endswith(SUFFIXES[options.mode]) or os.path.islink(full):
            continue
        try:
            _, changes = fix(read_bytes(full), options)
        except InputError as e:
            findings.append(Finding(path, 0, f'{HOOK_ID}-unreadable', str(e)))
            continue
        if changes:
            findings.append(Finding(
                path, 0, HOOK_ID,
                f'outputs not stripped: would strip {describe(changes)}',
            ))
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    options = _options(args)
    _warn_invalid_keys(options)
    findings = []
    status = 0
    for path in args.filenames:
        try:
            new, changes = fix(read_bytes(path, follow_symlinks=False), options)
            if new is not None and not args.check:
                rewrite(path, new)
        except InputError as e:
            problem(path, str(e))
            status = 2
            continue
        if changes:
            done = 'would strip' if args.check else 'stripped'
            findings.append(Finding(path, 0, HOOK_ID, f'{done} {describe(changes)}'))
    return max(status, report(findings, args.format))

