# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Properties of the licence-header fixer over generated files (issue 9).

For files of several types, with or without a shebang or other prologue, a
BOM, LF, CRLF, CR or mixed line endings, and existing notices: the fixer
only ever inserts one block (removing it gives back the original bytes), at
the right place, in the file's line ending, BOM and encoding, keeps the
mode, and a second run changes nothing.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import tempfile
import time

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from identify import identify

from nhs_open_source_hooks.licence_header import main

Y = time.localtime().tm_year

# name: (comment start, comment end, prologues that may come first)
TYPES = {
    'a.py': ('# ', '', ('#!/usr/bin/env python3', '# -*- coding: utf-8 -*-')),
    'run': ('# ', '', ('#!/bin/sh',)),
    'a.js': ('// ', '', ('#!/usr/bin/env node',)),
    'a.c': ('/* ', ' */', ()),
    'a.sql': ('-- ', '', ()),
    'a.css': ('/* ', ' */', ('@charset "UTF-8";',)),
    'a.html': ('<!-- ', ' -->', ('<!DOCTYPE html>',)),
    'a.xml': ('<!-- ', ' -->', ('<?xml version="1.0"?>',)),
    'a.md': ('<!-- ', ' -->', ()),
    'a.php': ('// ', '', ('<?php',)),
    'Dockerfile': ('# ', '', ('# syntax=docker/dockerfile:1',)),
    'a.yaml': ('# ', '', ()),
}
ENCODINGS = (
    (b'', 'utf-8'),
    (codecs.BOM_UTF8, 'utf-8'),
    (codecs.BOM_UTF16_LE, 'utf-16-le'),
    (codecs.BOM_UTF16_BE, 'utf-16-be'),
    (codecs.BOM_UTF32_LE, 'utf-32-le'),
)
NEWLINES = ('\n', '\r\n', '\r')
NOTICES = (
    (f'Copyright (c) {Y} Crown Copyright', 'SPDX-License-Identifier: MIT'),
    ('Copyright 2019-2021 Crown Copyright', 'SPDX-License-Identifier: MIT'),
    ('© Crown copyright 2020', 'SPDX-License-Identifier: MIT'),
    ('SPDX-FileCopyrightText: 2020 Crown Copyright', 'SPDX-License-Identifier: MIT'),
)

# Body lines never start like a prologue; any text may follow.
line_text = st.text(
    st.characters(exclude_categories=('Cs',), exclude_characters='\r\n\0'),
    max_size=30,
).map(lambda s: 'a' + s)


@st.composite
def files(draw):
    name = draw(st.sampled_from(sorted(TYPES)))
    start, end, prologues = TYPES[name]
    prologue = draw(st.sampled_from(('', *prologues)))
    lines = ([prologue] if prologue else []) + draw(st.lists(line_text, max_size=8))
    existing = draw(st.sampled_from((None, *range(len(NOTICES)))))
    parts = draw(st.sampled_from(('both', 'copyright', 'licence')))
    if existing is not None:
        notice = NOTICES[existing]
        picked = {'both': notice, 'copyright': notice[:1], 'licence': notice[1:]}[parts]
        at = draw(st.integers(len([prologue] if prologue else []), len(lines)))
        lines[at:at] = [f'{start}{line}{end}' for line in picked]
    uniform = draw(st.booleans())
    first = draw(st.sampled_from(NEWLINES))
    endings = [
        first if uniform else draw(st.sampled_from(NEWLINES)) for _ in lines
    ]
    if lines and draw(st.booleans()):
        endings[-1] = ''  # no final line ending
    text = ''.join(line + ending for line, ending in zip(lines, endings))
    bom, encoding = draw(st.sampled_from(ENCODINGS))
    mode = draw(st.sampled_from((0o644, 0o755, 0o600, 0o664)))
    return name, prologue, existing, parts, text, bom, encoding, mode


@pytest.fixture(scope='module')
def workdir():
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # no pyproject.toml: the policy's defaults
        yield tmp
        os.chdir(old)


def _blocks(old, new):
    """Every block whose removal from NEW leaves OLD (none if there is none)."""
    d = len(new) - len(old)
    if d < 0:
        return []
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[::-1], new[::-1]]))
    return [new[i:i + d] for i in range(len(old) - suffix, prefix + 1)]


@settings(
    max_examples=400, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(files())
def test_fixer_properties(workdir, capsys, case):
    name, prologue, existing, parts, text, bom, encoding, mode = case
    # Hypothesis draws strings from the code under test: REUSE's ignore
    # markers hide the notices this oracle expects to be found.
    assume('REUSE-Ignore' not in text)
    start, end, _ = TYPES[name]
    path = os.path.join(workdir, name)
    for old in os.listdir(workdir):
        os.unlink(os.path.join(workdir, old))
    data = bom + text.encode(encoding)
    with open(path, 'wb') as f:
        f.write(data)
    os.chmod(path, mode)
    if name == 'run':
        os.chmod(path, mode | 0o100)
        mode |= 0o100

    # As pre-commit and the hook do, identify types a file without an
    # extension by its shebang line, which it reads up to a '\n'.
    shebang = 'shell' in identify.tags_from_path(path)
    check = main(['--check', path])
    with open(path, 'rb') as f:
        assert f.read() == data  # --check changes nothing

    status = main([path])
    capsys.readouterr()
    with open(path, 'rb') as f:
        new = f.read()
    assert status == check
    assert stat.S_IMODE(os.stat(path).st_mode) == mode
    assert os.listdir(workdir) == [name]  # no temporary file left behind

    if not data or (name == 'run' and ((prologue, bom) != ('#!/bin/sh', b'') or not shebang)):
        assert (status, new) == (0, data)  # nothing to do, or not a script
        return
    if existing is not None and parts == 'both':
        assert (status, new) == (0, data)
        return
    assert status == 1

    # Every original byte kept: removing one inserted block gives them back.
    assert _blocks(data, new)
    assert new.startswith(bom)
    new_text = new[len(bom):].decode(encoding)
    # The header follows the prologue, as comments, in the file's first line ending.
    assert new_text.startswith(prologue)
    first = re.search(r'\r\n|\r|\n', text)
    newline = first[0] if first else '\n'
    # Documentation is under the Open Government Licence, as the policy asks.
    spdx = f'SPDX-License-Identifier: {"OGL-UK-3.0" if name == "a.md" else "MIT"}'
    expected = {
        'both': [f'Copyright (c) {Y} Crown Copyright', spdx],
        'copyright': [spdx],
        'licence': [f'Copyright (c) {Y} Crown Copyright'],
    }['both' if existing is None else parts]
    if name == 'a.php' and not prologue:
        start, end = '<!-- ', ' -->'  # a template: HTML until `<?php`
    comments = [f'{start}{line}{end}' for line in expected]
    assert any(
        [line for line in block.split(newline) if line] == comments
        for block in _blocks(text, new_text)
    )

    # Idempotent.
    assert main([path]) == 0
    with open(path, 'rb') as f:
        assert f.read() == new
    assert capsys.readouterr().out == ''
