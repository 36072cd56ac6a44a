# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

from tests.conftest import git
from tests.e2e.conftest import commit


def test_commit_blocked_for_a_bad_message_and_allowed_for_a_good_one(installed_repo):
    repo = installed_repo('commit-message')
    (repo / 'notes.txt').write_text('notes\n')

    blocked = commit(repo, 'wip')
    assert blocked.returncode != 0
    assert '.git/COMMIT_EDITMSG:1: commit-message-subject-placeholder' in blocked.stderr
    assert 'git commit -e -F .git/COMMIT_EDITMSG' in blocked.stderr
    assert git(repo, 'rev-list', '--all') == ''

    allowed = commit(repo, 'Add meeting notes\n\nThe notes from the first review.')
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert git(repo, 'log', '--format=%s') == 'Add meeting notes\n'


def test_try_repo_at_the_commit_msg_stage(repo, hooks_repo, pre_commit):
    # One run: try-repo builds the hook environment afresh every time.
    (repo / 'MSG').write_text('Fix.\n\n# a comment git drops, ' + 'long ' * 20 + '\n')
    proc = pre_commit(
        'try-repo', str(hooks_repo), 'commit-message',
        '--hook-stage', 'commit-msg', '--commit-msg-filename', 'MSG',
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert 'MSG:1: commit-message-subject-placeholder' in proc.stdout
    assert 'MSG:1: commit-message-subject-full-stop' in proc.stdout
    assert 'MSG:3' not in proc.stdout
