# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The distribution installs both ways and the installed command works."""
from __future__ import annotations

import os
import subprocess
import venv

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize('editable', (False, True), ids=('normal', 'editable'))
def test_install(tmp_path, editable):
    venv.create(tmp_path / 'venv', with_pip=True)
    bindir = tmp_path / 'venv' / 'bin'
    target = ['-e', str(ROOT)] if editable else [str(ROOT)]
    subprocess.run(
        (bindir / 'python', '-m', 'pip', 'install', '-q', '--disable-pip-version-check', *target),
        check=True, capture_output=True,
    )
    proc = subprocess.run(
        (bindir / 'nhs-open-source', '--version'), capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('nhs-open-source 0.')
    # The installed package is the one imported, not this checkout's folder.
    proc = subprocess.run(
        (bindir / 'python', '-c', 'import nhs_open_source_hooks as m; print(m.__file__)'),
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    location = os.path.dirname(proc.stdout.strip())
    if editable:
        assert os.path.samefile(location, ROOT / 'hooks')
    else:
        assert 'site-packages' in location
    proc = subprocess.run(
        (bindir / 'nhs-open-source', 'readme'), cwd=ROOT, capture_output=True, text=True,
    )
    assert (proc.returncode, proc.stdout) == (0, ''), proc.stderr
