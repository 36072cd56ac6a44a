# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import json
import os
import random
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nhs_open_source_hooks import strip_notebook_outputs as hook
from nhs_open_source_hooks.notebook_format import Elided
from nhs_open_source_hooks.notebook_format import Layout
from nhs_open_source_hooks.notebook_format import layout
from nhs_open_source_hooks.notebook_format import NotebookError
from nhs_open_source_hooks.strip_notebook_outputs import audit
from nhs_open_source_hooks.strip_notebook_outputs import fix
from nhs_open_source_hooks.strip_notebook_outputs import main
from nhs_open_source_hooks.strip_notebook_outputs import Options
from nhs_open_source_hooks.strip_notebook_outputs import parse_size
from nhs_open_source_hooks.strip_notebook_outputs import strip_text
from tests.conftest import corpus
from tests.conftest import git
from tests.conftest import SHARED
from tests.notebooks import dumps
from tests.notebooks import is_valid
from tests.notebooks import mutated
from tests.notebooks import nbstripout_leaves
from tests.notebooks import nbstripout_strip
from tests.notebooks import notebook
from tests.notebooks import OPTION_SETS


def options(*argv: str) -> Options:
    return hook._options(hook._parse_args([*argv]))


# -- conformance: nbstripout's own end-to-end corpus ---------------------------

def _corpus_cases() -> list[tuple[str, str, list[str]]]:
    """(input, expected, options) rows of the corpus README's main table."""
    readme = SHARED / 'corpora' / 'notebooks' / 'README.md'
    if not readme.exists():
        return [('', '', [])]  # the test itself skips (or fails) through corpus()
    table = readme.read_text().split('## Input → expected output → options')[1]
    table = table.split('\n## ')[0]
    cases = []
    for row in table.splitlines():
        if not row.startswith('| test_'):
            continue
        source, expected, opts = (cell.strip() for cell in row.strip('|').split('|'))
        opts = opts.split('(')[0].replace('`', '')  # "(none) (notes)" -> ""
        cases.append((source, expected, shlex.split(opts)))
    return cases


CORPUS_CASES = _corpus_cases()


def test_corpus_table_is_complete():
    corpus('notebooks')
    assert len(CORPUS_CASES) == 24
    named = {name for case in CORPUS_CASES for name in case[:2]}
    expected_files = {p.name for p in corpus('notebooks').glob('*.expected*')}
    assert expected_files <= named


@pytest.mark.parametrize(('source', 'expected', 'argv'), CORPUS_CASES)
def test_corpus_pure(source, expected, argv):
    data = corpus('notebooks', source).read_bytes()
    want = corpus('notebooks', expected).read_bytes()
    new, changes = fix(data, options(*argv))
    assert (data if new is None else new) == want
    assert bool(changes) == (data != want)


@pytest.mark.parametrize(('source', 'expected', 'argv'), CORPUS_CASES)
def test_corpus_file_mode(tmp_path, capsys, source, expected, argv):
    data = corpus('notebooks', source).read_bytes()
    want = corpus('notebooks', expected).read_bytes()
    path = tmp_path / source
    path.write_bytes(data)
    assert main([str(path), *argv]) == int(data != want)
    assert path.read_bytes() == want
    out, err = capsys.readouterr()
    assert err == ''
    assert (f'{path}:0: strip-notebook-outputs stripped ' in out) == (data != want)
    # A second run changes nothing.
    assert main([str(path), *argv]) == 0
    assert path.read_bytes() == want
    assert sorted(os.listdir(tmp_path)) == [source]


@pytest.mark.parametrize(('source', 'expected', 'argv'), CORPUS_CASES)
def test_corpus_check_mode(tmp_path, capsys, source, expected, argv):
    data = corpus('notebooks', source).read_bytes()
    want = corpus('notebooks', expected).read_bytes()
    path = tmp_path / source
    path.write_bytes(data)
    assert main([str(path), '--check', *argv]) == int(data != want)
    assert path.read_bytes() == data
    out, _ = capsys.readouterr()
    assert ('would strip' in out) == (data != want)
    path.write_bytes(want)
    assert main([str(path), '--check', *argv]) == 0


@pytest.mark.parametrize('argv', [['--drop-empty-cells'], ['--drop-empty-cells', '--unix-newlines']])
def test_corpus_crlf(tmp_path, argv):
    """The harness's CRLF case: the notebook's own line ending is kept
    (nbstripout writes the OS's: CRLF on Windows), LF with --unix-newlines."""
    data = corpus('notebooks', 'test_drop_empty_cells.ipynb').read_bytes()
    want = corpus('notebooks', 'test_drop_empty_cells.ipynb.expected').read_bytes()
    path = tmp_path / 'crlf.ipynb'
    path.write_bytes(data.replace(b'\n', b'\r\n'))
    assert main([str(path), *argv]) == 1
    if '--unix-newlines' not in argv:
        want = want.replace(b'\n', b'\r\n')
    assert path.read_bytes() == want
    assert main([str(path), *argv]) == 0


def test_corpus_nochange_is_not_touched(tmp_path):
    path = tmp_path / 'nb.ipynb'
    path.write_bytes(corpus('notebooks', 'test_nochange.ipynb').read_bytes())
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert main([str(path)]) == 0
    assert main([str(path), '--check']) == 0
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_corpus_invalid_extra_keys_warn(tmp_path, capsys):
    path = tmp_path / 'nb.ipynb'
    path.write_bytes(corpus('notebooks', 'test_metadata.ipynb').read_bytes())
    assert main([str(path), '--check', '--extra-keys', 'invalid foo.invalid']) == 1
    err = capsys.readouterr().err
    assert "ignoring invalid extra key 'invalid'" in err
    assert "ignoring invalid extra key 'foo.invalid'" in err


@pytest.mark.parametrize(('source', 'message'), [
    ('test_metadata_exception.ipynb', 'cell metadata contradicts tags: `keep_output` is false'),
    ('test_invalid_json.ipynb', 'not valid JSON'),
])
@pytest.mark.parametrize('check', [[], ['--check']])
def test_corpus_errors(tmp_path, capsys, source, message, check):
    data = corpus('notebooks', source).read_bytes()
    path = tmp_path / source
    path.write_bytes(data)
    assert main([str(path), *check]) == 2
    out, err = capsys.readouterr()
    assert out == ''
    assert err.count('\n') == 1 and err.startswith(f'{path}: ') and message in err
    assert path.read_bytes() == data


# -- against real nbstripout on generated notebooks -----------------------------

def _compare(text: str, argv: list[str]) -> None:
    changed, theirs = nbstripout_strip(text, argv)
    ours, changes = strip_text(text, options(*argv))
    assert bool(changes) == changed
    assert (text if ours is None else ours) == theirs


@pytest.mark.parametrize('batch', range(8))
def test_same_as_nbstripout_on_generated_notebooks(batch):
    """Mixed outputs, widgets, unicode, kept outputs, init cells, ids,
    other indentations: 8 x 60 notebooks, each with a set of options."""
    for seed in range(batch * 60, (batch + 1) * 60):
        rng = random.Random(seed)
        nb = notebook(rng)
        argv = OPTION_SETS[seed % len(OPTION_SETS)]
        if '--keep-id' in argv and nb['nbformat_minor'] >= 5:
            for i, cell in enumerate(nb['cells']):
                cell['id'] = f'id-{i}'  # missing or repeated ids get random ones
        _compare(dumps(nb, rng), argv)


@pytest.mark.parametrize('batch', range(4))
def test_broken_notebooks_as_nbstripout_or_one_line(batch):
    """Notebooks with values missing or of the wrong type: where nbstripout
    strips one, the same bytes; where it fails, a NotebookError (one line),
    never another exception. (nbformat's validator itself raises on some
    notebooks, with a cell type that is not a string: those we strip.)"""
    for seed in range(batch * 150, (batch + 1) * 150):
        rng = random.Random(seed)
        text = json.dumps(mutated(rng), indent=1)
        argv = OPTION_SETS[seed % len(OPTION_SETS)]
        try:
            theirs = nbstripout_strip(text, argv)
        except Exception:
            theirs = None
        try:
            ours, changes = strip_text(text, options(*argv))
        except NotebookError as e:
            assert theirs is None, (seed, str(e))
            assert '\n' not in str(e)
            continue
        if theirs is not None:
            assert bool(changes) == theirs[0]
            if ours is not None and '--keep-id' not in argv:
                assert ours == theirs[1], seed


def _v3(cells: list[dict]) -> dict:
    return {
        'metadata': {'name': 'old', 'signature': 'sha256:0'},
        'nbformat': 3, 'nbformat_minor': 0,
        'worksheets': [{'cells': cells, 'metadata': {}}],
    }


V3_CELLS = [
    {'cell_type': 'heading', 'level': 1, 'metadata': {}, 'source': ['Tïtle']},
    {'cell_type': 'code', 'collapsed': False, 'input': ['import os\n', 'os.getcwd()'],
     'language': 'python', 'metadata': {'trusted': True}, 'prompt_number': 1,
     'outputs': [{'metadata': {}, 'output_type': 'pyout', 'prompt_number': 1,
                  'text': ["'/home'"], 'png': 'iVBORw0KGgo='}]},
    {'cell_type': 'markdown', 'metadata': {}, 'source': 'ünïcode\nline'},
]


@pytest.mark.parametrize('nb', [
    pytest.param(_v3(V3_CELLS), id='nbformat3'),
    pytest.param({**_v3(V3_CELLS), 'nbformat': 2}, id='nbformat2'),
    pytest.param({'cells': V3_CELLS, 'metadata': {}}, id='no-nbformat'),
    pytest.param({'cells': [], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 2}, id='empty'),
])
@pytest.mark.parametrize('argv', [[], ['--keep-output'], ['--max-size', '10'], ['--keep-count']])
def test_same_as_nbstripout_on_old_formats(nb, argv):
    _compare(json.dumps(nb, indent=2), argv)


def test_widgets_notebook_like_nbstripout():
    rng = random.Random(1)
    nb = notebook(rng)
    nb['metadata']['widgets'] = {
        'application/vnd.jupyter.widget-state+json': {'state': {'k': {'model_name': 'IntSlider'}}},
    }
    nb['cells'].append({
        'cell_type': 'code', 'execution_count': 4, 'id': 'w', 'metadata': {'tags': ['keep_output']},
        'source': 'slider', 'outputs': [{
            'data': {'application/vnd.jupyter.widget-view+json': {'model_id': 'k'},
                     'text/plain': 'IntSlider(value=0)'},
            'metadata': {}, 'output_type': 'display_data'}],
    })
    for argv in ([], ['--keep-metadata-keys', 'metadata.widgets']):
        _compare(json.dumps(nb, indent=1), argv)


def test_drop_tagged_cells_honours_the_last_tag_as_nbstripout_does():
    nb = {'cells': [
        {'cell_type': 'markdown', 'id': str(i), 'metadata': {'tags': [tag]}, 'source': tag}
        for i, tag in enumerate(['a', 'b', 'c'])
    ], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    text = json.dumps(nb, indent=1)
    _compare(text, ['--drop-tagged-cells', 'a b'])
    ours, _ = strip_text(text, options('--drop-tagged-cells', 'a b'))
    assert [c['source'] for c in json.loads(ours)['cells']] == [['a'], ['c']]


# -- the pure functions ---------------------------------------------------------

NB_WITH_OUTPUT = json.dumps({
    'cells': [{
        'cell_type': 'code', 'execution_count': 3, 'id': 'abc', 'metadata': {'scrolled': True},
        'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': ['hi\n']}],
        'source': ['print("hi")'],
    }],
    'metadata': {'kernelspec': {'name': 'python3'}},
    'nbformat': 4, 'nbformat_minor': 5,
}, indent=2) + '\n'
NB_STRIPPED = json.dumps({
    'cells': [{
        'cell_type': 'code', 'execution_count': None, 'id': '0', 'metadata': {},
        'outputs': [], 'source': ['print("hi")'],
    }],
    'metadata': {'kernelspec': {'name': 'python3'}},
    'nbformat': 4, 'nbformat_minor': 5,
}, indent=1, sort_keys=True) + '\n'


@pytest.mark.parametrize(('text', 'argv', 'expected', 'described'), [
    (NB_WITH_OUTPUT, [], NB_STRIPPED,
     '1 metadata key, 1 output, 1 execution count, 1 cell id'),
    (NB_STRIPPED, [], None, ''),
    # Same content in another layout: nbstripout leaves it alone, and so do we.
    (json.dumps(json.loads(NB_STRIPPED), indent=4), [], None, ''),
    (NB_WITH_OUTPUT, ['--keep-output', '--keep-count', '--keep-id',
                      '--keep-metadata-keys', 'cell.metadata.scrolled'], None, ''),
])
def test_strip_text(text, argv, expected, described):
    new, changes = strip_text(text, options(*argv))
    assert new == expected
    assert hook.describe(changes) == described


@pytest.mark.parametrize(('text', 'size'), [
    ('0', 0), ('50', 50), ('1k', 1000), ('2K', 2000), ('3M', 3_000_000), ('1g', 10**9),
])
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize('argv', [
    ['--max-size', '1.5M'], ['--max-size', 'big'], ['--max-size', '-1'],
    ['--keep-output-type', 'a:b:c'], ['--mode', 'vscode'],
])
def test_bad_options_exit_2(tmp_path, capsys, argv):
    with pytest.raises(SystemExit) as e:
        main([*argv, str(tmp_path / 'nb.ipynb')])
    assert e.value.code == 2
    assert 'Traceback' not in capsys.readouterr().err


@pytest.mark.parametrize(('text', 'expected'), [
    ('{\n "a": 1\n}\n', Layout(' ', (',', ': '), True, True)),
    ('{\n    "a": 1}', Layout('    ', (',', ': '), True, False)),
    ('{\r\n\t"a": "é"\r\n}\r\n', Layout('\t', (',', ': '), False, True)),
    ('{"a": 1, "b": 2}', Layout(None, (', ', ': '), True, False)),
    ('{"a":1,"b":2}\n', Layout(None, (',', ':'), True, True)),
])
def test_layout(text, expected):
    assert layout(text) == expected


@pytest.mark.parametrize('dump', [
    lambda nb: json.dumps(nb, indent=2) + '\n',
    lambda nb: json.dumps(nb, indent=4, ensure_ascii=False),
    lambda nb: json.dumps(nb, indent='\t') + '\n',
    lambda nb: json.dumps(nb, separators=(',', ':')),
    lambda nb: json.dumps(nb),
], ids=['indent2', 'indent4-utf8', 'tabs', 'compact', 'one-line'])
@pytest.mark.parametrize('argv', [[], ['--keep-output'], ['--drop-empty-cells']])
def test_keep_layout(dump, argv):
    """The notebook's own layout and key order, nbstripout's content."""
    rng = random.Random(7)
    nb = notebook(rng)
    for i, cell in enumerate(nb['cells']):
        cell['id'] = f'c{i}'
    nb = {key: nb[key] for key in reversed(list(nb))}  # not sorted
    text = dump(nb)
    new, changes = strip_text(text, options('--keep-layout', *argv))
    assert changes
    expected = json.loads(new)
    assert list(expected) == list(nb)
    indent, separators, ascii_only, final = layout(text)
    assert new == json.dumps(
        expected, indent=indent, separators=separators, ensure_ascii=ascii_only,
    ) + ('\n' if final else '')
    # The content is what nbstripout writes, and nbstripout leaves it alone.
    assert nbstripout_leaves(new, argv)
    canonical, _ = strip_text(text, options(*argv))
    assert strip_text(new, options())[0] in (None, canonical)
    assert strip_text(new, options('--keep-layout', *argv))[0] is None


def test_keep_layout_keeps_crlf(tmp_path):
    path = tmp_path / 'nb.ipynb'
    path.write_bytes(NB_WITH_OUTPUT.replace('\n', '\r\n').encode())
    assert main(['--keep-layout', str(path)]) == 1
    new = path.read_bytes()
    assert b'\r\n  "cells": [\r\n' in new and b'\n' not in new.replace(b'\r\n', b'')


@pytest.mark.parametrize(('bom', 'encoding'), [
    (b'\xef\xbb\xbf', 'utf-8'), (b'\xff\xfe', 'utf-16-le'), (b'', 'utf-8'),
])
def test_encoding_and_bom_kept(tmp_path, bom, encoding):
    path = tmp_path / 'nb.ipynb'
    path.write_bytes(bom + NB_WITH_OUTPUT.replace('hi', 'hï').encode(encoding))
    assert main([str(path)]) == 1
    assert path.read_bytes() == bom + NB_STRIPPED.replace('hi', 'hï').encode(encoding)


def test_mode_kept_and_no_temporary_files(tmp_path):
    path = tmp_path / 'nb.ipynb'
    path.write_text(NB_WITH_OUTPUT)
    path.chmod(0o640)
    assert main([str(path)]) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ['nb.ipynb']


def test_json_format(tmp_path, capsys):
    path = tmp_path / 'nb.ipynb'
    path.write_text(NB_WITH_OUTPUT)
    assert main(['--check', '--format', 'json', str(path)]) == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding['check'] == 'strip-notebook-outputs'
    assert finding['message'].startswith('would strip 1 metadata key, 1 output')


# -- configuration ----------------------------------------------------------------

CONFIG_VALUES = {
    'check': 'true', 'keep-output': 'true', 'keep-count': 'true', 'keep-id': 'true',
    'extra-keys': '"metadata.kernelspec"', 'keep-metadata-keys': '"cell.metadata.scrolled"',
    'drop-empty-cells': 'true', 'drop-tagged-cells': '"hide"', 'strip-init-cells': 'true',
    'keep-output-type': '["stream"]', 'drop-output-type': '["error"]', 'max-size': '"1K"',
    'mode': '"zeppelin"', 'keep-layout': 'true', 'unix-newlines': 'true', 'format': '"json"',
}


@pytest.mark.parametrize(('key', 'value'), CONFIG_VALUES.items())
def test_every_option_is_a_config_key(repo, key, value):
    (repo / 'pyproject.toml').write_text(
        f'[tool.nhs-open-source.strip-notebook-outputs]\n{key} = {value}\n',
    )
    args = hook._parse_args([])
    default = hook._parse_args([], root=str(repo / 'missing'))
    assert getattr(args, key.replace('-', '_')) != getattr(default, key.replace('-', '_'))


def test_config_gives_the_same_result_as_options(repo):
    (repo / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.strip-notebook-outputs]\n'
        'keep-count = true\nextra-keys = "metadata.kernelspec"\n',
    )
    (repo / 'a.ipynb').write_text(NB_WITH_OUTPUT)
    (repo / 'b.ipynb').write_text(NB_WITH_OUTPUT)
    assert main(['a.ipynb']) == 1
    (repo / 'pyproject.toml').unlink()
    assert main(['--keep-count', '--extra-keys', 'metadata.kernelspec', 'b.ipynb']) == 1
    assert (repo / 'a.ipynb').read_bytes() == (repo / 'b.ipynb').read_bytes()
    assert b'"execution_count": 3' in (repo / 'a.ipynb').read_bytes()


@pytest.mark.parametrize('body', ['max-size = 50', 'keep-count = "yes"', 'colour = "red"'])
def test_bad_config_exits_2(repo, capsys, body):
    (repo / 'pyproject.toml').write_text(f'[tool.nhs-open-source.strip-notebook-outputs]\n{body}\n')
    with pytest.raises(SystemExit) as e:
        main(['x.ipynb'])
    assert e.value.code == 2
    assert capsys.readouterr().err.startswith('nhs-open-source strip-notebook-outputs: ')


# -- bad input ------------------------------------------------------------------------

BAD_INPUTS = {
    'invalid-json': (b'{"cells": [}', 'not valid JSON'),
    'truncated': (NB_WITH_OUTPUT[:150].encode(), 'not valid JSON (truncated?)'),
    'empty': (b'', 'empty file; not a notebook'),
    'blank': (b'\n\n', 'empty file; not a notebook'),
    'not-an-object': (b'[1, 2]', 'the JSON is not an object'),
    'nbformat-5': (b'{"nbformat": 5, "nbformat_minor": 0, "cells": []}', 'unsupported nbformat version 5'),
    'nbformat-string': (b'{"nbformat": "4", "cells": []}', "unsupported nbformat version '4'"),
    'no-cells': (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}', "no 'cells'"),
    'no-metadata': (b'{"nbformat": 4, "nbformat_minor": 5, "cells": []}', "no 'metadata'"),
    'cell-not-object': (b'{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [1]}',
                        'not a notebook nbstripout can strip'),
    # nbstripout truncates this file before failing to write it.
    'code-cell-without-outputs': (
        b'{"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, '
        b'"source": "x"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}',
        "no 'outputs' where nbformat needs one",
    ),
    'deep': (b'[' * 100_000 + b']' * 100_000, 'not'),
    'binary': (b'\x89PNG\r\n\x1a\n\0\0\0', 'binary file'),
    'latin-1': ('{"cells": "é"}'.encode('latin-1'), 'not valid UTF-8'),
    'lone-surrogate': (NB_WITH_OUTPUT.replace('"python3"', '"\\ud800"').encode(),
                       "'\\ud800' cannot be written in UTF-8"),
}


@pytest.mark.parametrize('check', [[], ['--check']])
@pytest.mark.parametrize('name', BAD_INPUTS)
def test_bad_input(tmp_path, capsys, name, check):
    data, message = BAD_INPUTS[name]
    path = tmp_path / 'nb.ipynb'
    path.write_bytes(data)
    assert main([*check, str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ''
    assert err.startswith(f'{path}: ') and err.count('\n') == 1 and message in err
    assert path.read_bytes() == data


def test_mixed_line_endings_take_the_first(tmp_path):
    path = tmp_path / 'nb.ipynb'
    lines = NB_WITH_OUTPUT.split('\n')
    path.write_bytes(('\r\n'.join(lines[:3]) + '\n' + '\n'.join(lines[3:])).encode())
    assert main([str(path)]) == 1
    assert path.read_bytes() == NB_STRIPPED.replace('\n', '\r\n').encode()


def test_five_megabyte_single_line(tmp_path):
    nb = json.loads(NB_WITH_OUTPUT)
    nb['cells'][0]['outputs'][0]['text'] = ['x' * 5_000_000]
    path = tmp_path / 'nb.ipynb'
    path.write_text(json.dumps(nb))
    assert '\n' not in path.read_text()
    assert main([str(path)]) == 1
    assert path.read_text() == NB_STRIPPED


def test_contradicting_keep_output_changes_nothing_in_a_batch(tmp_path, capsys):
    """One bad notebook does not stop the others."""
    good, bad = tmp_path / 'good.ipynb', tmp_path / 'bad.ipynb'
    good.write_text(NB_WITH_OUTPUT)
    bad.write_bytes(b'{')
    assert main([str(bad), str(good)]) == 2
    assert good.read_text() == NB_STRIPPED
    assert bad.read_bytes() == b'{'


def test_nbformat3_is_stripped_as_nbstripout_does(tmp_path):
    text = json.dumps(_v3(V3_CELLS), indent=1)
    path = tmp_path / 'old.ipynb'
    path.write_text(text)
    assert main([str(path)]) == 1
    assert path.read_text() == nbstripout_strip(text, [])[1]
    assert json.loads(path.read_text())['nbformat'] == 3


def test_read_only(tmp_path, capsys):
    path = tmp_path / 'nb.ipynb'
    path.write_text(NB_WITH_OUTPUT)
    path.chmod(0o444)
    assert main([str(path)]) == 2
    assert capsys.readouterr().err == f'{path}: is read-only; not changed\n'
    assert path.read_text() == NB_WITH_OUTPUT
    assert main(['--check', str(path)]) == 1  # reading it is fine
    path.chmod(0o644)
    path.write_text(NB_STRIPPED)
    path.chmod(0o444)
    assert main([str(path)]) == 0  # nothing to write


@pytest.mark.parametrize(('make', 'message'), [
    (lambda p: p.symlink_to(p.with_name('target.ipynb')), 'is a symbolic link'),
    (lambda p: p.symlink_to(p.with_name('nowhere.ipynb')), 'is a symbolic link'),
    (lambda p: p.symlink_to(p.parent), 'is a symbolic link'),
    (lambda p: p.mkdir(), 'is a directory'),
    (lambda p: None, 'no such file'),
])
def test_not_a_regular_file(tmp_path, capsys, make, message):
    target = tmp_path / 'target.ipynb'
    target.write_text(NB_WITH_OUTPUT)
    path = tmp_path / 'nb.ipynb'
    make(path)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'{path}: ') and err.count('\n') == 1 and message in err
    assert target.read_text() == NB_WITH_OUTPUT


def _huge_notebook(path: Path, megabytes: int) -> None:
    """About MEGABYTES of base64 images in display_data outputs, written in
    pieces so the test itself stays small."""
    line = 'iVBORw0KGgoAAAANSUhEUgAA' * 3 + '\n'  # 73 bytes
    lines_per_image = 5 * 1024 * 1024 // len(line)
    image = json.dumps([line] * lines_per_image)
    with open(path, 'w') as f:
        f.write('{"cells": [')
        for i in range(megabytes // 5):
            f.write(',' if i else '')
            f.write(
                f'{{"cell_type": "code", "execution_count": {i}, "id": "c{i}", '
                f'"metadata": {{}}, "source": ["plot({i})"], "outputs": [{{'
                '"data": {"image/png": ' + image + ', "text/plain": ["<Figure>"]}, '
                '"metadata": {}, "output_type": "display_data"}]}',
            )
        f.write('], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')


def test_huge_notebook(tmp_path):
    """100 MB of images: stripped in a separate process whose peak memory
    stays within a few times the file's size."""
    path = tmp_path / 'huge.ipynb'
    _huge_notebook(path, 100)
    size = path.stat().st_size
    assert size > 100 * 10**6
    script = (
        'import resource, sys\n'
        'from nhs_open_source_hooks.strip_notebook_outputs import main\n'
        'code = main(sys.argv[1:])\n'
        'print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n'
        'raise SystemExit(code)\n'
    )
    proc = subprocess.run(
        [sys.executable, '-c', script, str(path)], capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stderr
    peak = int(proc.stdout.splitlines()[-1]) * 1024  # ru_maxrss is in KiB on Linux
    assert peak < 4 * size
    nb = json.loads(path.read_text())
    assert len(nb['cells']) == 20
    assert all(cell['outputs'] == [] for cell in nb['cells'])
    assert path.stat().st_size < 10_000
    assert os.listdir(tmp_path) == ['huge.ipynb']


# -- audit ------------------------------------------------------------------------------

def test_audit(repo):
    (repo / 'dirty.ipynb').write_text(NB_WITH_OUTPUT)
    (repo / 'clean.ipynb').write_text(NB_STRIPPED)
    (repo / 'broken.ipynb').write_text('{')
    (repo / 'notes.txt').write_text(NB_WITH_OUTPUT)
    (repo / 'link.ipynb').symlink_to('dirty.ipynb')
    git(repo, 'add', '-A')
    paths = git(repo, 'ls-files').split()
    before = {p: (repo / p).read_bytes() for p in paths}
    findings = audit(str(repo), paths)
    assert [(f.path, f.check) for f in findings] == [
        ('broken.ipynb', 'strip-notebook-outputs-unreadable'),
        ('dirty.ipynb', 'strip-notebook-outputs'),
    ]
    assert findings[1].message == (
        'outputs not stripped: would strip 1 metadata key, 1 output, '
        '1 execution count, 1 cell id'
    )
    assert {p: (repo / p).read_bytes() for p in paths} == before


def test_audit_reads_the_configuration(repo):
    (repo / 'pyproject.toml').write_text(
        '[tool.nhs-open-source.strip-notebook-outputs]\nkeep-output = true\nkeep-count = true\n'
        'keep-id = true\nkeep-metadata-keys = "cell.metadata.scrolled"\n',
    )
    (repo / 'nb.ipynb').write_text(NB_WITH_OUTPUT)
    assert audit(str(repo), ['nb.ipynb']) == []


def test_generated_notebooks_are_valid():
    """The generator feeds nbformat-valid notebooks to the comparisons."""
    for seed in range(40):
        rng = random.Random(seed)
        nb = notebook(rng)
        for i, cell in enumerate(nb['cells']):
            if nb['nbformat_minor'] >= 5:
                cell['id'] = f'c{i}'
        assert is_valid(json.dumps(nb))


def test_not_nbstripout_layout_error_message_is_one_line():
    with pytest.raises(NotebookError) as e:
        strip_text('{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [[1]]}', options())
    assert '\n' not in str(e.value)


# -- large notebooks: long strings set aside while parsing ------------------------

def _long_strings_notebook(rng: random.Random) -> dict:
    """Over 1 MiB, with long strings of every kind in every place."""
    def long(kind: str) -> str:
        base = {
            'base64': 'iVBORw0KGgoAAAANSUhEUg' * 300,
            'escapes': 'line "quoted" \\ back\\slash\ttab\n' * 300,
            'unicode': 'ünïcödé 日本 🙂\n' * 400,
            'ascii-escaped': 'é' * 5000,
        }[kind]
        return base[:rng.randint(4000, len(base))]
    kinds = ['base64', 'escapes', 'unicode', 'ascii-escaped']
    cells = []
    for i in range(60):
        outputs = [
            {'data': {'image/png': long('base64') + '\n', 'text/plain': [long(rng.choice(kinds))]},
             'metadata': {}, 'output_type': 'display_data'},
            {'name': 'stdout', 'output_type': 'stream', 'text': [long(rng.choice(kinds))]},
            {'ename': 'E', 'evalue': long('escapes'), 'output_type': 'error',
             'traceback': [long('base64')]},
            {'data': {'text/plain': 'short'}, 'execution_count': i, 'metadata': {},
             'output_type': 'execute_result'},
        ]
        cells.append({
            'cell_type': 'code', 'execution_count': i, 'id': f'c{i}',
            'metadata': {'tags': ['keep_output'] if i % 7 == 0 else [], 'note': long('escapes')},
            'outputs': rng.sample(outputs, rng.randint(0, 4)),
            'source': [long(rng.choice(kinds))],
        })
    return {
        'cells': cells,
        'metadata': {long('base64'): 'a long key', 'widgets': {'state': long('base64')}},
        'nbformat': 4, 'nbformat_minor': 5,
    }


@pytest.mark.parametrize('argv', [
    [], ['--keep-output'], ['--max-size', '5000'], ['--keep-output-type', 'stream'],
    ['--keep-output', '--drop-output-type', 'error'], ['--keep-layout'], ['--drop-empty-cells'],
])
@pytest.mark.parametrize('ensure_ascii', [True, False])
def test_large_notebook_same_as_the_plain_way(argv, ensure_ascii):
    rng = random.Random(len(argv))
    text = json.dumps(_long_strings_notebook(rng), indent=1, ensure_ascii=ensure_ascii) + '\n'
    data = text.encode()
    assert len(data) > 2**20
    elided = Elided(data)
    assert Elided.worthwhile(data) and elided.reduce() is not None and elided.spans
    new, changes = fix(data, options(*argv))
    plain, plain_changes = strip_text(text, options(*argv))
    assert changes == plain_changes
    assert new == plain.encode()
    if '--keep-layout' not in argv:
        assert plain == nbstripout_strip(text, argv)[1]


@pytest.mark.parametrize(('damage', 'message'), [
    (lambda t: t[:len(t) // 2], 'not valid JSON (truncated?)'),
    (lambda t: t.replace('"cells"', '"cells" "', 1), 'not valid JSON'),
    (lambda t: t.replace('"a long key"', '"a long key"]', 1), 'not valid JSON'),
])
def test_large_broken_notebook_has_the_plain_message(tmp_path, capsys, damage, message):
    text = damage(json.dumps(_long_strings_notebook(random.Random(3)), indent=1))
    path = tmp_path / 'big.ipynb'
    path.write_text(text)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    with pytest.raises(NotebookError) as plain:
        strip_text(text, options())
    assert err == f'{path}: {plain.value}\n' and message in err
    assert path.read_text() == text


def test_large_notebook_with_control_character_in_a_kept_string(tmp_path, capsys):
    nb = _long_strings_notebook(random.Random(5))
    nb['metadata']['title'] = 'x' * 5000 + 'CONTROL'
    text = json.dumps(nb, indent=1).replace('CONTROL', '\x07')
    path = tmp_path / 'big.ipynb'
    path.write_text(text)
    assert main([str(path)]) == 2
    assert 'not valid JSON' in capsys.readouterr().err
    assert path.read_text() == text


def test_large_notebook_with_many_short_strings_is_parsed_the_plain_way():
    nb = {'cells': [{'cell_type': 'markdown', 'id': str(i), 'metadata': {},
                     'source': ['short line\n'] * 20} for i in range(6000)],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    data = (json.dumps(nb, indent=1) + '\n').encode()
    assert len(data) > 2**20 and Elided(data).reduce() is None
    assert fix(data, options()) == (None, {})
