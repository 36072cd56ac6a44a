# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""licence-file: a LICENCE file with the full text of an accepted licence.

The policy asks for the full text of the project's licences in a top-level
LICENCE file, with a copyright notice, and for every other place that names
the licence (packaging metadata, the README, this tool's configuration) to
agree with it.  Licences are recognised by their text, compared with the
texts bundled in `licences/`, never by their title.
"""
from __future__ import annotations

import argparse
import configparser
import functools
import json
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from nhs_open_source_hooks import config
from nhs_open_source_hooks.findings import Finding, add_format_option
from nhs_open_source_hooks.markup import find_section
from nhs_open_source_hooks.repository import (
    Tree,
    read_or_problem,
    run_audit,
    run_main,
)

HOOK_ID = 'licence-file'
ACCEPTED = ('MIT', 'Apache-2.0', 'GPL-3.0', 'OGL-UK-3.0')
# Every licence whose text is bundled, so a licence that is not accepted is
# still named rather than called unrecognised.
KNOWN = (
    'MIT', 'Apache-2.0', 'GPL-3.0', 'OGL-UK-3.0', 'GPL-2.0', 'LGPL-3.0',
    'AGPL-3.0', 'MPL-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'CC0-1.0',
)
# Licences whose text begins with the project's own copyright notice.
WITH_NOTICE = frozenset(('MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC'))
LICENCE_FILE = r'(licen[cs]e|copying)([-_.][\w.-]*)?'
NOTICE_FILE = r'notice(\.(md|txt|rst))?'
SIMILARITY = 0.9
LICENCES = os.path.join(os.path.dirname(__file__), 'licences')  # package data
# Where the licence-header hook may be told which licence to stamp.
LICENCE_HEADER_KEYS = ('licence', 'license', 'spdx', 'spdx-id')
UNRECOGNISED = (f'{HOOK_ID}-partial', f'{HOOK_ID}-unrecognised')


def _parser() -> argparse.ArgumentParser:
    parser = config.new_parser(
        HOOK_ID,
        'Check that LICENCE holds the full text of an accepted licence.',
    )
    parser.add_argument(
        '--accept', action='append', metavar='SPDX-ID', choices=KNOWN,
        help=f'an accepted licence; repeat for more; replaces the default '
             f'list ({", ".join(ACCEPTED)}); recognised: {", ".join(KNOWN)}',
    )
    parser.add_argument(
        '--similarity', type=float, default=SIMILARITY, metavar='RATIO',
        help='share of a licence\'s text a file must hold to be recognised '
             'as that licence (default: %(default)s)',
    )
    add_format_option(parser)
    return parser


# --- Recognising a licence by its text ------------------------------------

# A copyright notice: "Copyright (c) ...", "© ...", or "Copyright" with a
# year, a template's placeholder or the Crown; not the licences' own wrapped
# lines that begin "copyright notice ...".
_NOTICE_LINE = re.compile(
    r'^[ \t]*\W*(?:copyright\s*(?:\(c\)|©)|©|\(c\)\s*copyright|copyright\s+crown\b'
    r'|copyright\b(?=.*(?:\b(?:19|20)\d\d\b|[\[<{]))).*$',
    re.IGNORECASE | re.MULTILINE,
)
_SHINGLE = 3  # words per shingle: small enough to survive a reworded phrase


def words(text: str) -> list[str]:
    """TEXT as lower-case words, spelling and notices normalised away."""
    text = _NOTICE_LINE.sub(' ', text).lower()
    text = text.replace('licence', 'license').replace('https', 'http')
    return re.findall(r'[a-z0-9]+', text)


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    w = words(text)
    return frozenset(zip(*(w[i:] for i in range(_SHINGLE))))


@functools.lru_cache(maxsize=None)
def template(licence: str) -> frozenset[tuple[str, ...]]:
    # A plain open: importlib.resources costs ~1.5 ms a file, at every commit.
    with open(os.path.join(LICENCES, f'{licence}.txt'), encoding='utf-8') as f:
        text = f.read()
    # The appendix on how to apply the licence is often left out.
    text = text.split('END OF TERMS AND CONDITIONS')[0]
    return shingles(text)


class Match(NamedTuple):
    licence: str
    similarity: float  # share of the licence's text found in the file


def identify(text: str, threshold: float = SIMILARITY) -> tuple[list[str], Match | None]:
    """The licences whose full text TEXT holds, and the closest other one."""
    have = shingles(text)
    matches = sorted(
        (Match(lic, len(template(lic) & have) / len(template(lic))) for lic in KNOWN),
        key=lambda m: -m.similarity,
    )
    similarity = {m.licence: m.similarity for m in matches}
    found = [m.licence for m in matches if m.similarity >= threshold]

    def within(a: str, b: str) -> bool:
        return len(template(a) & template(b)) / len(template(a)) >= threshold

    # A licence whose text is nearly all inside another found one is that
    # other one (BSD-2-Clause inside BSD-3-Clause); of two nearly the same
    # (GPL-3.0 and AGPL-3.0) the closer wins.
    found = [
        lic for lic in found
        if not any(
            other != lic and within(lic, other)
            and (not within(other, lic) or similarity[other] > similarity[lic])
            for other in found
        )
    ]
    closest = next((m for m in matches if m.licence not in found), None)
    return found, closest


_PLACEHOLDER = re.compile(
    r'[\[<{]\s*(?:year|yyyy|name|fullname|owner|copyright\s+holders?|holders?|author)'
    r'|\byyyy\b',
    re.IGNORECASE,
)
_R_STUB = re.compile(r'\s*YEAR:.*\n\s*COPYRIGHT HOLDER:', re.IGNORECASE)


def notices(text: str) -> list[str]:
    """The copyright notice lines in TEXT (R's `COPYRIGHT HOLDER:` too)."""
    lines = [m.group(0).strip() for m in _NOTICE_LINE.finditer(text)]
    return lines + re.findall(r'^\s*COPYRIGHT HOLDER:.*$', text, re.MULTILINE | re.IGNORECASE)


# --- Licence names in metadata and prose ------------------------------------

_NAMES = (
    ('MIT', r'\bMIT\b|\bExpat\b'),
    ('Apache-2.0',
     r'\bapache(?:\s+software)?(?:\s+licen[cs]e)?[\s,(=-]*(?:version\s*|v\.?\s*)?2'
     r'|\bAPL-?v?2\b|\bASL-?2|apache\s+software\s+licen[cs]e'),
    ('GPL-3.0',
     r'(?<![a-z])(?<!lesser )(?<!affero )(?:gnu\s+)?(?:general\s+public\s+licen[cs]e|gpl)'
     r'[\s,(>=-]*(?:v(?:ersion)?\.?\s*)?3'),
    ('GPL-2.0',
     r'(?<![a-z])(?<!lesser )(?<!library )(?:gnu\s+)?(?:general\s+public\s+licen[cs]e|gpl)'
     r'[\s,(>=-]*(?:v(?:ersion)?\.?\s*)?2'),
    ('AGPL-3.0',
     r'\bAGPL[\s-]*v?3|affero\s+general\s+public\s+licen[cs]e[\s,(-]*(?:v(?:ersion)?\.?\s*)?3'),
    ('LGPL-3.0',
     r'\bLGPL[\s-]*v?3|lesser\s+general\s+public\s+licen[cs]e[\s,(-]*(?:v(?:ersion)?\.?\s*)?3'),
    ('OGL-UK-3.0',
     r'\bOGL(?:-UK)?[\s-]*v?3|open\s+government\s+licen[cs]e(?:\s+for\s+public\s+sector'
     r'\s+information)?[\s,(-]*(?:v(?:ersion)?\.?\s*)?3|open-government-licence/version/3'
     r'|open\s+government\s+(?:v(?:ersion)?\s*)?3(?:\.0)?\s+licen[cs]e'),
    ('BSD-3-Clause', r'\bBSD[\s-]*3|3-clause\s+BSD|\b(?:new|modified|revised)\s+BSD'),
    ('BSD-2-Clause', r'\bBSD[\s-]*2|2-clause\s+BSD|\bsimplified\s+BSD|\bFreeBSD\b'),
    ('ISC', r'\bISC\b'),
    ('MPL-2.0', r'\bMPL[\s-]*v?2|mozilla\s+public\s+licen[cs]e[\s,(-]*(?:v(?:ersion)?\.?\s*)?2'),
    ('CC0-1.0', r'\bCC0\b|\bCC-?zero\b'),
)
_NAME_REGEXES = tuple((lic, re.compile(p, re.IGNORECASE)) for lic, p in _NAMES)


def licence_ids(text: str) -> set[str]:
    """The licences TEXT names: SPDX ids, classifiers, R's forms, prose."""
    return {lic for lic, regex in _NAME_REGEXES if regex.search(text)}


class Declared(NamedTuple):
    path: str
    line: int
    what: str  # where in the file, for the message
    value: str


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count('\n', 0, at) + 1 if at >= 0 else 0


def declared_in_pyproject(text: str) -> list[Declared]:
    try:
        document = config.load_toml(text)
    except ValueError:
        return []
    project = document.get('project', {})
    found = []
    value = project.get('license')
    if isinstance(value, dict):
        value = value.get('text')
    if isinstance(value, str):
        found.append(Declared('pyproject.toml', _line_of(text, value), 'project.license', value))
    for classifier in project.get('classifiers', ()):
        if isinstance(classifier, str) and classifier.startswith('License ::'):
            found.append(Declared(
                'pyproject.toml', _line_of(text, classifier), 'a classifier', classifier,
            ))
    poetry = document.get('tool', {}).get('poetry', {}).get('license')
    if isinstance(poetry, str):
        found.append(Declared('pyproject.toml', _line_of(text, poetry), 'tool.poetry.license', poetry))
    return found


def declared_in_package_json(text: str) -> list[Declared]:
    try:
        document = json.loads(text)
    except ValueError:
        return []
    if not isinstance(document, dict):
        return []
    values = [document.get('license')] + list(document.get('licenses') or [])
    found = []
    for value in values:
        if isinstance(value, dict):
            value = value.get('type')
        if isinstance(value, str):
            found.append(Declared('package.json', _line_of(text, value), '"license"', value))
    return found


def declared_in_description(text: str) -> list[Declared]:
    match = re.search(r'^License:[ \t]*(.*(?:\n[ \t]+.*)*)', text, re.MULTILINE)
    if not match:
        return []
    return [Declared('DESCRIPTION', _line_of(text, match.group(0)), 'License', match.group(1))]


def declared_in_setup_cfg(text: str) -> list[Declared]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
        value = parser.get('metadata', 'license', fallback='')
    except configparser.Error:
        return []
    if not value:
        return []
    return [Declared('setup.cfg', _line_of(text, value), 'metadata.license', value)]


METADATA = (
    ('pyproject.toml', declared_in_pyproject),
    ('package.json', declared_in_package_json),
    ('DESCRIPTION', declared_in_description),
    ('setup.cfg', declared_in_setup_cfg),
)


# --- The check ----------------------------------------------------------------

def _names(licences: Iterable[str]) -> str:
    return ', '.join(sorted(licences)) or 'no recognised licence'


def check_licence_text(path: str, text: str, accepted: Sequence[str], threshold: float,
                       holder: str) -> tuple[list[str], list[Finding]]:
    """The licences in one LICENCE file, and what is wrong with it."""
    found, closest = identify(text, threshold)
    out = []
    named = licence_ids(text)
    if not found:
        if closest is not None and (closest.similarity >= 0.3 or closest.licence in named):
            out.append(Finding(
                path, 0, f'{HOOK_ID}-partial',
                f'looks like {closest.licence} but holds only '
                f'{closest.similarity:.0%} of its text; a licence notice or summary '
                'is not enough: paste the full text',
            ))
        elif named:
            out.append(Finding(
                path, 0, f'{HOOK_ID}-partial',
                f'names {_names(named)} but does not hold the full text; a licence '
                'notice or summary is not enough: paste the full text',
            ))
        else:
            out.append(Finding(
                path, 0, f'{HOOK_ID}-unrecognised',
                f'text is not the full text of a licence ({", ".join(accepted)}); '
                'paste the full text, unchanged, as published by the licence\'s steward',
            ))
    for licence in found:
        if licence not in accepted:
            out.append(Finding(
                path, 0, f'{HOOK_ID}-not-accepted',
                f'{licence} is not an accepted licence ({", ".join(accepted)}); '
                f'the policy\'s default is MIT; if your organisation has agreed to '
                f'{licence}, add it to [tool.nhs-open-source.{HOOK_ID}] accept',
            ))
    if WITH_NOTICE.intersection(found):
        out.extend(_check_notice(path, text, holder))
    return found, out


def _check_notice(path: str, text: str, holder: str) -> list[Finding]:
    lines = notices(text)
    real = [line for line in lines if not _PLACEHOLDER.search(line)]
    if not lines:
        return [Finding(
            path, 0, f'{HOOK_ID}-copyright-missing',
            f'no copyright notice; add a line such as "Copyright (c) YEAR {holder}"',
        )]
    if not real:
        return [Finding(
            path, _line_of(text, lines[0]), f'{HOOK_ID}-copyright-placeholder',
            f'the copyright notice still has placeholders: "{lines[0]}"; '
            f'write the year and the holder ("Copyright (c) YEAR {holder}")',
        )]
    if holder and not any(holder.lower() in line.lower() for line in real):
        return [Finding(
            path, _line_of(text, real[0]), f'{HOOK_ID}-copyright-holder',
            f'the copyright notice does not name {holder}; NHS code is normally '
            'Crown Copyright; if the holder is right, set copyright-holder in '
            f'{config.TABLE}',
            'warning',
        )]
    return []


def check_consistency(
        found: set[str],
        declared: Iterable[Declared],
        licence_file: str,
) -> list[Finding]:
    out = []
    for d in declared:
        named = licence_ids(d.value)
        if not named:
            continue
        if not named & found:
            out.append(Finding(
                d.path, d.line, f'{HOOK_ID}-mismatch',
                f'{d.what} names {_names(named)} but {licence_file} holds '
                f'{_names(found)}; make them agree',
            ))
        elif named - found:
            out.append(Finding(
                d.path, d.line, f'{HOOK_ID}-mismatch',
                f'{d.what} also names {_names(named - found)}, whose text is not '
                f'in {licence_file}; add its full text or remove it',
                'warning',
            ))
    return out


_REGULATORY = re.compile(
    r'medical\s+devices?\s+regulations|\bMHRA\b|\bUKCA\b|\bCE[\s-]mark|\bDCB\s?01(?:29|60)\b'
    r'|\bHRA\s+approval|\bclass\s+(?:I|IIa|IIb|III)\s+medical\s+device',
    re.IGNORECASE,
)


def check_notice_file(tree: Tree, readme_text: str, settings: dict[str, Any],
                      problems: list[tuple[str, str]]) -> list[Finding]:
    """Apache-2.0 with regulatory text: NOTICE must carry that text.

    A declared medical device is repo-files' to check, for any licence.
    """
    if settings['medical-device']:
        return []
    if not (settings['clinical'] or _REGULATORY.search(readme_text)):
        return []
    found = tree.find(NOTICE_FILE)
    if not found:
        return [Finding(
            'NOTICE', 0, f'{HOOK_ID}-notice-missing',
            'an Apache-2.0 project with regulatory or clinical notes needs a NOTICE '
            'file carrying them, so that every copy keeps them (Apache-2.0 section 4d)',
        )]
    text = read_or_problem(tree, found[0], problems)
    if text is not None and not _REGULATORY.search(text) and not re.search(
            r'clinical|regulat', text, re.IGNORECASE):
        return [Finding(
            found[0], 0, f'{HOOK_ID}-notice-regulatory',
            'NOTICE does not state the regulatory position (for example which '
            'regulations apply and that further uses must meet them)',
        )]
    return []


def check(tree: Tree, args: argparse.Namespace) -> tuple[list[Finding], list[tuple[str, str]]]:
    accepted = args.accept or list(ACCEPTED)
    settings = args.project
    holder = settings['copyright-holder']
    problems: list[tuple[str, str]] = []
    out: list[Finding] = []

    candidates = tree.find(LICENCE_FILE)
    found: set[str] = set()
    stub_notice = False
    for path in candidates:
        text = read_or_problem(tree, path, problems)
        if text is None:
            continue
        if _R_STUB.match(text):  # R's `MIT + file LICENSE`: year and holder only
            stub_notice = True
            continue
        licences, issues = check_licence_text(path, text, accepted, args.similarity, holder)
        found.update(licences)
        out.extend(issues)
    if stub_notice:
        out = [f for f in out if f.check != f'{HOOK_ID}-copyright-missing']
    if found:  # other LICENCE-like files (third-party notices, say) may be anything
        out = [f for f in out if f.check not in UNRECOGNISED]
    if not candidates:
        out.append(Finding(
            'LICENCE', 0, f'{HOOK_ID}-missing',
            f'no LICENCE file; add one with the full text of the licence (MIT by '
            f'default) and "Copyright (c) YEAR {holder}" (nhs-open-source init writes one)',
        ))
        return out, problems
    if not found:
        return out, problems  # nothing recognised to compare the rest with

    licence_file = candidates[0]
    declared: list[Declared] = []
    for name, reader in METADATA:
        if tree.find(re.escape(name)):
            text = read_or_problem(tree, name, problems)
            if text is not None:
                declared.extend(reader(text))
    if 'licence' in args.config:
        declared.append(Declared(
            'pyproject.toml', 0, f'{config.TABLE} licence', args.config['licence'],
        ))
    header = args.config.get('licence-header', {})
    for key in LICENCE_HEADER_KEYS:
        if isinstance(header.get(key), str):
            declared.append(Declared(
                'pyproject.toml', 0, f'{config.TABLE[:-1]}.licence-header] {key}', header[key],
            ))
    readme_text = ''
    readme = tree.readme()
    if readme is not None:
        readme_text = read_or_problem(tree, readme, problems) or ''
        licence_section = find_section(readme_text, r'licen[cs]|copyright')
        if licence_section is not None:
            named = licence_ids(licence_section.title + '\n' + licence_section.text)
            # The documentation licence is named in the README, not LICENCE.
            named.discard(settings['documentation-licence'])
            if named:
                declared.append(Declared(
                    readme, licence_section.line, 'the README\'s licence section',
                    ' '.join(sorted(named)),
                ))
    out.extend(check_consistency(found, declared, licence_file))
    if 'Apache-2.0' in found:
        out.extend(check_notice_file(tree, readme_text, settings, problems))
    return out, problems


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    return run_audit(HOOK_ID, _parser(), check, root, paths)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(HOOK_ID, _parser(), check, argv)
