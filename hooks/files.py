# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Reading the files hooks are given, and rewriting them safely.

Fixers read bytes, decode them keeping the BOM, encoding and line endings,
and write back without ever leaving half a file on a full disk.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
from typing import NamedTuple


class InputError(Exception):
    """A file cannot be processed; the message says why in one line."""


def read_bytes(path: str, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of PATH, or InputError with a plain reason."""
    try:
        if os.path.islink(path):
            if not follow_symlinks:
                raise InputError('is a symbolic link; not rewritten through it')
            if not os.path.exists(path):
                raise InputError('is a dangling symbolic link')
        with open(path, 'rb') as f:
            return f.read()
    except OSError as e:
        raise InputError(os_error_reason(e))


def os_error_reason(e: OSError) -> str:
    """The plain one-line reason a file could not be read."""
    if isinstance(e, FileNotFoundError):
        return 'no such file'
    if isinstance(e, IsADirectoryError):
        return 'is a directory, not a file'
    if isinstance(e, PermissionError):
        return 'permission denied'
    return f'cannot read: {e.strerror or e}'


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, 'utf-32-le'),
    (codecs.BOM_UTF32_BE, 'utf-32-be'),
    (codecs.BOM_UTF8, 'utf-8'),
    (codecs.BOM_UTF16_LE, 'utf-16-le'),
    (codecs.BOM_UTF16_BE, 'utf-16-be'),
)


class TextFile(NamedTuple):
    text: str  # without the BOM; line endings as in the file
    encoding: str
    bom: bytes
    newline: str  # the file's first line ending, for lines a fixer adds

    @classmethod
    def decode(cls, data: bytes, *, source: bool = False) -> TextFile:
        """Decode DATA, or InputError if it is binary or not text.

        A BOM says the encoding, else UTF-8; but SOURCE code may declare
        another (a Python or Emacs coding cookie, an XML declaration), which
        is used if DATA is valid in it.
        """
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                break
        else:
            bom, encoding = b'', 'utf-8'
        if encoding == 'utf-8' and b'\0' in data:
            raise InputError('binary file (NUL bytes); skipped')
        if not bom:
            declared = source and declared_encoding(data)
            if declared and declared != 'utf-8':
                try:
                    text = data.decode(declared)
                except UnicodeDecodeError:
                    pass  # a stale declaration: the file may still be UTF-8
                else:
                    # Only an encoding that gives back every byte is kept.
                    if text.encode(declared) == data:
                        return cls(text, declared, bom, first_newline(text))
        try:
            text = data[len(bom):].decode(encoding)
        except UnicodeDecodeError as e:
            raise InputError(
                f'not valid {encoding.upper()} (byte {e.start}); not changed',
            )
        return cls(text, encoding, bom, first_newline(text))

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as e:
            raise InputError(
                f'{e.object[e.start:e.end]!r} cannot be written in '
                f'{self.encoding.upper()}, the file\'s encoding; not changed',
            )


# PEP 263's coding cookie, in any language's comment (Emacs and Vim write
# them so), and an XML declaration's encoding.
_COMMENT_LINE = re.compile(rb'[ \t\f]*[^\w\s\'"]')  # a comment marker first
_CODING = re.compile(_COMMENT_LINE.pattern + rb'[^\r\n]*?coding[:=][ \t]*([-\w.]+)')
_XML_ENCODING = re.compile(rb'<\?xml[^>]*?\sencoding[ \t]*=[ \t]*["\']([-\w.]+)')
_EOL_VARIANT = re.compile(r'-(?:unix|dos|mac)$')  # Emacs: utf-8-unix


_ASCII = bytes(range(9, 127))


def declared_encoding(data: bytes) -> str | None:
    """The codec DATA's first lines name, if Python knows it and it writes
    ASCII as ASCII (else the declaration could not have been read)."""
    m = _XML_ENCODING.match(data)
    if not m:
        line2 = data.find(b'\n', data.find(b'\n') + 1)
        first, *second = data[:line2 if line2 != -1 else 512].splitlines()[:2]
        m = _CODING.match(first)
        # As PEP 263: line 2 counts below a comment or a blank line 1.
        if not m and second and (not first.strip() or _COMMENT_LINE.match(first)):
            m = _CODING.match(second[0])
    if not m:
        return None
    name = _EOL_VARIANT.sub('', m[1].decode('ascii').lower())
    try:
        if _ASCII.decode(name) != _ASCII.decode('ascii'):
            return None
        return codecs.lookup(name).name
    except (LookupError, UnicodeDecodeError):
        return None


def first_newline(text: str, default: str = '\n') -> str:
    lf = text.find('\n')
    cr = text.find('\r')
    if cr == -1 and lf == -1:
        return default
    if cr == -1 or (lf != -1 and lf < cr):
        return '\n'
    return '\r\n' if text.startswith('\n', cr + 1) else '\r'


def check_writable(path: str) -> os.stat_result:
    """The stat of PATH, or InputError if a fixer must leave it alone."""
    try:
        st = os.lstat(path)
    except OSError as e:
        raise InputError(f'cannot stat: {e.strerror}')
    if stat.S_ISLNK(st.st_mode):
        raise InputError('is a symbolic link; not rewritten through it')
    if not stat.S_ISREG(st.st_mode):
        raise InputError('is not a regular file')
    # Mode bits, not os.access: root may write anything, but a file the user
    # made read-only is a statement that a fixer should respect.
    if not st.st_mode & stat.S_IWUSR:
        raise InputError('is read-only; not changed')
    return st


_TMP_SUFFIX = '.nhs-open-source.tmp'
# Up to this size a file is rewritten in place: the write takes microseconds,
# where a rename would cost a new inode and the freeing of the old one (0.2 ms
# a file on ext4, twenty times the write).  A larger file is replaced in one
# rename: writing it takes long enough for a kill to land mid-write.
IN_PLACE_LIMIT = 256 * 1024
_NO_FOLLOW = getattr(os, 'O_NOFOLLOW', 0)  # POSIX only
_BINARY = getattr(os, 'O_BINARY', 0)  # Windows only: no newline translation


def rewrite(path: str, data: bytes) -> None:
    """Replace PATH's content with DATA, keeping its mode and owner.

    InputError if PATH is a file a fixer must leave alone, or cannot be
    written (a full disk leaves it as it was).
    """
    st = check_writable(path)
    try:
        if len(data) > IN_PLACE_LIMIT or st.st_size > IN_PLACE_LIMIT:
            _replace(path, data, st)
        else:
            _write_in_place(path, data, st.st_size)
    except OSError as e:
        raise InputError(f'cannot write: {e.strerror or e}')


def _write_in_place(path: str, data: bytes, old_size: int) -> None:
    """As pre-commit's own fixers write, keeping the inode (and with it hard
    links, ACLs and extended attributes), but never half a file on a full
    disk: the bytes past the old end go first, and only then, when no block
    is left to allocate, the old bytes are overwritten."""
    fd = os.open(path, os.O_WRONLY | _NO_FOLLOW | _BINARY)
    try:
        if len(data) > old_size:
            try:
                _write_at(fd, data[old_size:], old_size)
            except OSError:
                os.ftruncate(fd, old_size)
                raise
        _write_at(fd, data[:old_size], 0)
        if len(data) < old_size:
            os.ftruncate(fd, len(data))
    finally:
        os.close(fd)


def _write_at(fd: int, data: bytes, offset: int) -> None:
    os.lseek(fd, offset, os.SEEK_SET)  # not os.pwrite: Windows lacks it
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _replace(path: str, data: bytes, st: os.stat_result) -> None:
    """DATA goes to a temporary file in the same folder, which then replaces
    PATH in one rename: a reader, or a killed process, sees the old file or
    the new one, never a mix.  Temporary files left by a killed run are
    removed by the next write to the same folder.

    No fsync, as in git and pre-commit's own fixers: it guards against power
    loss, not against a killed process.
    """
    folder, base = os.path.split(os.path.abspath(path))
    _remove_stale_temporaries(folder)
    tmp = os.path.join(folder, f'.{base}.{os.getpid()}{_TMP_SUFFIX}')
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600)
    try:
        with open(fd, 'wb') as f:
            f.write(data)
            os.fchmod(f.fileno(), stat.S_IMODE(st.st_mode))
            with contextlib.suppress(PermissionError):
                os.fchown(f.fileno(), st.st_uid, st.st_gid)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_swept: set[str] = set()


def _remove_stale_temporaries(folder: str) -> None:
    """Remove FOLDER's temporaries of dead processes, once a process.

    Once, because a hook rewrites many files of one folder in a run, and
    listing the folder for each of them was most of the cost of writing.
    """
    if folder in _swept:
        return
    _swept.add(folder)
    for name in os.listdir(folder):
        if not (name.startswith('.') and name.endswith(_TMP_SUFFIX)):
            continue
        pid = name[:-len(_TMP_SUFFIX)].rpartition('.')[2]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(folder, name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
