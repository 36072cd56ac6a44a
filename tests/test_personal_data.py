"""UK personal identifiers: validation rules and where they count as findings.

Every valid number here is built at run time from its check-digit algorithm,
so no literal in the repository is a number anyone could have been issued.
"""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from nhs_open_source_hooks.personal_data import KINDS
from nhs_open_source_hooks.personal_data import chi_is_valid
from nhs_open_source_hooks.personal_data import find_identifiers
from nhs_open_source_hooks.personal_data import hc_is_valid
from nhs_open_source_hooks.personal_data import ni_is_valid
from nhs_open_source_hooks.personal_data import nhs_number_is_valid


def mod11(nine: str) -> str | None:
    """NINE plus its modulus-11 check digit; None when it has none."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1)))
    check = 11 - total % 11
    return None if check == 10 else nine + str(check % 11)


def mod10(nine: str) -> str:
    """NINE plus its modulus-10 (Luhn) check digit."""
    total = 0
    for i, d in enumerate(nine):
        n = int(d) * (2 - i % 2)
        total += n - 9 if n > 9 else n
    return nine + str(-total % 10)


def first_valid(start: int, *, check=mod11, other=None) -> str:
    """The first ten-digit number from the nine digits START up with CHECK
    (and, when OTHER is given, failing OTHER's check)."""
    for n in range(start, start + 1000):
        nine = f'{n:09d}'
        number = check(nine)
        if number and (other is None or other(nine) != number):
            return number
    raise AssertionError('unreachable: one in eleven has a check digit')


def wrong_check(number: str) -> str:
    return number[:9] + str((int(number[9]) + 1) % 10)


def spaced(d: str, sep: str = ' ') -> str:
    return f'{d[:3]}{sep}{d[3:6]}{sep}{d[6:]}'


NHS = first_valid(485_777_300)  # issued range 400-499
NHS6 = first_valid(712_345_100)  # issued range 600-799
HC = first_valid(352_468_000)  # Northern Ireland 320-399
CHI = first_valid(150_372_180)  # born 15 March 1972
CHI10 = first_valid(230_891_400, check=mod10, other=mod11)  # modulus 10 only
TEST = first_valid(999_123_450)  # the test range
OUT = first_valid(512_345_600)  # checksum valid, never issued
BAD_CHI = next(  # fails both CHI checks
    CHI[:9] + d for d in '0123456789' if d not in (CHI[9], mod10(CHI[:9])[9])
)
NO_CHECK = next(  # nine digits whose modulus-11 check would be 10
    f'{n:09d}' for n in range(485_777_300, 485_778_000) if mod11(f'{n:09d}') is None
)


def nino(prefix: str = 'JG', digits: str = '103759', suffix: str = 'A', sep: str = '') -> str:
    return sep.join((prefix, digits[:2], digits[2:4], digits[4:], suffix))


NI = nino()
NI_SPACED = nino(sep=' ')


# Validation helpers

@pytest.mark.parametrize(('value', 'expected'), (
    (NHS, True),
    (NHS6, True),
    (spaced(NHS), True),
    (spaced(NHS, '-'), True),
    (TEST, True),  # valid, only never issued
    ('943 476 5919', True),  # the documented worked example
    (wrong_check(NHS), False),
    (NO_CHECK + '0', False),
    (NO_CHECK + '1', False),
    (NHS[:9], False),
    (NHS + '1', False),
    (f'{NHS[:3]} {NHS[3:6]}-{NHS[6:]}', False),  # mixed separators
    (f'{NHS[:4]} {NHS[4:]}', False),
    (NHS[:5] + 'x' + NHS[6:], False),
    ('', False),
))
def test_nhs_number_is_valid(value, expected):
    assert nhs_number_is_valid(value) is expected


def test_every_check_digit_is_checked():
    for digit in '0123456789':
        assert nhs_number_is_valid(NHS[:9] + digit) is (digit == NHS[9])


@pytest.mark.parametrize(('value', 'expected'), (
    (CHI, True),
    (CHI10, True),
    (f'{CHI[:6]} {CHI[6:]}', True),
    (BAD_CHI, False),
    (first_valid(290_204_120), True),  # 29 February in a leap year
    (first_valid(290_200_120), True),  # 2000 was one too
    (first_valid(290_203_120), False),  # not a leap year
    (first_valid(310_472_120), False),  # 31 April
    (first_valid(311_272_120), True),
    (first_valid(321_272_120), False),  # day 32
    (first_valid(1_172_120), False),  # day 0
    (first_valid(151_372_120), False),  # month 13
    (first_valid(150_072_120), False),  # month 0
    (CHI[:9], False),
))
def test_chi_is_valid(value, expected):
    assert chi_is_valid(value) is expected


def test_chi_modulus_10_can_be_turned_off():
    assert chi_is_valid(CHI10)
    assert not chi_is_valid(CHI10, mod10=False)
    assert chi_is_valid(CHI, mod10=False)


@pytest.mark.parametrize(('value', 'expected'), (
    (HC, True),
    (spaced(HC), True),
    (first_valid(320_000_000), True),
    (first_valid(399_999_000), True),
    (first_valid(319_999_000), False),
    (first_valid(400_000_000), False),
    (wrong_check(HC), False),
))
def test_hc_is_valid(value, expected):
    assert hc_is_valid(value) is expected


@pytest.mark.parametrize(('value', 'expected'), (
    (NI, True),
    (NI_SPACED, True),
    (nino(suffix='D'), True),
    (nino(prefix='AB'), True),
    (nino(prefix='TA'), True),  # T first is fine; only TN is never allocated
    (nino(suffix='E'), False),
    (nino(suffix=''), False),
    (NI.lower(), False),
    (nino(digits='10375'), False),
    *((nino(prefix=bad + 'A'), False) for bad in 'DFIQUV'),
    *((nino(prefix='A' + bad), False) for bad in 'DFIQUVO'),
    *((nino(prefix=bad), False) for bad in ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ')),
    (nino(prefix='OA'), True),  # O is only barred second
    ('QQ 12 34 56 C', False),  # HMRC's own example
))
def test_ni_is_valid(value, expected):
    assert ni_is_valid(value) is expected


# find_identifiers: what is found, and how sure

def found(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(i.kind, i.severity) for i in find_identifiers(text, **kwargs)]


E, W = 'error', 'warning'


@pytest.mark.parametrize(('text', 'expected'), (
    # Plain digits need context: a keyword near them.
    (f'nhs_number = "{NHS}"', [('nhs-number', E)]),
    (f'NHS No: {NHS6}', [('nhs-number', E)]),
    (f'patient_id: {NHS}', [('nhs-number', E)]),
    (f'{{"nhsNumber": {NHS}}}', [('nhs-number', E)]),
    (f'patient:\n  id: {NHS}\n', [('nhs-number', E)]),
    (f'{NHS}  # the NHS number', [('nhs-number', E)]),
    (f'CHI: {CHI}', [('chi-number', E)]),
    (f'chi_number,{CHI10}', [('chi-number', E)]),
    (f'CHI {CHI[:6]} {CHI[6:]}', [('chi-number', E)]),
    (f'H&C number {HC}', [('hc-number', E)]),
    (f'hcn={HC}', [('hc-number', E)]),
    (f'id = {NHS}', []),
    (f'total = {CHI}', []),
    (f'x = {HC}', []),
    (f'chi-squared = {CHI}', []),
    (f'machine {CHI}', []),
    # The spaced 3 3 4 layout NHS numbers are printed in blocks on its own.
    (f'x = "{spaced(NHS)}"', [('nhs-number', E)]),
    (f'x = "{spaced(HC)}"', [('hc-number', E)]),
    # Hyphens are also how US telephone numbers are written: a warning.
    (f'x = "{spaced(NHS, "-")}"', [('nhs-number', W)]),
    (f'nhs: {spaced(NHS, "-")}', [('nhs-number', E)]),
    # CHI numbers are not printed 3 3 4: only a warning without a keyword.
    (f'x = "{spaced(CHI)}"', [('chi-number', W)]),
    # Checksum valid, not in an issued range: a warning, with context only.
    (f'nhs number {OUT}', [('nhs-number', W)]),
    (f'x = {spaced(OUT)}', []),
    # Not findings.
    (f'nhs number {wrong_check(NHS)}', []),
    (f'nhs number {TEST}', []),
    (f'nhs number {spaced(TEST)}', []),
    ('nhs number 943 476 5919', []),
    ('nhs number 9434765919', []),
    ('nhs number 987 654 4321', []),
    *((f'nhs number {d * 10}', []) for d in '0123456789'),
    *((f'NHS number {spaced(d * 10)}', []) for d in '4567'),
    ('nhs number 1234567890', []),
    ('nhs number 0123456789', []),
    ('nhs number 9876543210', []),
    ('nhs number 4567890123', []),
    # National Insurance numbers.
    (f'x = "{NI_SPACED}"', [('ni-number', E)]),
    (f'x = "{NI}"', [('ni-number', W)]),
    (f'NI number: {NI}', [('ni-number', E)]),
    (f'national_insurance = "{NI.lower()}"', [('ni-number', E)]),
    (f'nino: {NI[:8]}', [('ni-number', E)]),
    (f'x = "{NI.lower()}"', []),
    (f'x = "{NI[:8]}"', []),
    (f'NI number: {nino(suffix="E")}', []),
    ('NI number: AB 12 34 56 C', []),  # sequence: an example
    ('NI number: QQ 12 34 56 C', []),
    (f'NI number: {nino(digits="000000")}', []),
    *((f'NI number: {nino(prefix=p)}', []) for p in ('GB', 'DA', 'AO', 'ZZ', 'MW')),
))
def test_find_identifiers(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize('text', (
    # Inside longer runs of digits or letters.
    f'1{NHS}', f'{NHS}1', f'a{NHS}', f'{NHS}a', f'x{spaced(NHS)}',
    f'deadbeef{NHS}cafe', f'sha = "{NHS}{NHS}"', f'0x{NHS}',
    f'AB{NI}', f'{NI}1', f'X{NI_SPACED}',
    # Decimals, versions, timestamps, dates, ranges.
    f'0.{NHS}', f'{NHS}.5', f'v1.{NHS}', f'1.2.{NHS}', f'{NHS}.123456',
    f'2024-01-01-{NHS}', f'12:{NHS}', f'{NHS}-12', f'2024/{NHS}',
    # Telephone numbers: country codes, (0), the words.
    f'+44 {spaced(NHS)}', f'+44{NHS}', f'+44-{spaced(NHS, "-")}', f'+1 {spaced(NHS6, "-")}',
    f'1-{spaced(NHS6, "-")}', f'+44 (0) {spaced(NHS)}', f'(0){NHS}',
    f'tel: {spaced(NHS)}', f'Phone {spaced(NHS6, "-")}', f'mobile: {spaced(NHS)}',
    f'fax {spaced(NHS)}',
    # A group in a longer run of spaced numbers.
    f'0044 {spaced(NHS)}', f'{spaced(NHS)} 12', f'12 34 {spaced(NHS)}',
    # Look-alikes: UUIDs, hex, sort codes, account numbers, dates.
    f'{NHS[:8]}-{NHS[8:]}ab-4def-8abc-{NHS}ab',
    '123e4567-e89b-12d3-a456-426614174000',
    'sort code 12-34-56 account 12345678',
    'dated 2024-03-15 12:34:56',
))
def test_look_alikes_are_not_findings(text):
    assert found(text) == []


def test_context_from_the_caller():
    assert found(NHS) == []
    assert found(NHS, context='nhs_number') == [('nhs-number', E)]
    assert found(NHS, context='Patient') == [('nhs-number', E)]
    assert found(CHI, context='CHI') == [('chi-number', E)]
    assert found(NI.lower(), context='NINO') == [('ni-number', E)]
    assert found(NHS, context='id') == []
    # Health context does not make a National Insurance number, nor back.
    assert found(NI.lower(), context='nhs_number') == []
    assert found(NHS, context='ni_number') == []


def test_extra_keywords():
    assert found(f'mrn {NHS}') == []
    assert found(f'mrn {NHS}', keywords=['MRN']) == [('nhs-number', E)]
    assert found(NHS, context='client_ref', keywords=['client_ref']) == [('nhs-number', E)]


def test_kinds_limit_the_search():
    text = f'patient {NHS} {CHI} {HC}\nnino {NI}'
    assert [k for k, _ in found(text)] == ['nhs-number', 'chi-number', 'hc-number', 'ni-number']
    assert found(text, kinds=['ni-number']) == [('ni-number', E)]
    assert found(text, kinds=['chi-number', 'hc-number']) == [('chi-number', E), ('hc-number', E)]
    assert found(text, kinds=[]) == []
    with pytest.raises(ValueError, match='unknown kinds: passport'):
        found(text, kinds=['passport'])


def test_formatted_numbers_can_warn_instead():
    text = f'{spaced(NHS)} {NI_SPACED}'
    assert found(text) == [('nhs-number', E), ('ni-number', E)]
    assert found(text, formatted_blocks=False) == [('nhs-number', W), ('ni-number', W)]
    assert found(f'nhs {spaced(NHS)}', formatted_blocks=False) == [('nhs-number', E)]


def test_chi_modulus_10_option():
    assert found(f'chi {CHI10}') == [('chi-number', E)]
    assert found(f'chi {CHI10}', chi_mod10=False) == []


def test_positions_lines_and_values():
    text = f'first line\nnhs: {NHS}\r\n\npatient {spaced(NHS6)} and {NI_SPACED}\n'
    ids = find_identifiers(text)
    assert [(i.kind, i.line) for i in ids] == [
        ('nhs-number', 2), ('nhs-number', 4), ('ni-number', 4),
    ]
    for i in ids:
        assert text[i.start:i.end] == i.value
        assert i.reason and i.value not in i.reason


def test_table_heading_gives_context():
    rows = ''.join(f'{n:<4}{"x" * 60}  {NHS if n == 40 else n}\n' for n in range(50))
    table = f'     name{" " * 57}nhs_number\n{rows}'
    ids = find_identifiers(table)
    assert [(i.kind, i.line, i.severity) for i in ids] == [('nhs-number', 42, E)]
    assert 'heading' in ids[0].reason
    # A blank line ends the table; a heading without columns is prose.
    assert found(f'{table}\n{"x" * 90} {NHS}\n') == [('nhs-number', E)]
    assert found(f'nhs notes\n{"x" * 90}\n{NHS}\n') == []


def test_keyword_window_is_short_and_stays_in_its_block():
    assert found(f'nhs {"x" * 100} {NHS}') == []
    assert found(f'{NHS} {"x" * 50} nhs') == []
    assert found(f'nhs\n\n{NHS}') == []
    assert found(f'nhs\n{NHS}') == [('nhs-number', E)]


def test_every_line_of_a_data_column():
    column = '\n'.join([NHS, NHS6, TEST, wrong_check(NHS), '', 'n/a', CHI])
    ids = find_identifiers(column, context='NHS_NUMBER')
    assert [(i.kind, i.line) for i in ids] == [
        ('nhs-number', 1), ('nhs-number', 2), ('chi-number', 7),
    ]


def test_import_is_light():
    code = (
        'import sys; before = set(sys.modules); '
        'import nhs_open_source_hooks.personal_data; '
        'print(" ".join(sorted(set(sys.modules) - before)))'
    )
    out = subprocess.run(
        (sys.executable, '-c', code), capture_output=True, text=True, check=True,
    ).stdout.split()
    third_party = {
        name for name in out
        if name.partition('.')[0] not in sys.stdlib_module_names
    }
    assert third_party == {'nhs_open_source_hooks', 'nhs_open_source_hooks.personal_data'}


ADVERSARIAL = {
    'one long digit run': '7' * 1000,
    'spaced groups': f'{spaced(NHS)} ' * 80,
    'near misses': f'nhs {wrong_check(NHS)} {NHS[:9]} {NHS}1 ' * 25,
    'numbers on one line': f'patient {NHS} ' * 50,
    'letters and digits': f'{NI}{NHS}' * 50,
    'spaced NI numbers': f'{NI_SPACED} ' * 70,
    'blank lines': '\n \n' * 300,
}


@pytest.mark.parametrize('piece', ADVERSARIAL.values(), ids=ADVERSARIAL)
def test_scan_time_is_linear(piece):
    """1 MB takes about twice as long as 0.5 MB (a quadratic scan: 4x)."""
    def best(text: str) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            find_identifiers(text)
            times.append(time.perf_counter() - t)
        return min(times)

    half = (piece * (500_000 // len(piece) + 1))[:500_000]
    whole = (piece * (1_000_000 // len(piece) + 1))[:1_000_000]
    best(half)  # warm up
    assert best(whole) / best(half) < 3


def test_all_kinds_listed():
    assert KINDS == ('nhs-number', 'chi-number', 'hc-number', 'ni-number')
