# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""`nhs-open-source strip-notebook-outputs` next to `nbstripout`, as whole processes.

Both strip fresh copies of the same notebooks, one process per notebook,
interleaved and repeated; the results must be byte-identical.  The set: many
small notebooks (generated, plus nbstripout's own corpus where it is
present) and a few 10-50 MB notebooks with images, generated here.  Then
both run once over all the small notebooks in a single process, as
pre-commit runs a hook over a batch of files.

Both run as installed: with bytecode caching on (PYTHONDONTWRITEBYTECODE is
dropped from their environment) and after a warm-up run, since pip compiles
an installed package, as pre-commit's hook environment is, while an editable
checkout would otherwise be compiled again at every start.

    pip install -e '.[bench]'
    python bench/strip_notebook_outputs.py [--small 60] [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from timing import ENV
from timing import run

CORPUS = Path(__file__).resolve().parents[2] / 'shared' / 'corpora' / 'notebooks'
# Corpus inputs nbstripout itself cannot strip or that are not Jupyter notebooks.
NOT_STRIPPABLE = {'test_invalid_json.ipynb', 'test_metadata_exception.ipynb'}
PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg'


def _output(rng: random.Random, count: int, image_bytes: int = 0) -> dict:
    kind = rng.choice(['stream', 'execute_result', 'display_data', 'error'])
    if kind == 'stream':
        text = [f'row {i}: {rng.random():.6f}\n' for i in range(rng.randint(1, 30))]
        return {'name': 'stdout', 'output_type': 'stream', 'text': text}
    if kind == 'error':
        return {'ename': 'ValueError', 'evalue': 'bad', 'output_type': 'error',
                'traceback': ['Traceback (most recent call last):', '  ...', 'ValueError: bad']}
    data: dict = {'text/plain': [f'<Figure {count}>']}
    if image_bytes:
        data['image/png'] = (PNG * (image_bytes // len(PNG) + 1))[:image_bytes] + '\n'
    if rng.random() < 0.3:
        data['text/html'] = ['<table>\n', '<tr><td>1</td></tr>\n', '</table>']
    output = {'data': data, 'metadata': {}, 'output_type': kind}
    if kind == 'execute_result':
        output['execution_count'] = count
    return output


def notebook(rng: random.Random, cells: int, image_bytes: int = 0, split: bool = False,
             every_cell: bool = False) -> str:
    """A notebook of CELLS cells; code cells have outputs, images of
    IMAGE_BYTES in about half of them (in all of them with EVERY_CELL)."""
    result = []
    for i in range(cells):
        if not every_cell and rng.random() < 0.3:
            result.append({'cell_type': 'markdown', 'id': f'md-{i}', 'metadata': {},
                           'source': [f'## Section {i}\n', '\n', 'Some text, ünïcode.']})
            continue
        outputs = [_output(rng, i + 1) for _ in range(rng.randint(0, 2))]
        if image_bytes and (every_cell or rng.random() < 0.5):
            image = (PNG * (image_bytes // len(PNG) + 1))[:image_bytes]
            # Jupyter writes an image as one string; split into 76-character
            # lines it is a worst case for a JSON parser.
            lines = [image[j:j + 76] + '\n' for j in range(0, len(image), 76)]
            outputs.append({'data': {'image/png': lines if split else image + '\n',
                                     'text/plain': [f'<Figure {i}>']},
                            'metadata': {}, 'output_type': 'display_data'})
        result.append({
            'cell_type': 'code', 'execution_count': i + 1, 'id': f'code-{i}',
            'metadata': {'scrolled': True} if rng.random() < 0.2 else {},
            'outputs': outputs, 'source': ['import pandas as pd\n', f'df.head({i})'],
        })
    nb = {
        'cells': result,
        'metadata': {'kernelspec': {'display_name': 'Python 3', 'language': 'python',
                                    'name': 'python3'},
                     'language_info': {'name': 'python', 'version': '3.11.7'}},
        'nbformat': 4, 'nbformat_minor': 5,
    }
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + '\n'


def big(rng: random.Random, megabytes: int, split: bool = False) -> str:
    """About MEGABYTES of notebook, nearly all of it images, 20 cells."""
    return notebook(rng, 20, megabytes * 10**6 // 20, split, every_cell=True)


def make_set(folder: Path, small: int) -> list[Path]:
    rng = random.Random(2026)
    paths = []
    for i in range(small):
        path = folder / f'small-{i:03}.ipynb'
        path.write_text(notebook(rng, rng.randint(3, 40), rng.choice([0, 0, 2_000, 30_000])))
        paths.append(path)
    if CORPUS.is_dir():
        for source in sorted(CORPUS.glob('*.ipynb')):
            if source.name not in NOT_STRIPPABLE:
                shutil.copyfile(source, folder / source.name)
                paths.append(folder / source.name)
    for megabytes in (10, 25, 50):
        path = folder / f'big-{megabytes}mb.ipynb'
        path.write_text(big(rng, megabytes))
        paths.append(path)
    path = folder / 'big-25mb-split-lines.ipynb'
    path.write_text(big(rng, 25, split=True))
    paths.append(path)
    return paths


def timed(cmd: list[str]) -> float:
    return run(cmd, env=ENV).wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--small', type=int, default=60, help='generated small notebooks')
    parser.add_argument('--runs', type=int, default=5, help='runs per notebook and tool')
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    ours_cmd = [str(bindir / 'nhs-open-source'), 'strip-notebook-outputs']
    theirs_cmd = [str(bindir / 'nbstripout')]
    for cmd in (ours_cmd, theirs_cmd):
        if not Path(cmd[0]).exists():
            raise SystemExit(f"{cmd[0]} is missing: pip install -e '.[bench]'")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / 'set').mkdir()
        (folder / 'ours').mkdir()
        (folder / 'theirs').mkdir()
        paths = make_set(folder / 'set', args.small)
        total_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f'{len(paths)} notebooks, {total_mb:.1f} MB; {args.runs} runs each; '
              f'python {sys.version.split()[0]}')

        for cmd in (ours_cmd, theirs_cmd):  # warm-up: bytecode written, files cached
            shutil.copyfile(paths[0], folder / 'ours' / paths[0].name)
            timed(cmd + [str(folder / 'ours' / paths[0].name)])
        times: dict[str, tuple[list[float], list[float]]] = {p.name: ([], []) for p in paths}
        for round_ in range(args.runs):
            for path in paths:
                ours, theirs = folder / 'ours' / path.name, folder / 'theirs' / path.name
                shutil.copyfile(path, ours)
                shutil.copyfile(path, theirs)
                pair = [(0, ours_cmd + [str(ours)]), (1, theirs_cmd + [str(theirs)])]
                for which, cmd in (pair if round_ % 2 else pair[::-1]):
                    times[path.name][which].append(timed(cmd))
                if ours.read_bytes() != theirs.read_bytes():
                    raise SystemExit(f'{path.name}: results differ')

        print(f'\n{"notebook":<34} {"MB":>6} {"ours ms":>9} {"nbstripout ms":>14} {"ratio":>7}')
        ratios = {}
        sum_ours = sum_theirs = 0.0
        for path in paths:
            ours, theirs = (statistics.median(t) for t in times[path.name])
            sum_ours += ours
            sum_theirs += theirs
            ratios[path.name] = theirs / ours
            if path.stat().st_size > 10**6 or path.name.startswith('test_'):
                print(f'{path.name:<34} {path.stat().st_size / 1e6:>6.1f} {ours * 1000:>9.0f} '
                      f'{theirs * 1000:>14.0f} {theirs / ours:>6.2f}x')
        smalls = [p for p in paths if p.stat().st_size <= 10**6]
        small_ratios = [ratios[p.name] for p in smalls]
        print(f'{"(all small: median of " + str(len(smalls)) + ")":<34} {"":>6} {"":>9} '
              f'{"":>14} {statistics.median(small_ratios):>6.2f}x')

        worst = min(ratios, key=ratios.get)
        print(f'\ntotal, one process per notebook: ours {sum_ours:.2f} s, '
              f'nbstripout {sum_theirs:.2f} s: {sum_theirs / sum_ours:.2f}x faster')
        print(f'worst single notebook: {worst} {ratios[worst]:.2f}x')

        batch = ([], [])
        for _ in range(args.runs):
            for which, cmd, sub in ((0, ours_cmd, 'ours'), (1, theirs_cmd, 'theirs')):
                copies = []
                for path in smalls:
                    copies.append(str(folder / sub / path.name))
                    shutil.copyfile(path, copies[-1])
                batch[which].append(timed(cmd + copies))
        ours, theirs = (statistics.median(t) for t in batch)
        print(f'all {len(smalls)} small notebooks in one process: ours {ours * 1000:.0f} ms, '
              f'nbstripout {theirs * 1000:.0f} ms: {theirs / ours:.2f}x faster')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
