# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Timing whole processes, the way a developer waits for them.

Shared by the benchmarks in this folder: each runs our command and its peer
side by side on the same files, through `run`.
"""
from __future__ import annotations

import os
import resource
import subprocess
import time
from typing import NamedTuple

# What the timed commands run in: with bytecode caching on, as in the
# environment pip (and so pre-commit) installs a hook into.  Under
# PYTHONDONTWRITEBYTECODE an editable checkout would be compiled again at
# every start: some 5 ms a hook, which no user pays.
ENV = {k: v for k, v in os.environ.items() if k != 'PYTHONDONTWRITEBYTECODE'}


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    returncode: int
    stdout: str


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
        cmd: list[str],
        cwd: str | None = None,
        *,
        env: dict[str, str] | None = None,
        timeout: float | None = None,
        check: bool = True,
) -> Run:
    """One run of CMD.  With CHECK, an exit other than 0 or 1 stops the bench.

    CPU time varies less than wall time on a busy machine; report both.
    A run past TIMEOUT counts as infinitely slow.
    """
    cpu, start = _cpu(), time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True,
            errors='replace', timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Run(float('inf'), float('inf'), -1, '')
    wall = time.perf_counter() - start
    if check and proc.returncode not in (0, 1):
        raise SystemExit(f'{" ".join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}')
    return Run(wall, _cpu() - cpu, proc.returncode, proc.stdout)
