# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""secret-scan: no credential or UK personal data in the files given.

Credentials come from `credentials.py`, identifiers from `personal_data.py`,
both through `sensitive.scan_text`.  This module reads files: in blocks, so a
1 GB file is never held whole; notebooks cell by cell (sources and text
outputs, never base64 images); CSV and TSV files with their header row as
the context that makes a bare number an identifier.  An existing
detect-secrets `.secrets.baseline` is honoured and never rewritten.
"""
from __future__ import annotations

import argparse
import codecs
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence

from nhs_open_source_hooks import config
from nhs_open_source_hooks import files
from nhs_open_source_hooks import findings
from nhs_open_source_hooks import sensitive
from nhs_open_source_hooks.findings import Finding

HOOK_ID = 'secret-scan'
BLOCK = 1 << 20  # bytes read at a time; a block scanned ends at a line end
LONG_LINE = 8  # blocks: a line longer than this is cut at a space or anywhere
NOTEBOOK_LIMIT = 64  # blocks: a larger notebook is scanned as text, in blocks
# Files whose every line is a checksum or a pinned URL: only provider tokens
# and keys (never the generic keyword and entropy checks) are looked for.
LOCK_FILES = frozenset((
    'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'poetry.lock',
    'Pipfile.lock', 'Cargo.lock', 'go.sum', 'composer.lock', 'Gemfile.lock', 'uv.lock',
    'pdm.lock', 'conda-lock.yml', 'packages.lock.json', 'deno.lock', 'renv.lock',
))
DATA_SEPARATORS = {'.csv': ',', '.tsv': '\t', '.tab': '\t'}


def _parser() -> argparse.ArgumentParser:
    parser = config.new_parser(
        HOOK_ID,
        'Block credentials and UK personal data (NHS, CHI, H&C and National '
        'Insurance numbers) in the files given.',
    )
    parser.add_argument('filenames', nargs='*', metavar='FILE')
    parser.add_argument(
        '--baseline', default='',
        help='detect-secrets baseline of accepted findings (default: .secrets.baseline '
             'when it exists); it is read, never rewritten',
    )
    parser.add_argument(
        '--exclude', action='append', default=[], metavar='REGEX',
        help='do not scan paths matching REGEX (repeatable)',
    )
    parser.add_argument(
        '--personal-data', choices=('error', 'warning', 'off'), default='error',
        help='what a UK personal-data identifier is (default: %(default)s)',
    )
    parser.add_argument(
        '--entropy', choices=('warning', 'off'), default='warning',
        help='report high-entropy literals that nothing names as a secret '
             '(default: %(default)s)',
    )
    findings.add_format_option(parser)
    return parser


# Baseline -----------------------------------------------------------------

class Baseline:
    """The accepted findings of a detect-secrets baseline: path -> SHA-1 of each value.

    A finding is accepted when its file lists the hash of its value, on any
    line and of any type, so moving code never makes a baseline stale.
    """

    def __init__(self, accepted: dict[str, set[str]], exclude: list[re.Pattern[str]]) -> None:
        self.accepted = accepted
        self.exclude = exclude

    @classmethod
    def load(cls, path: str) -> Baseline:
        import json
        with open(path, encoding='utf-8') as f:
            data = json.load(f)
        accepted: dict[str, set[str]] = {}
        for name, results in (data.get('results') or {}).items():
            accepted[_norm(name)] = {r['hashed_secret'] for r in results if 'hashed_secret' in r}
        exclude = []
        for used in data.get('filters_used') or ():
            if used.get('path', '').endswith('should_exclude_file'):
                exclude.extend(re.compile(p) for p in used.get('pattern', ()))
        return cls(accepted, exclude)

    def allows(self, path: str, value: str) -> bool:
        import hashlib
        hashes = self.accepted.get(_norm(path))
        return bool(hashes) and hashlib.sha1(value.encode()).hexdigest() in hashes


def _norm(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, '/')


def _load_baseline(name: str, root: str) -> Baseline | None:
    """The baseline NAME (default ROOT/.secrets.baseline), or None; ValueError if broken."""
    path = os.path.join(root, name or '.secrets.baseline')
    if not name and not os.path.isfile(path):
        return None
    try:
        return Baseline.load(path)
    except OSError as e:
        raise ValueError(f'{path}: cannot read the baseline: {e.strerror}')
    except (ValueError, AttributeError, TypeError, KeyError) as e:
        raise ValueError(f'{path}: not a detect-secrets baseline ({e})')


# Scanning -----------------------------------------------------------------

class Scanner:
    """The check, configured once: scan(path, chunks) -> findings."""

    def __init__(self, args: argparse.Namespace, baseline: Baseline | None) -> None:
        self.baseline = baseline
        self.personal_data = args.personal_data
        self.entropy = args.entropy
        try:
            self.exclude = [re.compile(p) for p in args.exclude]
        except re.error as e:
            raise ValueError(f'--exclude {e.pattern!r}: not a regular expression ({e})')
        if baseline is not None:
            self.exclude += baseline.exclude
        self.baseline_name = args.baseline or '.secrets.baseline'

    def skips(self, path: str) -> bool:
        name = _norm(path)
        return (name == _norm(self.baseline_name)
                or any(p.search(name) for p in self.exclude))

    def scan_bytes(self, path: str, data: bytes) -> list[Finding]:
        return self.scan_blocks(path, iter((data,)))

    def scan_blocks(self, path: str, blocks: Iterator[bytes]) -> list[Finding]:
        """Findings in the file PATH whose content comes as BLOCKS of bytes."""
        first = next(blocks, b'')
        if first.startswith(_WIDE_BOMS):  # decoded whole
            first, blocks = first + b''.join(blocks), iter(())
        first = text_bytes(first)
        base = os.path.basename(path)
        ext = os.path.splitext(base)[1].lower()
        if ext == '.ipynb':
            parts = [first]
            for block in blocks:
                parts.append(block)
                if len(parts) > NOTEBOOK_LIMIT:
                    break
            else:
                out = self._notebook(path, b''.join(parts))
                if out is not None:
                    return out
            blocks = itertools.chain(parts[1:], blocks)
        generic = base not in LOCK_FILES
        out: list[Finding] = []
        context = ''
        line_offset = 0
        for block in _lines_blocks(first, blocks):
            text = _decode(block)
            if ext in DATA_SEPARATORS and line_offset == 0:
                context = text.split('\n', 1)[0]
            out.extend(
                f._replace(line=f.line + line_offset)
                for f in self._scan_text(text, path, context, generic)
            )
            line_offset += text.count('\n')
        return out

    def _scan_text(self, text: str, path: str, context: str = '', generic: bool = True,
                   name: str | None = None) -> list[Finding]:
        out = []
        for finding, value in sensitive.scan_values(text, name or path, context=context, generic=generic):
            if finding.check == 'secret-high-entropy' and self.entropy == 'off':
                continue
            if finding.check.startswith('personal-data-'):
                if self.personal_data == 'off':
                    continue
                if self.personal_data == 'warning':
                    finding = finding._replace(severity='warning')
            if self.baseline is not None and self.baseline.allows(path, value):
                continue
            out.append(finding)
        return out

    def _notebook(self, path: str, data: bytes) -> list[Finding] | None:
        """Findings per cell (`PATH:cell N`), or None if DATA is not a notebook."""
        import json
        try:
            nb = json.loads(data)
            cells = nb['cells']
        except (ValueError, KeyError, TypeError):
            return None
        out: list[Finding] = []
        for number, cell in enumerate(cells, 1):
            if not isinstance(cell, dict):
                continue
            where = f'{path}:cell {number}'
            out.extend(self._scan_text(_join(cell.get('source', '')), path, name=where))
            for output in cell.get('outputs') or ():
                for text in _output_texts(output):
                    out.extend(self._scan_text(text, path, name=f'{where} output'))
        return out


class BinaryFile(Exception):
    pass


def _join(source: object) -> str:
    if isinstance(source, list):
        return ''.join(s for s in source if isinstance(s, str))
    return source if isinstance(source, str) else ''


def _output_texts(output: object) -> Iterator[str]:
    """The text of a notebook output: streams, tracebacks and text/* data, no images."""
    import json
    if not isinstance(output, dict):
        return
    if 'text' in output:
        yield _join(output['text'])
    if 'traceback' in output:
        yield '\n'.join(_join(line) for line in output['traceback'] or ())
    for mime, value in (output.get('data') or {}).items():
        if mime.startswith('text/') or mime in ('application/json', 'application/javascript'):
            yield value if isinstance(value, str) else _join(value) if isinstance(value, list) \
                else json.dumps(value, indent=1)


def _lines_blocks(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """Re-cut blocks of bytes so that each ends at a line end.

    A line longer than LONG_LINE blocks is cut at its last space, or
    anywhere, so that memory stays bounded whatever the file holds.
    """
    carry = first
    for block in rest:
        carry += block
        cut = carry.rfind(b'\n')
        if cut == -1 and len(carry) >= LONG_LINE * BLOCK:
            cut = max(carry.rfind(b' '), len(carry) - BLOCK)
        if cut == -1:
            continue
        yield carry[:cut + 1]
        carry = carry[cut + 1:]
    if carry:
        yield carry


_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def text_bytes(data: bytes) -> bytes:
    """DATA as the bytes this hook scans, or BinaryFile if it skips them.

    UTF-16 and UTF-32 text (PowerShell writes them) becomes UTF-8; a NUL byte
    in the first 8 KiB of anything else makes it binary.  The audit's history
    scan decides with this too, so it reads what the hook reads.
    """
    if data.startswith(_WIDE_BOMS):
        utf32 = data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE))
        return data.decode('utf-32' if utf32 else 'utf-16', errors='replace').encode('utf-8')
    if b'\0' in data[:8192]:
        raise BinaryFile
    return data


def _decode(data: bytes) -> str:
    # Undecodable bytes are replaced, not refused: a secret in a Latin-1
    # file is still a secret.
    return data.decode('utf-8', errors='replace')


def _read_blocks(path: str) -> Iterator[bytes]:
    with open(path, 'rb') as f:
        while block := f.read(BLOCK):
            yield block


def scan_file(scanner: Scanner, path: str, name: str | None = None) -> list[Finding]:
    """Findings in the file at PATH (reported as NAME); OSError or BinaryFile if unreadable."""
    if os.path.islink(path) and not os.path.exists(path):
        raise FileNotFoundError(path)
    blocks = _read_blocks(path)
    try:
        return scanner.scan_blocks(name or path, blocks)
    finally:
        blocks.close()


def _reason(e: OSError | BinaryFile) -> str:
    if isinstance(e, BinaryFile):
        return 'binary file (NUL bytes); skipped'
    return files.os_error_reason(e)


def _configure(argv: Sequence[str] | None, root: str = '.') -> tuple[argparse.Namespace, Scanner]:
    """Options and the scanner they configure; ValueError for a broken baseline."""
    args = config.parse_args(_parser(), argv, HOOK_ID, root)
    return args, Scanner(args, _load_baseline(args.baseline, root))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args, scanner = _configure(argv)
    except ValueError as e:
        print(f'nhs-open-source {HOOK_ID}: {e}', file=sys.stderr)
        return 2
    out: list[Finding] = []
    status = 0
    for path in args.filenames:
        if scanner.skips(path):
            continue
        try:
            out.extend(scan_file(scanner, path))
        except (OSError, BinaryFile) as e:
            findings.problem(path, _reason(e))
            status = 2
    return max(status, findings.report(out, args.format))


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    """The check over tracked files PATHS (relative to ROOT), with ROOT's configuration."""
    scan = blob_scanner(root)
    out: list[Finding] = []
    for path in paths:
        try:
            with open(os.path.join(root, path), 'rb') as f:
                out.extend(scan(path, f.read()))
        except OSError:
            continue
    return out


def blob_scanner(root: str) -> Callable[[str, bytes], list[Finding]]:
    """A function scanning one blob, given its path and bytes, configured from ROOT.

    Binary blobs and excluded paths give no findings.  `audit` uses it for
    the working tree and for every blob in the git history.  A broken
    baseline raises ValueError with a one-line reason.
    """
    _, scanner = _configure([], root)

    def scan(path: str, data: bytes) -> list[Finding]:
        if scanner.skips(path):
            return []
        try:
            return scanner.scan_bytes(path, data)
        except BinaryFile:
            return []
    return scan
