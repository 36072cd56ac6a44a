# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Notebook JSON as nbformat reads and writes it, without nbformat.

nbformat.read(fp, NO_CONVERT) and nbformat.write(nb, fp) as nbformat 5.11
does them, version by version (4, 3, 2, and 1 for a notebook with no
nbformat key), on plain dicts.  Its schema validation is left out: it only
ever logs, except that it gives v4.5 cells a missing or repeated id a new
one, which repair_cell_ids does.  Large notebooks can be parsed with their
long strings set aside (Elided).
"""
from __future__ import annotations

import gc
import json
import os
from typing import Any
from typing import NamedTuple

from nhs_open_source_hooks.files import InputError


# -- reading, as nbformat.read(fp, NO_CONVERT) does ---------------------------

class NotebookError(InputError):
    """Not a notebook that nbformat (or nbstripout) can read, strip or write."""


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


def read(nb: dict[str, Any], major: int, minor: int, *, join_lines: bool = True) -> None:
    """NB as nbformat reads its version: lines joined (unless not JOIN_LINES)
    but for outputs (see rejoin_outputs), transient keys dropped, ids repaired."""
    if join_lines:
        if major == 4:
            _read_v4(nb)
        elif major in (2, 3):
            _read_v2_v3(nb, major)
    if (major, minor) >= (4, 5):
        repair_cell_ids(nb)


def repair_cell_ids(nb: dict[str, Any]) -> None:
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


def version(nb: Any) -> tuple[int, int]:
    if not isinstance(nb, dict):
        raise NotebookError('not a notebook: the JSON is not an object')
    major = nb.get('nbformat', 1)
    minor = nb.get('nbformat_minor', 0)
    if not isinstance(major, int) or major not in (1, 2, 3, 4):
        raise NotebookError(f'unsupported nbformat version {major!r}; not changed')
    if not isinstance(minor, int):
        raise NotebookError(f'nbformat_minor {minor!r} is not an integer; not changed')
    return major, minor


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


def write(nb: dict[str, Any], major: int, minor: int) -> str:
    """NB as nbformat writes its version, ending with a newline."""
    if (major, minor) >= (4, 5):
        repair_cell_ids(nb)
    if major == 4:
        _rejoin_outputs(nb)
        _write_v4(nb)
    elif major in (2, 3):
        _write_v2_v3(nb, major)
    return _dumps_nbformat(nb, major) + '\n'


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


def dumps_layout(nb: Any, style: Layout) -> str:
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


# -- parsing -------------------------------------------------------------------

def parse(text: str) -> Any:
    """TEXT's JSON, or NotebookError saying in one line why it is not."""
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
