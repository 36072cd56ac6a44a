# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""UK personal identifiers: validation rules and where they count as findings.

Every valid number here is built at run time from its check-digit algorithm,
so no literal in the repository is a number anyone could have been issued.
"""
from __future__ import annotations

import argparse
import gc
import re
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from nhs_open_source_hooks import config
from nhs_open_source_hooks.personal_data import KINDS
from nhs_open_source_hooks.personal_data import add_options
from nhs_open_source_hooks.personal_data import chi_is_valid
from nhs_open_source_hooks.personal_data import find_identifiers
from nhs_open_source_hooks.personal_data import hc_is_valid
from nhs_open_source_hooks.personal_data import ni_is_valid
from nhs_open_source_hooks.personal_data import nhs_number_is_valid
from nhs_open_source_hooks.personal_data import options


def redacted(value: object) -> str | None:
    """A test id that does not spell out a number: pytest prints ids."""
    return re.sub(r'[0-9]', '#', value) if isinstance(value, str) else None


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
NHS_HYPHENATED = first_valid(485_077_300)  # middle group 0..: no US telephone number
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
), ids=redacted)
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
), ids=redacted)
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
), ids=redacted)
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
    *((nino(prefix=admin), False) for admin in ('OO', 'CR', 'FY', 'MW', 'NC')),
    (nino(prefix='OA'), True),  # O is only barred second
    ('QQ 12 34 56 C', False),  # HMRC's own example
), ids=redacted)
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
    (f'NHS-{NHS}', [('nhs-number', E)]),
    (f'GET /patients/{NHS}', [('nhs-number', E)]),
    (f'letters/patient_{NHS}.pdf', [('nhs-number', E)]),  # _ is no letter
    # A general word ("patient", "NHS") yields to a word on the number's own
    # line that says it is something else; a specific word does not.
    (f'patient mobile: {spaced(NHS)}', []),
    (f'NHS switchboard tel {NHS6}', []),
    (f'nhs_number (from the mobile app): {NHS}', [('nhs-number', E)]),
    (f'patient = {{\n  "phone": "01632 960000",\n  "id": "{NHS}"\n}}', [('nhs-number', E)]),
    (f'{{"subject": "Patient/1", "coding": [{{"code": "{NHS}"}}]}}', []),
    (f'Patient\n  "system": "http://snomed.info/sct",\n  "code": "{NHS}"', []),
    (f'{{"patient_id": 12, "updated_at": {CHI}}}', []),
    (f'patient last seen at unix time {CHI}', []),
    (f'{{"patient_chi": {CHI}, "updated_at": 1}}', [('chi-number', E)]),
    (f'{{"patient_id": 12, "updated_at": {NHS}}}', [('nhs-number', E)]),
    (f'see https://digital.nhs.uk/x/{NHS}', []),
    (f'"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "{NHS}"', [('nhs-number', E)]),
    (f'CHI: {CHI}', [('chi-number', E)]),
    (f'chi_number,{CHI10}', [('chi-number', E)]),
    (f'CHI {CHI[:6]} {CHI[6:]}', [('chi-number', E)]),
    (f'H&C number {HC}', [('hc-number', E)]),
    (f'hc_no={HC}', [('hc-number', E)]),
    (f'HCN: {HC}', [('hc-number', E)]),
    (f'CHINumber: {CHI}', [('chi-number', E)]),
    (f'NHS #{NHS}', [('nhs-number', E)]),
    (f'dob,1970-01-01,{NHS}', [('nhs-number', E)]),
    (f'surname: Doe, ref: {NHS6}', [('nhs-number', E)]),
    (f'MRN {NHS}', [('nhs-number', E)]),
    (f'health and care number {spaced(HC, "-")}', [('hc-number', E)]),
    (f'HCN_E_INVALID = {HC}', []),
    (f'hc = {HC}', []),
    (f'id = {NHS}', []),
    (f'total = {CHI}', []),
    (f'x = {HC}', []),
    (f'chi-squared = {CHI}', []),
    (f'machine {CHI}', []),
    # The spaced 3 3 4 layout NHS numbers are printed in blocks on its own.
    (f'x = "{spaced(NHS)}"', [('nhs-number', E)]),
    (f'x = "{spaced(HC)}"', [('hc-number', E)]),
    (f'x = "{spaced(NHS, chr(0xa0))}"', [('nhs-number', E)]),  # no-break spaces
    (f'x = "{spaced(NHS6, chr(0x202f))}"', [('nhs-number', E)]),
    # Hyphens are also how US telephone numbers are written: a warning,
    # unless the middle group begins with 0 or 1, as no such number does.
    (f'x = "{spaced(NHS, "-")}"', [('nhs-number', W)]),
    (f'x = "{spaced(NHS_HYPHENATED, "-")}"', [('nhs-number', E)]),
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
    (f'nhs number {first_valid(900_000_000)}', []),  # test environments
    (f'nhs number {first_valid(944_930_000)}', []),
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
    (f'NI: {NI}', [('ni-number', E)]),
    (f'national_insurance = "{NI.lower()}"', [('ni-number', E)]),
    (f'nino: {NI[:8]}', [('ni-number', E)]),
    (f'NINO: {NI_SPACED[:11]}', [('ni-number', E)]),
    ('NI number on 204518', []),  # a word and a number
    (f'product code {NI}', []),
    (f'NI number, not the product code: {NI}', [('ni-number', E)]),
    ('national insurance: at 20 45 18 a', []),
    (f'x = "{NI.lower()}"', []),
    (f'x = "{NI[:8]}"', []),
    (f'NI number: {nino(suffix="E")}', []),
    ('NI number: AB 12 34 56 C', []),  # sequence: an example
    ('NI number: QQ 12 34 56 C', []),
    (f'NI number: {nino(digits="000000")}', []),
    *((f'NI number: {nino(prefix=p)}', []) for p in ('GB', 'DA', 'AO', 'ZZ', 'MW')),
), ids=redacted)
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
    # Signed numbers.
    f'patient_delta = -{NHS}', f'nhs +{NHS}', f'-{NHS}',
    # Telephone numbers: country codes, (0), the words.
    f'+44 {spaced(NHS)}', f'+44{NHS}', f'+44-{spaced(NHS, "-")}', f'+1 {spaced(NHS6, "-")}',
    f'1-{spaced(NHS6, "-")}', f'+44 (0) {spaced(NHS)}', f'(0){NHS}',
    f'tel: {spaced(NHS)}', f'Phone {spaced(NHS6, "-")}', f'mobile: {spaced(NHS)}',
    f'fax {spaced(NHS)}',
    # A group in a longer run of spaced numbers.
    f'0044 {spaced(NHS)}', f'{spaced(NHS)} 12', f'12 34 {spaced(NHS)}',
    f'12\u00a0{spaced(NHS, chr(0xa0))}',
    f'Rydberg constant times hc 2.179 {spaced(OUT)} e-18',
    # Look-alikes: UUIDs, hex, sort codes, account numbers, dates.
    f'{NHS[:8]}-{NHS[8:]}ab-4def-8abc-{NHS}ab',
    '123e4567-e89b-12d3-a456-426614174000',
    'sort code 12-34-56 account 12345678',
    'dated 2024-03-15 12:34:56',
), ids=redacted)
def test_look_alikes_are_not_findings(text):
    assert found(text) == []


@pytest.mark.parametrize('word', (
    'nhs', 'NHS number', 'nhs_no', 'NHSNo', 'nhs-id', 'NHS #', 'patient', 'CHI', 'chi_no',
    'ChiNumber', 'Community Health Index', 'H&C', 'h & c', 'hc_no', 'HCN',
    'health and care number', 'DOB', 'date of birth', 'Surname', 'forename', 'MRN',
    'hospital_no', 'Hospital Number',
))
def test_health_keywords(word):
    assert found(f'{word}: {NHS}') == [('nhs-number', E)]
    assert found(f'{word}: {CHI}') == [('chi-number', E)]


@pytest.mark.parametrize('word', (
    'national insurance', 'National_Insurance_Number', 'NI', 'NIN', 'NINO', 'ni_no',
    'NI number', 'NINumber',
))
def test_ni_keywords(word):
    assert found(f'{word}: {NI.lower()}') == [('ni-number', E)]


@pytest.mark.parametrize('word', (
    'tel', 'Tel.', 'telephone', 'phone_number', 'Mobile', 'mob', 'fax', 'SNOMED', 'sct',
    'code', 'LOINC', 'CTV3', 'concept_id', 'ICD10', 'icd-9',
))
def test_words_that_outweigh_a_general_one(word):
    assert found(f'patient {word} {NHS}') == []
    assert found(f'nhs_number {word} {NHS}') == [('nhs-number', E)]


@pytest.mark.parametrize('word', (
    'time', 'timestamp', 'epoch', 'unix', 'ts', 'created', 'updated_at', 'last_modified',
    'expires', 'seen_at',
))
def test_times_outweigh_a_general_word_for_chi_numbers(word):
    assert CHI[0] == '1'
    assert found(f'patient {word} {CHI}') == []
    assert found(f'patient chi {word} {CHI}') == [('chi-number', E)]


@pytest.mark.parametrize(
    'word', ('machine', 'chi-squared', 'chi2', 'chisq', 'nhs.uk', 'nickel', 'mini'),
)
def test_not_keywords(word):
    assert found(f'{word} {NHS}') == []
    assert found(f'{word} {NI.lower()}') == []


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
    assert found(f'urn {NHS}') == []
    assert found(f'urn {NHS}', keywords=['URN']) == [('nhs-number', E)]
    assert found(NHS, context='client_ref', keywords=['client_ref']) == [('nhs-number', E)]
    assert found(f'x {NHS}', keywords=['', ' ']) == []


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
    hyphenated = spaced(NHS_HYPHENATED, '-')
    assert found(hyphenated, formatted_blocks=False) == [('nhs-number', W)]


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


def test_single_column_heading():
    column = 'nhs_number\n' + '\n'.join(['1'] * 30 + [NHS]) + '\n'
    assert found(column) == [('nhs-number', E)]
    assert found(column.replace('nhs_number', 'count')) == []


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
    def seconds(text: str) -> float:
        # CPU time of this process, without the garbage collector: other
        # processes on a busy machine disturb it far less than the clock.
        gc.disable()
        try:
            t = time.process_time()
            find_identifiers(text)
            return time.process_time() - t
        finally:
            gc.enable()

    half = (piece * (500_000 // len(piece) + 1))[:500_000]
    whole = (piece * (1_000_000 // len(piece) + 1))[:1_000_000]
    seconds(half)  # warm up
    # Interleaved, best of three: the least disturbed run of each.
    pairs = [(seconds(half), seconds(whole)) for _ in range(3)]
    assert min(w for _, w in pairs) / min(h for h, _ in pairs) < 3


@pytest.mark.parametrize(('pyproject', 'argv', 'expected'), (
    ('', [], {'kinds': KINDS, 'formatted_blocks': True, 'keywords': ()}),
    (
        '[tool.nhs-open-source.secret-scan]\n'
        'personal-data-skip = ["ni-number", "chi-number"]\n'
        'personal-data-keyword = ["mrn", "client_ref"]\n'
        'personal-data-layout-warns = true\n',
        [],
        {
            'kinds': ('nhs-number', 'hc-number'), 'formatted_blocks': False,
            'keywords': ('mrn', 'client_ref'),
        },
    ),
    (
        '',
        ['--personal-data-skip', 'hc-number', '--personal-data-keyword', 'mrn'],
        {
            'kinds': ('nhs-number', 'chi-number', 'ni-number'),
            'formatted_blocks': True, 'keywords': ('mrn',),
        },
    ),
))
def test_options_from_configuration_and_arguments(tmp_path, pyproject, argv, expected):
    (tmp_path / 'pyproject.toml').write_text(pyproject)
    parser = argparse.ArgumentParser()
    add_options(parser)
    args = config.parse_args(parser, argv, 'secret-scan', str(tmp_path))
    assert options(args) == expected
    find_identifiers(NHS, **options(args))


def test_unknown_kind_is_a_one_line_error():
    parser = argparse.ArgumentParser()
    add_options(parser)
    args = parser.parse_args(['--personal-data-skip', 'passport'])
    with pytest.raises(ValueError) as e:
        options(args)
    assert str(e.value) == (
        "unknown personal-data kind 'passport'; "
        'the kinds are nhs-number, chi-number, hc-number, ni-number'
    )


# Whole files, as a team might commit them.

FILES_WITH_IDENTIFIERS = {
    'python fixture': (
        'PATIENTS = [\n'
        f'    {{"name": "Jane Doe", "nhs_number": "{NHS}", "dob": "1970-01-01"}},\n'
        f'    {{"name": "John Roe", "nhs_number": "{spaced(NHS6)}", "dob": "1981-02-03"}},\n'
        ']\n'
    ),
    'FHIR resource': (
        '{"resourceType": "Patient", "identifier": [{\n'
        '  "system": "https://fhir.nhs.uk/Id/nhs-number",\n'
        f'  "value": "{NHS}"\n'
        '}]}\n'
    ),
    'YAML config': f'smoke_test:\n  patient:\n    chi: "{CHI}"\n    retries: 3\n',
    'CSV extract': (
        'id,hc_no,postcode,ni_number\n'
        + ''.join(
            f'{n},{HC if n == 7 else n * 3},BT1 1AA,{NI if n == 9 else ""}\n' for n in range(12)
        )
    ),
    'printed data frame': (
        '    patient_name   NHSNumber  age\n'
        + ''.join(
            f'{n:<4}{"Someone":<15}{NHS6 if n == 30 else n:>10}  {40 + n}\n' for n in range(40)
        )
    ),
    'log line': f'2024-03-01 12:00:01 INFO Sent letter for patient {spaced(NHS)} to printer\n',
    'SQL': f"INSERT INTO people (name, nino) VALUES ('Jane Doe', '{NI_SPACED}');\n",
    'markdown table': f'| Name | CHI |\n| --- | --- |\n| Jane | {CHI10} |\n',
}


@pytest.mark.parametrize('text', FILES_WITH_IDENTIFIERS.values(), ids=FILES_WITH_IDENTIFIERS)
def test_identifiers_in_whole_files_block(text):
    assert found(text) and all(severity == E for _, severity in found(text))


CLEAN_FILES = {
    'contact details': (
        'CONTACT = {\n'
        f'    "phone": "+44 {spaced(NHS)}",\n'
        f'    "mobile": "{spaced(NHS6)}",\n'
        f'    "us_office": "+1-{spaced(NHS6, "-")}",\n'
        '    "switchboard": "020 7946 0000",\n'
        '}\n'
    ),
    'test data from the test range': (
        f'TEST_PATIENT = {{"nhs_number": "{TEST}", "chi": "{spaced(TEST)}"}}\n'
        'EXAMPLE = "943 476 5919"  # NHS number from the documentation\n'
        'PDS_SANDBOX_PATIENT = "9000000009"\n'
        'patient_nhs_number = "1234567890"\n'
        'nhs_no = "4444444444"\n'
    ),
    'invalid check digits': (
        f'patient_nhs_number = "{wrong_check(NHS)}"\n'
        f'NHS_NUMBER = "{spaced(wrong_check(NHS6))}"\n'
    ),
    'hashes and ids': (
        f'commit = "{NHS}ab12cd34ef56ab12cd34ef56ab12cd34"\n'
        f'uuid = "{NHS[:8]}-{NHS[8:]}12-4abc-8def-{NHS}ab"\n'
        f'patient_record_id = "pt_{NHS}x"\n'
    ),
    'numbers in code': (
        f'timestamp = {NHS}.25\n'
        f'version = "1.2.{NHS}"\n'
        f'INT_LIMIT = {NHS}  # patient count never reaches this\n'.replace('patient ', 'row ')
        + 'sort_code = "12-34-56"\n'
        'account = "12345678"\n'
        'pi = 3.1415926535\n'
    ),
    'NI look-alikes': (
        f'part = "{NI.lower()}"\n'
        'EXAMPLE_NINO = "QQ 12 34 56 C"\n'
        'nino_placeholder = "AB123456C"\n'
        f'temporary_ref = "{nino(prefix="TN")}"\n'
    ),
}


@pytest.mark.parametrize('text', CLEAN_FILES.values(), ids=CLEAN_FILES)
def test_clean_files_have_no_findings(text):
    assert found(text) == []


# Properties over any text

FRAGMENTS = st.sampled_from((
    NHS, NHS6, CHI, CHI10, HC, OUT, TEST, spaced(NHS), spaced(HC, '-'), NI, NI_SPACED,
    'nhs ', 'patient: ', 'chi=', 'nino ', 'tel ', '+44 ', '\n', '\n\n', ' ', '-', '.', ',',
    '0', '12', 'x', 'AB', '\t', 'name,nhs_number\n',
))


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=30).map(''.join))
def test_findings_are_where_they_say(text):
    for i in find_identifiers(text):
        assert text[i.start:i.end] == i.value
        assert i.line == text.count('\n', 0, i.start) + 1
        assert i.severity in (E, W)
        if i.kind == 'ni-number':
            compact = i.value.replace(' ', '').upper()
            # Short or in lower case only with a keyword, which makes it an error.
            assert ni_is_valid(compact[:8] + (compact[8:] or 'A'))
            assert (len(compact) == 9 and i.value.isupper()) or i.severity == E
        else:
            valid = {
                'nhs-number': nhs_number_is_valid,
                'chi-number': chi_is_valid,
                'hc-number': hc_is_valid,
            }[i.kind]
            assert valid(i.value)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from((NHS, NHS6, CHI, CHI10, HC, spaced(NHS), spaced(CHI), spaced(HC, '-'))),
    st.sampled_from(('nhs number: ', 'Patient ', 'CHI ', '"nhs_no": "')),
    st.text(alphabet='0123456789abcXYZ', min_size=1, max_size=3),
    st.booleans(),
)
def test_a_number_joined_to_more_is_no_finding(number, label, extra, before):
    assert found(f'{label}{number}') != []
    joined = f'{label}{extra}{number}' if before else f'{label}{number}{extra}'
    assert found(joined) == []


def test_all_kinds_listed():
    assert KINDS == ('nhs-number', 'chi-number', 'hc-number', 'ni-number')
