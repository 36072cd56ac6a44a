# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""licence-header: a copyright notice and SPDX licence identifier in every source file.

Inserts, where missing, `Copyright (c) YEAR HOLDER` and
`SPDX-License-Identifier: LICENCE` as comments in the file's own syntax,
after whatever must stay first (a shebang, an encoding cookie, an XML
declaration, a doctype, `<?php`, ...).  Everything else is kept byte for byte.
"""
from __future__ import annotations

import argparse
import io
import os
import re
import string
import sys
import time
from collections.abc import Sequence
from typing import NamedTuple

from identify import identify

from nhs_open_source_hooks import config
from nhs_open_source_hooks import files
from nhs_open_source_hooks import findings
from nhs_open_source_hooks._comment_styles import MARKUP
from nhs_open_source_hooks._comment_styles import PHP_SECTION
from nhs_open_source_hooks._comment_styles import Style
from nhs_open_source_hooks._comment_styles import style_for_tags
from nhs_open_source_hooks.findings import Finding

HOOK_ID = 'licence-header'
TEMPLATE = 'Copyright (c) {year} {holder}\nSPDX-License-Identifier: {licence}'
SPDX_TEMPLATE = (
    'SPDX-FileCopyrightText: {year} {holder}\nSPDX-License-Identifier: {licence}'
)
# Existing notices are looked for this many characters past where a header
# goes: a long licence text fits, code far below (and its strings) does not.
HEAD_CHARS = 8192


def _parser() -> argparse.ArgumentParser:
    parser = config.new_parser(
        HOOK_ID,
        'Add a copyright notice and SPDX-License-Identifier where missing.',
    )
    parser.add_argument('filenames', nargs='*', metavar='FILES')
    parser.add_argument(
        '--check', action='store_true',
        help='report what would change, change nothing',
    )
    parser.add_argument(
        '--copyright-holder', metavar='HOLDER',
        help='holder named in the notice (default: the project setting)',
    )
    parser.add_argument(
        '--licence', metavar='SPDX-EXPRESSION',
        help='licence expression written (default: the project setting)',
    )
    parser.add_argument(
        '--documentation-licence', metavar='SPDX-EXPRESSION',
        help='licence expression written in documentation: Markdown, reST, '
             'AsciiDoc (default: the project setting, OGL-UK-3.0 as the policy asks)',
    )
    parser.add_argument(
        '--template', metavar='TEXT', default='',
        help='header lines, with {year}, {holder} and {licence} '
             f'(default: {TEMPLATE!r})',
    )
    parser.add_argument(
        '--spdx-copyright', action='store_true',
        help="write 'SPDX-FileCopyrightText: YEAR HOLDER' as the notice",
    )
    parser.add_argument(
        '--accept-holder', action='append', default=[], metavar='HOLDER',
        help='another holder whose notice counts as present (repeatable)',
    )
    parser.add_argument(
        '--accept-licence', action='append', default=[], metavar='SPDX-EXPRESSION',
        help='another licence identifier left alone (repeatable)',
    )
    parser.add_argument(
        '--update-year', action='store_true',
        help="extend an accepted holder's notice to the current year",
    )
    findings.add_format_option(parser)
    return parser


class Options(NamedTuple):
    header: tuple[str, ...]  # the lines to insert, without comment markers
    documentation_header: tuple[str, ...]  # the same, for documentation
    holders: tuple[str, ...]  # normalised, see _norm
    licences: frozenset[str]  # normalised
    year: int
    update_year: bool


def _norm(text: str) -> str:
    return ' '.join(text.split()).casefold()


def options_from(args: argparse.Namespace, year: int | None = None) -> Options:
    """The options ARGS ask for, or ConfigError if the template is unusable."""
    year = time.localtime().tm_year if year is None else year
    template = args.template or (SPDX_TEMPLATE if args.spdx_copyright else TEMPLATE)
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    if not fields <= {'year', 'holder', 'licence'}:
        raise config.ConfigError(
            f'template: unknown field(s) {", ".join(sorted(fields))}; '
            'use {year}, {holder} and {licence}',
        )
    header, documentation_header = (
        tuple(template.format(
            year=year, holder=args.copyright_holder, licence=licence,
        ).splitlines())
        for licence in (args.licence, args.documentation_licence)
    )
    options = Options(
        header=header,
        documentation_header=documentation_header,
        holders=tuple(_norm(h) for h in (args.copyright_holder, *args.accept_holder)),
        licences=frozenset(
            _norm(x) for x in (
                args.licence, args.documentation_licence,
                *args.accept_licence,
            )
        ),
        year=year,
        update_year=args.update_year,
    )
    # The header must be one that the next run recognises, or every run adds it.
    notices = _notices('\n'.join(header), options)
    if not (any(n.accepted for n in notices if n.kind == 'copyright')
            and any(n.accepted for n in notices if n.kind == 'licence')):
        raise config.ConfigError(
            'template: must give a copyright notice naming the holder and '
            "'SPDX-License-Identifier: {licence}'",
        )
    return options


# Notices already in a file.  Quantifiers are bounded by the line, so a long
# line costs linear time.
_SPDX_ID = re.compile(r'SPDX-License-Identifier:[ \t]*([^\r\n]*)')
_COPYRIGHT = re.compile(  # not re.IGNORECASE: that makes it four times slower
    r'(?:SPDX-FileCopyrightText:|[Cc][Oo][Pp][Yy][Rr][Ii][Gg][Hh][Tt]\b|©|\([Cc]\))'
    r'[^\r\n]*',
)
_YEAR = re.compile(r'(?<!\d)(?:(1[89]\d\d|2\d\d\d)\s*[-–]\s*)?(1[89]\d\d|2\d\d\d)(?!\d)')
_COPYRIGHT_SIGN = re.compile(r'copyright\s*(?:\(c\)|©)', re.IGNORECASE)
# The forms REUSE reads as a notice (its COPYRIGHT_NOTICE_PATTERN): the
# project's own notice counts only in one of them, so that a file this hook
# passes passes `reuse lint` too.
_REUSE_NOTICE = re.compile(r'SPDX-FileCopyrightText:|Copyright(?:\s*(?:©|\([Cc]\))|(?=\s))|©')
_COMMENT_ENDS = re.compile(r'(?:\s*(?:\*/|-->|#}|--}}|}}|\*\)|%>))+\s*$')
_SPDX_EXPRESSION = re.compile(r'[A-Za-z0-9.+:()-]+(?: [A-Za-z0-9.+:()-]+)*')


# A notice stands at the start of a line, after comment markers at most: a
# mention inside code (a string, a test's data) is not one.
_NOTICE_PREFIX = re.compile(
    r'[ \t]*(?:[rRuU]?(?:"""|\'\'\'))?'  # a docstring's opening quotes
    r'(?:[\'"][ \t])?'  # a Visual Basic or Vim comment
    r'[ \t#/*!;%<>{}.|@:-]*'
    r"(?:'[ \t])?"  # R's roxygen comment, #'
    r'(?:(?:REM|rem|dnl)[ \t]+)?',
)
# REUSE's markers for text that only looks like a notice (a template, say).
_IGNORED = re.compile(r'REUSE-IgnoreStart.*?(?:REUSE-IgnoreEnd|\Z)', re.DOTALL)


def _starts_line(head: str, start: int) -> bool:
    line_start = max(head.rfind('\n', 0, start), head.rfind('\r', 0, start)) + 1
    return _NOTICE_PREFIX.fullmatch(head, line_start, start) is not None


class Notice(NamedTuple):
    kind: str  # 'copyright' or 'licence'
    start: int  # offset in the text
    end: int
    accepted: bool


def _notices(head: str, options: Options) -> list[Notice]:
    if 'REUSE-IgnoreStart' in head:  # blanked, keeping offsets and lines
        head = _IGNORED.sub(lambda m: re.sub(r'[^\r\n]', ' ', m[0]), head)
    found = []
    if 'SPDX-' in head:
        found += _licence_notices(head, options)
    lower = head.lower()  # most files have no notice: a quick look first
    if 'copyright' in lower or '©' in head or '(c)' in lower:
        found += _copyright_notices(head, options)
    return found


def _copyright_notices(head: str, options: Options) -> list[Notice]:
    found = []
    for m in _COPYRIGHT.finditer(head):
        text = m[0]
        if not _starts_line(head, m.start()):
            continue
        norm = _norm(text)
        if any(holder in norm for holder in options.holders):
            if _REUSE_NOTICE.match(text):
                found.append(Notice('copyright', m.start(), m.end(), True))
                # One accepted notice settles it; the rest matter only for years.
                if not options.update_year:
                    break
            # else a form REUSE does not read ('(c) 2020 ...'): a notice is added
        elif text[:4] == 'SPDX' or _YEAR.search(text) or _COPYRIGHT_SIGN.match(text):
            found.append(Notice('copyright', m.start(), m.end(), False))
    return found


def _licence_notices(head: str, options: Options) -> list[Notice]:
    found = []
    for m in _SPDX_ID.finditer(head):
        if len(m[1]) > 200:
            continue  # no identifier is that long; and _COMMENT_ENDS backtracks
        value = _COMMENT_ENDS.sub('', m[1]).strip()
        # Code that mentions the tag (this module, a test) is not a notice.
        if _SPDX_EXPRESSION.fullmatch(value) and _starts_line(head, m.start()):
            found.append(Notice(
                'licence', m.start(1), m.start(1) + len(value),
                _norm(value) in options.licences,
            ))
    return found


# Where the header goes: after what must stay first in the file.
_EOL = re.compile(r'\r\n|\r|\n')
_COOKIE = re.compile(r'coding[:=]|-\*-')
_DOCTYPE = re.compile(r'\s*<!doctype\b', re.IGNORECASE)
_DOCKER_DIRECTIVE = re.compile(r'#[ \t]*[A-Za-z][\w-]*[ \t]*=')
_ECHO_OFF = re.compile(r'[ \t]*@?echo[ \t]+off\b', re.IGNORECASE)
_FRONT_MATTER = re.compile(r'(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)')
# cloud-init reads a YAML file as cloud-config only if this is its first line.
_CLOUD_CONFIG = '#cloud-config'
# An internal DTD subset ends at the first ']' outside quotes and comments.
_SUBSET = re.compile(r'"[^"]*"|\'[^\']*\'|<!--.*?-->|\]', re.DOTALL)


def _next_line(text: str, pos: int) -> int:
    m = _EOL.search(text, pos)
    return m.end() if m else len(text)


def _after(text: str, pos: int) -> int:
    """POS, or the start of the next line if only blanks follow on POS's line."""
    end = _next_line(text, pos)
    return end if text[pos:end].isspace() or pos == end else pos


def _is_shebang(text: str, pos: int = 0) -> bool:
    return text.startswith('#!', pos) and not text.startswith('#![', pos)


def _code(text: str, style: Style) -> int:
    # PEP 263: an encoding cookie counts on line 1, or on line 2 below a
    # comment or a blank line.
    comment = style.start.strip()
    line1 = _next_line(text, 0)
    line2 = _next_line(text, line1)
    first, second = text[:line1], text[line1:line2]
    if (second.lstrip(' \t\f').startswith(comment) and _COOKIE.search(second)
            and (first.lstrip(' \t\f').startswith(comment) or first.isspace())):
        return line2
    if (_is_shebang(text) or text.startswith(_CLOUD_CONFIG)
            or (first.lstrip(' \t\f').startswith(comment) and _COOKIE.search(first))):
        return line1
    return 0


def _markup(text: str) -> int:
    m = _FRONT_MATTER.match(text)
    if m:
        closing = re.compile(
            rf'(?<=[\r\n])(?:{re.escape(m[1])}|\.\.\.)[ \t]*(?=[\r\n]|\Z)',
        ).search(text, m.end())
        return _next_line(text, closing.end()) if closing else 0
    pos = 0
    if text.startswith('<?xml'):
        end = text.find('?>')
        if end == -1:
            return 0
        pos = end + 2
    m = _DOCTYPE.match(text, pos)
    if m:
        close = text.find('>', m.end())
        bracket = text.find('[', m.end(), close if close != -1 else len(text))
        if bracket != -1:  # an internal subset may hold '>'
            end = next((t for t in _SUBSET.finditer(text, bracket + 1) if t[0] == ']'), None)
            close = text.find('>', end.end()) if end else -1
        if close == -1:
            return 0
        pos = close + 1
    return _after(text, pos) if pos else 0


def placement(text: str, style: Style) -> tuple[int, Style]:
    """Where the header goes in TEXT, and the style it is written in there."""
    kind = style.prologue
    if kind == 'code':
        return _code(text, style), style
    if kind == 'markup':
        return _markup(text), style
    if kind == 'php':
        pos = _next_line(text, 0) if _is_shebang(text) else 0
        if text[pos:pos + 5].lower() == '<?php':
            return _after(text, pos + 5), style
        if text.startswith('<?', pos) and not text.startswith('<?xml', pos):
            return pos, PHP_SECTION
        return _markup(text), MARKUP  # a template: PHP only in places
    if kind == 'css':
        if text.startswith('@charset'):
            end = text.find(';')
            return (_after(text, end + 1) if end != -1 else 0), style
        return 0, style
    if kind == 'dockerfile':  # parser directives must come before any comment
        pos = 0
        while _DOCKER_DIRECTIVE.match(text, pos):
            pos = _next_line(text, pos)
        return pos, style
    if kind == 'batch':  # before `@echo off`, the comments would be echoed
        return (_next_line(text, 0) if _ECHO_OFF.match(text) else 0), style
    return 0, style


def _comment(line: str, style: Style) -> str:
    if not line.strip():
        return style.start.rstrip() + (' ' + style.end.strip() if style.end else '')
    return f'{style.start}{line}{style.end}'


def _line_of(text: str, offset: int) -> int:
    return len(_EOL.findall(text, 0, offset)) + 1


def fix_text(
        text: str, style: Style, options: Options, newline: str = '\n',
) -> tuple[str, list[tuple[int, str, str]]]:
    """TEXT with the header completed, and what was done as (line, check, message).

    A file whose notice names another holder, or whose identifier names
    another licence, is reported and left as it is.
    """
    pos, style = placement(text, style)
    # Look past the header this run would add: the next run must find it.
    limit = pos + HEAD_CHARS + sum(map(len, options.header))
    line_end = _EOL.search(text, limit, limit + 1000)  # not half a notice
    head = text[:line_end.start() if line_end else limit]
    notices = _notices(head, options)
    copyrights = [n for n in notices if n.kind == 'copyright']
    licences = [n for n in notices if n.kind == 'licence']

    reports = []
    for n in licences:
        if not n.accepted:
            reports.append((
                _line_of(text, n.start), f'{HOOK_ID}-licence',
                f'SPDX-License-Identifier {text[n.start:n.end]!r} is not an '
                'accepted licence; not changed',
            ))
    if copyrights and not any(n.accepted for n in copyrights):
        n = copyrights[0]
        reports.append((
            _line_of(text, n.start), f'{HOOK_ID}-holder',
            f'copyright notice {text[n.start:n.end].strip()!r} names no '
            'accepted holder; not changed',
        ))
    if reports:
        return text, reports

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    if options.update_year:
        for n in copyrights:
            years = list(_YEAR.finditer(text, n.start, n.end))
            if n.accepted and years and int(years[-1][2]) < options.year:
                y = years[-1]
                start = y.start(2) if y[1] else y.end(2)
                replacement = str(options.year) if y[1] else f'-{options.year}'
                edits.append((start, y.end(2), replacement))
                reports.append((
                    _line_of(text, n.start), f'{HOOK_ID}-year',
                    f'copyright year {y[0]} to {options.year}',
                ))

    missing = []
    if not copyrights:
        missing.append('copyright notice')
    if not licences:
        missing.append('SPDX-License-Identifier')
    if missing:
        lines = [
            line for line in options.header
            if len(missing) == 2
            or ('SPDX-License-Identifier:' in line) == bool(copyrights)
        ]
        block = ''.join(_comment(line, style) + newline for line in lines)
        if style.closing:
            block = f'{style.opening}{newline}{block}{style.closing}{newline}'
        elif text[pos:pos + 1] not in ('', '\r', '\n'):
            block += newline
        if pos and text[pos - 1] not in '\r\n':
            block = newline + block
        edits.append((pos, pos, block))
        reports.insert(0, (
            _line_of(text, pos) + (block[0] in '\r\n'), f'{HOOK_ID}-missing',
            ' and '.join(missing),
        ))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, reports


# The policy licenses documentation under the Open Government Licence.
DOCUMENTATION_TAGS = frozenset(('markdown', 'rst', 'asciidoc'))


def _style_for(path: str) -> tuple[Style | None, bytes | None, bool]:
    """PATH's comment style, its bytes if they had to be read for that,
    and whether it is documentation."""
    tags = identify.tags_from_filename(os.path.basename(path))
    if tags:
        if not os.path.isfile(path):
            files.read_bytes(path)  # raises the reason
        return style_for_tags(tags), None, bool(tags & DOCUMENTATION_TAGS)
    # No extension or known name: a shebang says what it is, as for identify.
    data = files.read_bytes(path, follow_symlinks=False)
    command = identify.parse_shebang(io.BytesIO(data))
    if not command:
        return None, data, False
    return style_for_tags(identify.tags_from_interpreter(command[0])), data, False


def examine(path: str, options: Options) -> tuple[list[tuple[int, str, str]], bytes | None]:
    """What PATH needs: reports, and its new bytes if it changes.

    InputError if it cannot be read.
    """
    style, data, documentation = _style_for(path)
    if style is None:
        return [], None
    if documentation:
        options = options._replace(header=options.documentation_header)
    if data is None:
        data = files.read_bytes(path, follow_symlinks=False)
    if not data:
        return [], None  # nothing to licence
    text_file = files.TextFile.decode(data, source=True)
    new, reports = fix_text(text_file.text, style, options, text_file.newline)
    return reports, (text_file.encode(new) if new != text_file.text else None)


_VERBS = {  # (done, not done) for what --check only reports
    f'{HOOK_ID}-missing': ('added', 'missing'),
    f'{HOOK_ID}-year': ('extended', 'would extend'),
}


def _findings(path: str, reports: list[tuple[int, str, str]], done: bool) -> list[Finding]:
    return [
        Finding(path, line, check, f'{_VERBS[check][not done]} {message}'
                if check in _VERBS else message)
        for line, check, message in reports
    ]


def _write_all(pending: list[tuple[str, bytes]]) -> dict[str, str]:
    """Write each (path, data); why any could not be written, by path."""
    errors = {}
    for path, data in pending:
        try:
            files.rewrite(path, data)
        except files.InputError as e:
            errors[path] = str(e)
    return errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = config.parse_args(parser, argv, HOOK_ID)
    try:
        options = options_from(args)
    except config.ConfigError as e:
        print(f'nhs-open-source {HOOK_ID}: {e}', file=sys.stderr)
        return 2
    examined = []  # (path, reports, new bytes, why it could not be processed)
    for path in dict.fromkeys(args.filenames):
        try:
            reports, new = examine(path, options)
        except files.InputError as e:
            examined.append((path, [], None, str(e)))
        else:
            examined.append((path, reports, None if args.check else new, ''))
    errors = _write_all([(path, new) for path, _, new, _ in examined if new])

    found: list[Finding] = []
    status = 0
    for path, reports, new, error in examined:
        error = error or errors.get(path, '')
        if error:
            findings.problem(path, error)
            status = 2
        else:
            found += _findings(path, reports, done=new is not None)
    return max(status, findings.report(found, args.format))


def options_for(root: str) -> Options:
    """The options ROOT's configuration asks for; exit 2 if it is unusable."""
    args = config.parse_args(_parser(), [], HOOK_ID, root)
    try:
        return options_from(args)
    except config.ConfigError as e:
        print(f'nhs-open-source {HOOK_ID}: {e}', file=sys.stderr)
        raise SystemExit(2)


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    """Files lacking a header, or with another licence or holder: warnings."""
    options = options_for(root)
    out = []
    for path in paths:
        try:
            reports, _ = examine(os.path.join(root, path), options)
        except files.InputError:
            continue  # binaries, links and the like carry no header
        out += [
            f._replace(severity='warning')
            for f in _findings(path, reports, done=False)
        ]
    return out
