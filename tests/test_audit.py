# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import io
import json
import os
import pty
import random
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from nhs_open_source_hooks import audit
from nhs_open_source_hooks import blobscan
from nhs_open_source_hooks import checklist
from nhs_open_source_hooks import history
from nhs_open_source_hooks import report
from nhs_open_source_hooks.findings import Finding
from tests.conftest import ROOT
from tests.conftest import git
from tests.conftest import write

pytest.importorskip('nhs_open_source_hooks.secret_scan')
pytest.importorskip('nhs_open_source_hooks.commit_message')

RNG = random.Random(8)
B32 = string.ascii_uppercase + '234567'
ALNUM = string.ascii_letters + string.digits


def aws_key() -> str:
    """An AWS access key id's shape, built at run time: no real key in the source."""
    return 'AKIA' + ''.join(RNG.choice(B32) for _ in range(16))


def github_token() -> str:
    return 'ghp' + '_' + ''.join(RNG.choice(ALNUM) for _ in range(36))


def nhs_number() -> str:
    """A random number with a valid NHS check digit, in the issued ranges."""
    while True:
        digits = [RNG.choice((4, 6, 7))] + [RNG.randint(0, 9) for _ in range(8)]
        check = (11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11) % 11
        if check != 10:
            s = ''.join(map(str, digits)) + str(check)
            return f'{s[:3]} {s[3:6]} {s[6:]}'


# The policy's own files, taken from this repository: they pass its checks.
COMPLIANT = (
    'README.md', 'LICENCE', 'CONTRIBUTING.md', 'SECURITY.md',
    'CODE_OF_CONDUCT.md', 'CHANGELOG.md',
)


def commit(root: Path, message: str, files: dict[str, str | None] | None = None) -> str:
    write(root, files or {})
    git(root, 'add', '-A')
    git(root, 'commit', '-q', '--allow-empty', '-m', message)
    return git(root, 'rev-parse', 'HEAD').strip()


def compliant(root: Path) -> None:
    for name in COMPLIANT:
        shutil.copy(ROOT / name, root / name)
    (root / 'pyproject.toml').write_text(
        '[project]\nname = "demo"\nversion = "1.2.3"\n\n'
        '[tool.nhs-open-source]\nclassification = "open-source"\n',
    )


def code(n: int) -> str:
    return ''.join(f'def handler_{n}_{i}(value):\n    return value * {i}\n\n' for i in range(30))


class Planted:
    """A repository whose history holds credentials and NHS numbers, long deleted."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.values: list[str] = []
        git(root, 'init', '-q', '-b', 'main')
        compliant(root)
        self.first = commit(root, 'Add the project files', {'src/app.py': code(0)})
        for n in range(1, 6):
            commit(root, f'Add handler batch {n}', {f'src/mod{n}.py': code(n)})

        self.key, self.token = aws_key(), github_token()
        self.nhs_csv, self.nhs_py = nhs_number(), nhs_number()
        self.values += [self.key, self.token, self.nhs_csv, self.nhs_py]
        self.secret_commit = commit(root, 'Add deployment settings', {
            'config/settings.py': (
                '"""Deployment settings."""\n'
                f"AWS_ACCESS_KEY_ID = '{self.key}'\n"
                f"GITHUB_TOKEN = '{self.token}'\n"
            ),
        })
        self.data_commit = commit(root, 'Add the clinic extract for testing', {
            'data/clinic.csv': f'nhs_number,clinic\n{self.nhs_csv},cardiology\n',
            'src/lookup.py': code(7) + f'# patient NHS number {self.nhs_py}\n' + code(8),
        })
        for n in range(6, 12):  # edits that keep the secrets in later versions
            commit(root, f'Tune handler batch {n}', {
                'config/settings.py': (root / 'config/settings.py').read_text() + f'N = {n}\n',
                f'src/mod{n}.py': code(n),
            })
        self.delete_commit = commit(root, 'Read settings from the environment', {
            'config/settings.py': None, 'data/clinic.csv': None, 'src/lookup.py': None,
        })
        for n in range(12, 20):
            commit(root, f'Add handler batch {n}', {f'src/mod{n}.py': code(n)})

        self.message_key = aws_key()
        self.values.append(self.message_key)
        self.message_commit = commit(root, (
            'Document the deployment\n\n'
            f'Use key {self.message_key} for the staging bucket.\n'
        ))
        # A credential on a branch only: any ref counts, not just HEAD's.
        git(root, 'checkout', '-q', '-b', 'experiment')
        self.branch_token = github_token()
        self.values.append(self.branch_token)
        self.branch_commit = commit(root, 'Try the GitHub API', {
            'scripts/try_api.py': f"TOKEN = '{self.branch_token}'\n",
        })
        git(root, 'checkout', '-q', 'main')


@pytest.fixture(scope='module')
def planted(tmp_path_factory) -> Planted:
    return Planted(tmp_path_factory.mktemp('planted'))


@pytest.fixture(scope='module')
def history_audit(planted) -> audit.Audit:
    return audit.run(str(planted.root), scan_history=True, jobs=1)


def records_at(result: audit.Audit, path: str) -> list[audit.Record]:
    return [r for r in result.records if path in r.paths or r.finding.path == path]


def status(result: audit.Audit, item: str) -> str:
    return next(r.status for r in result.results if r.item.id == item)


# History --------------------------------------------------------------------

def test_deleted_credentials_found_with_the_commit_that_added_them(planted, history_audit):
    found = records_at(history_audit, 'config/settings.py')
    checks = {r.finding.check for r in found}
    assert {'secret-aws-access-key', 'secret-github-token'} <= checks
    for record in found:
        if record.finding.check in {'secret-aws-access-key', 'secret-github-token'}:
            assert record.source == 'history'
            assert record.commits == [planted.secret_commit]
            assert record.in_tree is False
            assert record.item == 'credentials'
            assert record.finding.line in (2, 3)
    assert status(history_audit, 'credentials') == checklist.FAIL


def test_deleted_nhs_numbers_found_with_their_commit(planted, history_audit):
    for path in ('data/clinic.csv', 'src/lookup.py'):
        found = [
            r for r in records_at(history_audit, path)
            if r.finding.check == 'personal-data-nhs-number'
        ]
        assert found, path
        assert all(r.commits == [planted.data_commit] for r in found)
        assert all(r.in_tree is False and r.item == 'personal-data' for r in found)
        assert all(r.finding.severity == 'error' for r in found)
    lookup = [r for r in records_at(history_audit, 'src/lookup.py')]
    assert [r.finding.line for r in lookup] == [91]
    assert status(history_audit, 'personal-data') == checklist.FAIL


def test_every_ref_is_scanned(planted, history_audit):
    found = records_at(history_audit, 'scripts/try_api.py')
    assert [r.commits for r in found] == [[planted.branch_commit]]


def test_each_finding_is_reported_once_however_many_versions_hold_it(history_audit):
    keys = [
        (r.finding.check, r.finding.path) for r in history_audit.records
        if r.source == 'history'
    ]
    assert len(keys) == len(set(keys))


def test_credential_in_a_commit_message(planted, history_audit):
    found = [r for r in history_audit.records if r.source == 'message'
             and r.finding.severity == 'error']
    assert [r.commits for r in found] == [[planted.message_commit]]
    assert found[0].item == 'commit-messages'
    assert 'secret' in found[0].finding.check
    assert status(history_audit, 'commit-messages') == checklist.FAIL


def test_history_stats(history_audit):
    stats = history_audit.history
    assert stats is not None
    assert stats.commits == 25
    assert stats.blobs == stats.scanned > 30
    assert 0 < stats.novel_bytes < stats.bytes


def test_secret_still_in_the_tree_is_reported_once_with_its_commit(repo):
    key = aws_key()
    compliant(repo)
    added = commit(repo, 'Add settings', {'settings.py': f"KEY = '{key}'\n"})
    commit(repo, 'Add more settings', {'settings.py': f"KEY = '{key}'\nDEBUG = False\n"})
    result = audit.run(str(repo), scan_history=True, jobs=1)
    found = [r for r in result.records if r.finding.check == 'secret-aws-access-key']
    assert len(found) == 1
    assert (found[0].source, found[0].in_tree, found[0].commits) == ('tree', True, [added])


def test_a_number_added_under_an_old_keyword_is_found(repo):
    compliant(repo)
    head = code(1) + '# NHS numbers of the patients in the pilot:\n'
    commit(repo, 'Add the pilot', {'pilot.py': head + code(2)})
    number = nhs_number()
    added = commit(repo, 'Add a pilot patient', {'pilot.py': head + number + '\n' + code(2)})
    commit(repo, 'Remove the pilot', {'pilot.py': None})
    result = audit.run(str(repo), scan_history=True, jobs=1)
    found = [r for r in result.records if r.finding.check == 'personal-data-nhs-number']
    assert [(r.finding.path, r.finding.line, r.commits) for r in found] == [
        ('pilot.py', 92, [added]),
    ]


def test_without_history_credentials_are_not_claimed_clean(planted):
    result = audit.run(str(planted.root))
    assert result.history is None
    assert status(result, 'credentials') == checklist.MANUAL
    assert any('--history' in limit for limit in result.limits)


def test_binary_and_large_blobs_are_counted_not_read(repo):
    compliant(repo)
    commit(repo, 'Add a picture and a big log', {
        'big.log': 'x' * (1 << 20) + '\n' + 'line\n' * (1 << 18),
    })
    (repo / 'logo.png').write_bytes(b'\x89PNG\r\n\x1a\n\0\0' + bytes(range(256)))
    commit(repo, 'Add the logo')
    result = audit.run(str(repo), scan_history=True, max_blob_mb=1, jobs=1)
    assert result.history is not None
    assert (result.history.binary, result.history.large) == (1, 1)
    assert any('1 blobs over 1 MB' in limit for limit in result.limits)


@pytest.mark.parametrize('jobs', (1, 2))
def test_parallel_scan_finds_the_same(planted, history_audit, jobs, monkeypatch):
    monkeypatch.setattr(blobscan, 'PARALLEL_MIN_BYTES', 0)
    result = audit.run(str(planted.root), scan_history=True, jobs=jobs)
    assert [(r.finding, r.commits) for r in result.records] == [
        (r.finding, r.commits) for r in history_audit.records
    ]


# The novelty filter ---------------------------------------------------------

@pytest.mark.parametrize(('seen_first', 'data', 'expected'), (
    (b'', b'a\nb\n', (b'a\nb\n', None)),  # all new: the blob itself
    (b'a\nb\n', b'a\nb\n', None),  # nothing new
    (  # a changed line with a digit: a line of context either side
        b'a\nb\nc\nd\ne\nf\ng\nh',
        b'a\nb\nc\nd 7\ne\nf\ng\nh',
        (b'a\nc\nd 7\ne', [1, 3, 4, 5]),  # led by its paragraph's first line
    ),
    (  # without a digit, the line alone; runs set apart by a blank line
        b'h\nl1\nl2\nl3\nl4\nl5\n\nk\nm1\nm2\nm3\nm4\nm5\nm6\nm7\nm8',
        b'h\nl1\nl2\nl3\nl4\nX\n\nk\nm1\nm2\nm3\nm4\nm5\nm6\nm7\nY',
        (b'h\nX\n\nk\nY', [1, 6, 16, 8, 16]),
    ),
))
def test_novel(seen_first, data, expected):
    seen: set[int] = set()
    history.novel('a.py', seen_first, seen)
    assert history.novel('a.py', data, seen) == expected


def test_novel_keeps_data_files_whole():
    seen: set[int] = set()
    table = b'nhs_number,clinic\n' + b''.join(b'%d,x\n' % i for i in range(20))
    history.novel('t.csv', table, seen)
    assert history.novel('t.csv', table + b'99,y\n', seen) == (table + b'99,y\n', None)


# The checklist --------------------------------------------------------------

@pytest.mark.parametrize(('check', 'hook', 'item'), (
    ('readme-contact', 'readme', 'contact'),
    ('readme-usage', 'readme', 'readme'),
    ('licence-file-partial', 'licence-file', 'licence'),
    ('licence-header-missing', 'licence-header', 'licence'),
    ('repo-files-security-route', 'repo-files', 'security'),
    ('repo-files-contributing-missing', 'repo-files', 'contributing'),
    ('repo-files-medical-device-notice', 'repo-files', 'medical-device'),
    ('secret-aws-access-key', 'secret-scan', 'credentials'),
    ('personal-data-nhs-number', 'secret-scan', 'personal-data'),
    ('no-data-files-extension', 'no-data-files', 'personal-data'),
    ('strip-notebook-outputs-outputs', 'strip-notebook-outputs', 'notebooks'),
    ('semver-version', 'semver', 'semver'),
    ('something-new', 'semver', 'semver'),
))
def test_route(check, hook, item):
    assert checklist.route(check, hook) == item


class R:
    def __init__(self, check: str, item: str, severity: str = 'error') -> None:
        self.finding = Finding('x', 1, check, 'm', severity)
        self.item = item


def _statuses(records, available=('readme', 'licence-file', 'licence-header'),
              history_scanned=True, **project):
    results = checklist.evaluate(
        records, set(available), history_scanned, {'classification': 'open-source', **project},
    )
    return {r.item.id: r.status for r in results}


def test_licence_headers_are_best_practice_not_a_failure():
    finding = checklist.advisory(Finding('a.py', 1, 'licence-header-missing', 'm'))
    assert finding.severity == 'warning'
    statuses = _statuses([R('licence-header-missing', 'licence', 'warning')])
    assert statuses['licence'] == checklist.PASS


def test_missing_readme_fails_contact_too():
    statuses = _statuses([R('readme-missing', 'readme')])
    assert statuses['readme'] == statuses['contact'] == checklist.FAIL


def test_hooks_that_did_not_run_leave_their_items_manual():
    statuses = _statuses([], available=())
    assert statuses['readme'] == statuses['credentials'] == checklist.MANUAL


def test_manual_items_are_never_pass():
    statuses = _statuses([], available=[h for h, _ in audit.HOOKS])
    for item in ('third-party', 'code-review', 'data-permission', 'medical-device', 'cloud'):
        assert statuses[item] == checklist.MANUAL
    assert statuses['medical-device'] == checklist.MANUAL


# Reports --------------------------------------------------------------------

def test_json_report(planted, history_audit):
    data = json.loads(report.render(history_audit, 'json'))
    assert data['result'] == 'FAIL'
    assert data['classification'] == 'open-source'
    assert [i['id'] for i in data['checklist']] == [i.id for i in checklist.ITEMS]
    assert {i['status'] for i in data['checklist']} <= {'PASS', 'FAIL', 'MANUAL'}
    found = [f for f in data['findings'] if f['path'] == 'config/settings.py']
    assert found and all(f['commits'] == [planted.secret_commit] for f in found)
    assert all(f['in_current_tree'] is False for f in found)
    assert data['history']['commits'] == 25


def test_sarif_report(history_audit):
    data = json.loads(report.render(history_audit, 'sarif'))
    assert data['$schema'].endswith('sarif-2.1.0.json')
    assert data['version'] == '2.1.0'
    (run,) = data['runs']
    rules = run['tool']['driver']['rules']
    ids = [rule['id'] for rule in rules]
    assert len(ids) == len(set(ids))
    assert run['results']
    for result in run['results']:
        assert result['ruleId'] == ids[result['ruleIndex']]
        assert result['level'] in {'error', 'warning', 'note'}
        assert result['message']['text']
        (location,) = result['locations']
        physical = location['physicalLocation']
        assert physical['artifactLocation']['uri']
        assert physical['region']['startLine'] >= 1


def test_markdown_report(history_audit):
    text = report.render(history_audit, 'markdown')
    lines = text.splitlines()
    start = lines.index('| Item | Status | Summary |')
    assert lines[start + 1] == '| --- | --- | --- |'
    rows = lines[start + 2:start + 2 + len(checklist.ITEMS)]
    for row, item in zip(rows, checklist.ITEMS):
        cells = [c.strip() for c in row.strip('|').split(' | ')]
        assert cells[0] == item.title and len(cells) == 3
    assert lines[start + 2 + len(checklist.ITEMS)] == ''
    assert '## What this audit cannot check' in lines
    assert 'Rotate every credential found FIRST' in text


def test_text_report(history_audit):
    text = report.render(history_audit, 'text')
    assert '\033[' not in text
    assert 'FAIL    Credentials in code and history' in text
    assert 'no longer in the current files, still in history' in text
    assert text.rstrip().endswith(report.verdict(history_audit))


@pytest.mark.parametrize('fmt', report.FORMATS)
def test_no_planted_value_appears_whole(planted, history_audit, fmt, tmp_path, capsys):
    out = tmp_path / f'report.{fmt}'
    code = audit.main([str(planted.root), '--history', '--format', fmt, '--output', str(out)])
    assert code == 1
    captured = capsys.readouterr()
    rendered = report.render(history_audit, fmt, colour=True)
    for text in (out.read_text(), captured.out, captured.err, rendered):
        for value in planted.values:
            assert value not in text
            assert value.replace(' ', '') not in text


# The command ----------------------------------------------------------------

def test_exit_0_when_no_mandatory_item_fails(repo, capsys):
    compliant(repo)
    commit(repo, 'Add the project files', {'src/app.py': code(1)})
    assert audit.main(['--history', '--format', 'json']) == 0
    data = json.loads(capsys.readouterr().out)
    failed = [i['id'] for i in data['checklist'] if i['status'] == 'FAIL']
    assert failed == []
    assert data['result'] == 'PASS'


def test_exit_1_when_a_credential_is_in_the_tree(repo, capsys):
    compliant(repo)
    commit(repo, 'Add settings', {'settings.py': f"KEY = '{aws_key()}'\n"})
    assert audit.main([]) == 1
    assert 'FAIL    Credentials in code and history' in capsys.readouterr().out


def test_plain_folder_reads_every_file(tmp_path, capsys):
    compliant(tmp_path)
    key = aws_key()
    write(tmp_path, {
        'settings.py': f"KEY = '{key}'\n",
        '.venv/lib/site.py': f"KEY = '{aws_key()}'\n",
    })
    result = audit.run(str(tmp_path), scan_history=True)
    assert not result.is_git and result.history is None
    found = [r for r in result.records if r.finding.check == 'secret-aws-access-key']
    assert [(r.finding.path, r.in_tree) for r in found] == [('settings.py', None)]
    assert status(result, 'credentials') == checklist.FAIL
    assert any('Not a git repository' in limit for limit in result.limits)


@pytest.mark.parametrize(('make', 'reason'), (
    (lambda p: None, 'no such folder'),
    (lambda p: p.write_text('x'), 'is not a folder'),
))
def test_bad_path(tmp_path, capsys, make, reason):
    target = tmp_path / 'target'
    make(target)
    assert audit.main([str(target)]) == 2
    assert capsys.readouterr().err == f'{target}: {reason}\n'


def test_bad_configuration_exits_2(repo, capsys):
    (repo / 'pyproject.toml').write_text('[tool.nhs-open-source]\nshade = 1\n')
    with pytest.raises(SystemExit) as e:
        audit.main([])
    assert e.value.code == 2
    assert "unknown key 'shade'" in capsys.readouterr().err


def test_options_from_configuration(repo, capsys):
    compliant(repo)
    with open(repo / 'pyproject.toml', 'a') as f:
        f.write('\n[tool.nhs-open-source.audit]\nformat = "json"\nhistory = true\n')
    commit(repo, 'Add the project files')
    audit.main([])
    assert json.loads(capsys.readouterr().out)['history']['commits'] == 1


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    leader, follower = pty.openpty()
    with open(follower, 'w') as tty:
        monkeypatch.delenv('NO_COLOR', raising=False)
        monkeypatch.setenv('TERM', 'xterm')
        assert audit.wants_colour(tty, 'text')
        assert not audit.wants_colour(tty, 'json')
        assert not audit.wants_colour(io.StringIO(), 'text')
        monkeypatch.setenv('NO_COLOR', '1')
        assert not audit.wants_colour(tty, 'text')
    os.close(leader)


def test_progress_only_where_a_person_watches(monkeypatch, capsys):
    progress = blobscan.Progress(10, 1000, enabled=False)
    progress.show(5, 500)
    progress.close()
    assert capsys.readouterr().err == ''
    progress = blobscan.Progress(10, 1000, enabled=True)
    progress.show(5, 500)
    progress.close()
    err = capsys.readouterr().err
    assert '5/10 blobs' in err and '#' * 15 in err
    monkeypatch.setenv('CI', 'true')
    assert not blobscan.progress_wanted()


def test_command_as_a_subprocess(planted, tmp_path):
    out = tmp_path / 'audit.sarif'
    proc = subprocess.run(
        (sys.executable, '-m', 'nhs_open_source_hooks', 'audit', str(planted.root),
         '--history', '--format', 'sarif', '--output', str(out)),
        capture_output=True, text=True, env={**os.environ, 'CI': 'true'},
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == '' and proc.stderr == ''
    data = json.loads(out.read_text())
    uris = {
        r['locations'][0]['physicalLocation']['artifactLocation']['uri']
        for r in data['runs'][0]['results']
    }
    assert {'config/settings.py', 'data/clinic.csv', 'scripts/try_api.py'} <= uris


def test_a_utf16_file_in_history_is_read_as_the_hook_reads_it(repo):
    """PowerShell writes UTF-16: NUL bytes, but text, which secret-scan reads."""
    key = aws_key()
    compliant(repo)
    (repo / 'deploy.ps1').write_bytes(f'$AwsKey = "{key}"\r\n'.encode('utf-16'))
    added = commit(repo, 'Add the deploy script')
    commit(repo, 'Remove the deploy script', {'deploy.ps1': None})
    result = audit.run(str(repo), scan_history=True, jobs=1)
    found = [r for r in result.records if r.finding.check == 'secret-aws-access-key']
    assert [(r.finding.path, r.in_tree, r.commits) for r in found] == [
        ('deploy.ps1', False, [added]),
    ]
    assert result.history.binary == 0
