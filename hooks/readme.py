# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""`readme`: the README exists and covers what the NHS Open Source Policy asks.

Sections are recognised by their headings and the synonyms real READMEs use
(Markdown ATX, setext and HTML headings; reStructuredText titles), and a
section only counts when it has something in it.  A few items may also be
met without a heading: a status badge, a "licensed under" sentence.
"""
from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from nhs_open_source_hooks.config import new_parser
from nhs_open_source_hooks.findings import add_format_option
from nhs_open_source_hooks.findings import Finding
from nhs_open_source_hooks.markup import ADORNMENT_RE
from nhs_open_source_hooks.markup import emails
from nhs_open_source_hooks.markup import Heading
from nhs_open_source_hooks.markup import kind_of
from nhs_open_source_hooks.markup import Section
from nhs_open_source_hooks.markup import sections
from nhs_open_source_hooks.markup import TAG_RE
from nhs_open_source_hooks.repository import read_or_problem
from nhs_open_source_hooks.repository import run_audit
from nhs_open_source_hooks.repository import run_main
from nhs_open_source_hooks.repository import Tree

HOOK_ID = 'readme'

# Heading words for each item, matched as words in the lower-cased heading.
SYNONYMS = {
    'description': r'about|overview|introduction|description|summary|background|purpose|what is|what it does',
    'status': r'status|maintenance|maintained|project state|roadmap|lifecycle|stability',
    'contact': r'contacts?|maintainers?|authors?|support|get(?:ting)? in touch|(?:getting )?help|feedback|questions|owners?|team|who we are',
    'data': r'data|datasets?|data ?sources?|inputs? and outputs?',
    'prerequisites': r'pre-?requisites?|requirements?|dependencies|before you (?:begin|start)|what you need|system requirements|requires',
    'installation': r'install\w*|getting started|set(?:ting)? ?up|setup|quick ?start|build(?:ing)?|deploy\w*|how to run',
    'usage': r'usage|how to use|using|use|run(?:ning)?|examples?|getting started|quick ?start|tutorials?|how to|user guide',
    'licence': r'licen[cs]\w*|copyright',
    'legal': r'legal|disclaimers?|intended (?:purpose|use)|regulat\w*|medical devices?|clinical safety|compliance|terms of use|warrant\w*|liabilit\w*|notices?|privacy|information governance|mhra|dcb ?01(?:29|60)',
}
HEADING_RE = {
    item: re.compile(rf'\b(?:{words})\b') for item, words in SYNONYMS.items()
}

# item: (what the README lacks, how to fix it)
HINTS = {
    'description': ('opening description', 'start with a paragraph on what the project is, who it is for and what it does'),
    'status': ('development status', 'add a "Status" section: in development, maintained or retired'),
    'contact': ('point of contact', 'add a "Contact" section with a team email address'),
    'data': ('data section', 'add a "Data" section on the data it relies on or produces, or say it uses none'),
    'prerequisites': ('prerequisites', 'add a "Prerequisites" section on what must be installed first'),
    'installation': ('installation instructions', 'add an "Installation" section on how to install or set it up'),
    'usage': ('usage instructions', 'add a "Usage" section on how to run or use it'),
    'licence': ('licence statement', 'add a "Licence" section naming the licence (MIT for code, OGL v3.0 for documentation)'),
    'legal': ('legal or regulatory notes', 'add a "Legal and regulatory notes" section: disclaimer, medical-device status'),
}
ITEMS = tuple(HINTS)
DEFAULT_REQUIRED = tuple(item for item in ITEMS if item != 'legal')

PLACEHOLDER_RE = re.compile(r'^\W*(?:todo|tbd|tbc|coming soon|to do|wip|n/?a|\.\.\.)\W*$', re.IGNORECASE)
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
IMAGE_OR_LINK_ONLY_RE = re.compile(r'^\s*(?:\[?!\[[^\]]*\]\([^)]*\)\]?(?:\([^)]*\))?\s*)+$')
BADGE_ALT_RE = re.compile(r'!\[([^\]]*)\]')
STATUS_LINE_RE = re.compile(
    r'\b(?:(?:project|development) )?status\s*[:=-]|\b(?:is|are|not|no longer|actively|currently) maintained\b'
    r'|\bunmaintained\b|\brepostatus\.org|\blifecycle-\w+|\b(?:alpha|beta|experimental|prototype|proof of concept|work in progress|deprecated|archived)\b',
    re.IGNORECASE,
)
LICENCE_LINE_RE = re.compile(
    r'\blicen[cs]ed under\b|\breleased under\b.*\blicen[cs]e|\b(?:MIT|Apache|GPL|BSD|OGL|Open Government|Mozilla|ISC|MPL)\b[ \w.-]{0,20}\blicen[cs]e\b'
    r'|^\s*licen[cs]e\s*:',
    re.IGNORECASE,
)

# Prerequisites are often folded into the installation instructions.
PREREQUISITE_WORDS_RE = re.compile(
    r"\b(?:pre-?requisites?|requires?|required|requirements?|dependenc\w*|you(?:'ll| will)? need)\b",
    re.IGNORECASE,
)


def _parser() -> argparse.ArgumentParser:
    parser = new_parser(
        HOOK_ID,
        'Check that the README covers what the NHS Open Source Policy asks.',
    )
    parser.add_argument(
        '--required', nargs='+', metavar='ITEM', choices=ITEMS,
        default=list(DEFAULT_REQUIRED),
        help=f'items the README must cover (default: {" ".join(DEFAULT_REQUIRED)}; '
        '"legal" too when the project is clinical or a medical device)',
    )
    parser.add_argument(
        '--extra', action='append', metavar='HEADING', default=[],
        help='a further section the README must have; synonyms separated by "|" '
        '(e.g. "Citation|How to cite"); may be repeated',
    )
    parser.add_argument(
        '--min-words', type=int, default=50,
        help='fewer words than this makes the README a stub (default: %(default)s)',
    )
    add_format_option(parser)
    return parser


# -- reading the README ------------------------------------------------------

def _words(lines: list[str]) -> int:
    return sum(
        len(WORD_RE.findall(TAG_RE.sub(' ', line)))
        for line in lines
        if not IMAGE_OR_LINK_ONLY_RE.match(line) and not ADORNMENT_RE.match(line)
    )


def _has_content(section: Section) -> bool:
    text = [line for line in section.body if line.strip()]
    if not text or all(PLACEHOLDER_RE.match(line) for line in text):
        return False
    return _words(text) >= 3 or any('@' in line or '://' in line for line in text)


# -- the check ----------------------------------------------------------------

def check(text: str, kind: str, required: Sequence[str], extra: Sequence[str] = (),
          *, min_words: int = 50, path: str = 'README.md',
          warn: Sequence[str] = ()) -> list[Finding]:
    """Findings for a README's TEXT.

    REQUIRED items missing are errors; WARN items missing are warnings.
    """
    all_sections, code, lines = sections(text, kind)
    prose = [line for i, line in enumerate(lines) if i not in code]
    opening, named = all_sections[0], all_sections[1:]
    # A first top-level heading is the title: the text under it opens the README.
    if named and named[0].heading.level == 1 and not any(s.heading.level == 1 for s in named[1:]):
        title = named[0].heading
        following = named[1].heading.first if len(named) > 1 else len(lines)
        opening = Section(None, opening.body + [
            lines[i] for i in range(title.last + 1, following) if i not in code
        ])
        named = named[1:]

    def matching(item: str) -> list[Section]:
        return [s for s in named if HEADING_RE[item].search(s.heading.title.lower())]

    found: dict[str, bool] = {}
    empty_heading: dict[str, Heading] = {}
    for item in ITEMS:
        candidates = matching(item)
        found[item] = any(_has_content(s) for s in candidates)
        if candidates and not found[item]:
            empty_heading[item] = candidates[0].heading

    found['description'] = found['description'] or _words(opening.body) >= 10
    found['status'] = found['status'] or any(
        STATUS_LINE_RE.search(line) for line in prose
    )
    found['prerequisites'] = found['prerequisites'] or any(
        PREREQUISITE_WORDS_RE.search(line)
        for item in ('installation', 'usage') for s in matching(item) for line in s.body
    )
    found['licence'] = found['licence'] or any(
        LICENCE_LINE_RE.search(line) for line in prose
    ) or any('licen' in alt.lower() for line in prose for alt in BADGE_ALT_RE.findall(line))

    findings = []
    words = _words(prose)
    if words < min_words:
        findings.append(Finding(
            path, 0, 'readme-stub',
            f'README has {words} words: a stub does not tell people what the '
            'project is or how to use it; fill in the sections below',
        ))

    def missing(item: str, severity: str) -> None:
        heading = empty_heading.get(item)
        lacks, hint = HINTS[item]
        if heading:
            message = f'"{heading.title}" section is empty: {hint}'
        else:
            message = f'README has no {lacks}: {hint}'
        findings.append(Finding(
            path, heading.line if heading else 0, f'readme-{item}', message, severity,
        ))

    for item in ITEMS:
        if item in required and not found[item]:
            missing(item, 'error')
        elif item in warn and not found[item]:
            missing(item, 'warning')

    if 'contact' in required and found['contact'] and not emails('\n'.join(prose)):
        heading = matching('contact')[0].heading
        findings.append(Finding(
            path, heading.line, 'readme-contact',
            f'"{heading.title}" section has no email address: the policy asks '
            'for a point of contact with an email address (a team mailbox)',
        ))

    for wanted in extra:
        pattern = re.compile(
            r'\b(?:' + '|'.join(re.escape(w.strip().lower()) for w in wanted.split('|')) + r')\b',
        )
        if not any(pattern.search(s.heading.title.lower()) and _has_content(s) for s in named):
            findings.append(Finding(
                path, 0, 'readme-extra',
                f'no "{wanted.split("|")[0].strip()}" section: the configuration asks for one',
            ))
    return findings


def _required(args: argparse.Namespace) -> tuple[list[str], list[str]]:
    """(items that must be there, items only warned about)."""
    required = list(args.required)
    regulated = args.project['clinical'] or args.project['medical-device']
    if regulated and 'legal' not in required:
        required.append('legal')
    warn = [] if 'legal' in required else ['legal']
    return required, warn


def _check_tree(
        tree: Tree, args: argparse.Namespace,
) -> tuple[list[Finding], list[tuple[str, str]]]:
    name = tree.readme()
    if name is None:
        return [Finding(
            'README.md', 0, 'readme-missing',
            'no README: add README.md saying what the project is, its status, '
            'a contact email, its data, prerequisites, installation, usage, licence',
        )], []
    problems: list[tuple[str, str]] = []
    text = read_or_problem(tree, name, problems)
    if text is None:
        return [], problems
    required, warn = _required(args)
    return check(
        text, kind_of(name), required, args.extra,
        min_words=args.min_words, path=name, warn=warn,
    ), problems


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    return run_audit(HOOK_ID, _parser(), _check_tree, root, paths)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(HOOK_ID, _parser(), _check_tree, argv)
