# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys

import pytest

from nhs_open_source_hooks import files
from nhs_open_source_hooks.files import InputError
from nhs_open_source_hooks.files import TextFile


@pytest.mark.parametrize(('data', 'text', 'encoding', 'bom', 'newline'), (
    (b'a\nb\n', 'a\nb\n', 'utf-8', b'', '\n'),
    (b'a\r\nb\n', 'a\r\nb\n', 'utf-8', b'', '\r\n'),
    (b'a\rb', 'a\rb', 'utf-8', b'', '\r'),
    (b'no newline', 'no newline', 'utf-8', b'', '\n'),
    (b'', '', 'utf-8', b'', '\n'),
    (b'\xef\xbb\xbfcaf\xc3\xa9\r\n', 'caf\xe9\r\n', 'utf-8', b'\xef\xbb\xbf', '\r\n'),
    (b'\xff\xfea\x00\n\x00', 'a\n', 'utf-16-le', b'\xff\xfe', '\n'),
    (b'\xfe\xff\x00a\x00\n', 'a\n', 'utf-16-be', b'\xfe\xff', '\n'),
    (b'\xff\xfe\x00\x00a\x00\x00\x00', 'a', 'utf-32-le', b'\xff\xfe\x00\x00', '\n'),
))
def test_decode_and_encode_round_trip(data, text, encoding, bom, newline):
    decoded = TextFile.decode(data)
    assert decoded == (text, encoding, bom, newline)
    assert decoded.encode(decoded.text) == data


@pytest.mark.parametrize(('data', 'reason'), (
    (b'\x89PNG\r\n\x1a\n\x00\x00', 'binary file'),
    (b'caf\xe9\n', 'not valid UTF-8 (byte 3)'),
    (b'\xff\xfea', 'not valid UTF-16-LE'),
))
def test_decode_refuses(data, reason):
    with pytest.raises(InputError, match=reason.replace('(', r'\(').replace(')', r'\)')):
        TextFile.decode(data)


def test_read_bytes_errors(tmp_path):
    (tmp_path / 'dir').mkdir()
    os.symlink('missing', tmp_path / 'dangling')
    (tmp_path / 'real').write_bytes(b'x')
    os.symlink('real', tmp_path / 'link')
    with pytest.raises(InputError, match='^no such file$'):
        files.read_bytes(str(tmp_path / 'nope'))
    with pytest.raises(InputError, match='^is a directory'):
        files.read_bytes(str(tmp_path / 'dir'))
    with pytest.raises(InputError, match='^is a dangling symbolic link$'):
        files.read_bytes(str(tmp_path / 'dangling'))
    assert files.read_bytes(str(tmp_path / 'link')) == b'x'
    with pytest.raises(InputError, match='symbolic link'):
        files.read_bytes(str(tmp_path / 'link'), follow_symlinks=False)


def test_only_source_code_may_declare_its_encoding():
    data = '# -*- coding: latin-1 -*-\nx = "é"\n'.encode('latin-1')
    assert TextFile.decode(data, source=True) == TextFile(
        data.decode('latin-1'), 'iso8859-1', b'', '\n',
    )
    with pytest.raises(InputError, match='^not valid UTF-8'):
        TextFile.decode(data)  # a notebook or a README is UTF-8 whatever it says


SMALL = b'old\n' * 10
LARGE = b'old\n' * (files.IN_PLACE_LIMIT // 4 + 1)  # replaced by a rename


@pytest.mark.parametrize('old', (SMALL, LARGE), ids=('in place', 'renamed'))
@pytest.mark.parametrize('grow', (True, False), ids=('longer', 'shorter'))
def test_rewrite_keeps_mode_and_leaves_no_debris(tmp_path, old, grow):
    path = tmp_path / 'script.sh'
    path.write_bytes(old)
    path.chmod(0o751)
    new = b'# header\n' + old if grow else old[:-8]
    files.rewrite(str(path), new)
    assert path.read_bytes() == new
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert os.listdir(tmp_path) == ['script.sh']


def test_rewrite_in_place_keeps_the_inode_and_its_hard_links(tmp_path):
    path = tmp_path / 'a.py'
    path.write_bytes(SMALL)
    os.link(path, tmp_path / 'b.py')
    inode = path.stat().st_ino
    files.rewrite(str(path), b'new\n' + SMALL)
    assert path.stat().st_ino == inode
    assert (tmp_path / 'b.py').read_bytes() == b'new\n' + SMALL


def test_rewrite_removes_a_killed_run_temporary(tmp_path):
    path = tmp_path / 'a.py'
    path.write_bytes(LARGE)
    # What a run killed mid-write leaves: a temporary named for a dead process.
    dead = 2 ** 22 + 1  # above the kernel's default pid_max, so never alive
    stale = tmp_path / f'.a.py.{dead}.nhs-open-source.tmp'
    stale.write_bytes(b'half')
    files.rewrite(str(path), b'new' + LARGE)
    assert sorted(os.listdir(tmp_path)) == ['a.py']


@pytest.mark.skipif(not hasattr(signal, 'SIGXFSZ'), reason='POSIX file size limit')
@pytest.mark.parametrize('old', (SMALL, LARGE), ids=('in place', 'renamed'))
def test_a_full_disk_leaves_the_file_as_it_was(tmp_path, old):
    # A file size limit fails the write as a full disk would, part way:
    # the limit lets a few of the new bytes through.
    path = tmp_path / 'a.py'
    path.write_bytes(old)
    child = (
        'import resource, signal, sys\n'
        'from nhs_open_source_hooks import files\n'
        'signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n'
        f'resource.setrlimit(resource.RLIMIT_FSIZE, ({len(old) + 5},) * 2)\n'
        'old = open(sys.argv[1], "rb").read()\n'
        'try:\n'
        '    files.rewrite(sys.argv[1], b"# a header that does not fit\\n" * 9 + old)\n'
        'except files.InputError as e:\n'
        '    print(e)\n'
    )
    out = subprocess.run(
        (sys.executable, '-c', child, str(path)),
        capture_output=True, text=True, check=True,
    ).stdout
    assert out == 'cannot write: File too large\n'
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ['a.py']


@pytest.mark.parametrize('kind', ('read-only', 'symlink', 'fifo'))
def test_rewrite_refuses(tmp_path, kind):
    target = tmp_path / 'target'
    target.write_bytes(b'keep')
    path = tmp_path / 'file'
    if kind == 'read-only':
        path.write_bytes(b'keep')
        path.chmod(0o444)
    elif kind == 'symlink':
        os.symlink('target', path)
    else:
        os.mkfifo(path)
    with pytest.raises(InputError):
        files.rewrite(str(path), b'changed')
    assert target.read_bytes() == b'keep'
    if kind == 'read-only':
        assert path.read_bytes() == b'keep'
