# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nhs_open_source_hooks import commit_message
from nhs_open_source_hooks.commit_message import main
from nhs_open_source_hooks.commit_message import message_checker
from nhs_open_source_hooks.commit_message import recorded_lines
from tests.conftest import git

SCISSORS = '# ------------------------ >8 ------------------------'
LONG = 'word ' * 16  # 80 characters
GOOD_BODY = (
    'Add CHI number validation\n'
    '\n'
    'CHI numbers start with a date of birth; reject those whose date does\n'
    'not exist before checking the check digit.\n'
)


def nhs_number(first_nine: str) -> str:
    """A synthetic NHS number: FIRST_NINE and its modulus-11 check digit."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    check = (11 - total % 11) % 11
    assert check != 10, 'no valid NHS number starts with these digits'
    return first_nine + str(check)


def credential() -> str:
    """A GitHub token shape, built here so no secret sits in the source."""
    return 'ghp' + '_' + 'T4r9QkLm2Vx8Zp1N' + 'c5Yw7Hj3Bd6Fs0GaKe2R'


def check_ids(output: str) -> list[str]:
    """`LINE:CHECK` for each finding printed by the hook."""
    ids = []
    for line in output.splitlines():
        _, number, rest = line.split(':', 2)
        ids.append(f'{number}:{rest.split()[0]}')
    return ids


def run(tmp_path, capsys, message: str, *args: str) -> tuple[int, list[str], str]:
    path = tmp_path / 'COMMIT_EDITMSG'
    path.write_text(message, encoding='utf-8')
    status = main([*args, str(path)])
    out, err = capsys.readouterr()
    return status, check_ids(out), out + err


@pytest.mark.parametrize(
    ('message', 'expected'), (
        # Subjects.
        ('Add CHI number validation\n', []),
        ('Add CHI number validation', []),
        ('Fix crash when the README has no headings\n', []),
        ('Bump identify to 2.6 for the new jupyter type\n', []),
        ('Add ellipsis handling...\n', []),
        ('Initial commit\n', []),
        ('Add ' + 'a' * 68 + '\n', []),
        ('Add ' + 'a' * 69 + '\n', ['1:commit-message-subject-too-long']),
        ('wip\n', ['1:commit-message-subject-placeholder']),
        ('WIP\n', ['1:commit-message-subject-placeholder']),
        ('fix\n', ['1:commit-message-subject-placeholder']),
        ('Fixes!\n', ['1:commit-message-subject-placeholder']),
        ('update\n', ['1:commit-message-subject-placeholder']),
        ('Changes\n', ['1:commit-message-subject-placeholder']),
        ('stuff\n', ['1:commit-message-subject-placeholder']),
        ('asdf\n', ['1:commit-message-subject-placeholder']),
        ('sdfsdf\n', ['1:commit-message-subject-placeholder']),
        ('test\n', ['1:commit-message-subject-placeholder']),
        ('minor   changes\n', ['1:commit-message-subject-placeholder']),
        ('wip 2\n', ['1:commit-message-subject-placeholder']),
        ('Add files via upload\n', ['1:commit-message-subject-placeholder']),
        ('Fix #123\n', []),
        ('Bump the version to 2\n', []),
        ('...\n', ['1:commit-message-subject-placeholder']),
        ('123\n', ['1:commit-message-subject-placeholder']),
        (
            '.\n',
            ['1:commit-message-subject-placeholder', '1:commit-message-subject-full-stop'],
        ),
        (
            'Fix.\n',
            ['1:commit-message-subject-placeholder', '1:commit-message-subject-full-stop'],
        ),
        ('Add the validation of CHI numbers.\n', ['1:commit-message-subject-full-stop']),
        ('WIP: add the audit report\n', ['1:commit-message-subject-wip']),
        ('[wip] add the audit report\n', ['1:commit-message-subject-wip']),
        ('Wipe stale caches on start-up\n', []),
        # Bodies.
        (GOOD_BODY, []),
        (
            'Add CHI number validation\nCHI numbers start with a date of birth.\n',
            ['2:commit-message-body-separator'],
        ),
        (
            f'Add CHI number validation\n\n{LONG}\nshort\n',
            ['3:commit-message-body-line-too-long'],
        ),
        (f'Add CHI number validation\n\n{"x" * 100}\n', []),
        (
            'Add CHI number validation\n\nAs described in\n'
            'https://example.org/' + 'long/' * 20 + '\n'
            'and at <https://example.org/' + 'path/' * 15 + '> too.\n',
            [],
        ),
        (
            'Add CHI number validation\n\n'
            f'{LONG} https://example.org/more\n',
            ['3:commit-message-body-line-too-long'],
        ),
        (
            f'Add CHI number validation\n\nThe failure:\n\n    {LONG}\n\t{LONG}\n'
            f'> {LONG}\n',
            [],
        ),
        (
            f'Add CHI number validation\n\n```\n{LONG}\n```\n{LONG}\n',
            ['6:commit-message-body-line-too-long'],
        ),
        # Trailers.
        (
            GOOD_BODY + '\n'
            'Co-authored-by: A Very Long Name Indeed, Of Many Parts '
            '<a.very.long.name@example.invalid>\n'
            'Signed-off-by: Test Author <author@example.invalid>\n',
            [],
        ),
        (
            'Add CHI number validation\n\nSigned-off-by: Test Author '
            '<author@example.invalid>\nReviewed-by: Someone Else <else@example.invalid>\n',
            [],
        ),
        (
            'Signed-off-by: Test Author <author@example.invalid>\n',
            ['1:commit-message-subject-missing'],
        ),
        # Messages git writes itself.
        ("Merge branch 'feature/chi' into main\n", []),
        ("Merge branch 'main' of https://example.org/team/repo\n", []),
        (
            "Merge remote-tracking branch 'origin/main'\n\n"
            '# Conflicts:\n#\thooks/commit_message.py\n',
            [],
        ),
        ('Merge pull request #12 from team/feature-with-a-long-branch-name-indeed\n', []),
        (
            'Revert "Add the validation of CHI numbers, which was a very long subject."\n\n'
            'This reverts commit 0123456789abcdef0123456789abcdef01234567.\n',
            [],
        ),
        ('fixup! Add CHI number validation\n', []),
        ('squash! wip\n', []),
        ('amend! Add CHI number validation\n\nAdd CHI number validation\n', []),
        ('Merge users before export\n', []),
        # Commits git stash makes, met in history (refs/stash).
        ('WIP on main: 0123abc Add CHI number validation to the scanner module\n', []),
        ('index on (no branch): 0123abc Add CHI number validation\n', []),
        ('untracked files on main: 0123abc Add CHI number validation\n', []),
        ('On feature/chi: try the other check digit\n', []),
        ('WIP on the login form: half done\n', ['1:commit-message-subject-wip']),
        # Comments and scissors.
        ('', []),
        ('\n\n', []),
        ('# Please enter the commit message\n#\n', []),
        (
            '\n# Please enter the commit message for your changes.\n'
            'Add CHI number validation\n',
            [],
        ),
        (
            'Add CHI number validation\n# a comment long enough to break the body rule '
            f'{LONG}\n',
            [],
        ),
        (
            'Add CHI number validation\n\n'
            f'{SCISSORS}\n# Do not modify or remove the line above.\n'
            f'diff --git a/x b/x\n+{LONG}\n',
            [],
        ),
        (f'{SCISSORS}\nwip\n', []),
        (
            f'wip\n\n{SCISSORS}\n',
            ['1:commit-message-subject-placeholder'],
        ),
        # CRLF and trailing whitespace, as git's cleanup removes them.
        ('Add CHI number validation \r\n\r\nBody line.\r\n', []),
    ),
)
def test_messages(repo, tmp_path, capsys, message, expected):
    status, ids, _ = run(tmp_path, capsys, message)
    assert (status, ids) == (int(bool(expected)), expected)


@pytest.mark.parametrize(
    ('message', 'expected'), (
        ('feat: add CHI number validation\n', []),
        ('fix(scan)!: stop reading whole files into memory\n', []),
        ('docs: explain the baseline\n\nBREAKING CHANGE: the baseline moved\n', []),
        ('Add CHI number validation\n', ['1:commit-message-conventional']),
        ('feature: add CHI number validation\n', ['1:commit-message-conventional']),
        ('feat:add CHI number validation\n', ['1:commit-message-conventional']),
        ('feat: stuff\n', ['1:commit-message-subject-placeholder']),
        ('feat: add CHI number validation.\n', ['1:commit-message-subject-full-stop']),
        ("Merge branch 'feature/chi'\n", []),
    ),
)
def test_conventional(repo, tmp_path, capsys, message, expected):
    status, ids, _ = run(tmp_path, capsys, message, '--conventional')
    assert (status, ids) == (int(bool(expected)), expected)


def test_output_has_one_line_per_problem_with_a_hint(repo, tmp_path, capsys):
    status, _, output = run(tmp_path, capsys, 'Fix.\nbody\n')
    path = tmp_path / 'COMMIT_EDITMSG'
    assert status == 1
    assert output == (
        f'{path}:1: commit-message-subject-placeholder subject says nothing '
        "about the change: say what the commit does, e.g. 'Add CHI number "
        "validation'\n"
        f'{path}:1: commit-message-subject-full-stop subject ends with a full '
        'stop: remove it\n'
        f'{path}:2: commit-message-body-separator no blank line after the '
        'subject: separate the subject from the body with one blank line\n'
        f'nhs-open-source commit-message: the message is kept in {path}; '
        f'edit it with: git commit -e -F {path}\n'
    )


def test_json_format(repo, tmp_path, capsys):
    path = tmp_path / 'msg'
    path.write_text('wip\n')
    assert main(['--format', 'json', str(path)]) == 1
    assert json.loads(capsys.readouterr().out) == [{
        'path': str(path), 'line': 1, 'check': 'commit-message-subject-placeholder',
        'message': 'subject says nothing about the change: say what the commit '
                   "does, e.g. 'Add CHI number validation'",
        'severity': 'error',
    }]


# core.commentChar and commit.cleanup, read from a real repository ----------

@pytest.mark.parametrize(
    ('settings', 'message', 'expected'), (
        ({'core.commentChar': ';'}, 'Add X support\n; wip ' + LONG + '\n', []),
        (
            {'core.commentChar': ';'},
            'Add X support\n# not a comment here\n',
            ['2:commit-message-body-separator'],
        ),
        (
            {'core.commentChar': ';'},
            f'Add X support\n\n; {SCISSORS[2:]}\n{LONG}\n',
            [],
        ),
        ({'core.commentChar': 'auto'}, 'Add X support\n# a comment\n', []),
        (
            {'core.commentChar': 'auto'},
            "#123 is fixed\n\n; Lines starting with ';' will be ignored\n",
            [],
        ),
        (
            {'core.commentChar': 'auto'},
            '#123 is fixed\n; ' + SCISSORS[2:] + '\n' + LONG + '\n',
            [],
        ),
        (
            {'commit.cleanup': 'whitespace'},
            'Add X support\n# kept by git\n',
            ['2:commit-message-body-separator'],
        ),
        (
            {'commit.cleanup': 'scissors'},
            f'Add X support\n\n# kept by git\n{SCISSORS}\n{LONG}\n',
            [],
        ),
        ({'commit.cleanup': 'strip'}, 'Add X support\n# dropped by git\n', []),
    ),
)
def test_git_comment_settings(repo, tmp_path, capsys, settings, message, expected):
    for key, value in settings.items():
        git(repo, 'config', key, value)
    status, ids, _ = run(tmp_path, capsys, message)
    assert (status, ids) == (int(bool(expected)), expected)


@pytest.mark.parametrize(
    ('text', 'comment', 'expected'), (
        ('a\n# b\nc\n', '#', [(1, 'a'), (3, 'c')]),
        ('\n\n# x\nSubject  \n\n\n', '#', [(4, 'Subject')]),
        ('a\n# b\n', None, [(1, 'a'), (2, '# b')]),
        (f'a\n{SCISSORS}\nb\n', None, [(1, 'a'), (2, SCISSORS), (3, 'b')]),
        ('a\n// b\n', '//', [(1, 'a')]),
    ),
)
def test_recorded_lines(text, comment, expected):
    assert recorded_lines(text, comment) == expected


def test_plain_message_needs_no_git_config(repo, tmp_path, capsys):
    # No line starts with punctuation, so git's configuration is not read
    # (a letter as comment character is not supported).
    git(repo, 'config', 'core.commentChar', 'A')
    status, ids, _ = run(tmp_path, capsys, 'Add X support\nAnother line\n')
    assert (status, ids) == (1, ['2:commit-message-body-separator'])


# Configuration ----------------------------------------------------------------

TOO_LONG = ['1:commit-message-subject-too-long']
PLACEHOLDER = ['1:commit-message-subject-placeholder']
CONVENTIONAL = ['1:commit-message-conventional']


@pytest.mark.parametrize(
    ('table', 'args', 'message', 'expected'), (
        ('subject-max-length = 50', (), 'Add ' + 'a' * 47 + '\n', TOO_LONG),
        ('subject-max-length = 100', (), 'Add ' + 'a' * 90 + '\n', []),
        (
            'body-max-line-length = 100', (),
            f'Add X support\n\n{LONG}\n', [],
        ),
        ('placeholders = ["done and dusted"]', (), 'Done and dusted\n', PLACEHOLDER),
        ('placeholders = ["done and dusted"]', (), 'wip\n', []),
        ('', ('--placeholders', 'Tidy'), 'tidy\n', PLACEHOLDER),
        ('', ('--placeholders', 'Tidy'), 'wip\n', PLACEHOLDER),
        ('conventional = true', (), 'Add X support\n', CONVENTIONAL),
        ('conventional = true\ntypes = ["feature"]', (), 'feature: add X\n', []),
        ('conventional = true\ntypes = ["feature"]', (), 'feat: add X\n', CONVENTIONAL),
        ('conventional = true', ('--types', 'deps'), 'deps: bump X\n', []),
    ),
)
def test_configuration(repo, tmp_path, capsys, table, args, message, expected):
    (repo / 'pyproject.toml').write_text(
        f'[tool.nhs-open-source.commit-message]\n{table}\n',
    )
    status, ids, _ = run(tmp_path, capsys, message, *args)
    assert (status, ids) == (int(bool(expected)), expected)


def test_bad_configuration_exits_2(repo, tmp_path, capsys):
    (repo / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.commit-message]\nsubject-max-length = "long"\n',
    )
    with pytest.raises(SystemExit) as e:
        run(tmp_path, capsys, 'Add X support\n')
    assert e.value.code == 2
    assert 'subject-max-length must be an integer' in capsys.readouterr().err


# Bad input ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ('make', 'reason'), (
        (lambda p: None, 'no such file'),
        (lambda p: p.mkdir(), 'is a directory, not a file'),
        (lambda p: p.write_bytes(b'Add X\0\n'), 'binary file'),
        (lambda p: p.write_bytes(b'Add caf\xe9 menu\n'), 'not valid UTF-8'),
    ),
)
def test_bad_input(tmp_path, capsys, make, reason):
    path = tmp_path / 'COMMIT_EDITMSG'
    make(path)
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ''
    assert err.startswith(f'{path}: {reason}')
    assert len(err.splitlines()) == 1


# Sensitive data, found by the engine secret-scan uses -----------------------------

@pytest.mark.parametrize(
    'message', (
        f'Add CHI number validation\n\nThe patient NHS number {nhs_number("485777345")} failed.\n',
        f'Add CHI number validation\n\nNHS no: {nhs_number("485777345")[:3]} '
        f'{nhs_number("485777345")[3:6]} {nhs_number("485777345")[6:]}\n',
        f'Use the deploy token\n\nGITHUB_TOKEN={credential()}\n',
        f"Merge branch 'main' of https://ci:{credential()}@example.org/team/repo\n",
    ),
    ids=('nhs-number', 'nhs-number-spaced', 'token', 'token-in-merge'),
)
def test_sensitive_data_blocks_without_echoing_it(repo, tmp_path, capsys, message):
    status, ids, output = run(tmp_path, capsys, message)
    assert status == 1
    assert ids and all(
        i.split(':')[1].startswith(('commit-message-secret-', 'commit-message-personal-data-'))
        for i in ids
    ), output
    assert credential() not in output
    assert nhs_number('485777345') not in output.replace(' ', '')


@pytest.mark.parametrize(
    'message', (
        # git records neither comment lines nor what is below the scissors.
        f'Remove the deploy token\n\n# GITHUB_TOKEN={credential()}\n',
        f'Remove the deploy token\n\n{SCISSORS}\n-GITHUB_TOKEN={credential()}\n',
        'Revert "Add CHI number validation"\n\n'
        'This reverts commit 0123456789abcdef0123456789abcdef01234567.\n',
        'Add the check for 943 476 5919, the documented example NHS number\n',
        'Bump the version to 10.4.2 and the build to 4857773457\n',  # pragma: allowlist secret
    ),
)
def test_no_false_alarm(repo, tmp_path, capsys, message):
    assert run(tmp_path, capsys, message)[:2] == (0, [])


# History: message_checker and audit ------------------------------------------

def test_message_checker_reads_messages_as_recorded(repo):
    check = message_checker(str(repo))
    assert check(GOOD_BODY) == []
    # In a recorded message a '#' line is text git kept, not a comment.
    findings = check('wip\n#123 and more\n')
    assert [(f.path, f.line, f.check) for f in findings] == [
        ('', 1, 'commit-message-subject-placeholder'),
        ('', 2, 'commit-message-body-separator'),
    ]


def test_message_checker_uses_the_repository_configuration(repo):
    (repo / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.commit-message]\nconventional = true\n',
    )
    assert [f.check for f in message_checker(str(repo))('Add X\n')] == [
        'commit-message-conventional',
    ]


def test_audit_checks_the_head_commit(repo):
    assert commit_message.audit(str(repo), []) == []  # no commit yet
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'Add the first feature')
    assert commit_message.audit(str(repo), []) == []
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'wip')
    head = git(repo, 'rev-parse', '--short', 'HEAD').strip()
    findings = commit_message.audit(str(repo), [])
    assert [(f.path, f.line, f.check) for f in findings] == [
        (f'commit {head}', 1, 'commit-message-subject-placeholder'),
    ]


# Start-up: the hook runs at every commit --------------------------------------

@pytest.mark.parametrize(
    ('message', 'runs_git'), (
        ('Add CHI number validation\n\n# a comment\n', True),
        # No line could be a comment: git's configuration is not read.
        ('Add CHI number validation\n\nCHI numbers start with a date.\n', False),
    ),
)
def test_imports_nothing_it_does_not_need(tmp_path, message, runs_git):
    path = tmp_path / 'COMMIT_EDITMSG'
    path.write_text(message)
    code = (
        'import sys\n'
        'from nhs_open_source_hooks._main import main\n'
        f'status = main(["commit-message", {str(path)!r}])\n'
        'print(status, " ".join(sorted(sys.modules)))\n'
    )
    proc = subprocess.run(
        (sys.executable, '-c', code), cwd=tmp_path,
        capture_output=True, text=True, check=True,
    )
    status, modules = proc.stdout.split(' ', 1)
    assert status == '0'
    loaded = set(modules.split())
    assert 'nhs_open_source_hooks.sensitive' in loaded
    assert ('subprocess' in loaded) == runs_git
    assert not loaded & {
        'detect_secrets', 'requests', 'nbformat', 'nbstripout', 'identify',
        'nhs_open_source_hooks.secret_scan',
        'nhs_open_source_hooks.strip_notebook_outputs',
    }
