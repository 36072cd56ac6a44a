# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""The shared engine: sensitive.scan_text and the credential rules behind it.

Every secret-looking value is built at run time from pieces, so this file
holds none.
"""
from __future__ import annotations

import base64
import gzip
import json
import subprocess
import sys
import time

import pytest

from nhs_open_source_hooks import credentials
from nhs_open_source_hooks import sensitive
from tests.conftest import corpus

# Synthetic key material (random-looking, never issued by anyone).
R20 = 'Vq8mT2pLx9' + 'Zr4KcW7bNd'
R32 = R20 + 'H3sJf6GtY1eU'
R40 = R32 + 'a5QwE8rM'
B64_88 = base64.b64encode(bytes(range(7, 7 + 64))).decode()
PEM_BODY = '\n'.join(base64.b64encode(bytes((i * 37 + j) % 256 for j in range(48))).decode() for i in range(6))


def key_block(kind: str = 'RSA ', body: str = PEM_BODY) -> str:
    return f'-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----\n'


def checks(text: str, path: str = '') -> list[str]:
    return [f.check for f in sensitive.scan_text(text, path) if f.severity == 'error']


@pytest.mark.parametrize(('text', 'expected'), (
    # detect-secrets' default plugins
    (f'aws_access_key_id = {"AKIA" + "Z7VRSQ5TFXQK3B2M"}\n', ['secret-aws-access-key']),
    (f'aws_secret_access_key = "{R40}"\n', ['secret-aws-secret-key']),
    (key_block(), ['secret-private-key']),
    (key_block('OPENSSH '), ['secret-private-key']),
    (json.dumps({'private_key': key_block()}), ['secret-private-key']),
    (f'token = "{"ghp_" + R32 + "Ab12"}"\n', ['secret-github-token']),
    (f'{"glpat-" + R20}\n', ['secret-gitlab-token']),
    (f'SLACK = "{"xoxb-" + "2938475610" + "-" + "8472910365" + "-" + R20}"\n', ['secret-slack-token']),
    (f'stripe = "{"sk_live_" + R32}"\n', ['secret-stripe-key']),
    (f'{"SG." + R20 + "Ab" + "." + R40 + "Xy1"}\n', ['secret-sendgrid-key']),
    (f'npm_token={"npm_" + R32 + "Ab12"}\n', ['secret-npm-token']),
    ('x = "' + 'eyJhbGciOiJIUzI1NiJ9' + '.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.' + R32 + '"\n', ['secret-jwt']),
    (f'password = "{R20[:10]}!x"\n', ['secret-password']),  # pragma: allowlist secret
    (f'api_key: {R32}\n', ['secret-keyword']),
    (f'<secret>{R32}</secret>\n', ['secret-keyword']),
    (f'curl -H "Authorization: Bearer {R40}" https://api.example.com\n', ['secret-curl-header']),
    (f'curl -u deploy:{R20[:12]} https://api.example.com\n', ['secret-curl-password']),  # pragma: allowlist secret
    (f'headers = {{"Authorization": "Bearer {R40}"}}\n', ['secret-authorization']),
    # what NHS teams leak
    (f'DATABASE_URL=postgres://app:{R20[:12]}@db.internal:5432/app\n', ['secret-url-password']),
    (f'Server=tcp:x.database.windows.net;Database=d;User ID=u;Password={R20[:14]};\n',
     ['secret-connection-string']),
    (f'Driver={{ODBC Driver 18}};Server=s;Uid=u;Pwd={{{R20[:12]}}};\n', ['secret-connection-string']),
    (f'DefaultEndpointsProtocol=https;AccountName=a;AccountKey={B64_88};EndpointSuffix=core.windows.net\n',
     ['secret-azure-storage-key']),
    (f'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={B64_88[:43]}=\n',
     ['secret-azure-shared-access-key']),
    (f'DB_PASSWORD={R20[:8]}7#q\n', ['secret-password']),
    (f"CREATE USER app WITH PASSWORD '{R20[:10]}!';\n", ['secret-password']),
    (f"ALTER USER app IDENTIFIED BY '{R20[:10]}!';\n", ['secret-password']),
    (f'$p = ConvertTo-SecureString "{R20[:10]}!" -AsPlainText -Force\n', ['secret-password']),
    (f'AZURE_DEVOPS_PAT = "{R32.lower()}{R20.lower()}"\n', ['secret-keyword']),
    ('url = "https://nhs.webhook.office.com/webhookb2/' + '7f3e9a21-4c8b-4d2e-9b1f-5e7a3c9d2b4f@'
     + '2b8d4f6a-9c1e-4a7b-8d3f-6e2a9c4b7d1e/IncomingWebhook/' + R32 + '/'
     + 'c4e8a2f6-3b9d-4e1a-9f7c-8a2d6b4e9c3f"\n', ['secret-teams-webhook']),
    (f'GITHUB_PAT={"ghp_" + R32 + "Cd34"}\n', ['secret-github-token']),
    (f'ANTHROPIC_API_KEY={"sk-ant-api03-" + (R32 * 3)[:93] + "AA"}\n', ['secret-anthropic-key']),
    # documented examples, placeholders and indirection: nothing
    ('aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n', []),
    ('JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2'
     'MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"\n', []),  # jwt.io's example
    ('<script integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"></script>\n', []),
    ('password = os.environ["DB_PASSWORD"]\n', []),
    ('password = "<your-password>"\n', []),
    ('password = "${DB_PASSWORD}"\n', []),
    ('api_key = "{{ api_key }}"\n', []),
    ('token = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n', []),
    ('DATABASE_URL=postgres://user:password@localhost/db\n', []),
    ('DATABASE_URL=postgres://${USER}:${PASSWORD}@localhost/db\n', []),
    ('def login(self, user, password=None):\n', []),
    ('self.password = config["password"]\n', []),
    (key_block(body='xxx'), []),
    ('-----BEGIN PUBLIC KEY-----\n' + PEM_BODY + '\n-----END PUBLIC KEY-----\n', []),
    ('ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host\n', []),
    ('checksum_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"\n', []),
    ('public_key = "' + R40 + '"\n', []),
    ('token_url = "https://login.example.com/oauth2/token"\n', []),
    ('schemaKey = "DOC_Vector_5_32"\n', []),
    ('class TestPyPass1(TestPass1, PyTest): pass\n', []),
))
def test_credentials(text, expected):
    assert checks(text) == expected


HEX40 = '9f3c2a7e1b' + '5d8046c3e2' + 'a1f7b94d06' + 'e8c5b3a271'


@pytest.mark.parametrize(('text', 'expected'), (
    # A provider's prefix on a value that does not fit that provider's format
    # is a truncated or made-up token: neither the provider's rule nor the
    # generic keyword rule reports it.
    (f'api_key = "{"AKCp" + R40}"\n', []),  # 44 characters, Artifactory's are 73
    (f'api_key = "{"AKCp" + (R40 * 2)[:69]}"\n', ['secret-artifactory-token']),
    (f'token = "{"NRAK-" + R20.upper()}"\n', []),  # 20 after the prefix, New Relic's have 27
    (f'token = "{"NRAK-" + (R32 * 2).upper()[:27]}"\n', ['secret-platform-token']),
    (f'key = "{"AIza" + R32}"\n', []),  # 32 after the prefix, Google's have 35
    (f'token = "{"glpat-" + HEX40}"\n', []),  # 40, GitLab's have 20
    (f'token = "{"glpat-" + R20}"\n', ['secret-gitlab-token']),
    (f'api_key = "{"sk-admin-" + R32 + "T3BlbkFJ" + "short"}"\n', []),
    (f'api_key = "{"sk-admin-" + R32 + "T3BlbkFJ" + R20}"\n', ['secret-openai-key']),
    (f'token := "{"cfut_" + R20}"\n', []),  # Cloudflare's have 40 characters and a checksum
    (f'key := "{"cfk_" + R40 + "d2c40e68" + "EXTRA"}"\n', []),
    (f'token := "{"cfut_" + R40 + "d2c40e68"}"\n', ['secret-platform-token']),
    # A setting that a provider's rule checks (Azure's AccountKey, 88 base64
    # characters) given a value that rule passed over.
    ('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=' + 'storagekey' + 'base64text' + 'v2;\n', []),
    (f'DefaultEndpointsProtocol=https;AccountName=a;AccountKey={B64_88};\n', ['secret-azure-storage-key']),
    # An Azure SAS signature is the base64 of an HMAC-SHA256: 44 characters.
    (f'url = "https://a.blob.core.windows.net/c?sv=2022-11-02&sig={B64_88[:44]}%3D"\n', []),
    (f'url = "https://a.blob.core.windows.net/c?sv=2022-11-02&sig={B64_88[:43]}%3D"\n', ['secret-azure-sas-token']),
    # Hex of odd length encodes no bytes.
    (f'api_key = "{HEX40[:39]}"\n', []),
    (f'api_key = "{HEX40}"\n', ['secret-keyword']),
    # Letters or digits that count up or down are typed by hand.
    ('client_secret = "' + 'a1b2c3d4' + 'e5f6a7b8' + 'c9d0e1f2' + 'a3b4c5d6"\n', []),
    ('REFRESH_TOKEN=' + 'zyxwvutsrq' + 'ponmlkji98' + '76543210abcd\n', []),
    ('client_secret = "' + 'a7f1c9e2' + 'b4d80c36' + 'e5a9f1b7' + 'd2c40e68"\n', ['secret-keyword']),
))
def test_near_misses(text, expected):
    assert checks(text) == expected


def test_lock_files_get_no_generic_checks():
    text = f'"integrity": "sha512-{R40}{R40}"\n"token": "{R40}"\n'
    assert checks(text) == ['secret-keyword']
    assert sensitive.scan_text(text, generic=False) == []


@pytest.mark.parametrize('text', (
    f'password = "{R20}"  # pragma: allowlist secret\n',
    f'# pragma: allowlist nextline secret\npassword = "{R20}"\n',
))
def test_pragma_allowlist(text):
    assert sensitive.scan_text(text) == []


def test_line_numbers_are_relative_to_the_text():
    text = f'a = 1\n\nb = 2\npassword = "{R20}"\n'
    [finding] = sensitive.scan_text(text, 'cfg.py')
    assert (finding.path, finding.line) == ('cfg.py', 4)


def test_value_never_printed_whole():
    secret = R40
    [finding] = sensitive.scan_text(f'api_key = "{secret}"\n', 'x.py')
    text = str(finding)
    assert secret[:5] not in text
    assert f"'{secret[:4]}...'" in text
    assert 'rotate' in text


@pytest.mark.parametrize(('value', 'shown'), (
    ('abcdefghijklmnop', "'abcd...'"),
    ('abcdefg', "'a...'"),
    ('abc', "'...'"),
))
def test_redact(value, shown):
    assert sensitive.redact(value) == shown


def test_personal_data_findings_come_through():
    # A valid NHS number (check digit 7) built from its parts, with context.
    text = 'Patient NHS number: ' + '401 023 ' + '2137' + '\n'
    [finding] = sensitive.scan_text(text, 'notes.txt')
    assert finding.check == 'personal-data-nhs-number'
    assert finding.severity == 'error'
    assert '2137' not in str(finding)


@pytest.mark.parametrize('text', (
    '9434765919',  # the documented example
    'NHS number 999 000 0018',  # the test range
))
def test_personal_data_non_findings(text):
    assert sensitive.scan_text(text) == []


# Linear time: a megabyte of an adversarial line takes about twice as long
# as half a megabyte.  Ratios of the best of several runs, not durations.
ADVERSARIAL = (
    'a', 'A1', 'password = ', 'key=', 'AKIA', '-----BEGIN PRIVATE KEY-----\n', 'x://a:', 'a://b:c@',
    'sk-', 'eyJ', 'eyJa.', '<secret>', 'Password=x;', 'xoxb-123456-', 'T3BlbkFJ', ' token ', '"',
    "'A1b2", 'Bearer ', 'Authorization: Basic ', 'api_key: "', 'AccountKey=', 'sig=', 'ghp_',
    'PuTTY-User-Key-File-2: ', '1Q~', '-', '9434765919 ', 'nhs ', 'QQ123456C ',  # pragma: allowlist secret
    "with password '", "identified by '", "ConvertTo-SecureString '", 'pat=', 'curl -u a:',  # pragma: allowlist secret
    "curl -H 'Authorization: ", 'https://a.webhook.office.com/webhookb2/', '# pragma: allowlist secret\n',
    'api_key = "AKCp', 'token = "a1b2',
)


def _best(text: str, path: str) -> float:
    # CPU time of this process: other processes on a busy machine do not count.
    best = float('inf')
    for _ in range(3):
        start = time.process_time()
        sensitive.scan_text(text, path)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(('piece', 'path'), (
    *((piece, '') for piece in ADVERSARIAL),
    ('KEY="x', '.env'), ('PASS="a"#\n', '.env'), ('KEY=a\t\t\t\t', '.env'),
))
def test_linear_time_on_megabyte_lines(piece, path):
    half = (piece * ((1 << 19) // len(piece) + 1))[:1 << 19]
    full = half + half
    # Best of three, measured twice: a quadratic pattern fails both times,
    # a busy machine seldom twice.
    ratios = []
    for _ in range(2):
        ratios.append(_best(full, path) / max(_best(half, path), 1e-4))
        if ratios[-1] < 3:
            return
    pytest.fail(f'{piece!r}: 1 MB took {min(ratios):.1f}x as long as 0.5 MB')


# Conformance on the shared corpus of scanners' own test cases.
SOURCES = ('trufflehog', 'gitleaks', 'secretlint')
# The targets are 75% recall overall, 55% per source and at most 10%
# false positives on both clean sets, all reached: 75.4% overall (trufflehog
# 75.0%, gitleaks 80.8%, secretlint 58.9%), 5.2% on the generic set and
# 10.0% (70 of 702, the most the target allows) on the near misses.
# Asserted as reached, so that a regression fails.
RECALL_OVERALL = 0.75
RECALL_PER_SOURCE = 0.55
FP_GENERIC = 0.10
FP_NEAR_MISS = 0.10


def test_corpus_recall_and_false_positives(capsys):
    path = corpus('secrets', 'cases.jsonl.gz')
    counts: dict[str, list[int]] = {}
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for line in f:
            case = json.loads(line)
            if case['expect'] == 'secret':
                key = case['source']
            elif case['clean_kind'] in ('listed_false_positive', 'ok_snapshot'):
                key = 'generic'
            elif case['clean_kind'] == 'malformed':
                key = 'near-miss'
            else:
                continue
            flagged = any(f.severity == 'error' for f in sensitive.scan_text(case['text']))
            got = counts.setdefault(key, [0, 0])
            got[0] += flagged
            got[1] += 1
    rate = {key: n / total for key, (n, total) in counts.items()}
    overall = sum(counts[s][0] for s in SOURCES) / sum(counts[s][1] for s in SOURCES)
    with capsys.disabled():
        print('\nsecrets corpus: ' + ', '.join(f'{k} {v:.1%}' for k, v in sorted(rate.items()))
              + f', recall overall {overall:.1%}')
    assert overall >= RECALL_OVERALL
    for source in SOURCES:
        assert rate[source] >= RECALL_PER_SOURCE, source
    assert rate['generic'] <= FP_GENERIC
    assert rate['near-miss'] <= FP_NEAR_MISS


def test_rules_are_attributed():
    doc = credentials.__doc__
    assert 'gitleaks' in doc and 'MIT' in doc and 'detect-secrets' in doc
    assert 'trufflehog' in doc  # as the source nothing is derived from


def test_the_hook_path_imports_nothing_heavy():
    code = (
        'import sys\n'
        'from nhs_open_source_hooks import secret_scan\n'
        'heavy = {"requests", "detect_secrets", "urllib.request", "socket", "hashlib"}\n'
        'print(sorted(heavy & set(sys.modules)))\n'
    )
    out = subprocess.run((sys.executable, '-c', code), capture_output=True, text=True, check=True).stdout
    assert out.strip() == '[]'
