# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Recall and false positives of secret-scan on the shared secrets corpus.

python bench/corpus_secrets.py [-v KIND]
"""
from __future__ import annotations

import collections
import gzip
import json
import sys
from pathlib import Path

from nhs_open_source_hooks import sensitive

CORPUS = Path(__file__).resolve().parents[2] / 'shared/corpora/secrets/cases.jsonl.gz'


def flagged(text: str) -> bool:
    return any(f.severity == 'error' for f in sensitive.scan_text(text))


def main() -> None:
    path = Path(sys.argv[sys.argv.index('--corpus') + 1]) if '--corpus' in sys.argv else CORPUS
    show = sys.argv[sys.argv.index('-v') + 1] if '-v' in sys.argv else None
    hits: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    with gzip.open(path, 'rt') as f:
        for line in f:
            case = json.loads(line)
            key = case['source'] if case['expect'] == 'secret' else case['clean_kind']
            got = flagged(case['text'])
            hits[key][0] += got
            hits[key][1] += 1
            if show and key.startswith(show) and got == (case['expect'] != 'secret'):
                print(case['rule'], repr(case['text'][:300]))
                if case['expect'] != 'secret':
                    for f in sensitive.scan_text(case['text']):
                        print('   ', f)
    for key, (n, total) in sorted(hits.items()):
        print(f'{key:24} {n:5}/{total:5} {100 * n / total:5.1f}%')
    secret = [hits[s] for s in ('trufflehog', 'gitleaks', 'secretlint')]
    print(f'{"recall overall":24} {100 * sum(h[0] for h in secret) / sum(h[1] for h in secret):5.1f}%')
    generic = [hits['listed_false_positive'], hits['ok_snapshot']]
    print(f'{"fp generic":24} {100 * sum(h[0] for h in generic) / sum(h[1] for h in generic):5.1f}%')


if __name__ == '__main__':
    main()
