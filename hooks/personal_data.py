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

import re
from collections.abc import Iterable
from typing import NamedTuple

NHS, CHI, HC, NI = 'nhs-number', 'chi-number', 'hc-number', 'ni-number'
KINDS = (NHS, CHI, HC, NI)
HEALTH_KINDS = frozenset((NHS, CHI, HC))


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

def _mod11(digits: str) -> int | None:
    """The modulus-11 check digit of nine digits; None when none exists."""
    total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1)))
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
# DDMMYY NNNN.
_TEN_DIGITS = r'[0-9]{3}(?P<sep>[ -]?)[0-9]{3}(?P=sep)[0-9]{4}|[0-9]{6}[ -][0-9]{4}'
_SEPARATORS = re.compile(r'[ -]')


def _ten_digits(value: str) -> str | None:
    if re.fullmatch(_TEN_DIGITS, value) is None:
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
    return d is not None and _date_ok(d[:6]) and (
        _mod11_ok(d) or (mod10 and _mod10(d[:9]) == int(d[9]))
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

# Published examples: the NHS Data Dictionary's 3-3-4 example and the
# worked check-digit example found in every description of the algorithm.
DOCUMENTED_EXAMPLES = frozenset(('9876544321', '9434765919'))


def _placeholder(digits: str) -> bool:
    """Repdigits (which all pass modulus 11) and runs such as 123456789."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(digits, digits[1:])}
    return len(steps) == 1 and steps <= {0, 1, 9}


def _classify(digits: str, mod10: bool) -> tuple[str, bool] | None:
    """(kind, in an issued range) for ten digits that look issued, else None."""
    if (
        digits.startswith('999')  # reserved for testing, never issued
        or digits in DOCUMENTED_EXAMPLES or _placeholder(digits[:9])
    ):
        return None
    prefix = int(digits[:3])
    mod11_ok = _mod11_ok(digits)
    if mod11_ok and (400 <= prefix <= 499 or 600 <= prefix <= 799):
        return NHS, True
    if mod11_ok and 320 <= prefix <= 399:
        return HC, True
    if chi_is_valid(digits, mod10=mod10):
        return CHI, True
    if mod11_ok:
        return NHS, False
    return None


# Where to look

# Fixed widths and a lookbehind of one character: each position costs a
# bounded amount of work, so a scan is linear in the text.
_NUMBER = re.compile(f'(?<![0-9A-Za-z])(?:{_TEN_DIGITS})(?![0-9A-Za-z])')
_NINO = re.compile(
    r'(?<![0-9A-Za-z])[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?: ?[A-Da-d])?'
    r'(?![0-9A-Za-z])',
)
_HEALTH_WORDS = (
    r'nhs|patient|(?<![a-z])chi(?![a-z]|2|[ _-]?sq)'
    r'|community[ _-]?health[ _-]?index'
    r'|(?<![a-z])h ?& ?c(?![a-z])|(?<![a-z])hcn?(?![a-z])'
    r'|health[ _-]?(?:and|&)[ _-]?care[ _-]?(?:no|num)'
)
_NI_WORDS = (
    r'national[ _-]?insurance|(?<![a-z])nino(?![a-z])|(?<![a-z])nin(?![a-z])'
    r'|(?<![a-z])ni[ _-]?(?:no|num)'
)
_PHONE_WORDS = re.compile(
    r'(?<![a-z])(?:tel|fax|mob)(?![a-z])|telephone|phone|mobile', re.I,
)
# A country code or (0) just before the number makes it a telephone number.
_PHONE_PREFIX = re.compile(r'(?:\+[0-9]{1,3}[ .-]?(?:\(0\)[ -]?)?|\(0\)[ -]?)\Z')
# The first line of a table: columns separated by a delimiter or by runs of
# spaces (a printed data frame).
_TABLE_HEADER = re.compile(r'[,\t|;]|\S {2,}\S')
_BLANK_LINES = re.compile(r'\n(?:[ \t\r]*\n)+')

# The context window around a number, in characters: before it (across
# lines, for a key a line or two above) and after it (on its own line).
BEFORE, AFTER = 80, 40

_WORDS: dict[tuple[str, ...], dict[str, re.Pattern[str]]] = {}


def _words(keywords: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    if keywords not in _WORDS:
        extra = ''.join(f'|{re.escape(k)}' for k in keywords)
        _WORDS[keywords] = {
            'health': re.compile(_HEALTH_WORDS + extra, re.I),
            'ni': re.compile(_NI_WORDS + extra, re.I),
        }
    return _WORDS[keywords]


class _Cursor:
    """Line numbers and context for positions visited in increasing order.

    Each part of the text is searched a bounded number of times overall, so
    a scan stays linear however many numbers a long line holds.
    """

    def __init__(self, text: str, words: re.Pattern[str], context: str):
        self.text = text
        self.words = words
        self.given = words.search(context) is not None
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.block_start = 0  # the first line of the current table
        self._header_why: str | None = None

    def advance(self, start: int) -> None:
        text = self.text
        newlines = text.count('\n', self.pos, start)
        if newlines:
            blank = None
            for blank in _BLANK_LINES.finditer(text, max(self.line_start - 1, 0), start):
                pass
            if blank is not None:
                self.block_start, self._header_why = blank.end(), None
            self.line += newlines
            self.line_start = text.rfind('\n', self.pos, start) + 1
        self.pos = start

    def window(self, start: int, end: int) -> str:
        """The text around START:END, within its block of non-blank lines."""
        stop = self.text.find('\n', end, end + AFTER)
        return self.text[
            max(start - BEFORE, self.block_start):end + AFTER if stop < 0 else stop
        ]

    def _header(self) -> str:
        """Why the header line of the current table gives context, or ''."""
        if self._header_why is None:
            stop = self.text.find('\n', self.block_start)
            line = self.text[self.block_start:stop if stop >= 0 else len(self.text)]
            m = self.words.search(line) if _TABLE_HEADER.search(line) else None
            self._header_why = f'under the heading "{m[0]}"' if m else ''
        return self._header_why

    def why(self, start: int, end: int) -> str | None:
        """Why the number at START:END has context, or None."""
        if self.given:
            return 'in its column'
        m = self.words.search(self.window(start, end))
        if m:
            return f'near "{m[0]}"'
        if self.line_start > self.block_start:
            return self._header() or None
        return None


_DIGITS = frozenset('0123456789')


def _inside_longer_number(text: str, start: int, end: int) -> bool:
    """Part of a decimal, version, date, range or international number."""
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    return (
        (len(before) == 2 and before[1] in '.-:/' and before[0] in _DIGITS)
        or (len(after) == 2 and after[0] in '.-:/' and after[1] in _DIGITS)
        or _PHONE_PREFIX.search(text, max(0, start - 12), start) is not None
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
    layout = {' ': 'spaced', '-': 'hyphenated'}.get(m['sep'] or '', 'plain')
    if layout == 'spaced' and (
        text[start - 2:start].rstrip(' ')[-1:] in _DIGITS - {''}
        or text[end:end + 2].lstrip(' ')[:1] in _DIGITS
    ):
        layout = 'plain'  # one group in a longer run of spaced numbers
    why = cursor.why(start, end)
    if why is None and _PHONE_WORDS.search(cursor.window(start, end)):
        return None

    def found_(severity: str, reason: str) -> Identifier:
        return Identifier(kind, cursor.line, start, end, value, severity, reason)

    if not issued:
        return why and found_('warning', f'check digit valid but outside the issued ranges; {why}')
    if why:
        return found_('error', f'check digit valid; {why}')
    if layout == 'spaced' and kind != CHI:
        return found_(
            'error' if formatted_blocks else 'warning',
            'check digit valid; spaced 3 3 4 as NHS numbers are printed',
        )
    if layout != 'plain':
        return found_('warning', f'check digit valid; {layout} but no keyword nearby')
    return None


def _ni_number(
        m: re.Match[str], cursor: _Cursor, formatted_blocks: bool,
) -> Identifier | None:
    value = m[0]
    compact = value.replace(' ', '').upper()
    if not _nino_prefix_ok(compact[:2]) or _placeholder(compact[2:8]):
        return None
    start, end = m.span()
    why = cursor.why(start, end)

    def found_(severity: str, reason: str) -> Identifier:
        return Identifier(NI, cursor.line, start, end, value, severity, reason)

    if why:
        return found_('error', f'valid prefix; {why}')
    if len(compact) < 9 or value != value.upper():
        return None
    if value.count(' ') == 4:
        return found_(
            'error' if formatted_blocks else 'warning',
            'valid prefix and suffix; spaced as National Insurance numbers are',
        )
    return found_('warning', 'valid prefix and suffix; no keyword nearby')


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
    """
    kinds = frozenset(kinds)
    if kinds - set(KINDS):
        raise ValueError(f'unknown kinds: {", ".join(sorted(kinds - set(KINDS)))}')
    words = _words(tuple(keywords))
    found: list[Identifier] = []
    if kinds & HEALTH_KINDS:
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
