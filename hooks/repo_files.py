# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""repo-files: contribution and security guides, code of conduct, notices.

The policy asks every repository to say whether it accepts contributions and
how (issues, pull requests, commit etiquette), to give a responsible
disclosure route for security issues, to have a code of conduct where it
accepts contributions, and, for a medical device, to carry the regulatory
notice in a NOTICE file and the README.  Each missing item is one finding
with a hint.
"""
from __future__ import annotations

import argparse
import re
from collections.abc import Sequence

from nhs_open_source_hooks.config import new_parser
from nhs_open_source_hooks.findings import Finding, add_format_option
from nhs_open_source_hooks.markup import emails
from nhs_open_source_hooks.markup import find_section
from nhs_open_source_hooks.repository import (
    COMMUNITY_DIRS,
    Tree,
    read_or_problem,
    run_audit,
    run_main,
)

HOOK_ID = 'repo-files'
_EXT = r'(\.(md|markdown|rst|txt|adoc))?'
CONTRIBUTING = 'contributing' + _EXT
SECURITY = 'security' + _EXT
CODE_OF_CONDUCT = r'code[-_]of[-_]conduct' + _EXT
NOTICE = r'notice' + _EXT
INIT_HINT = '(nhs-open-source init writes a starter)'


def _parser() -> argparse.ArgumentParser:
    parser = new_parser(
        HOOK_ID,
        'Check CONTRIBUTING, SECURITY, the code of conduct and notices.',
    )
    add_format_option(parser)
    return parser


# --- What the guides say ------------------------------------------------------

def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile('|'.join(patterns), re.IGNORECASE)


_NOT_ACCEPTING = _any(
    r"\bnot\s+(?:currently\s+|yet\s+)?(?:be\s+)?(?:accepting|accept|open\s+to|taking|looking\s+for)"
    r"\s+(?:any\s+)?(?:external\s+|outside\s+)?(?:contributions|pull\s+requests)",
    r'\bcontributions\s+(?:are|will)\s+not\s+(?:be\s+)?(?:currently\s+)?'
    r'(?:accepted|being\s+accepted|welcome|considered)',
    r"\b(?:do|does|can|will)(?:\s+not|n't)\s+accept\s+(?:any\s+)?(?:external\s+)?"
    r'(?:contributions|pull\s+requests)',
    r'\bno\s+(?:external\s+)?contributions\s+(?:are|will)',
    r'\bclosed\s+to\s+(?:external\s+)?contributions',
)
_ACCEPTING = _any(
    r'\bcontributions?\s+(?:are|is)\s+(?:very\s+|most\s+|always\s+|more\s+than\s+)?welcome',
    r'\bwelcomes?\s+(?:all\s+|any\s+|your\s+)?(?:\w+\s+)?(?:contributions|pull\s+requests|issues)',
    r'\b(?:welcome|accept|encourage)s?\s+(?:\w+\s+){0,3}contributions',
    r'\baccepting\s+(?:\w+\s+)?contributions',
    r'\bcontributions\s+are\s+accepted',
    r'\b(?:pull\s+requests|PRs)\s+(?:are\s+)?welcome',
    r'\bhappy\s+to\s+(?:accept|receive|review)',
    r'\bopen\s+to\s+contributions',
    r'\bfeel\s+free\s+to\s+(?:contribute|open|submit|raise|fork)',
    r'\bhow\s+(?:to|you\s+can|can\s+I)\s+contribute',
    r'\b(?:want|would\s+like|wish)\s+to\s+contribute',
    r'\b(?:love|appreciate|value)\s+(?:\w+\s+)?contributions',
    r'\bbefore\s+contributing\b',
    r'\bthank\s+you\s+for\s+(?:your\s+interest\s+in\s+)?contributing',
)
_ISSUES = _any(r'\bissues?\b', r'\bbug\s+reports?\b', r'\bbug\s+tracker\b')
_PULL_REQUESTS = _any(r'\bpull\s+requests?\b', r'\bmerge\s+requests?\b', r'\bPRs?\b')
_COMMITS = _any(r'\bcommit')
_DISCLOSURE = _any(
    r'https?://\S*(?:security|vulnerab|disclos|advisor|hackerone|bugcrowd|responsible)',
    r'\bprivate(?:ly)?\s+(?:vulnerability\s+)?report',
    r'\bsecurity\s+advisor',
    r'\breport\s+a\s+vulnerability\b',
    r'security\.txt',
)
# Reserved for examples (RFC 2606); init writes one for the team to replace.
_PLACEHOLDER_EMAIL = re.compile(r'@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|[\w-]+\.(?:invalid|example|test))$', re.IGNORECASE)
_CONDUCT_LINK = re.compile(r'code\s+of\s+conduct.*https?://|https?://\S*conduct', re.IGNORECASE)


def acceptance(text: str) -> bool | None:
    """Whether TEXT says contributions are accepted; None if it does not say."""
    if _NOT_ACCEPTING.search(text):
        return False
    if _ACCEPTING.search(text):
        return True
    return None


def check_contributing(path: str, text: str) -> tuple[bool | None, list[Finding]]:
    accepted = acceptance(text)
    out = []
    if accepted is None:
        out.append(Finding(
            path, 0, f'{HOOK_ID}-contributing-acceptance',
            'does not say whether the project accepts contributions; say so in '
            'one sentence ("Contributions are welcome" or "This project does '
            'not accept contributions")',
        ))
    if accepted is False:
        return accepted, out
    if not _ISSUES.search(text):
        out.append(Finding(
            path, 0, f'{HOOK_ID}-contributing-issues',
            'does not say how to raise issues (bug reports, questions, proposals)',
        ))
    if not _PULL_REQUESTS.search(text):
        out.append(Finding(
            path, 0, f'{HOOK_ID}-contributing-pull-requests',
            'does not say how pull requests are made, reviewed and merged',
        ))
    if not _COMMITS.search(text):
        out.append(Finding(
            path, 0, f'{HOOK_ID}-contributing-commits',
            'does not give the commit etiquette (meaningful, informative '
            'commit messages)',
            'warning',
        ))
    return accepted, out


def check_security(path: str, text: str) -> list[Finding]:
    if _DISCLOSURE.search(text):
        return []
    addresses = emails(text)
    if addresses and all(_PLACEHOLDER_EMAIL.search(e) for e in addresses):
        return [Finding(
            path, 0, f'{HOOK_ID}-security-placeholder',
            f'the only disclosure address, {addresses[0]}, is a placeholder; '
            'replace it with the team\'s address',
            'warning',
        )]
    if addresses:
        return []
    return [Finding(
        path, 0, f'{HOOK_ID}-security-route',
        'gives no private route to report a vulnerability; add an email address '
        'or a private reporting link (GitHub: Settings > Code security > '
        'Private vulnerability reporting, then link .../security/advisories/new)',
    )]


def device_class(setting: str) -> str:
    """'class-IIa' -> 'Class IIa'."""
    return 'Class ' + setting.split('-', 1)[1]


def mentions_device(text: str, setting: str) -> bool:
    klass = setting.split('-', 1)[1]
    return bool(
        re.search(r'medical\s+device', text, re.IGNORECASE)
        and re.search(rf'\bclass\s+{klass}(?!\w)', text, re.IGNORECASE),
    )


POLICY_NOTICE = (
    'In its compiled form, NAME is a {klass} Medical Device and is covered by '
    'the Medical Device Regulations 2002 (as amended). Modification of the '
    'source code and subsequently placing that modified code on the market may '
    'make that person/entity a legal manufacturer of a medical device and so '
    'subject to the requirements listed in Medical Device Regulations 2002 (as '
    'amended).'
)


def check_medical_device(tree: Tree, setting: str, readme: str | None, readme_text: str,
                         problems: list[tuple[str, str]]) -> list[Finding]:
    klass = device_class(setting)
    hint = f'the policy\'s text begins: "{POLICY_NOTICE.format(klass=klass)[:120]}..."'
    out = []
    notice = tree.find(NOTICE)
    if not notice:
        out.append(Finding(
            'NOTICE', 0, f'{HOOK_ID}-medical-device-notice',
            f'the configuration declares a {klass} medical device but there is '
            f'no NOTICE file with the regulatory notice; {hint}',
        ))
    else:
        text = read_or_problem(tree, notice[0], problems)
        if text is not None and not (
                mentions_device(text, setting)
                and re.search(r'regulations?', text, re.IGNORECASE)
        ):
            out.append(Finding(
                notice[0], 0, f'{HOOK_ID}-medical-device-notice',
                f'does not state that the software is a {klass} Medical Device '
                f'covered by the Medical Device Regulations; {hint}',
            ))
    if readme is None or not mentions_device(readme_text, setting):
        out.append(Finding(
            readme or 'README.md', 0, f'{HOOK_ID}-medical-device-readme',
            f'the README does not say the software is a {klass} Medical Device; '
            'add the regulatory notice under a "Legal and regulatory" heading',
        ))
    return out


def _guide(tree: Tree, pattern: str, readme: str | None, readme_text: str,
           heading: str, problems: list[tuple[str, str]]) -> tuple[str, str | None] | None:
    """(path, text) of a guide file, or of the README section standing in.

    None if there is neither; the text is None if the file cannot be read
    (a problem is recorded).
    """
    for path in tree.find(pattern, COMMUNITY_DIRS):
        return path, read_or_problem(tree, path, problems)
    if readme is not None:
        found = find_section(readme_text, heading)
        if found is not None and found.text.strip():
            return readme, found.text
    return None


def check(tree: Tree, args: argparse.Namespace) -> tuple[list[Finding], list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    out: list[Finding] = []
    readme = tree.readme()
    readme_text = (read_or_problem(tree, readme, problems) or '') if readme else ''

    contributing = _guide(tree, CONTRIBUTING, readme, readme_text, r'contribut', problems)
    accepted: bool | None = None
    if contributing is None:
        out.append(Finding(
            'CONTRIBUTING.md', 0, f'{HOOK_ID}-contributing-missing',
            'no contribution guidelines; add CONTRIBUTING.md saying whether the '
            'project accepts contributions and how (issues, pull requests, commit '
            f'messages) {INIT_HINT}',
        ))
    elif contributing[1] is not None:
        accepted, found = check_contributing(*contributing)
        out.extend(found)

    security = _guide(tree, SECURITY, readme, readme_text, r'security|vulnerab', problems)
    if security is None:
        out.append(Finding(
            'SECURITY.md', 0, f'{HOOK_ID}-security-missing',
            'no security policy; add SECURITY.md with a responsible disclosure '
            f'route (an email address or a private reporting link) {INIT_HINT}',
        ))
    elif security[1] is not None:
        out.extend(check_security(*security))

    if accepted is not False and not tree.find(CODE_OF_CONDUCT, COMMUNITY_DIRS):
        texts = [readme_text] + ([contributing[1] or ''] if contributing else [])
        has_section = any(
            (s := find_section(t, r'conduct')) is not None and s.text.strip() for t in texts
        )
        if not has_section and not any(_CONDUCT_LINK.search(t) for t in texts):
            why = 'accepts contributions' if accepted else 'does not say it declines contributions'
            out.append(Finding(
                'CODE_OF_CONDUCT.md', 0, f'{HOOK_ID}-code-of-conduct-missing',
                f'the project {why} but has no code of conduct; add '
                'CODE_OF_CONDUCT.md (goals, expected and unacceptable behaviour, '
                'moderation, how to report, consequences) or link an adopted one '
                f'{INIT_HINT}',
            ))

    setting = args.project['medical-device']
    if setting:
        out.extend(check_medical_device(tree, setting, readme, readme_text, problems))
    return out, problems


def audit(root: str, paths: Sequence[str]) -> list[Finding]:
    return run_audit(HOOK_ID, _parser(), check, root, paths)


def main(argv: Sequence[str] | None = None) -> int:
    return run_main(HOOK_ID, _parser(), check, argv)
