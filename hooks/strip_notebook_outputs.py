"""`strip-notebook-outputs`: notebook outputs never reach a commit.

The result is byte for byte what nbstripout 0.9.1 writes with the same
options: the notebook read as nbformat reads it (in its own version, never
converted), stripped as nbstripout strips it, and written in the layout
nbformat uses for that version.  Neither package is imported: nbformat's
schema validation is most of nbstripout's time and only ever logs, so leaving
it out changes no byte.  As with nbstripout, a notebook whose content would
not change is left alone, whatever its layout.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any
from typing import NamedTuple

from nhs_open_source_hooks import config
from nhs_open_source_hooks.files import atomic_write
from nhs_open_source_hooks.files import InputError
from nhs_open_source_hooks.files import read_bytes
from nhs_open_source_hooks.files import TextFile
from nhs_open_source_hooks.findings import add_format_option
from nhs_open_source_hooks.findings import Finding
from nhs_open_source_hooks.findings import problem
from nhs_open_source_hooks.findings import report

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
    parser = argparse.ArgumentParser(
        prog=f'nhs-open-source {HOOK_ID}',
        description='Strip outputs, execution counts and volatile metadata from '
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


# -- reading, as nbformat.read(fp, NO_CONVERT) does ---------------------------

class NotebookError(InputError):
    """Not a notebook this hook (or nbstripout) can strip."""


_MIME_BUNDLE_OUTPUTS = {'execute_result', 'display_data'}
_SPLIT_MIMES = {'application/javascript', 'image/svg+xml'}
_V3_MULTILINE_OUTPUTS = ('text', 'html', 'svg', 'latex', 'javascript', 'json')


def _is_json_mime(mime: str) -> bool:
    return mime == 'application/json' or (
        mime.startswith('application/') and mime.endswith('+json')
    )


def _rejoin_mimebundle(data: dict[str, Any]) -> None:
    for key, value in list(data.items()):
        if (
            not _is_json_mime(key) and isinstance(value, list)
            and all(isinstance(line, str) for line in value)
        ):
            data[key] = ''.join(value)


def _split_mimebundle(data: dict[str, Any]) -> None:
    for key, value in list(data.items()):
        if isinstance(value, str) and (key.startswith('text/') or key in _SPLIT_MIMES):
            data[key] = value.splitlines(True)


def _strip_transient_v4(nb: dict[str, Any]) -> None:
    metadata = nb['metadata']
    for key in ('orig_nbformat', 'orig_nbformat_minor', 'signature'):
        metadata.pop(key, None)
    for cell in nb['cells']:
        cell['metadata'].pop('trusted', None)


def _read_v4(nb: dict[str, Any]) -> None:
    """nbformat's v4 reader, but for outputs: see _rejoin_outputs."""
    for cell in nb['cells']:
        if 'source' in cell and isinstance(cell['source'], list):
            cell['source'] = ''.join(cell['source'])
        for attachment in cell.get('attachments', {}).values():
            _rejoin_mimebundle(attachment)
    _strip_transient_v4(nb)


def _rejoin_outputs(nb: dict[str, Any]) -> None:
    """The rest of nbformat's v4 reader: the outputs' lines joined.

    Run only on the outputs that survive stripping: joining lines changes
    neither an output's size as nbstripout measures it nor whether the
    notebook changed, and a large notebook's images are most of its lines.
    """
    for cell in nb['cells']:
        if cell.get('cell_type', None) == 'code':
            for output in cell.get('outputs', []):
                kind = output.get('output_type', '')
                if kind in _MIME_BUNDLE_OUTPUTS:
                    _rejoin_mimebundle(output.get('data', {}))
                elif kind and isinstance(output.get('text', ''), list):
                    output['text'] = ''.join(output['text'])


def _v3_cells(nb: dict[str, Any]):
    for worksheet in nb['worksheets']:
        yield from worksheet['cells']


def _read_v2_v3(nb: dict[str, Any], major: int) -> None:
    def join(lines: list[str]) -> str:
        # v3 guards against lines split without their line endings; v2 did not.
        if major == 3 and lines and lines[0].endswith(('\n', '\r')):
            return ''.join(lines)
        return '\n'.join(lines)

    for cell in _v3_cells(nb):
        if cell['cell_type'] == 'code':
            if 'input' in cell and isinstance(cell['input'], list):
                cell['input'] = join(cell['input'])
            for output in cell['outputs']:
                for key in _V3_MULTILINE_OUTPUTS:
                    item = output.get(key, None)
                    if isinstance(item, list):
                        output[key] = join(item)
        else:
            for key in ('source', 'rendered'):
                item = cell.get(key, None)
                if isinstance(item, list):
                    cell[key] = join(item)
    # nbformat's v2 reader turns images into bytes, which nbstripout's
    # --max-size measures by their repr.
    if major == 2:
        for cell in _v3_cells(nb):
            if cell['cell_type'] == 'code':
                for output in cell['outputs']:
                    for key in ('png', 'jpeg'):
                        if key in output:
                            output[key] = output[key].encode('ascii')


def _repair_cell_ids(nb: dict[str, Any]) -> None:
    """nbformat's validation gives v4.5+ cells a missing or repeated id a new one."""
    cells = nb['cells']
    for cell in cells:
        if 'id' not in cell:
            cell['id'] = os.urandom(4).hex()
    seen = set()
    for cell in cells:
        cell_id = cell['id']
        if cell_id in seen:
            cell['id'] = os.urandom(4).hex()
        seen.add(cell_id)


def _version(nb: Any) -> tuple[int, int]:
    if not isinstance(nb, dict):
        raise NotebookError('not a notebook: the JSON is not an object')
    major = nb.get('nbformat', 1)
    minor = nb.get('nbformat_minor', 0)
    if not isinstance(major, int) or major not in (1, 2, 3, 4):
        raise NotebookError(f'unsupported nbformat version {major!r}; not changed')
    if not isinstance(minor, int):
        raise NotebookError(f'nbformat_minor {minor!r} is not an integer; not changed')
    return major, minor


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


# -- writing, as nbformat.write(nb, fp) does ----------------------------------

def _write_v4(nb: dict[str, Any]) -> None:
    for cell in nb['cells']:
        source = cell.get('source', None)
        if isinstance(source, str):
            cell['source'] = source.splitlines(True)
        for attachment in cell.get('attachments', {}).values():
            _split_mimebundle(attachment)
        if cell['cell_type'] == 'code':
            for output in cell['outputs']:
                if output['output_type'] in _MIME_BUNDLE_OUTPUTS:
                    _split_mimebundle(output.get('data', {}))
                elif output['output_type'] == 'stream' and isinstance(output['text'], str):
                    output['text'] = output['text'].splitlines(True)
    _strip_transient_v4(nb)


def _write_v2_v3(nb: dict[str, Any], major: int) -> None:
    keepends = major == 3
    if major == 3:
        nb.pop('orig_nbformat', None)
        nb.pop('orig_nbformat_minor', None)
        for cell in _v3_cells(nb):
            cell.get('metadata', {}).pop('trusted', None)
            cell.pop('trusted', None)
    for cell in _v3_cells(nb):
        if cell['cell_type'] == 'code':
            if 'input' in cell and isinstance(cell['input'], str):
                cell['input'] = cell['input'].splitlines(keepends)
            for output in cell['outputs']:
                for key in _V3_MULTILINE_OUTPUTS:
                    item = output.get(key, None)
                    if isinstance(item, str):
                        output[key] = item.splitlines(keepends)
        else:
            for key in ('source', 'rendered'):
                item = cell.get(key, None)
                if isinstance(item, str):
                    cell[key] = item.splitlines(keepends)


def _ascii_bytes(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode('ascii')
    raise TypeError(f'{type(value).__name__} is not JSON serializable')


def _dumps_nbformat(nb: dict[str, Any], major: int) -> str:
    if major == 1:
        return json.dumps(nb, indent=4)
    # v2 and v3 leave ensure_ascii at json's default; v4 turns it off.
    return json.dumps(
        nb, indent=1, sort_keys=True, separators=(',', ': '),
        ensure_ascii=major < 4, default=_ascii_bytes,
    )


class Layout(NamedTuple):
    indent: str | None
    separators: tuple[str, str]
    ensure_ascii: bool
    final_newline: bool


def layout(text: str) -> Layout:
    """How TEXT, a JSON object, is laid out: enough to write it back alike."""
    import re

    head = re.match(r'\s*\{(\s*)"(?:[^"\\]|\\.)*"(\s*):(\s*)', text)
    indent = None
    if head and ('\n' in head[1] or '\r' in head[1]):
        indent = re.split(r'\r\n|\r|\n', head[1])[-1]
    item = ','
    if indent is None:
        comma = re.search(r',([ \t]*)["{\[\dtfn-]', text)
        item += comma[1] if comma else ' '
    key = (head[2] + ':' + head[3]) if head else ': '
    return Layout(indent, (item, key), text.isascii(), text[-1:].isspace())


def _dumps_layout(nb: Any, style: Layout) -> str:
    text = json.dumps(
        nb, indent=style.indent, separators=style.separators,
        ensure_ascii=style.ensure_ascii, default=_ascii_bytes,
    )
    return text + '\n' if style.final_newline else text


# -- large notebooks: long strings set aside -----------------------------------

class Elided:
    """A large notebook's long strings, set aside so json never builds them.

    Outputs are most of a large notebook, mostly images as long base64
    strings, and stripping drops them: parsing them is wasted work.  Each
    long ASCII string literal is replaced by a short placeholder before
    parsing, and decoded only if it is still in the notebook when it is
    written.  Outside strings JSON has no quotes, so a scan from quote to
    unescaped quote finds exactly the string literals of a valid document;
    and replacing a string literal by another changes neither whether it
    parses nor what else it parses to.
    """

    MINIMUM = 4096  # characters in a literal worth setting aside

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.prefix = f'\0{os.urandom(8).hex()}:'
        self.spans: list[tuple[int, int]] = []

    @classmethod
    def worthwhile(cls, data: bytes) -> bool:
        """Large and plain UTF-8: no BOM, no NUL."""
        return (
            len(data) >= 2**20 and data[:1] not in (b'\xef', b'\xff', b'\xfe', b'\0')
            and b'\0' not in data
        )

    def reduce(self) -> bytes | None:
        """The data with long strings replaced by placeholders; None when
        its strings are mostly short, where scanning them costs more."""
        data, find = self.data, self.data.find
        pieces, done, position, strings = [], 0, 0, 0
        while (start := find(b'"', position)) >= 0:
            strings += 1
            if strings > 10_000 + start // 128:
                return None
            end = find(b'"', start + 1)
            while end > 0 and data[end - 1] == 0x5c:  # backslash: escaped?
                first = end - 1
                while data[first - 1] == 0x5c:
                    first -= 1
                if (end - first) % 2 == 0:
                    break
                end = find(b'"', end + 1)
            if end < 0:
                break
            if end - start > self.MINIMUM and data[start:end].isascii():
                placeholder = self.prefix.replace('\0', '\\u0000') + str(len(self.spans))
                pieces += (data[done:start], b'"', placeholder.encode(), b'"')
                self.spans.append((start, end + 1))
                done = end + 1
            position = end + 1
        pieces.append(data[done:])
        return b''.join(pieces)

    def value(self, item: Any) -> Any:
        """ITEM with its placeholders replaced by the strings they stand for."""
        if isinstance(item, str):
            if item.startswith(self.prefix):
                start, end = self.spans[int(item[len(self.prefix):])]
                try:
                    return json.loads(self.data[start:end])
                except json.JSONDecodeError as e:
                    raise NotebookError(
                        f'not valid JSON: {e.msg} in a string at byte {start}; not changed',
                    ) from None
            return item
        if isinstance(item, list):
            for i, element in enumerate(item):
                item[i] = self.value(element)
        elif isinstance(item, dict):
            if any(key.startswith(self.prefix) for key in item):
                restored = {self.value(key): self.value(value) for key, value in item.items()}
                item.clear()
                item.update(restored)
            else:
                for key, value in item.items():
                    item[key] = self.value(value)
        return item

    def all_but_outputs(self, nb: dict[str, Any]) -> None:
        """Restore everything but the outputs of v4 cells."""
        cells = nb.get('cells')
        if not isinstance(cells, list) or any(k.startswith(self.prefix) for k in nb):
            self.value(nb)
            return
        for key, value in nb.items():
            if key != 'cells':
                nb[key] = self.value(value)
        for i, cell in enumerate(cells):
            if not isinstance(cell, dict) or any(k.startswith(self.prefix) for k in cell):
                cells[i] = self.value(cell)
                continue
            for key, value in cell.items():
                if key != 'outputs':
                    cell[key] = self.value(value)


# -- the whole file -----------------------------------------------------------

def _parse(text: str) -> Any:
    if not text or text.isspace():
        raise NotebookError('empty file; not a notebook')
    # A notebook has no reference cycles, and the collector's passes while
    # json builds a large one's millions of objects cost more than parsing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return json.loads(text)
    except RecursionError:
        raise NotebookError('nested too deeply to be a notebook; not changed') from None
    except json.JSONDecodeError as e:
        truncated = e.pos >= len(text.rstrip()) or e.msg.startswith('Unterminated')
        end = ' (truncated?)' if truncated else ''
        raise NotebookError(
            f'not valid JSON{end}: {e.msg} (line {e.lineno} column {e.colno}); not changed',
        ) from None
    finally:
        if collecting:
            gc.enable()


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
    nb = _parse(text)
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
            major, minor = _version(nb)
            if elided:
                # Outputs are judged by their size only beyond --max-size 0,
                # where any string makes an output too big: a placeholder will do.
                if major == 4 and options.max_size == 0:
                    elided.all_but_outputs(nb)
                else:
                    elided.value(nb)
            if not options.keep_layout:
                if major == 4:
                    _read_v4(nb)
                elif major in (2, 3):
                    _read_v2_v3(nb, major)
            if (major, minor) >= (4, 5):
                _repair_cell_ids(nb)
            changes = strip_output(nb, options)
        if not changes:
            return None, changes
        if elided:
            elided.value(nb)
        if options.keep_layout:
            return _dumps_layout(nb, layout(text)), changes
        if (major, minor) >= (4, 5):
            _repair_cell_ids(nb)
        if major == 4:
            _rejoin_outputs(nb)
            _write_v4(nb)
        elif major in (2, 3):
            _write_v2_v3(nb, major)
        return _dumps_nbformat(nb, major) + '\n', changes
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
    try:
        return source.encode(text), changes
    except UnicodeEncodeError:
        raise NotebookError('has a lone surrogate escape that cannot be written; not changed') from None


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
                atomic_write(path, new)
        except InputError as e:
            problem(path, str(e))
            status = 2
            continue
        if changes:
            done = 'would strip' if args.check else 'stripped'
            findings.append(Finding(path, 0, HOOK_ID, f'{done} {describe(changes)}'))
    return max(status, report(findings, args.format))
