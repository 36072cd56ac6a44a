# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Properties of strip-notebook-outputs over generated notebooks (issue 9),
and what a run killed mid-write leaves behind."""
from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from hypothesis import assume
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from nhs_open_source_hooks import strip_notebook_outputs as hook
from nhs_open_source_hooks.strip_notebook_outputs import fix
from nhs_open_source_hooks.strip_notebook_outputs import main
from tests.notebooks import is_valid
from tests.notebooks import nbstripout_leaves
from tests.notebooks import nbstripout_strip
from tests.notebooks import OPTION_SETS

text = st.text(st.characters(blacklist_categories=('Cs',)), max_size=30)
lines = st.lists(text, max_size=4).map(lambda parts: ''.join(p + '\n' for p in parts))
multiline = lines.flatmap(lambda s: st.sampled_from([s, s.splitlines(True)]))
count = st.one_of(st.none(), st.integers(1, 99))

stream = st.fixed_dictionaries({
    'name': st.sampled_from(['stdout', 'stderr']),
    'output_type': st.just('stream'),
    'text': multiline,
})
error = st.fixed_dictionaries({
    'ename': text, 'evalue': text, 'output_type': st.just('error'),
    'traceback': st.lists(text, max_size=3),
})
bundle = st.fixed_dictionaries(
    {'text/plain': multiline},
    optional={
        'image/png': st.text('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/', max_size=200),
        'text/html': multiline,
        'application/json': st.dictionaries(text, st.integers() | text, max_size=3),
    },
)
display = st.fixed_dictionaries({
    'data': bundle, 'metadata': st.just({}), 'output_type': st.just('display_data'),
})
result = st.fixed_dictionaries({
    'data': bundle, 'metadata': st.just({}), 'output_type': st.just('execute_result'),
    'execution_count': count,
})
cell_metadata = st.fixed_dictionaries({}, optional={
    'collapsed': st.booleans(),
    'scrolled': st.sampled_from([True, False, 'auto']),
    'keep_output': st.just(True),
    'init_cell': st.booleans(),
    'tags': st.lists(st.sampled_from(['keep_output', 'hide', 'other']), unique=True),
    'ExecuteTime': st.fixed_dictionaries({'end_time': st.just('2020-01-01T00:00:00Z')}),
    'custom': text,
})
code = st.fixed_dictionaries({
    'cell_type': st.just('code'), 'execution_count': count, 'metadata': cell_metadata,
    'outputs': st.lists(stream | error | display | result, max_size=3), 'source': multiline,
})
markdown = st.fixed_dictionaries({
    'cell_type': st.sampled_from(['markdown', 'raw']), 'metadata': cell_metadata,
    'source': multiline,
})


@st.composite
def notebooks(draw) -> dict:
    minor = draw(st.sampled_from([4, 5]))
    cells = draw(st.lists(code | markdown, max_size=5))
    for i, cell in enumerate(cells):
        if minor == 5:
            cell['id'] = draw(st.sampled_from([str(i), f'cell-{i}', f'{i:08x}']))
    metadata = draw(st.fixed_dictionaries(
        {'kernelspec': st.just({'display_name': 'Python 3', 'language': 'python', 'name': 'python3'})},
        optional={
            'widgets': st.just({'application/vnd.jupyter.widget-state+json': {'state': {}}}),
            'keep_output': st.booleans(),
            'title': text,
        },
    ))
    return {'cells': cells, 'metadata': metadata, 'nbformat': 4, 'nbformat_minor': minor}


@st.composite
def files(draw) -> tuple[dict, bytes, str, bytes]:
    """(notebook, file bytes, newline, BOM) in one of the layouts tools write."""
    return draw(laid_out_files())[:4]


@st.composite
def laid_out_files(draw) -> tuple[dict, bytes, str, bytes, dict, str]:
    """files(), plus the json.dumps arguments and the end that wrote it."""
    nb = draw(notebooks())
    style = draw(st.sampled_from(['nbformat', 'indent2', 'indent4', 'unsorted', 'compact']))
    kwargs = {
        'nbformat': {'indent': 1, 'sort_keys': True, 'ensure_ascii': False},
        'indent2': {'indent': 2, 'ensure_ascii': draw(st.booleans())},
        'indent4': {'indent': 4, 'sort_keys': True},
        'unsorted': {'indent': 1, 'ensure_ascii': False},
        'compact': {'separators': (',', ':')},
    }[style]
    end = draw(st.sampled_from(['\n', '']))
    body = json.dumps(nb, **kwargs) + end
    # A file with no line ending gets LF where the fixer adds lines.
    newline = draw(st.sampled_from(['\n', '\r\n'])) if '\n' in body else '\n'
    bom = draw(st.sampled_from([b'', b'\xef\xbb\xbf']))
    return nb, bom + body.replace('\n', newline).encode(), newline, bom, kwargs, end


option_sets = st.sampled_from(OPTION_SETS)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _strips_keep_markers(argv) -> bool:
    extra = ' '.join(v for k, v in zip(argv, argv[1:]) if k == '--extra-keys').split()
    return bool({'cell.metadata.tags', 'cell.metadata.keep_output', 'metadata.keep_output'} & set(extra))


def _options(argv, keep_layout=False):
    return hook._options(hook._parse_args([*argv, *(['--keep-layout'] if keep_layout else [])]))


@SETTINGS
@given(files(), option_sets, st.booleans())
def test_idempotent_and_left_alone_by_nbstripout(file, argv, keep_layout):
    nb, data, newline, bom = file
    # Options that strip the very marker keeping a cell's output (its
    # keep_output tag or metadata) make nbstripout keep the output once and
    # strip it on the next run; byte-for-byte parity means we do the same.
    assume(not (_strips_keep_markers(argv) and 'keep_output' in data[len(bom):].decode()))
    new, changes = fix(data, _options(argv, keep_layout))
    assert (new is None) == (not changes)
    result = data if new is None else new
    assert fix(result, _options(argv, keep_layout)) == (None, {})
    text = result[len(bom):].decode()
    assert nbstripout_leaves(text, argv)
    assert is_valid(text)


@SETTINGS
@given(laid_out_files(), option_sets)
def test_same_content_as_nbstripout_and_nothing_else_changed(file, argv):
    nb, data, newline, bom, kwargs, end = file
    source = data[len(bom):].decode()
    changed, theirs = nbstripout_strip(source, argv)
    for keep_layout in (False, True):
        new, changes = fix(data, _options(argv, keep_layout))
        # Nothing to strip: not a byte changes, whatever the layout.
        assert (new is None) == (not changed)
        if new is None:
            continue
        ours = new[len(bom):].decode()
        assert new.startswith(bom)
        if keep_layout:
            # Content as nbstripout's, keys in the notebook's own order.
            read = nbformat.reads(ours, as_version=nbformat.NO_CONVERT)
            assert read == nbformat.reads(theirs, as_version=nbformat.NO_CONVERT)
            assert list(json.loads(ours)) == list(nb)
            # Every byte but the stripped ones as the tool that wrote it would.
            unix = ours.replace('\r\n', '\n')
            assert unix == json.dumps(json.loads(ours), **{**kwargs, 'ensure_ascii': True}) + end \
                or unix == json.dumps(json.loads(ours), **{**kwargs, 'ensure_ascii': False}) + end
        else:
            assert ours.replace('\r\n', '\n') == theirs


@SETTINGS
@given(files(), option_sets, st.booleans(), st.sampled_from([0o644, 0o600, 0o755, 0o664]))
def test_file_keeps_mode_line_endings_and_bom(file, argv, keep_layout, mode):
    nb, data, newline, bom = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, 'nb.ipynb')
        path.write_bytes(data)
        path.chmod(mode)
        flags = ['--keep-layout'] if keep_layout else []
        code = main([*flags, *argv, str(path)])
        after = path.read_bytes()
        assert code == int(after != data)
        assert stat.S_IMODE(path.stat().st_mode) == mode
        assert after.startswith(bom)
        body = after[len(bom):]
        if newline == '\r\n':
            assert b'\n' not in body.replace(b'\r\n', b'')
        else:
            assert b'\r' not in body
        assert main([*flags, *argv, str(path)]) == 0
        assert path.read_bytes() == after
        assert os.listdir(folder) == ['nb.ipynb']


# -- crash safety -----------------------------------------------------------------

def _big_notebook(megabytes: int) -> bytes:
    """Images as single strings, as Jupyter writes them, and counts to strip:
    with --keep-output the whole notebook is rewritten."""
    image = 'iVBORw0KGgo' * (megabytes * 10**6 // 11 // 10) + '\n'
    cells = [{
        'cell_type': 'code', 'execution_count': i + 1, 'id': str(i), 'metadata': {},
        'outputs': [{'data': {'image/png': image, 'text/plain': ['<Figure>']},
                     'execution_count': i + 1, 'metadata': {}, 'output_type': 'execute_result'}],
        'source': [f'plot({i})'],
    } for i in range(10)]
    nb = {'cells': cells, 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    return (json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + '\n').encode()


def test_killed_mid_write_leaves_old_or_new_file(tmp_path):
    old = _big_notebook(30)
    new, _ = fix(old, _options(['--keep-output']))
    assert new is not None and len(new) > 30 * 10**6
    path = tmp_path / 'big.ipynb'
    command = [
        sys.executable, '-m', 'nhs_open_source_hooks', 'strip-notebook-outputs',
        '--keep-output', str(path),
    ]
    path.write_bytes(old)
    start = time.monotonic()
    subprocess.run(command, check=False, capture_output=True)
    run = time.monotonic() - start
    assert path.read_bytes() == new

    rng = random.Random(4)
    outcomes = {'old': 0, 'new': 0, 'temporary left': 0}
    for attempt in range(12):
        path.write_bytes(old)
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt % 2:
            time.sleep(rng.uniform(0.1, 0.9) * run)
        else:  # as soon as the new file is being written, then a little later
            while proc.poll() is None and len(os.listdir(tmp_path)) == 1:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = path.read_bytes()
        assert after in (old, new)
        outcomes['old' if after == old else 'new'] += 1
        outcomes['temporary left'] += len(os.listdir(tmp_path)) > 1
        # The next run finishes the job and clears what a killed one left.
        subprocess.run(command, check=False, capture_output=True)
        assert path.read_bytes() == new
        assert os.listdir(tmp_path) == ['big.ipynb']
    assert outcomes['temporary left'], 'no kill landed mid-write'
    print(outcomes)
