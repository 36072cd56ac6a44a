# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The NHS Open Source Policy's publication checklist, and how findings map to it.

Each item is decided by the checks of some hooks (PASS or FAIL), or only by
people (MANUAL, with what they have to do).  An automated item is MANUAL too
when the hooks that decide it could not run, or when it concerns history and
history was not scanned: the report never claims what it did not check.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from nhs_open_source_hooks.findings import Finding

PASS, FAIL, MANUAL = 'PASS', 'FAIL', 'MANUAL'


class Item(NamedTuple):
    id: str
    title: str
    hooks: tuple[str, ...]  # hook ids whose findings decide it; () for manual
    action: str  # what the team does when it fails, or always for manual
    history: bool = False  # also a question about the git history
    # Checks routed to other items that also fail this one (no README: no
    # contact in it either).
    also: tuple[str, ...] = ()
    # Needs people even when no check fails: FAIL or MANUAL, never PASS.
    manual: bool = False


ITEMS = (
    Item(
        'licence', 'Licence and copyright notice', ('licence-file', 'licence-header'),
        'Add a LICENCE file with the full text of the licence (MIT for code, Open '
        'Government Licence v3.0 for documentation by default) and a copyright notice '
        "such as 'Copyright (c) 2026 Crown Copyright'; `nhs-open-source init` writes "
        'one. Per-file licence headers are best practice, not required.',
    ),
    Item(
        'readme', 'README', ('readme',),
        'Complete the README: what the project is, who it is for and what it does, '
        'its status, the data it uses, prerequisites, installation, usage and licence.',
    ),
    Item(
        'semver', 'Semantic versioning', ('semver',),
        'Give the project a MAJOR.MINOR.PATCH version and tag releases to match.',
    ),
    Item(
        'contact', 'Support and contact', ('readme',),
        'Name a point of contact with an email address in the README.',
        also=('readme-missing', 'readme-unreadable'),
    ),
    Item(
        'contributing', 'Contribution guidelines', ('repo-files',),
        'Add CONTRIBUTING.md saying whether and how contributions are accepted '
        '(issues, pull requests, commit etiquette), and a code of conduct.',
    ),
    Item(
        'security', 'Security contact', ('repo-files',),
        'Add SECURITY.md with a private route for reporting vulnerabilities: an '
        'email address or a private reporting link, never a public issue.',
    ),
    Item(
        'personal-data', 'Sensitive and personal data', ('secret-scan', 'no-data-files'),
        'Remove patient identifiers and data extracts. If they were ever pushed, '
        'report it as a data incident through your information governance process '
        'first, then rewrite history to remove them (git filter-repo).',
        history=True,
    ),
    Item(
        'credentials', 'Credentials in code and history', ('secret-scan',),
        'Rotate every credential found FIRST: revoke it and issue a new one, since '
        'anything ever pushed is compromised and rewriting history does not '
        'un-publish it. Then read it from the environment or a secret store instead '
        'of the code, and if required rewrite history to remove it (git filter-repo '
        '--replace-text, or BFG), force-push every branch and tag, and have every '
        'clone made again. Mark a false positive with `# pragma: allowlist secret`.',
        history=True,
    ),
    Item(
        'commit-messages', 'Commit messages', ('commit-message',),
        'A credential or identifier in a commit message: rotate or report it as for '
        'files, then rewrite the messages (git filter-repo --message-callback). Old '
        'uninformative messages are only a warning: the commit-message hook keeps '
        'new ones meaningful.',
        history=True,
    ),
    Item(
        'notebooks', 'Notebook outputs', ('strip-notebook-outputs',),
        'Strip notebook outputs (`nhs-open-source strip-notebook-outputs`), or review '
        'each kept output and mark it `keep_output`.',
    ),
    Item(
        'third-party', 'Third-party tools', (),
        'List the third-party libraries, tools and data the code uses; check each '
        'licence allows publishing and reusing it under yours, and credit them.',
    ),
    Item(
        'code-review', 'Internal code review', (),
        'Have a colleague who did not write the code review it, and this report, '
        'before publication; record who reviewed it and when.',
    ),
    Item(
        'data-permission', 'Permission for data', (),
        'For any data the repository holds or publishes (even aggregate, synthetic or '
        'test data derived from real records), get written permission from its owner '
        '(information governance, Caldicott Guardian) before publication.',
    ),
    Item(
        'medical-device', 'Clinical safety and medical device regulation', ('repo-files',),
        'Decide with your clinical safety officer whether the software is, or is part '
        'of, a medical device; if so review it against MHRA guidance on software as '
        'a medical device (and DCB0129 for clinical systems) before publication, and '
        'carry the regulatory notice in the README and a NOTICE file.',
        manual=True,
    ),
    Item(
        'cloud', 'Cloud and infrastructure security', (),
        'If the code deploys or configures cloud services, check it against the NCSC '
        'cloud security principles, and that it reveals no internal host names, '
        'addresses or network layout.',
    ),
)
BY_ID = {item.id: item for item in ITEMS}

# A check id's prefix -> the item it answers; the first match wins.  A check
# matching none answers the first item of the hook that reported it.
ROUTES = (
    ('readme-contact', 'contact'),
    ('readme', 'readme'),
    ('licence', 'licence'),
    ('semver', 'semver'),
    ('repo-files-security', 'security'),
    ('repo-files-medical-device', 'medical-device'),
    ('repo-files', 'contributing'),
    ('secret', 'credentials'),
    ('personal-data', 'personal-data'),
    ('no-data-files', 'personal-data'),
    ('commit-message', 'commit-messages'),
    ('strip-notebook-outputs', 'notebooks'),
)

# Findings that are best practice rather than the policy's requirement.
ADVISORY_PREFIXES = ('licence-header',)


def route(check: str, hook: str) -> str:
    for prefix, item in ROUTES:
        if check == prefix or check.startswith(prefix + '-'):
            return item
    return next(i.id for i in ITEMS if hook in i.hooks)


def is_sensitive(check: str) -> bool:
    """A credential or identifier, rather than a matter of form."""
    return any(word in check for word in ('secret', 'personal-data', 'credential'))


def advisory(finding: Finding) -> Finding:
    """FINDING as a warning when it is best practice rather than required."""
    if finding.check.startswith(ADVISORY_PREFIXES):
        return finding._replace(severity='warning')
    return finding


class Result(NamedTuple):
    item: Item
    status: str
    summary: str
    errors: int
    warnings: int

    @property
    def failed(self) -> bool:
        return self.status == FAIL


def evaluate(
        records: Sequence[Any],
        available: set[str],
        history_scanned: bool,
        project: dict[str, Any],
) -> list[Result]:
    """Each checklist item's status from RECORDS (anything with .item, .finding)."""
    results = []
    for item in ITEMS:
        mine = [r for r in records if r.item == item.id]
        errors = sum(r.finding.severity == 'error' for r in mine) + sum(
            r.finding.check in item.also and r.finding.severity == 'error'
            for r in records
        )
        warnings = sum(r.finding.severity != 'error' for r in mine)
        missing = [h for h in item.hooks if h not in available]
        if errors:
            status = FAIL
            summary = f'{errors} problem{"s" * (errors != 1)} found'
        elif item.manual or not item.hooks:
            status, summary = MANUAL, _manual_summary(item, project)
        elif missing:
            status = MANUAL
            partly = 'partly checked' if len(missing) < len(item.hooks) else 'not checked'
            summary = f'{partly}: {", ".join(missing)} could not run; check by hand'
        elif item.history and not history_scanned:
            status = MANUAL
            summary = (
                'none in the current files; the git history was not scanned: '
                'run `nhs-open-source audit --history`'
            )
        else:
            status, summary = PASS, 'no problems found'
        if warnings and status != MANUAL:
            summary += f'; {warnings} best-practice warning{"s" * (warnings != 1)}'
        results.append(Result(item, status, summary, errors, warnings))
    return results


def _manual_summary(item: Item, project: dict[str, Any]) -> str:
    if item.id == 'medical-device':
        if project.get('medical-device'):
            return (
                f"declared a {project['medical-device']} medical device: MHRA "
                'review and the regulatory notice are required'
            )
        if project.get('clinical'):
            return 'declared clinical: confirm with your clinical safety officer'
    return 'cannot be checked automatically'
