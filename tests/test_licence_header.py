# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import time

import pytest

from nhs_open_source_hooks import licence_header
from nhs_open_source_hooks._comment_styles import MARKUP
from nhs_open_source_hooks._comment_styles import PHP_SECTION
from nhs_open_source_hooks._comment_styles import TAG_STYLES
from nhs_open_source_hooks.licence_header import audit
from nhs_open_source_hooks.licence_header import main

Y = time.localtime().tm_year
C = f'Copyright (c) {Y} Crown Copyright'
S = 'SPDX-License-Identifier: MIT'
D = 'SPDX-License-Identifier: OGL-UK-3.0'  # documentation, as the policy asks


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # No pyproject.toml here: the policy's defaults apply.
    monkeypatch.chdir(tmp_path)


def _write(path, data: bytes, mode: int | None = None):
    path.write_bytes(data)
    if mode is not None:
        path.chmod(mode)
    return path


# (file name, content, expected content) for every file type the issue lists.
TYPES = (
    ('a.py', 'x = 1\n', f'# {C}\n# {S}\n\nx = 1\n'),
    ('shebang.py', '#!/usr/bin/env python3\nx = 1\n',
     f'#!/usr/bin/env python3\n# {C}\n# {S}\n\nx = 1\n'),
    ('cookie.py', '# -*- coding: utf-8 -*-\nx = 1\n',
     f'# -*- coding: utf-8 -*-\n# {C}\n# {S}\n\nx = 1\n'),
    ('both.py', '#!/usr/bin/python\n# vim: set fileencoding=utf-8 :\nx = 1\n',
     f'#!/usr/bin/python\n# vim: set fileencoding=utf-8 :\n# {C}\n# {S}\n\nx = 1\n'),
    ('docstring.py', '"""Doc."""\n', f'# {C}\n# {S}\n\n"""Doc."""\n'),
    ('a.sh', '#!/bin/sh\necho hi\n', f'#!/bin/sh\n# {C}\n# {S}\n\necho hi\n'),
    ('a.R', 'x <- 1\n', f'# {C}\n# {S}\n\nx <- 1\n'),
    ('a.sql', 'SELECT 1;\n', f'-- {C}\n-- {S}\n\nSELECT 1;\n'),
    ('a.js', 'let x;\n', f'// {C}\n// {S}\n\nlet x;\n'),
    ('node.js', '#!/usr/bin/env node\nlet x;\n',
     f'#!/usr/bin/env node\n// {C}\n// {S}\n\nlet x;\n'),
    ('a.ts', 'let x: number;\n', f'// {C}\n// {S}\n\nlet x: number;\n'),
    ('a.jsx', '<A/>;\n', f'// {C}\n// {S}\n\n<A/>;\n'),
    ('a.tsx', '<A/>;\n', f'// {C}\n// {S}\n\n<A/>;\n'),
    ('a.css', 'a {}\n', f'/* {C} */\n/* {S} */\n\na {{}}\n'),
    ('charset.css', '@charset "UTF-8";\na {}\n',
     f'@charset "UTF-8";\n/* {C} */\n/* {S} */\n\na {{}}\n'),
    ('a.scss', '$x: 1;\n', f'/* {C} */\n/* {S} */\n\n$x: 1;\n'),
    ('a.html', '<!DOCTYPE html>\n<html></html>\n',
     f'<!DOCTYPE html>\n<!-- {C} -->\n<!-- {S} -->\n\n<html></html>\n'),
    ('plain.html', '<p>hi</p>\n', f'<!-- {C} -->\n<!-- {S} -->\n\n<p>hi</p>\n'),
    ('a.xml', '<?xml version="1.0" encoding="UTF-8"?>\n<a/>\n',
     f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {C} -->\n<!-- {S} -->\n\n<a/>\n'),
    ('oneline.xml', '<?xml version="1.0"?><a/>',
     f'<?xml version="1.0"?>\n<!-- {C} -->\n<!-- {S} -->\n\n<a/>'),
    ('doctype.xml', '<?xml version="1.0"?>\n<!DOCTYPE a [\n<!ENTITY b "c>">\n]>\n<a/>\n',
     '<?xml version="1.0"?>\n<!DOCTYPE a [\n<!ENTITY b "c>">\n]>\n'
     f'<!-- {C} -->\n<!-- {S} -->\n\n<a/>\n'),
    ('a.svg', '<svg/>\n', f'<!-- {C} -->\n<!-- {S} -->\n\n<svg/>\n'),
    ('a.yaml', 'a: 1\n', f'# {C}\n# {S}\n\na: 1\n'),
    ('a.toml', 'a = 1\n', f'# {C}\n# {S}\n\na = 1\n'),
    ('Dockerfile', 'FROM scratch\n', f'# {C}\n# {S}\n\nFROM scratch\n'),
    ('directive/Dockerfile', '# syntax=docker/dockerfile:1\n# escape=`\nFROM scratch\n',
     f'# syntax=docker/dockerfile:1\n# escape=`\n# {C}\n# {S}\n\nFROM scratch\n'),
    ('Makefile', 'all:\n\ttrue\n', f'# {C}\n# {S}\n\nall:\n\ttrue\n'),
    ('main.tf', 'locals {}\n', f'# {C}\n# {S}\n\nlocals {{}}\n'),
    ('a.ps1', 'Write-Host hi\n', f'# {C}\n# {S}\n\nWrite-Host hi\n'),
    ('A.java', 'class A {}\n', f'// {C}\n// {S}\n\nclass A {{}}\n'),
    ('a.c', 'int x;\n', f'/* {C} */\n/* {S} */\n\nint x;\n'),
    ('a.h', 'int x;\n', f'/* {C} */\n/* {S} */\n\nint x;\n'),
    ('a.cpp', 'int x;\n', f'// {C}\n// {S}\n\nint x;\n'),
    ('a.go', '//go:build linux\n\npackage a\n',
     f'// {C}\n// {S}\n\n//go:build linux\n\npackage a\n'),
    ('lib.rs', '#![allow(dead_code)]\nfn f() {}\n',
     f'// {C}\n// {S}\n\n#![allow(dead_code)]\nfn f() {{}}\n'),
    ('a.rb', '# frozen_string_literal: true\nx = 1\n',
     f'# {C}\n# {S}\n\n# frozen_string_literal: true\nx = 1\n'),
    ('a.md', '# Title\n', f'<!-- {C} -->\n<!-- {D} -->\n\n# Title\n'),
    ('front.md', '---\ntitle: T\n---\n# Title\n',
     f'---\ntitle: T\n---\n<!-- {C} -->\n<!-- {D} -->\n\n# Title\n'),
    ('crlf-front.md', '---\r\ntitle: T\r\n---\r\n# Title\r\n',
     f'---\r\ntitle: T\r\n---\r\n<!-- {C} -->\r\n<!-- {D} -->\r\n\r\n# Title\r\n'),
    ('toml-front.md', '+++\r\ntitle = "T"\r\n+++\r\n# Title\r\n',
     f'+++\r\ntitle = "T"\r\n+++\r\n<!-- {C} -->\r\n<!-- {D} -->\r\n\r\n# Title\r\n'),
    ('cloud-init.yaml', '#cloud-config\npackages: []\n',
     f'#cloud-config\n# {C}\n# {S}\n\npackages: []\n'),
    ('cookie-below-blank.py', '\n# -*- coding: utf-8 -*-\nx = 1\n',
     f'\n# -*- coding: utf-8 -*-\n# {C}\n# {S}\n\nx = 1\n'),
    ('comment-in-subset.xml',
     '<?xml version="1.0"?>\n<!DOCTYPE a [\n<!-- see [1] -->\n<!ENTITY b "]>">\n]>\n<a/>\n',
     '<?xml version="1.0"?>\n<!DOCTYPE a [\n<!-- see [1] -->\n<!ENTITY b "]>">\n]>\n'
     f'<!-- {C} -->\n<!-- {S} -->\n\n<a/>\n'),
    ('a.php', '<?php\necho 1;\n', f'<?php\n// {C}\n// {S}\n\necho 1;\n'),
    ('inline.php', '<?php echo 1; ?>\n<p/>\n',
     f'<?php\n// {C}\n// {S}\n\n echo 1; ?>\n<p/>\n'),
    ('template.php', '<p/>\n', f'<!-- {C} -->\n<!-- {S} -->\n\n<p/>\n'),
    # A section of its own, which PHP does not print: not even its newline.
    ('echo.php', '<?= $title ?>\n<p/>\n', f'<?php\n// {C}\n// {S}\n?>\n<?= $title ?>\n<p/>\n'),
    # After the short open tag, as after '<?php': declare() must stay first.
    ('short.php', '<?\ndeclare(strict_types=1);\n', f'<?\n// {C}\n// {S}\n\ndeclare(strict_types=1);\n'),
    ('a.bat', '@echo off\necho hi\n', f'@echo off\nREM {C}\nREM {S}\n\necho hi\n'),
    ('a.rst', 'Title\n=====\n', f'.. {C}\n.. {D}\n\nTitle\n=====\n'),
    ('a.ini', '[a]\n', f'; {C}\n; {S}\n\n[a]\n'),
    ('a.lua', 'x = 1\n', f'-- {C}\n-- {S}\n\nx = 1\n'),
    ('a.j2', '{{ x }}\n', f'{{# {C} #}}\n{{# {S} #}}\n\n{{{{ x }}}}\n'),
    ('blank-first.py', '\nx = 1\n', f'# {C}\n# {S}\n\nx = 1\n'),
    ('no-newline.py', 'x = 1', f'# {C}\n# {S}\n\nx = 1'),
    ('only-shebang', '#!/bin/bash', f'#!/bin/bash\n# {C}\n# {S}\n'),
    ('script', '#!/usr/bin/env python3\nx = 1\n',
     f'#!/usr/bin/env python3\n# {C}\n# {S}\n\nx = 1\n'),
)


@pytest.mark.parametrize(('name', 'before', 'after'), TYPES, ids=[t[0] for t in TYPES])
def test_inserts_header(tmp_path, capsys, name, before, after):
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    _write(path, before.encode())

    assert main(['--check', str(path)]) == 1
    assert path.read_bytes() == before.encode()
    assert f'{path}:' in capsys.readouterr().out

    assert main([str(path)]) == 1
    assert path.read_bytes() == after.encode()
    assert 'licence-header-missing added' in capsys.readouterr().out

    assert main([str(path)]) == 0
    assert main(['--check', str(path)]) == 0
    assert path.read_bytes() == after.encode()
    assert capsys.readouterr().out == ''


def test_every_issue_type_has_a_style():
    wanted = {
        'python', 'shell', 'r', 'sql', 'javascript', 'ts', 'jsx', 'tsx', 'css',
        'scss', 'html', 'xml', 'yaml', 'toml', 'dockerfile', 'makefile',
        'terraform', 'powershell', 'java', 'c', 'c++', 'go', 'rust', 'ruby',
        'markdown',
    }
    assert wanted <= set(TAG_STYLES)


@pytest.mark.parametrize(('name', 'data'), (
    ('a.json', b'{"a": 1}\n'),
    ('a.ipynb', b'{"cells": []}\n'),
    ('a.png', b'\x89PNG\r\n\x1a\n\0\0'),
    ('a.txt', b'text\n'),
    ('uv.lock', b'version = 1\n'),
    ('README', b'Read me\n'),
    ('noshebang', b'echo hi\n'),
    ('empty.py', b''),
))
def test_skips_files_without_comment_syntax(tmp_path, capsys, name, data):
    path = _write(tmp_path / name, data)
    assert main([str(path)]) == 0
    assert path.read_bytes() == data
    assert capsys.readouterr() == ('', '')


@pytest.mark.parametrize(('name', 'before', 'after'), (
    ('crlf.py', b'x = 1\r\ny = 2\r\n', f'# {C}\r\n# {S}\r\n\r\nx = 1\r\ny = 2\r\n'.encode()),
    ('cr.py', b'x = 1\ry = 2\r', f'# {C}\r# {S}\r\rx = 1\ry = 2\r'.encode()),
    ('mixed.py', b'#!/bin/python\r\nx = 1\ny = 2\r\n',
     f'#!/bin/python\r\n# {C}\r\n# {S}\r\n\r\nx = 1\ny = 2\r\n'.encode()),
    ('bom.py', b'\xef\xbb\xbfx = 1\n', f'\ufeff# {C}\n# {S}\n\nx = 1\n'.encode()),
    ('utf16.py', '\ufeffx = "é"\r\n'.encode('utf-16-le'),
     f'\ufeff# {C}\r\n# {S}\r\n\r\nx = "é"\r\n'.encode('utf-16-le')),
    ('bom.xml', b'\xef\xbb\xbf<?xml version="1.0"?>\n<a/>\n',
     f'\ufeff<?xml version="1.0"?>\n<!-- {C} -->\n<!-- {S} -->\n\n<a/>\n'.encode()),
    # An encoding the file declares, when it is not UTF-8.
    ('latin1.py', '# -*- coding: latin-1 -*-\nname = "café"\n'.encode('latin-1'),
     f'# -*- coding: latin-1 -*-\n# {C}\n# {S}\n\nname = "café"\n'.encode('latin-1')),
    ('koi8.py', '#!/usr/bin/python\n# vim: set fileencoding=koi8-r :\ns = "Привет"\n'.encode('koi8-r'),
     f'#!/usr/bin/python\n# vim: set fileencoding=koi8-r :\n# {C}\n# {S}\n\ns = "Привет"\n'
     .encode('koi8-r')),
    ('emacs.rb', '# -*- coding: iso-8859-15-unix -*-\nputs "€"\n'.encode('iso-8859-15'),
     f'# -*- coding: iso-8859-15-unix -*-\n# {C}\n# {S}\n\nputs "€"\n'.encode('iso-8859-15')),
    ('latin1.xml', '<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>café</a>\n'.encode('latin-1'),
     f'<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- {C} -->\n<!-- {S} -->\n\n<a>café</a>\n'
     .encode('latin-1')),
    # A declaration the content has outgrown: the file is UTF-8.
    ('stale.py', '# coding: ascii\nx = "é"\n'.encode(),
     f'# coding: ascii\n# {C}\n# {S}\n\nx = "é"\n'.encode()),
    # Declarations that cannot be: the file was read as ASCII to find them.
    ('utf16-declared.py', b'# -*- coding: utf-16-le -*-\nx = 1\n',
     f'# -*- coding: utf-16-le -*-\n# {C}\n# {S}\n\nx = 1\n'.encode()),
    ('ebcdic.xml', b'<?xml version="1.0" encoding="cp500"?>\n<a/>\n',
     f'<?xml version="1.0" encoding="cp500"?>\n<!-- {C} -->\n<!-- {S} -->\n\n<a/>\n'.encode()),
))
def test_keeps_line_endings_bom_and_encoding(tmp_path, name, before, after):
    path = _write(tmp_path / name, before)
    assert main([str(path)]) == 1
    assert path.read_bytes() == after


@pytest.mark.parametrize(('name', 'holder', 'closer'), (
    ('a.c', 'Acme */ Ltd', '*/'),
    ('a.xml', 'Acme -- Digital', '--'),
))
def test_a_holder_that_would_end_the_comment_is_refused(tmp_path, capsys, name, holder, closer):
    path = _write(tmp_path / name, b'x\n')
    assert main(['--copyright-holder', holder, name]) == 2
    assert capsys.readouterr().err == (
        f"{name}: the header line 'Copyright (c) {Y} {holder}' holds {closer!r}, "
        'which would end its comment here; not changed\n'
    )
    assert path.read_bytes() == b'x\n'


def test_a_holder_the_declared_encoding_cannot_hold(tmp_path, capsys):
    before = '# -*- coding: latin-1 -*-\nname = "café"\n'.encode('latin-1')
    path = _write(tmp_path / 'a.py', before)
    assert main(['--copyright-holder', 'Ωmega Trust', 'a.py']) == 2
    assert capsys.readouterr() == (
        '', "a.py: 'Ω' cannot be written in ISO8859-1, the file's encoding; not changed\n",
    )
    assert path.read_bytes() == before


def test_keeps_mode(tmp_path):
    path = _write(tmp_path / 'run.sh', b'#!/bin/sh\n', 0o751)
    assert main([str(path)]) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert not [p for p in os.listdir(tmp_path) if p != 'run.sh']


@pytest.mark.parametrize('header', (
    '# Copyright (c) 2020 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
    '# Copyright (C) 2019-2021 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
    '# Copyright 2019, 2021 Crown Copyright. All rights reserved.\n'
    '# SPDX-License-Identifier: MIT\n',
    '# © Crown copyright 2024\n# SPDX-License-Identifier: MIT\n',
    '# SPDX-FileCopyrightText: 2020 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
    '# SPDX-FileCopyrightText: © 2020 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
    '# SPDX-FileCopyrightText: Crown Copyright\n# SPDX-License-Identifier: MIT\n',
    '# © Crown copyright\n# SPDX-License-Identifier: MIT\n',
    "#' Copyright 2022 Crown Copyright\n#' SPDX-License-Identifier: MIT\n",  # R's roxygen
    '"""Module.\n\nCopyright (c) 2020 Crown Copyright\nSPDX-License-Identifier: MIT\n"""\n',
    '# Copyright (c) 2021 Crown Copyright\n# SPDX-License-Identifier: OGL-UK-3.0\n',
    '#!/bin/python\n\n\n# Copyright (c) 2021 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
))
def test_leaves_existing_notices_alone(tmp_path, capsys, header):
    data = (header + 'x = 1\n').encode()
    path = _write(tmp_path / 'a.py', data)
    assert main([str(path)]) == 0
    assert path.read_bytes() == data
    assert capsys.readouterr().out == ''


@pytest.mark.parametrize(('before', 'after', 'message'), (
    ('# Copyright 2020 Crown Copyright\nx = 1\n',
     f'# {S}\n\n# Copyright 2020 Crown Copyright\nx = 1\n', 'SPDX-License-Identifier'),
    ('#!/bin/python\n# SPDX-License-Identifier: MIT\nx = 1\n',
     f'#!/bin/python\n# {C}\n\n# SPDX-License-Identifier: MIT\nx = 1\n', 'copyright notice'),
    # Notices in forms `reuse lint` does not read get one it does.
    ('# copyright 2020 crown copyright\n# SPDX-License-Identifier: MIT\n',
     f'# {C}\n\n# copyright 2020 crown copyright\n# SPDX-License-Identifier: MIT\n',
     'copyright notice'),
    ('# (c) 2020 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
     f'# {C}\n\n# (c) 2020 Crown Copyright\n# SPDX-License-Identifier: MIT\n',
     'copyright notice'),
))
def test_adds_only_the_missing_part(tmp_path, capsys, before, after, message):
    path = _write(tmp_path / 'a.py', before.encode())
    assert main([str(path)]) == 1
    assert path.read_bytes() == after.encode()
    assert capsys.readouterr().out.endswith(f'licence-header-missing added {message}\n')


@pytest.mark.parametrize(('data', 'args', 'expected'), (
    (b'# Copyright 2020 Crown Copyright\n# SPDX-License-Identifier: GPL-3.0-only\n', [],
     "a.py:2: licence-header-licence SPDX-License-Identifier 'GPL-3.0-only' "
     'is not an accepted licence; not changed\n'),
    (b'/* Copyright 2020 Acme Ltd */\n# SPDX-License-Identifier: MIT\n', [],
     "a.py:1: licence-header-holder copyright notice 'Copyright 2020 Acme Ltd */' "
     'names no accepted holder; not changed\n'),
    (b'# Copyright 2020 Acme Ltd\n', [],
     "a.py:1: licence-header-holder copyright notice 'Copyright 2020 Acme Ltd' "
     'names no accepted holder; not changed\n'),
    (b'# Copyright 2020 Acme Ltd\n# SPDX-License-Identifier: Apache-2.0\n',
     ['--accept-holder', 'acme ltd'],
     "a.py:2: licence-header-licence SPDX-License-Identifier 'Apache-2.0' "
     'is not an accepted licence; not changed\n'),
    # Identifiers are never added beside one that is there: not one that
    # REUSE would not find in LICENSES/, nor one this hook cannot read.
    (b'# Copyright 2020 Crown Copyright\n# SPDX-License-Identifier: mit\n', [],
     "a.py:2: licence-header-licence SPDX-License-Identifier 'mit' "
     "is not an accepted licence ('MIT' is, as written); not changed\n"),
    (b'# Copyright 2020 Crown Copyright\n# SPDX-License-Identifier: GPL-2.0-only \t OR  MIT\n', [],
     "a.py:2: licence-header-licence SPDX-License-Identifier 'GPL-2.0-only OR MIT' "
     'is not an accepted licence; not changed\n'),
    (b'"""SPDX-License-Identifier: GPL-2.0-only"""\n', [],
     "a.py:1: licence-header-licence SPDX-License-Identifier 'GPL-2.0-only\"\"\"' "
     'is not an accepted licence; not changed\n'),
    # reuse lint reads no licence in these: neither does this hook.
    (b'{#- SPDX-License-Identifier: MIT -#}\n', [],
     "a.py:1: licence-header-licence SPDX-License-Identifier 'MIT -' "
     'is not an accepted licence; not changed\n'),
    (b'# Copyright 2020 Crown Copyright\n# SPDX-License-Identifier: {licence}\n', [],
     "a.py:2: licence-header-licence SPDX-License-Identifier '{licence' "
     'is not an accepted licence; not changed\n'),
    # Identifiers behind other comment openers are found too.
    (b'--[[ SPDX-License-Identifier: GPL-2.0-only ]]\n', [],
     "a.py:1: licence-header-licence SPDX-License-Identifier 'GPL-2.0-only ]]' "
     'is not an accepted licence; not changed\n'),
    (b'<?php // SPDX-License-Identifier: GPL-2.0-only\n', [],
     "a.py:1: licence-header-licence SPDX-License-Identifier 'GPL-2.0-only' "
     'is not an accepted licence; not changed\n'),
    (b'Rem SPDX-License-Identifier: GPL-2.0-only\r\n', [],
     "a.py:1: licence-header-licence SPDX-License-Identifier 'GPL-2.0-only' "
     'is not an accepted licence; not changed\n'),
    # A holder counts as whole words: 'NHS England' is not 'NHS Englandshire'.
    (b'# Copyright 2020 NHS Englandshire Ltd\n', ['--copyright-holder', 'NHS England'],
     "a.py:1: licence-header-holder copyright notice 'Copyright 2020 NHS Englandshire Ltd' "
     'names no accepted holder; not changed\n'),
))
def test_reports_other_licence_or_holder_without_rewriting(capsys, data, args, expected):
    with open('a.py', 'wb') as f:
        f.write(data)
    assert main([*args, 'a.py']) == 1
    assert capsys.readouterr().out == expected
    with open('a.py', 'rb') as f:
        assert f.read() == data


def test_accepted_holder_and_licence(tmp_path):
    data = b'# Copyright 2020 Acme Ltd\n# SPDX-License-Identifier: Apache-2.0\n'
    path = _write(tmp_path / 'a.py', data)
    args = ['--accept-holder', 'Acme Ltd', '--accept-licence', 'Apache-2.0']
    assert main([*args, str(path)]) == 0
    assert path.read_bytes() == data


@pytest.mark.parametrize(('notice', 'updated'), (
    ('Copyright (c) 2020 Crown Copyright', f'Copyright (c) 2020-{Y} Crown Copyright'),
    ('Copyright 2019 - 2021 Crown Copyright', f'Copyright 2019 - {Y} Crown Copyright'),
    ('© Crown copyright 2024', f'© Crown copyright 2024-{Y}'),
    ('SPDX-FileCopyrightText: 2019-2020 Crown Copyright',
     f'SPDX-FileCopyrightText: 2019-{Y} Crown Copyright'),
    ('Copyright (c) 2020-21 Crown Copyright', f'Copyright (c) 2020-{Y} Crown Copyright'),
    ('Copyright 2019--2024 Crown Copyright', f'Copyright 2019--{Y} Crown Copyright'),
    ('Copyright 2019 to 2024 Crown Copyright', f'Copyright 2019 to {Y} Crown Copyright'),
    ('Copyright 2019—2024 Crown Copyright', f'Copyright 2019—{Y} Crown Copyright'),
    ('Copyright 2022, 2018 Crown Copyright', f'Copyright 2022, 2018, {Y} Crown Copyright'),
    ('Copyright 2018, 2022 Crown Copyright', f'Copyright 2018, 2022-{Y} Crown Copyright'),
    ('© Crown copyright 2019-2024.', f'© Crown copyright 2019-{Y}.'),
    ('SPDX-FileCopyrightText: Copyright (c) 2019 Crown Copyright',
     f'SPDX-FileCopyrightText: Copyright (c) 2019-{Y} Crown Copyright'),
    # Other numbers on the line are not years of the notice.
    ('Copyright 2019 Crown Copyright, see https://example.org/2023/notice',
     f'Copyright 2019-{Y} Crown Copyright, see https://example.org/2023/notice'),
))
def test_update_year(tmp_path, capsys, notice, updated):
    data = f'# {notice}\n# {S}\nx = 1\n'.encode()
    path = _write(tmp_path / 'a.py', data)
    assert main([str(path)]) == 0  # no yearly churn by default
    assert main(['--update-year', '--check', str(path)]) == 1
    assert path.read_bytes() == data
    assert 'licence-header-year would extend copyright year' in capsys.readouterr().out
    assert main(['--update-year', str(path)]) == 1
    assert path.read_bytes() == f'# {updated}\n# {S}\nx = 1\n'.encode()
    assert main(['--update-year', str(path)]) == 0


@pytest.mark.parametrize('data', (
    f'# Copyright {Y} Crown Copyright\n# Copyright 2001 Acme\n# {S}\n',
    f'# Copyright 2020-present Crown Copyright\n# {S}\n',
    f'# Copyright Crown Copyright 1999 Ltd\n# {S}\n',  # a name, not a year
    # Below the header, a notice is the file's data: a test's expected text.
    f'# Copyright {Y} Crown Copyright\n# {S}\n\nEXPECTED = """\nCopyright 2001 Crown Copyright\n"""\n',
    f'# Copyright {Y} Crown Copyright\n# {S}\nEXPECTED = """\nCopyright 2001 Crown Copyright\n"""\n',
    # Years not next to the holder are another's, or not years.
    f'# Copyright (c) 2018 Acme Ltd; Copyright (c) {Y} Crown Copyright\n# {S}\n',
    f'# Copyright (c) 2019 and 2021 Crown Copyright\n# {S}\n',
    f'# Copyright (c) 2030-2019 Crown Copyright\n# {S}\n',
))
def test_update_year_leaves_current_years_other_holders_and_data(tmp_path, data):
    path = _write(tmp_path / 'a.py', data.encode())
    assert main(['--update-year', str(path)]) == 0
    assert path.read_bytes() == data.encode()


@pytest.mark.parametrize(('holder', 'notice'), (
    ('1901 Group', 'Copyright 1901 Group'),
    ('Vision 2020', '© Vision 2020'),
))
def test_update_year_leaves_a_year_in_the_holder_name(tmp_path, holder, notice):
    data = f'# {notice}\n# {S}\n'.encode()
    path = _write(tmp_path / 'a.py', data)
    assert main(['--copyright-holder', holder, '--update-year', str(path)]) == 0
    assert path.read_bytes() == data


@pytest.mark.parametrize(('args', 'expected'), (
    (['--spdx-copyright'], f'# SPDX-FileCopyrightText: {Y} Crown Copyright\n# {S}\n\n'),
    (['--copyright-holder', 'NHS England', '--licence', 'Apache-2.0'],
     f'# Copyright (c) {Y} NHS England\n# SPDX-License-Identifier: Apache-2.0\n\n'),
    (['--template', 'This file is part of X.\n\n© {year} {holder}\n'
      'SPDX-License-Identifier: {licence}'],
     f'# This file is part of X.\n#\n# © {Y} Crown Copyright\n# {S}\n\n'),
))
def test_options(tmp_path, args, expected):
    path = _write(tmp_path / 'a.py', b'x = 1\n')
    assert main([*args, str(path)]) == 1
    assert path.read_bytes() == expected.encode() + b'x = 1\n'
    assert main([*args, str(path)]) == 0


@pytest.mark.parametrize('template', (
    'Copyright {year} {holder}',
    'SPDX-License-Identifier: {licence}',
    '{author} {licence}',
    'Copyright {year} Someone\nSPDX-License-Identifier: {licence}',
    'Copyright {} {holder}\nSPDX-License-Identifier: {licence}',
    'Copyright {year:%Y} {holder}\nSPDX-License-Identifier: {licence}',
    'Copyright { {year} {holder}\nSPDX-License-Identifier: {licence}',
    'Copyright {year} {holder} }\nSPDX-License-Identifier: {licence}',
))
def test_bad_template_is_a_usage_error(tmp_path, capsys, template):
    path = _write(tmp_path / 'a.py', b'x = 1\n')
    assert main(['--template', template, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith('nhs-open-source licence-header: template:')
    assert err.count('\n') == 1
    assert path.read_bytes() == b'x = 1\n'


@pytest.mark.parametrize('expression', (
    'MIT', 'OGL-UK-3.0', 'GPL-2.0+', 'LicenseRef-NHS-Internal', '(MIT OR Apache-2.0) AND BSD-3-Clause',
    'GPL-2.0-or-later WITH Classpath-exception-2.0',
))
def test_spdx_expressions_are_accepted_as_licences(tmp_path, expression):
    path = _write(tmp_path / 'a.py', b'x = 1\n')
    assert main(['--licence', expression, str(path)]) == 1
    assert f'SPDX-License-Identifier: {expression}\n'.encode() in path.read_bytes()
    assert main(['--licence', expression, str(path)]) == 0


@pytest.mark.parametrize(('args', 'message'), (
    (['--copyright-holder', ' '], 'copyright-holder and accept-holder: a holder cannot be blank'),
    (['--accept-holder', ''], 'copyright-holder and accept-holder: a holder cannot be blank'),
    (['--licence', ''], "licence: '' is not an SPDX licence expression"),
    (['--documentation-licence', 'OGL-UK-3.0, CC-BY-4.0'],
     "documentation-licence: 'OGL-UK-3.0, CC-BY-4.0' is not an SPDX licence expression"),
    (['--accept-licence', 'MIT;'], "accept-licence: 'MIT;' is not an SPDX licence expression"),
    (['--licence', 'MIT Apache-2.0'], "licence: 'MIT Apache-2.0' is not an SPDX licence expression"),
    (['--licence', 'MIT OR'], "licence: 'MIT OR' is not an SPDX licence expression"),
    (['--licence', '(MIT'], "licence: '(MIT' is not an SPDX licence expression"),
))
def test_bad_holder_or_licence_is_a_usage_error(tmp_path, capsys, args, message):
    path = _write(tmp_path / 'a.md', b'# Title\n')
    assert main([*args, str(path)]) == 2
    assert capsys.readouterr().err == f'nhs-open-source licence-header: {message}\n'
    assert path.read_bytes() == b'# Title\n'


def test_configuration(tmp_path):
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.nhs-open-source]\n'
        'copyright-holder = "NHS England"\n'
        'licence = "Apache-2.0"\n'
        '[tool.nhs-open-source.licence-header]\n'
        'spdx-copyright = true\n'
        'accept-holder = ["Acme Ltd"]\n',
    )
    path = _write(tmp_path / 'a.py', b'x = 1\n')
    other = _write(tmp_path / 'b.py', b'# Copyright 2001 Acme Ltd\n')
    assert main(['a.py', 'b.py']) == 1
    assert path.read_bytes() == (
        f'# SPDX-FileCopyrightText: {Y} NHS England\n'
        '# SPDX-License-Identifier: Apache-2.0\n\nx = 1\n'
    ).encode()
    assert other.read_bytes() == (
        b'# SPDX-License-Identifier: Apache-2.0\n\n# Copyright 2001 Acme Ltd\n'
    )
    # The command line wins over the configuration.
    third = _write(tmp_path / 'c.py', b'x = 1\n')
    assert main(['--copyright-holder', 'Someone', 'c.py']) == 1
    assert b'SPDX-FileCopyrightText: %d Someone\n' % Y in third.read_bytes()


def test_bad_configuration(tmp_path, capsys):
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.licence-header]\nholder = "x"\n',
    )
    with pytest.raises(SystemExit) as e:
        main(['a.py'])
    assert e.value.code == 2
    assert "unknown key 'holder'" in capsys.readouterr().err


# Bad input: a one-line reason on stderr, exit 2, nothing changed.
def _bad_inputs(tmp_path):
    target = _write(tmp_path / 'target.py', b'x = 1\n')
    (tmp_path / 'link.py').symlink_to(target)
    (tmp_path / 'dangling.py').symlink_to(tmp_path / 'nowhere.py')
    (tmp_path / 'folder.py').mkdir()
    (tmp_path / 'folder').mkdir()
    _write(tmp_path / 'binary.py', b'x = 1\n\0\0\1')
    _write(tmp_path / 'bom-binary.py', b'\xef\xbb\xbfx = 1\n\0')
    # Python reads no cookie on line 2 below a line of code.
    _write(tmp_path / 'late-cookie.py', 'x = 1\n# -*- coding: latin-1 -*-\ns = "é"\n'.encode('latin-1'))
    _write(tmp_path / 'latin1.py', 'x = "é"\n'.encode('latin-1'))
    _write(tmp_path / 'readonly.py', b'x = 1\n', 0o444)
    _write(tmp_path / 'odd.py', b'\xff\xfex\x00=')  # UTF-16 cut in half
    return {
        'link.py': 'is a symbolic link; not rewritten through it',
        'dangling.py': 'is a dangling symbolic link',
        'missing.py': 'no such file',
        'missing.json': 'no such file',
        'folder.py': 'is a directory, not a file',
        'folder': 'is a directory, not a file',
        'binary.py': 'binary file (NUL bytes); skipped',
        'bom-binary.py': 'binary file (NUL bytes); skipped',
        'late-cookie.py': 'not valid UTF-8 (byte 37); not changed',
        'latin1.py': 'not valid UTF-8 (byte 5); not changed',
        'readonly.py': 'is read-only; not changed',
        'odd.py': 'not valid UTF-16-LE (byte 2); not changed',
    }


def test_bad_input(tmp_path, capsys):
    reasons = _bad_inputs(tmp_path)
    before = {
        p: (p.read_bytes(), p.stat().st_mode)
        for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()
    }
    for name, reason in reasons.items():
        assert main([name]) == 2, name
        out, err = capsys.readouterr()
        assert (out, err) == ('', f'{name}: {reason}\n'), name
    after = {
        p: (p.read_bytes(), p.stat().st_mode)
        for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()
    }
    assert after == before
    assert sorted(os.listdir(tmp_path)) == sorted(
        {'target.py', 'folder'} | {n for n in reasons if 'missing' not in n},
    )


def test_read_only_file_is_fine_under_check(tmp_path):
    path = _write(tmp_path / 'a.py', b'x = 1\n', 0o444)
    assert main(['--check', str(path)]) == 1


def test_bad_input_does_not_stop_the_others(tmp_path):
    good = _write(tmp_path / 'good.py', b'x = 1\n')
    assert main(['missing.py', str(good)]) == 2
    assert good.read_bytes().startswith(f'# {C}\n'.encode())


def test_json_format(tmp_path, capsys):
    _write(tmp_path / 'a.py', b'x = 1\n')
    assert main(['--check', '--format', 'json', 'a.py']) == 1
    assert '"check": "licence-header-missing"' in capsys.readouterr().out


def test_audit(tmp_path):
    _write(tmp_path / 'a.py', b'x = 1\n')
    _write(tmp_path / 'ok.py', f'# {C}\n# {S}\n'.encode())
    _write(tmp_path / 'gpl.py', f'# {C}\n# SPDX-License-Identifier: GPL-2.0\n'.encode())
    _write(tmp_path / 'b.json', b'{}')
    _write(tmp_path / 'c.py', b'\0')
    (tmp_path / 'sub').mkdir()
    _write(tmp_path / 'sub' / 'd.md', b'# D\n')
    (tmp_path / 'link.py').symlink_to('a.py')
    paths = ['a.py', 'ok.py', 'gpl.py', 'b.json', 'c.py', 'sub/d.md', 'link.py']
    found = audit(str(tmp_path), paths)
    assert [(f.path, f.line, f.check, f.severity) for f in found] == [
        ('a.py', 1, 'licence-header-missing', 'warning'),
        ('gpl.py', 2, 'licence-header-licence', 'warning'),
        ('sub/d.md', 1, 'licence-header-missing', 'warning'),
    ]
    assert found[0].message == 'missing copyright notice and SPDX-License-Identifier'
    assert (tmp_path / 'a.py').read_bytes() == b'x = 1\n'


def test_audit_reads_the_root_configuration(tmp_path):
    (tmp_path / 'pyproject.toml').write_text(
        '[tool.nhs-open-source]\ncopyright-holder = "NHS England"\n',
    )
    _write(tmp_path / 'a.py', b'# Copyright 2020 NHS England\n# SPDX-License-Identifier: MIT\n')
    assert audit(str(tmp_path), ['a.py']) == []


def test_pure_function():
    options = licence_header.Options(
        header=('Copyright (c) 2001 H', 'SPDX-License-Identifier: MIT'),
        documentation_header=('Copyright (c) 2001 H', 'SPDX-License-Identifier: OGL-UK-3.0'),
        holders=re.compile('h'), licences=frozenset({'MIT'}), year=2001, update_year=False,
    )
    style = TAG_STYLES['python']
    text, reports = licence_header.fix_text('x\r\n', style, options, '\r\n')
    assert text == '# Copyright (c) 2001 H\r\n# SPDX-License-Identifier: MIT\r\n\r\nx\r\n'
    assert reports == [(1, 'licence-header-missing',
                        'copyright notice and SPDX-License-Identifier')]
    assert licence_header.fix_text(text, style, options) == (text, [])


def test_every_style_finds_the_header_it_wrote():
    options = licence_header.options_for('.')
    for style in {*TAG_STYLES.values(), PHP_SECTION}:
        text, reports = licence_header.fix_text('x\n', style, options)
        assert reports, style
        assert licence_header.fix_text(text, style, options) == (text, []), style


@pytest.mark.parametrize(('name', 'data', 'line'), (
    ('a.md', b'---\ntitle: How to use REUSE-IgnoreStart\n---\n# Body\n', 4),
    ('a.py', b'# -*- coding: utf-8 -*- REUSE-IgnoreStart\nx = 1\n# REUSE-IgnoreEnd\n', 2),
))
def test_a_header_place_inside_a_reuse_ignore_block_is_reported(tmp_path, capsys, name, data, line):
    # A header written there would be ignored, and added again at every run.
    path = _write(tmp_path / name, data)
    assert main([name]) == 1
    assert path.read_bytes() == data
    assert capsys.readouterr().out == (
        f'{name}:{line}: licence-header-ignored copyright notice and '
        "SPDX-License-Identifier missing, and the header's place is in a "
        'REUSE-IgnoreStart block, where no notice counts; not changed\n'
    )


def test_a_notice_cut_by_the_search_limit_is_not_half_read(tmp_path, capsys):
    # A long line across the limit: its notice is read whole or not at all.
    data = b'x = 1\n' * 1363 + b'# Copyright 2020 ' + b' ' * 15 + b'Crown Copyright ' + b'x' * 1500 + b'\n'
    path = _write(tmp_path / 'a.py', data)
    assert main(['a.py']) == 1
    assert capsys.readouterr().out == (
        'a.py:1: licence-header-missing added copyright notice and SPDX-License-Identifier\n'
    )
    assert main(['a.py']) == 0
    assert capsys.readouterr().out == ''
    assert path.read_bytes() == f'# {C}\n# {S}\n\n'.encode() + data


def test_a_long_line_is_fine():
    options = licence_header.options_from(licence_header.config.parse_args(
        licence_header._parser(), [], 'licence-header',
    ))
    for text in (
        '// ' + '(c)copyright©' * 100_000 + '\n',
        '// SPDX-License-Identifier:' + ' ' * 100_000 + 'x\n',
        '// SPDX-License-Identifier: MIT' + ' */' * 30_000 + ' x\n',
        '// Copyright 2020' + ' ' * 100_000 + '-\n',
    ):
        # Quadratic patterns would take hours here; linear ones, milliseconds.
        new, _ = licence_header.fix_text(text, TAG_STYLES['javascript'], options)
        assert new.endswith(text)
    # Lines longer than the search window, as the helpers see them.
    blanks = ' ' * 1_000_000
    assert not licence_header._starts_line(blanks + 'x Copyright', len(blanks) + 2)
    assert licence_header._year_edit(f'Copyright (c){blanks}Crown', 0, len(blanks) + 18, Y) is None
    assert licence_header._without_comment_ends(f'MIT{blanks}x') == f'MIT{blanks}x'
    assert licence_header._without_comment_ends('MIT' + '}' * 1_000_000) == 'MIT'
    # Many findings, in front matter the search window does not bound.
    many = '---\n' + '# SPDX-License-Identifier: GPL-2.0-only\n' * 20_000 + '---\nx\n'
    _, reports = licence_header.fix_text(many, MARKUP, options)
    assert len(reports) == 20_000 and reports[-1][0] == 20_001


# REUSE: the headers it writes pass `reuse lint` on a real project.
@pytest.mark.parametrize('form', ([], ['--spdx-copyright']))
def test_reuse_lint_accepts_the_headers(repo, form):
    reuse = shutil.which('reuse', path=os.path.dirname(sys.executable))
    if reuse is None:
        pytest.skip('reuse is not installed (pip install -e .[test])')
    (repo / 'LICENSES').mkdir()
    for licence in ('MIT', 'OGL-UK-3.0'):  # code, and documentation
        (repo / 'LICENSES' / f'{licence}.txt').write_text(f'{licence} licence text\n')
    names = []
    for name, before, _ in TYPES:
        (repo / name).parent.mkdir(exist_ok=True)
        (repo / name).write_text(before)
        names.append(name)
    proc = subprocess.run((reuse, 'lint'), capture_output=True, text=True)
    assert proc.returncode == 1  # not yet

    assert main([*form, *names]) == 1
    proc = subprocess.run((reuse, 'lint'), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    assert f'{len(names)} / {len(names)}' in proc.stdout


def test_large_files(tmp_path):
    one_line = _write(tmp_path / 'min.js', b'var a=1;' * 640_000)  # 5 MB, one line
    big = _write(tmp_path / 'big.py', b'x = 1  # (c) copyright\n' * 2_200_000)  # 50 MB
    sizes = {p: p.stat().st_size for p in (one_line, big)}
    assert main([str(one_line), str(big)]) == 1
    for path, size in sizes.items():
        data = path.read_bytes()
        header = data[:-size]
        assert header.endswith(b'SPDX-License-Identifier: MIT\n\n')
        assert len(data) == size + len(header)
    assert main([str(one_line), str(big)]) == 0


def test_symlink_to_folder(tmp_path, capsys):
    (tmp_path / 'real').mkdir()
    (tmp_path / 'linked.py').symlink_to(tmp_path / 'real')
    assert main(['linked.py']) == 2
    assert capsys.readouterr().err == 'linked.py: is a directory, not a file\n'


def test_killed_while_writing_leaves_old_or_new(tmp_path):
    # SIGKILL at random moments: every file is either untouched or complete.
    old = b'x = 1\n' * 200_000
    names = [f'f{i}.py' for i in range(20)]
    for delay in (0.05, 0.1, 0.2, 0.3):
        for name in names:
            _write(tmp_path / name, old)
        proc = subprocess.Popen(
            (sys.executable, '-m', 'nhs_open_source_hooks', 'licence-header', *names),
            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.kill()
        proc.wait()
        for name in names:
            data = (tmp_path / name).read_bytes()
            assert data == old or data == f'# {C}\n# {S}\n\n'.encode() + old
    # The next run completes the work and clears what the killed one left.
    assert main(names) in (0, 1)
    assert sorted(os.listdir(tmp_path)) == sorted(names)


@pytest.mark.parametrize('body', (
    # Code that mentions a notice: a test's data, a template, a message.
    "EXPECTED = 'Copyright (c) 2020 Crown Copyright'\n",
    "assert f'Copyright (c) {year} NHS England' in text\n",
    'HEADER = "SPDX-License-Identifier: MIT"\n',
    '# REUSE-IgnoreStart\nTEMPLATE = """\nCopyright (c) {year} {holder}\n"""\n# REUSE-IgnoreEnd\n',
))
def test_a_notice_inside_code_is_not_a_header(tmp_path, body):
    path = tmp_path / 'a.py'
    _write(path, body.encode())
    assert main([str(path)]) == 1
    assert path.read_text() == f'# {C}\n# {S}\n\n{body}'


@pytest.mark.parametrize('head', (
    f'"""{C}\n{S}\n"""\n',  # a docstring
    f'#!/usr/bin/env python3\n#\n#   {C}\n#   {S}\n',
))
def test_a_notice_at_the_start_of_a_line_is_a_header(tmp_path, head):
    path = tmp_path / 'a.py'
    _write(path, (head + 'x = 1\n').encode())
    assert main([str(path)]) == 0


def test_a_quoted_comment_in_code_is_not_a_header(tmp_path):
    body = "CASES = (\n    '# Copyright (c) 2020 Crown Copyright\\n',\n)\n"
    path = tmp_path / 'a.py'
    _write(path, body.encode())
    assert main([str(path)]) == 1
    assert path.read_text() == f'# {C}\n# {S}\n\n{body}'
