# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""UK personal identifiers in text: NHS, CHI, H&C and National Insurance numbers.

The personal-data half of `secret-scan`: pure functions over text, `re` only,
so importing this module costs next to nothing.  docs/personal-data.md gives
the rules, their sources, and what blocks and what only warns.

A check digit alone is weak evidence: one random ten-digit number in eleven
passes the modulus-11 check.  So a number is reported only when something else
points at a person: a keyword nearby ("NHS", "patient", "CHI", "NI number"), a
column header the caller passes as `context`, the first line of the table it
sits in, or the spaced 3-3-4 layout NHS numbers are printed in.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any
from typing import NamedTuple

if TYPE_CHECKING:
    import argparse

NHS, CHI, HC, NI = 'nhs-number', 'chi-number', 'hc-number', 'ni-number'
KINDS = (NHS, CHI, HC, NI)
_HEALTH_KINDS = frozenset((NHS, CHI, HC))


class Identifier(NamedTuple):
    kind: str  # one of KINDS
    line: int  # 1-based, within the text scanned
    start: int
    end: int
    # The raw match, for the caller to redact.  Never print it.
    value: str
    severity: str  # 'error' blocks, 'warning' is reported only
    reason: str


# Check digits

_WEIGHTS = range(10, 1, -1)
_ZEROS = ord('0') * sum(_WEIGHTS)


def _mod11(digits: str) -> int | None:
    """The modulus-11 check digit of nine digits; None when none exists."""
    # On the characters' codes, then less the codes of '0': three times faster.
    total = sum(map(operator.mul, digits.encode(), _WEIGHTS)) - _ZEROS
    check = 11 - total % 11
    return None if check == 10 else check % 11


def _mod10(digits: str) -> int:
    """The modulus-10 (Luhn) check digit of nine digits, as CHI uses it."""
    total = 0
    for i, d in enumerate(digits):
        n = int(d) * (2 - i % 2)  # the first, third, ... ninth are doubled
        total += n - 9 if n > 9 else n
    return -total % 10


# Ten digits as 3-3-4 with one kind of separator (or none), or as CHI's
# DDMMYY NNNN.  Spaces include the no-break spaces of text copied from
# letters and web pages.
_TEN_DIGITS = (
    r'[0-9]{3}(?P<sep>[ \u00a0\u202f-]?)[0-9]{3}(?P=sep)[0-9]{4}'
    r'|[0-9]{6}[ \u00a0\u202f-][0-9]{4}'
)
_TEN_DIGITS_RE = re.compile(_TEN_DIGITS)
_SEPARATORS = re.compile(r'[ \u00a0\u202f-]')


def _ten_digits(value: str) -> str | None:
    if _TEN_DIGITS_RE.fullmatch(value) is None:
        return None
    return _SEPARATORS.sub('', value)


def _mod11_ok(digits: str) -> bool:
    return _mod11(digits[:9]) == int(digits[9])


def _date_ok(ddmmyy: str) -> bool:
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    if not 1 <= month <= 12:
        return False
    if month == 2:
        # The century is unknown; 00 is 2000, a leap year.
        return 1 <= day <= (29 if year % 4 == 0 else 28)
    return 1 <= day <= (30 if month in (4, 6, 9, 11) else 31)


def nhs_number_is_valid(digits: str) -> bool:
    """Ten digits (3-3-4 spaces or hyphens allowed) with a correct check digit.

    Says nothing about the range: test numbers (999...) are valid too.
    """
    d = _ten_digits(digits)
    return d is not None and _mod11_ok(d)


def chi_is_valid(digits: str, *, mod10: bool = True) -> bool:
    """A CHI number: DDMMYY a real date, then modulus-11 or modulus-10 check.

    CHI numbers with a modulus-10 check digit are issued from late 2025 once
    a date's modulus-11 numbers run out; `mod10=False` gives the old rule.
    """
    d = _ten_digits(digits)
    return d is not None and _chi_ok(d, _mod11_ok(d), mod10)


def _chi_ok(digits: str, mod11_ok: bool, mod10: bool) -> bool:
    return _date_ok(digits[:6]) and (
        mod11_ok or (mod10 and _mod10(digits[:9]) == int(digits[9]))
    )


def hc_is_valid(digits: str) -> bool:
    """A Northern Ireland H&C number: 320-399, then a modulus-11 check digit."""
    d = _ten_digits(digits)
    return d is not None and 320 <= int(d[:3]) <= 399 and _mod11_ok(d)


_NINO_SHAPE = re.compile(r'([A-Z]{2}) ?([0-9]{2}) ?([0-9]{2}) ?([0-9]{2}) ?([A-D])')
# HMRC NIM39110: D F I Q U V are never either prefix letter, O never the
# second; these pairs are never allocated, and the last five are
# administrative reference prefixes, not National Insurance numbers.
_NINO_BAD_PREFIXES = frozenset(
    'BG GB KN NK NT TN ZZ OO CR FY MW NC'.split(),
)


def _nino_prefix_ok(prefix: str) -> bool:
    return (
        prefix[0] not in 'DFIQUV' and prefix[1] not in 'DFIQUVO'
        and prefix not in _NINO_BAD_PREFIXES
    )


def ni_is_valid(value: str) -> bool:
    """A National Insurance number: prefix rules, six digits, suffix A-D.

    Upper case, with or without single spaces (`AB 12 34 56 C`).
    """
    m = _NINO_SHAPE.fullmatch(value)
    return m is not None and _nino_prefix_ok(m[1])


# What is not a finding

def _placeholder(digits: str) -> bool:
    """Repdigits (which all pass modulus 11) and runs such as 123456789."""
    return (
        digits == digits[0] * len(digits)
        or digits in '01234567890123456789' or digits in '98765432109876543210'
    )


def _classify(digits: str, mod10: bool) -> tuple[str, bool] | None:
    """(kind, in an issued range) for ten digits that look issued, else None."""
    # Numbers beginning with 9 are never issued: 999 is reserved for test
    # data, NHS England's test environments use the rest, and so do the
    # documented examples (987 654 4321, 943 476 5919).
    if digits[0] == '9' or _placeholder(digits[:9]):
        return None
    mod11_ok = _mod11_ok(digits)
    if mod11_ok:
        prefix = int(digits[:3])
        if 400 <= prefix <= 499 or 600 <= prefix <= 799:
            return NHS, True
        if 320 <= prefix <= 399:
            return HC, True
    if _chi_ok(digits, mod11_ok, mod10):
        return CHI, True
    return (NHS, False) if mod11_ok else None


# Where to look

# Fixed widths and a lookbehind of one character: each position costs a
# bounded amount of work, so a scan is linear in the text.
_NUMBER = re.compile(f'(?<![0-9A-Za-z])(?:{_TEN_DIGITS})(?![0-9A-Za-z])')
_NINO = re.compile(
    r'(?<![0-9A-Za-z])[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?: ?[A-Da-d])?'
    r'(?![0-9A-Za-z])',
)
# Words that make a number near them an identifier.  A specific word names
# the identifier; a general one only says the text is about people, so a
# word on the number's own line saying it is something else (a telephone
# number, a clinical code, a time) outweighs it.
_HEALTH_SPECIFIC = (
    r'(?<!\.)nhs[ _-]?(?:no|num|id|#)'
    r'|(?<![a-z])chi(?:[ _-]?(?:no|num|id)|(?![a-z]|2|[ _-]?sq))'
    r'|community[ _-]?health[ _-]?index'
    r'|(?<![a-z])h ?& ?c(?![a-z])|(?<![a-z])hc[ _-]?n(?:o|um)|(?<![a-z])hcn(?![a-z_])'
    r'|health[ _-]?(?:and|&)[ _-]?care[ _-]?(?:no|num)'
)
# Not the nhs of nhs.uk; dates of birth, names and hospital numbers come
# with identifiers in records about people.
_HEALTH_GENERAL = (
    r'(?<!\.)nhs(?!\.)|patient|(?<![a-z])dob(?![a-z])|birth|surname|forename'
    r'|(?<![a-z])mrn(?![a-z])|hospital[ _-]?(?:no|num)'
)
_NI_SPECIFIC = (
    r'national[ _-]?insurance|(?<![a-z])ni(?:n|no)?(?![a-z])'
    r'|(?<![a-z])ni[ _-]?(?:no|num)'
)
_SOMETHING_ELSE = (
    r'(?<![a-z])(?:tel|fax|mob)(?![a-z])|telephone|phone|mobile'
    r'|snomed|(?<![a-z])(?:sct|code|loinc|ctv3|concept[ _-]?id)(?![a-z])|icd[ _-]?[0-9]'
)
# Unix times from 2001 to 2033 begin with 1, as CHI numbers of the 10th to
# the 19th of a month do.
_TIME = (
    r'time|epoch|(?<![a-z])(?:ts|unix)(?![a-z])|_at(?![a-z])'
    r'|created|updated|modified|expir'
)
# A country code or (0) just before the number makes it a telephone number.
_PHONE_PREFIX = re.compile(r'(?:\+[0-9]{1,3}[ .-]?(?:\(0\)[ -]?)?|\(0\)[ -]?)\Z')
# The first line of a table: columns separated by a delimiter or by runs of
# spaces (a printed data frame), or the name of a single column.
_TABLE_HEADER = re.compile(r'[,\t|;]|\S {2,}\S|\A\s*[A-Za-z_][\w-]*\s*\Z')
_BLANK_LINES = re.compile(r'\n(?:[ \t\r]*\n)+')

# The context window around a number, in characters: before it (across
# lines, for a key a line or two above) and after it (on its own line).
BEFORE, AFTER = 80, 40


def _any_word(words: str, first: str, keywords: tuple[str, ...] = ()) -> re.Pattern[str]:
    """WORDS (a regex whose matches start with one of FIRST) or KEYWORDS.

    The leading class of first letters lets the regex engine skip quickly
    over text that cannot start a word: eight times faster than without.
    """
    pattern = words + ''.join(f'|{re.escape(k)}' for k in keywords)
    letters = sorted(set(first).union(k[0] for k in keywords))
    return re.compile(f'(?=[{re.escape("".join(letters))}])(?:{pattern})', re.I)


_SOMETHING_ELSE_RE = _any_word(_SOMETHING_ELSE, 'cfilmpst')
_TIME_RE = _any_word(_TIME, '_cemtu')


class _Words(NamedTuple):
    any: re.Pattern[str]
    specific: re.Pattern[str]


_WORDS: dict[tuple[str, ...], dict[str, _Words]] = {}


def _words(keywords: tuple[str, ...]) -> dict[str, _Words]:
    """The words of each group of kinds; KEYWORDS are specific to all."""
    if keywords not in _WORDS:
        health = _any_word(_HEALTH_SPECIFIC, 'chn', keywords)
        ni = _any_word(_NI_SPECIFIC, 'n', keywords)
        _WORDS[keywords] = {
            'health': _Words(
                _any_word(f'{_HEALTH_SPECIFIC}|{_HEALTH_GENERAL}', 'bcdfhmnps', keywords),
                health,
            ),
            'ni': _Words(ni, ni),
        }
    return _WORDS[keywords]


class _Why(NamedTuple):
    reason: str
    specific: bool  # a word naming the identifier, not just people


class _Cursor:
    """Line numbers and context for positions visited in increasing order.

    Each part of the text is searched a bounded number of times overall, so
    a scan stays linear however many numbers a long line holds.
    """

    def __init__(self, text: str, words: _Words, context: str):
        self.text = text
        self.words = words
        self.given = self._why(context, 'in its column')
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.block_start = 0  # the first line of the current table
        self._header_read = False
        self._header_why: _Why | None = None

    def _why(self, text: str, reason: str = '') -> _Why | None:
        m = self.words.any.search(text)
        if m is None:
            return None
        specific = self.words.specific.search(text)
        return _Why(reason or f'near "{(specific or m)[0]}"', specific is not None)

    def advance(self, start: int) -> None:
        text = self.text
        newlines = text.count('\n', self.pos, start)
        if newlines:
            blank = None
            for blank in _BLANK_LINES.finditer(text, max(self.line_start - 1, 0), start):
                pass
            if blank is not None:
                self.block_start, self._header_read = blank.end(), False
            self.line += newlines
            self.line_start = text.rfind('\n', self.pos, start) + 1
        self.pos = start

    def window(self, start: int, end: int) -> tuple[str, str]:
        """The text around START:END within its block of non-blank lines,
        and the part of that on the number's own line."""
        stop = self.text.find('\n', end, end + AFTER)
        stop = end + AFTER if stop < 0 else stop
        return (
            self.text[max(start - BEFORE, self.block_start):stop],
            self.text[max(start - BEFORE, self.line_start):stop],
        )

    def _header(self) -> _Why | None:
        """Why the header line of the current table gives context, or None."""
        if not self._header_read:
            stop = self.text.find('\n', self.block_start)
            line = self.text[self.block_start:stop if stop >= 0 else len(self.text)]
            why = self._why(line) if _TABLE_HEADER.search(line) else None
            self._header_why = why and why._replace(
                reason=why.reason.replace('near', 'under the heading', 1),
            )
            self._header_read = True
        return self._header_why

    def why(self, window: str) -> _Why | None:
        """Why the number whose window is WINDOW has context, or None."""
        if self.given:
            return self.given
        why = self._why(window)
        if why is None and self.line_start > self.block_start:
            return self._header()
        return why


_DIGITS = frozenset('0123456789')
_SPACES = ' \u00a0\u202f'


def _inside_longer_number(text: str, start: int, end: int) -> bool:
    """Part of a decimal, version, date, range or international telephone
    number, or a signed number."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return (
        (before[-1:] in ('+', '-') and not before[:-1].isalnum())
        or (before[-1:] in ('.', '-', ':', '/') and before[:-1] in _DIGITS)
        or (after[:1] in ('.', '-', ':', '/') and after[1:] in _DIGITS)
        or _PHONE_PREFIX.search(text, max(0, start - 12), start) is not None
    )


def _in_spaced_run(text: str, start: int, end: int) -> bool:
    """One group in a longer run of numbers separated by spaces."""
    return (
        text[max(0, start - 2):start].rstrip(_SPACES)[-1:] in _DIGITS
        or text[end:end + 2].lstrip(_SPACES)[:1] in _DIGITS
    )


def _health_number(
        m: re.Match[str], cursor: _Cursor, kinds: frozenset[str],
        formatted_blocks: bool, mod10: bool,
) -> Identifier | None:
    text, (start, end), value = cursor.text, m.span(), m[0]
    found = _classify(_SEPARATORS.sub('', value), mod10)
    if found is None or found[0] not in kinds:
        return None
    kind, issued = found
    if _inside_longer_number(text, start, end):
        return None
    layout = 'plain' if not m['sep'] else 'hyphenated' if m['sep'] == '-' else 'spaced'
    if layout == 'spaced' and _in_spaced_run(text, start, end):
        layout = 'plain'
    window, own_line = cursor.window(start, end)
    why = cursor.why(window)
    if (why is None or not why.specific) and (
        _SOMETHING_ELSE_RE.search(own_line)
        or (kind == CHI and value[0] == '1' and _TIME_RE.search(own_line))
    ):
        return None

    def found_(severity: str, reason: str) -> Identifier:
        return Identifier(kind, cursor.line, start, end, value, severity, reason)

    if not issued:
        return why and found_(
            'warning', f'check digit valid but outside the issued ranges; {why.reason}',
        )
    if why:
        return found_('error', f'check digit valid; {why.reason}')
    if layout == 'spaced' and kind != CHI:
        return found_(
            'error' if formatted_blocks else 'warning',
            'check digit valid; spaced 3 3 4 as NHS numbers are printed',
        )
    if layout == 'hyphenated' and kind != CHI and value[4] in '01':
        # North American telephone numbers are written NNN-NNN-NNNN too,
        # but their middle group never begins with 0 or 1.
        return found_(
            'error' if formatted_blocks else 'warning',
            'check digit valid; 3-3-4 and not a telephone number',
        )
    if layout != 'plain':
        return found_('warning', f'check digit valid; {layout} but no keyword nearby')
    return None


def _ni_number(
        m: re.Match[str], cursor: _Cursor, formatted_blocks: bool,
) -> Identifier | None:
    value = m[0]
    compact = value.replace(' ', '').upper()
    if (
        not _nino_prefix_ok(compact[:2]) or _placeholder(compact[2:8])
        # In lower case, a word and a number: "on 204518".
        or (value != value.upper() and ' ' in value)
    ):
        return None
    start, end = m.span()
    window, own_line = cursor.window(start, end)
    why = cursor.why(window)
    if why is None and _SOMETHING_ELSE_RE.search(own_line):
        return None  # a product code, say

    def found_(severity: str, reason: str) -> Identifier:
        return Identifier(NI, cursor.line, start, end, value, severity, reason)

    if why:
        return found_('error', f'valid prefix; {why.reason}')
    if len(compact) < 9 or value != value.upper():
        return None  # without a keyword, only the full number in capitals
    if value.count(' ') == 4:
        return found_(
            'error' if formatted_blocks else 'warning',
            'valid prefix and suffix; spaced as National Insurance numbers are',
        )
    return found_('warning', 'valid prefix and suffix; no keyword nearby')


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add the personal-data options to the hook's PARSER.

    Through `config.parse_args` each is also a key of the hook's table in
    pyproject.toml: `personal-data-skip = ["ni-number"]`,
    `personal-data-keyword = ["mrn"]`, `personal-data-layout-warns = true`.
    """
    parser.add_argument(
        '--personal-data-skip', action='append', default=[], metavar='KIND',
        help=f'do not look for KIND ({", ".join(KINDS)}); repeatable',
    )
    parser.add_argument(
        '--personal-data-keyword', action='append', default=[], metavar='WORD',
        help=(
            'a further word (such as a column name of your own) that marks a '
            'number near it as a personal identifier; repeatable'
        ),
    )
    parser.add_argument(
        '--personal-data-layout-warns', action='store_true',
        help=(
            'spaced NHS, H&C and National Insurance numbers with no keyword '
            'near them warn instead of blocking'
        ),
    )


def options(args: argparse.Namespace) -> dict[str, Any]:
    """The `find_identifiers` keyword arguments the parsed ARGS ask for.

    ValueError says in one line which kind is unknown.
    """
    unknown = sorted(set(args.personal_data_skip) - set(KINDS))
    if unknown:
        raise ValueError(
            f'unknown personal-data kind {", ".join(map(repr, unknown))}; '
            f'the kinds are {", ".join(KINDS)}',
        )
    return {
        'kinds': tuple(k for k in KINDS if k not in args.personal_data_skip),
        'formatted_blocks': not args.personal_data_layout_warns,
        'keywords': tuple(args.personal_data_keyword),
    }


def find_identifiers(
        text: str,
        *,
        context: str = '',
        kinds: Iterable[str] = KINDS,
        formatted_blocks: bool = True,
        chi_mod10: bool = True,
        keywords: Iterable[str] = (),
) -> list[Identifier]:
    """NHS, CHI, H&C and National Insurance numbers in TEXT, in order.

    CONTEXT is what the caller knows applies to all of TEXT, such as the
    heading of the column it came from: a keyword in it counts as context for
    every number.  KINDS limits the search; FORMATTED_BLOCKS=False makes the
    numbers found by their layout alone warnings instead of errors;
    CHI_MOD10=False accepts only the older modulus-11 CHI numbers; KEYWORDS
    are further words that count as context (a team's own column names).

    Pass whole files or cells, not single lines: a keyword a line above and
    the heading of a table count as context too.  The scan is linear in the
    length of TEXT.
    """
    kinds = frozenset(kinds)
    if kinds - set(KINDS):
        raise ValueError(f'unknown kinds: {", ".join(sorted(kinds - set(KINDS)))}')
    words = _words(tuple(k for k in keywords if k.strip()))
    found: list[Identifier] = []
    if kinds & _HEALTH_KINDS:
        cursor = _Cursor(text, words['health'], context)
        for m in _NUMBER.finditer(text):
            cursor.advance(m.start())
            identifier = _health_number(m, cursor, kinds, formatted_blocks, chi_mod10)
            if identifier:
                found.append(identifier)
    if NI in kinds:
        cursor = _Cursor(text, words['ni'], context)
        for m in _NINO.finditer(text):
            cursor.advance(m.start())
            identifier = _ni_number(m, cursor, formatted_blocks)
            if identifier:
                found.append(identifier)
    found.sort(key=lambda i: i.start)
    return found
