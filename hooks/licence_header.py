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
from collections.abc import Callable
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
    holders: re.Pattern[str]  # any accepted holder, as words, in _norm's form
    licences: frozenset[str]  # as written, one space between words
    year: int
    update_year: bool


def _words(text: str) -> str:
    return ' '.join(text.split())


def _norm(text: str) -> str:
    return _words(text).casefold()


def options_from(args: argparse.Namespace, year: int | None = None) -> Options:
    """The options ARGS ask for, or ConfigError if they are unusable."""
    year = time.localtime().tm_year if year is None else year
    holder = _words(args.copyright_holder)
    accepted = [_words(h) for h in args.accept_holder]
    if not holder or not all(accepted):
        raise config.ConfigError('copyright-holder and accept-holder: a holder cannot be blank')
    licences = {
        option: [_words(x) for x in values] for option, values in (
            ('licence', [args.licence]),
            ('documentation-licence', [args.documentation_licence]),
            ('accept-licence', args.accept_licence),
        )
    }
    for option, values in licences.items():
        for value in values:
            if not is_spdx_expression(value):
                raise config.ConfigError(f'{option}: {value!r} is not an SPDX licence expression')
    template = args.template or (SPDX_TEMPLATE if args.spdx_copyright else TEMPLATE)
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if not fields <= {'year', 'holder', 'licence'}:
            raise ValueError(f'unknown field(s) {", ".join(sorted(fields))}')
        header, documentation_header = (
            tuple(template.format(year=year, holder=holder, licence=licence).splitlines())
            for licence in (licences['licence'][0], licences['documentation-licence'][0])
        )
    except (ValueError, IndexError, KeyError) as e:
        raise config.ConfigError(f'template: {e}; use {{year}}, {{holder}} and {{licence}}')
    options = Options(
        header=header,
        documentation_header=documentation_header,
        holders=re.compile('|'.join(
            rf'(?<!\w){re.escape(_norm(h))}(?!\w)' for h in (holder, *accepted)
        )),
        licences=frozenset(x for values in licences.values() for x in values),
        year=year,
        update_year=args.update_year,
    )
    # The header must be one that the next run recognises, or every run adds it.
    for lines in (header, documentation_header):
        notices = _notices('\n'.join(lines), options)
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
_YEAR = re.compile(r'(?<!\d)(?:1[89]|2\d)\d\d(?!\d)')  # is there a year: see _year_edit for lists
_COPYRIGHT_SIGN = re.compile(r'copyright\s*(?:\(c\)|©)', re.IGNORECASE)
# The forms REUSE reads as a notice (its COPYRIGHT_NOTICE_PATTERN): the
# project's own notice counts only in one of them, so that a file this hook
# passes passes `reuse lint` too.
_REUSE_NOTICE = re.compile(r'SPDX-FileCopyrightText:|Copyright(?:\s*(?:©|\([Cc]\))|(?=\s))|©')
# What may close a comment after a notice: the ends `reuse lint` strips (its
# _END_PATTERN), and no others, so that what passes here passes there.
_COMMENT_ENDS = (
    '--%>', '--}}', '-->', '"/>', "'/>", '">', "'>", ']::', '*)', '#}', '}', '*/',
    '*#', ':)', '=#', "'/", '-/',
)
_SPDX_TOKENS = re.compile(r'\(|\)|[A-Za-z0-9.+:-]+')
_SPDX_OPERATORS = frozenset(('AND', 'OR', 'WITH'))


def is_spdx_expression(text: str) -> bool:
    """Whether TEXT is an SPDX licence expression: identifiers (LicenseRef-
    ones too) joined by AND, OR and WITH, in brackets or not."""
    tokens = _SPDX_TOKENS.findall(text)
    if ''.join(tokens) != text.replace(' ', '') or not tokens:
        return False
    depth, operand = 0, True  # an identifier or '(' is due
    for token in tokens:
        if token == '(':
            depth += 1
            ok = operand
        elif token == ')':
            depth -= 1
            ok = not operand and depth >= 0
        elif token in _SPDX_OPERATORS:
            ok, operand = not operand, True
        else:
            ok, operand = operand, False
        if not ok:
            return False
    return depth == 0 and not operand


# A notice stands at the start of a line, after comment markers at most: a
# mention inside code (a string, a test's data) is not one.
_NOTICE_PREFIX = re.compile(  # no two repeats take the same blanks: linear time
    r'(?:[ \t]*(?:[rRuU]?(?:"""|\'\'\')|[\'"][ \t]))?'  # docstring quotes; VB or Vim comment
    r'(?:<\?php[ \t]+)?'
    r'[ \t#/*!;%<>{}()\[\]=.|@:-]*'  # comment openers: '--[[', '#=', '[//]: # ('
    r"(?:'[ \t])?"  # R's roxygen comment, #'
    r'(?:(?:REM|[Rr]em|dnl)[ \t]+)?',
)
# REUSE's markers for text that only looks like a notice (a template, say).
_IGNORED = re.compile(r'REUSE-IgnoreStart.*?(?:REUSE-IgnoreEnd|\Z)', re.DOTALL)


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind('\n', 0, pos), text.rfind('\r', 0, pos)) + 1


def _starts_line(head: str, start: int) -> bool:
    return _NOTICE_PREFIX.fullmatch(head, _line_start(head, start), start) is not None


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
        if options.holders.search(_norm(text)):
            if _REUSE_NOTICE.match(text):
                found.append(Notice('copyright', m.start(), m.end(), True))
                # One accepted notice settles it; the rest matter only for years.
                if not options.update_year:
                    break
            # else a form REUSE does not read ('(c) 2020 ...'): a notice is added
        elif text[:4] == 'SPDX' or _YEAR.search(text) or _COPYRIGHT_SIGN.match(text):
            found.append(Notice('copyright', m.start(), m.end(), False))
    return found


# Matched on the reversed text: a pattern anchored at the end is tried at
# every position of a long line.
_COMMENT_ENDS_REVERSED = re.compile(
    r'(?:\s*(?:' + '|'.join(re.escape(end[::-1]) for end in _COMMENT_ENDS) + r'))*\s*',
)


def _without_comment_ends(text: str) -> str:
    return text[:len(text) - _COMMENT_ENDS_REVERSED.match(text[::-1]).end()]


def _licence_notices(head: str, options: Options) -> list[Notice]:
    found = []
    for m in _SPDX_ID.finditer(head):
        # Code that mentions the tag (this module, a test) is not a notice;
        # but any identifier at the start of a line is, even one that cannot
        # be read, so that no second licence is ever added beside it.
        if not _starts_line(head, m.start()):
            continue
        value = _without_comment_ends(m[1])
        found.append(Notice(
            'licence', m.start(1), m.start(1) + len(value),
            _words(value) in options.licences,
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
# An internal DTD subset ends at the first ']' outside quotes, comments and
# processing instructions: these are what may hide one.
_SUBSET_TOKEN = re.compile(r'["\']|<!--|<\?|\]')
_SUBSET_CLOSERS = {'"': '"', "'": "'", '<!--': '-->', '<?': '?>'}


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


def _subset_end(text: str, pos: int) -> int:
    """The offset of the ']' closing the DTD subset from POS, or -1.

    One pass: what opens a quote or comment is looked up once, and an
    unclosed one ends the search, so malformed input costs linear time.
    """
    while m := _SUBSET_TOKEN.search(text, pos):
        closer = _SUBSET_CLOSERS.get(m[0])
        if closer is None:
            return m.start()
        pos = text.find(closer, m.end())
        if pos == -1:
            return -1
        pos += len(closer)
    return -1


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
            end = _subset_end(text, bracket + 1)
            close = text.find('>', end) if end != -1 else -1
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
        if text.startswith('<?', pos) and text[pos + 2:pos + 3].isspace():
            return _after(text, pos + 2), style  # the short open tag
        if text.startswith('<?=', pos):
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


def _closer_in(line: str, style: Style) -> str:
    """What in LINE would end a comment of STYLE early, if anything."""
    ends = [style.end.strip(), style.closing] + (['--'] if style.start == MARKUP.start else [])
    return next((end for end in ends if end and end in line), '')


def _comment(line: str, style: Style) -> str:
    if not line.strip():
        return style.start.rstrip() + (' ' + style.end.strip() if style.end else '')
    return f'{style.start}{line}{style.end}'


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + '…'


def _ignored(text: str, pos: int) -> bool:
    """Whether POS is inside a REUSE-IgnoreStart block."""
    start = text.rfind('REUSE-IgnoreStart', 0, pos)
    return start != -1 and text.find('REUSE-IgnoreEnd', start, pos) == -1


_BLANK_LINE = re.compile(r'(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)')
_CODE_LINE = re.compile(r'(?:\r\n?|\n)[ \t]*\w')


def _header_notices(text: str, copyrights: list[Notice]) -> list[Notice]:
    """The accepted notices of the header: the first, and those that follow
    it with no blank line or line of code between.  A notice further down
    is the file's data (a test's expected text, say), and its year is not
    ours to change."""
    accepted = [n for n in copyrights if n.accepted]
    block = accepted[:1]
    for n in accepted[1:]:
        if (_BLANK_LINE.search(text, block[-1].end, n.start)
                or _CODE_LINE.search(text, block[-1].end, n.start)):
            break
        block.append(n)
    return block


# A notice's years: a list of years and ranges ('2019, 2021-24', '2020 to
# present'), right after 'Copyright (c)' or the like, or at its end, as in
# '© Crown copyright 2024'.  A number elsewhere (a URL, a name) is not one.
_YEAR_ITEM = (
    r'((?:1[89]|2\d)\d\d)'
    r'(?:[ \t]*(?:--?|–|—|to)[ \t]*((?:1[89]|2\d)\d\d|\d\d|present)(?![\w-]))?'
)
_YEAR_LIST = rf'(?<![\w/.-]){_YEAR_ITEM}(?:[ \t]*,[ \t]*{_YEAR_ITEM})*(?![\w/-])'
_LEADING_YEARS = re.compile(
    r'(?:SPDX-FileCopyrightText:[ \t]*)?(?:[Cc]opyright[ \t]*)?(?:(?:©|\([Cc]\))[ \t]*)?'
    + _YEAR_LIST, re.IGNORECASE,
)
_TRAILING_YEARS = re.compile(_YEAR_LIST + r'[ \t.]*$', re.IGNORECASE)
_YEAR_RANGE = re.compile(_YEAR_ITEM, re.IGNORECASE)


def _year_edit(text: str, start: int, end: int, options: Options) -> tuple[int, int, str] | None:
    """The years of the notice at TEXT[START:END] brought up to this year,
    as an edit (start, end, new years), or None if they are, or if no list
    of years stands next to the holder ('2018 Acme; 2019 Crown Copyright',
    '1901 Group' are not ours to change)."""
    if end - start > 300:
        return None  # no header's notice is that long: a list of years is data
    body = _without_comment_ends(text[start:end])
    m = _LEADING_YEARS.match(body)
    if m:
        after = _norm(body[m.end():]).lstrip(' ,.;:')
        next_to_holder = options.holders.match(after) is not None
    else:
        m = _TRAILING_YEARS.search(body)
        before = _norm(body[:m.start(1)] if m else '').rstrip(' ,')
        next_to_holder = any(h.end() == len(before) for h in options.holders.finditer(before))
    if not m or not next_to_holder:
        return None
    year = options.year
    begin = m.start(1)  # where the list starts, past any 'Copyright (c)'
    latest = []
    for item in _YEAR_RANGE.finditer(body, begin, m.end()):
        first, last = int(item[1]), item[2]
        if last is None:
            latest.append(first)
        elif last.lower() == 'present':
            return None  # open ended: up to date every year
        elif len(last) == 2:  # '2020-21'
            latest.append(first // 100 * 100 + int(last) + (100 if int(last) < first % 100 else 0))
        elif int(last) < first:
            return None  # '2030-2019': not a range to extend
        else:
            latest.append(int(last))
    if max(latest) >= year:
        return None
    if latest[-1] < max(latest):  # '2022, 2018': a year of its own
        years = f'{body[begin:item.end()]}, {year}'
    elif item[2] is None:  # '2020' to '2020-2026'
        years = f'{body[begin:item.end()]}-{year}'
    else:  # '2019-2024' or '2020-21' to '2019-2026'
        years = f'{body[begin:item.start(2)]}{year}'
    return start + begin, start + item.end(), years


def _line_counter(text: str) -> Callable[[int], int]:
    """The line of an offset in TEXT; offsets asked in order are counted once."""
    line, last = 1, 0

    def line_of(offset: int) -> int:
        nonlocal line, last
        if offset < last:
            line, last = 1, 0
        line += len(_EOL.findall(text, last, offset))
        last = offset
        return line
    return line_of


def fix_text(
        text: str, style: Style, options: Options, newline: str = '\n',
) -> tuple[str, list[tuple[int, str, str]]]:
    """TEXT with the header completed, and what was done as (line, check, message).

    A file whose notice names another holder, or whose identifier names
    another licence, is reported and left as it is.  InputError if a header
    line would end its own comment here (a holder with '*/' in C).
    """
    pos, style = placement(text, style)
    # Look past the header this run would add: the next run must find it.
    limit = pos + HEAD_CHARS + sum(map(len, options.header))
    # Never half a notice: to the end of the line, or if it is long, its start.
    line_end = _EOL.search(text, limit, limit + 1000)
    if line_end:
        head = text[:line_end.start()]
    else:
        head = text if len(text) <= limit else text[:_line_start(text, limit)]
    notices = _notices(head, options)
    line_of = _line_counter(text)
    copyrights = [n for n in notices if n.kind == 'copyright']
    licences = [n for n in notices if n.kind == 'licence']

    reports = []
    for n in licences:
        if not n.accepted:
            value = _words(text[n.start:n.end])
            # REUSE matches an identifier as written: 'mit' is not 'MIT'.
            spelling = next(
                (f' ({x!r} is, as written)' for x in sorted(options.licences)
                 if x.casefold() == value.casefold()), '',
            )
            reports.append((
                line_of(n.start), f'{HOOK_ID}-licence',
                f'SPDX-License-Identifier {_shorten(value)!r} is not an '
                f'accepted licence{spelling}; not changed',
            ))
    if copyrights and not any(n.accepted for n in copyrights):
        n = copyrights[0]
        reports.append((
            line_of(n.start), f'{HOOK_ID}-holder',
            f'copyright notice {_shorten(text[n.start:n.end].strip())!r} names no '
            'accepted holder; not changed',
        ))
    if reports:
        return text, reports

    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    if options.update_year:
        for n in _header_notices(text, copyrights):
            edit = _year_edit(text, n.start, n.end, options)
            if edit:
                edits.append(edit)
                start, end, years = edit
                reports.append((
                    line_of(n.start), f'{HOOK_ID}-year',
                    f'copyright year {_shorten(text[start:end])!r} to {_shorten(years)!r}',
                ))

    missing = []
    if not copyrights:
        missing.append('copyright notice')
    if not licences:
        missing.append('SPDX-License-Identifier')
    if missing and _ignored(text, pos):
        return text, [(
            line_of(pos), f'{HOOK_ID}-ignored',
            f"{' and '.join(missing)} missing, and the header's place is in a "
            'REUSE-IgnoreStart block, where no notice counts; not changed',
        )]
    if missing:
        lines = [
            line for line in options.header
            if len(missing) == 2
            or ('SPDX-License-Identifier:' in line) == bool(copyrights)
        ]
        for line in lines:
            closer = _closer_in(line, style)
            if closer:
                raise files.InputError(
                    f'the header line {line!r} holds {closer!r}, which would end '
                    'its comment here; not changed',
                )
        block = ''.join(_comment(line, style) + newline for line in lines)
        if style.closing:
            block = f'{style.opening}{newline}{block}{style.closing}{newline}'
        elif text[pos:pos + 1] not in ('', '\r', '\n'):
            block += newline
        if pos and text[pos - 1] not in '\r\n':
            block = newline + block
        edits.append((pos, pos, block))
        reports.insert(0, (
            line_of(pos) + (block[0] in '\r\n'), f'{HOOK_ID}-missing',
            ' and '.join(missing),
        ))
    pieces, done = [], 0
    for start, end, replacement in sorted(edits):
        pieces += (text[done:start], replacement)
        done = end
    return ''.join(pieces) + text[done:], reports


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
