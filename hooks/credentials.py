# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Credential detection: provider tokens, keys, passwords, connection strings.

Each rule is a literal trigger (checked with a plain substring test, the
cheap prefilter) and a regular expression run only on text that holds the
trigger.  Every expression is built from bounded or single-pass repetitions,
so a scan is linear in the length of the text whatever it holds.

Provenance:
- detect-secrets 1.5.0 (Apache-2.0, Yelp): the default plugins' formats
  (AWS, Artifactory, Azure storage, basic auth, Discord, GitHub, GitLab, JWT,
  keyword, Mailchimp, npm, OpenAI, private keys, PyPI, SendGrid, Slack,
  Square, Stripe, Telegram, Twilio), its `pragma: allowlist secret` comments
  and the heuristic filters (templated values, indirect references, lock
  files, sequential strings).
- gitleaks (MIT, Zachary Rice and contributors), `config/gitleaks.toml`: the
  provider token formats marked "gitleaks" below.
- Providers' own documentation: Cloudflare's token formats.
Nothing here is derived from trufflehog.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NamedTuple


class Hit(NamedTuple):
    start: int  # offset of the value in the text
    end: int
    check: str  # without the 'secret-' prefix
    kind: str  # what it is, for the message
    value: str
    severity: str = 'error'


class Rule(NamedTuple):
    check: str
    kind: str
    triggers: tuple[str, ...]  # lower-case substrings; the rule runs if any is present
    pattern: str  # compiled on first use: most rules never run in a given commit
    group: int = 0
    validate: Callable[[str], bool] | None = None
    severity: str = 'error'
    # Whether a trigger may lie outside the token (a keyword before it).
    context: bool = False
    # Case-sensitive literal prefixes that only this provider's tokens start with.
    prefixes: tuple[str, ...] = ()


_END = r'(?![A-Za-z0-9_])'
_START = r'(?<![A-Za-z0-9_.-])'


def _entropy(s: str) -> float:
    n = len(s)
    return -sum(k / n * math.log2(k / n) for k in Counter(s).values())


# Values published as examples in providers' and standards' documentation.
DOCUMENTED_EXAMPLES = (
    'AKIAIOSFODNN7EXAMPLE',  # AWS
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',  # AWS
    'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',  # the jwt.io example token's signature
)


def _not_example(value: str) -> bool:
    upper = value.upper()
    return ('EXAMPLE' not in upper[-12:] and not _REPEATS.search(value) and not _is_placeholder(value)
            and not any(example in value for example in DOCUMENTED_EXAMPLES))


def _jwt(value: str) -> bool:
    header = value.split('.', 1)[0]
    try:
        data = base64.urlsafe_b64decode(header + '=' * (-len(header) % 4))
        return isinstance(json.loads(data), dict)
    except (binascii.Error, ValueError):
        return False


def _sas_signature(value: str) -> bool:
    """Base64 of an HMAC-SHA256, 44 characters once URL-decoded (Azure's SAS `sig`)."""
    return len(_PERCENT_ESCAPE.sub('x', value)) == 44


_PERCENT_ESCAPE = re.compile(r'%[0-9A-Fa-f]{2}')


def _min_entropy(threshold: float) -> Callable[[str], bool]:
    return lambda value: _entropy(value) >= threshold and _not_example(value)


RULES: list[Rule] = []


def _rule(check: str, kind: str, triggers: str, pattern: str, group: int = 0,
          validate: Callable[[str], bool] | None = _not_example, severity: str = 'error',
          context: bool = False, prefixes: str = '') -> None:
    # Unless a keyword comes first, a trigger of four or more characters is
    # where the token starts: the provider's prefix.
    starts = () if context else tuple(t for t in triggers.split() if len(t) >= 4 and t[0].isalnum())
    RULES.append(Rule(
        check, kind, tuple(triggers.lower().split()), pattern, group, validate, severity, context,
        starts + tuple(prefixes.split()),
    ))


# AWS (detect-secrets, gitleaks)
_rule(
    'aws-access-key', 'AWS access key id', 'A3T AKIA ASIA ABIA ACCA',
    _START + r'(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}' + _END,
    validate=_min_entropy(3.0),
)
_rule(
    'aws-secret-key', 'AWS secret access key', 'aws',
    r'(?i)aws[\w.-]{0,20}(?:secret|key)[\w.-]{0,20}["\']?[ \t]{0,5}[:=>,]{1,3}[ \t]{0,5}["\']?'
    r'([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])',
    group=1, context=True,
)
# Azure storage account and service bus / event hub keys; SAS signatures.
_rule(
    'azure-storage-key', 'Azure storage account key', 'AccountKey',
    r'(?i)AccountKey[ \t]{0,3}=[ \t]{0,3}([A-Za-z0-9+/]{40,100}={0,2})(?![A-Za-z0-9+/=])', group=1,
)
_rule(
    'azure-storage-key', 'Azure storage account key', 'storage',
    r'(?i)storage[\w.-]{0,20}key["\']?[ \t]{0,5}[:=]{1,2}[ \t]{0,5}["\']?([A-Za-z0-9+/]{86}==)', group=1,
    context=True,
)
_rule(
    'azure-shared-access-key', 'Azure service bus / event hub shared access key', 'SharedAccessKey',
    r'(?i)SharedAccessKey[ \t]{0,3}=[ \t]{0,3}([A-Za-z0-9+/]{42,43}=)', group=1,
)
_rule(
    'azure-sas-token', 'Azure shared access signature', 'sig=',
    r'[?&]sig=([A-Za-z0-9%+/]{40,70}(?:%3D|=){0,2})', group=1,
    validate=lambda v: _sas_signature(v) and _not_example(v),
)
_rule(  # gitleaks azure-ad-client-secret
    'azure-client-secret', 'Azure AD client secret', 'q~',
    r'(?:^|[\\\'"`\s>=:(,)])([a-zA-Z0-9_~.]{3}[0-9]Q~[a-zA-Z0-9_~.-]{31,34})(?![a-zA-Z0-9_~.-])',
    group=1, validate=_min_entropy(3.0),
)
# Source forges and package registries.
_rule(
    'github-token', 'GitHub token', 'ghp_ gho_ ghu_ ghs_ ghr_ github_pat_',
    _START + r'(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}|ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_.-]{40,2000})'
    + _END,
    validate=_min_entropy(3.0),
)
_rule(  # gitleaks gitlab-*
    'gitlab-token', 'GitLab token', 'glpat- gldt- glptt- glrt- glcbt- glimt- glagent- glsoat- glffct- gloas-',
    _START + r'(?:glpat-[A-Za-z0-9_-]{20}|gldt-[A-Za-z0-9_-]{20}|glptt-[a-f0-9]{40}|glrt-[A-Za-z0-9_-]{20}'
    r'|glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}|glimt-[A-Za-z0-9_-]{25}|glagent-[A-Za-z0-9_-]{50}'
    r'|glsoat-[A-Za-z0-9_-]{20}|glffct-[A-Za-z0-9_-]{20}|gloas-[A-Za-z0-9_-]{64})' + _END,
)
_rule(
    'npm-token', 'npm access token', 'npm_ _authToken',
    _START + r'npm_[A-Za-z0-9]{36}' + _END
    + r'|_authToken[ \t]{0,3}=[ \t]{0,3}([A-Za-z0-9-]{36})' + _END,
)
_rule(
    'pypi-token', 'PyPI upload token', 'pypi-',
    r'pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}',
)
_rule(  # gitleaks rubygems-api-token, clojars-api-token
    'package-registry-token', 'package registry token', 'rubygems_ CLOJARS_',
    _START + r'(?:rubygems_[a-f0-9]{48}|(?i:CLOJARS_)[a-zA-Z0-9]{60})' + _END,
)
_rule(
    'artifactory-token', 'Artifactory token', 'AKCp cmVmd',
    _START + r'(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})' + _END, validate=_min_entropy(4.0),
)
# Chat and messaging.
_rule(
    'slack-token', 'Slack token', 'xox xapp-',
    _START + r'xox[abposre]-(?:[0-9]{1,20}-){1,4}[A-Za-z0-9]{8,64}' + _END
    + r'|xox[ebp]-[0-9]-[A-Za-z0-9]{100,200}' + _END
    + r'|xapp-[0-9]-[A-Z0-9]{1,20}-[0-9]{1,20}-[a-z0-9]{16,80}' + _END,
    validate=_min_entropy(2.5),
)
_rule(
    'slack-webhook', 'Slack webhook', 'hooks.slack.com',
    r'hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{40,60}',
)
_rule(
    'discord-token', 'Discord bot token', '.',
    _START + r'[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}' + _END,
    validate=_min_entropy(3.5),
)
_rule(  # gitleaks microsoft-teams-webhook
    'teams-webhook', 'Microsoft Teams webhook', 'webhook.office.com',
    r'https://[A-Za-z0-9-]{1,60}\.webhook\.office\.com/webhookb2/[A-Za-z0-9-]{36}@[A-Za-z0-9-]{36}'
    r'/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9-]{36}(?:/[A-Za-z0-9_-]{1,100})?',
)
_rule(
    'discord-webhook', 'Discord webhook', 'discord',
    r'discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}',
)
_rule(
    'telegram-token', 'Telegram bot token', ':AA',
    _START + r'[0-9]{8,10}:AA[0-9A-Za-z_-]{33}' + _END,
)
_rule(
    'twilio-key', 'Twilio API key', 'SK AC',
    _START + r'(?:SK|AC)[0-9a-f]{32}' + _END, validate=_min_entropy(3.0),
)
_rule(
    'sendgrid-key', 'SendGrid API key', 'SG.',
    _START + r'SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}' + _END,
)
_rule(
    'mailchimp-key', 'Mailchimp API key', '-us',
    _START + r'[0-9a-f]{32}-us[0-9]{1,2}' + _END, validate=_min_entropy(3.0),
)
_rule(  # gitleaks mailgun-private-api-token
    'mailgun-key', 'Mailgun API key', 'key-',
    r'(?i)mailgun[\w.-]{0,30}["\']?[ \t]{0,5}[:=]{1,2}[ \t]{0,5}["\']?(key-[a-f0-9]{32})' + _END, group=1,
    context=True,
)
# Payment providers.
_rule(
    'stripe-key', 'Stripe secret key', 'sk_ rk_',
    _START + r'(?:sk|rk)_(?:test|live|prod)_[A-Za-z0-9]{10,99}' + _END, validate=_min_entropy(3.0),
)
_rule(
    'square-token', 'Square token', 'sq0csp- sq0atp- EAAA',
    _START + r'(?:sq0csp-[0-9A-Za-z_-]{43}|sq0atp-[0-9A-Za-z_-]{22}|EAAA[A-Za-z0-9_-]{60})' + _END,
)
_rule(  # gitleaks flutterwave-*, shippo, easypost, duffel
    'payment-token', 'payment provider token', 'FLWSECK FLWPUBK shippo_ EZAK EZTK duffel_',
    _START + r'(?:FLWSECK(?:_TEST)?-[a-h0-9]{32}-X|FLWSECK_TEST-[a-h0-9]{12}|shippo_(?:live|test)_[a-fA-F0-9]{40}'
    r'|EZ[AT]K(?i:[a-z0-9]{54})|duffel_(?:test|live)_(?i:[a-z0-9_=-]{43}))' + _END,
)
# AI providers.
_rule(
    'openai-key', 'OpenAI API key', 'T3BlbkFJ',
    _START + r'sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}' + _END,
    prefixes='sk-proj- sk-svcacct- sk-admin-',
)
_rule(  # gitleaks anthropic-*
    'anthropic-key', 'Anthropic API key', 'sk-ant-',
    _START + r'sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA' + _END,
)
_rule(  # gitleaks huggingface-*, groq (secretlint format), perplexity, xai
    'ai-provider-token', 'AI provider token', 'hf_ api_org_ gsk_ pplx- xai-',
    _START + r'(?:hf_[a-zA-Z]{34}|api_org_[a-zA-Z]{34}|gsk_[A-Za-z0-9]{52}|pplx-[A-Za-z0-9]{48}'
    r'|xai-[0-9a-zA-Z_]{80})' + _END,
    validate=_min_entropy(3.0),
)
# Cloud and platform tokens (gitleaks).
_rule(
    'google-api-key', 'Google API key (public by design in web apps: restrict it)', 'AIza',
    _START + r'AIza[0-9A-Za-z_-]{35}' + _END, validate=_min_entropy(3.0), severity='warning',
)
# Cloudflare's cfut_ and cfk_ (developers.cloudflare.com, "Token formats"):
# the prefix, 40 characters and a checksum, 8 characters in issued tokens.
_rule(
    'platform-token', 'platform access token',
    'dop_v1_ doo_v1_ dor_v1_ dp.pt. dp.ct. dp.st. dt0c01. shpat_ shpca_ shppa_ shpss_ PMAK- .atlasv1. '
    'lin_api_ pul- rdme_ sntrys_ sntryu_ xkeysib- fio-u- dapi hvs. hvb. ops_eyJ A3- LTAI p8e- '
    'AGE-SECRET-KEY-1 HRKU- NRAK- NRII- NRJS- pscale_ pnu_ tk-us- sgp_ tfp_ ico- fo1_ v1.0- 4b1d glc_ glsa_ '
    'tskey- cfat_ cfut_ cfk_ ATATT3 ntn_ sm_ sq0 s-s4t2 dckr_pat_ figd_ vcp_ vci_ vca_ vcr_ vck_',
    _START + r'(?:do[opr]_v1_[a-f0-9]{64}|dp\.(?:pt|ct|st|sa|scim|audit)\.[A-Za-z0-9]{40,44}'
    r'|dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}|shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,64}'
    r'|PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}'
    r'|lin_api_[A-Za-z0-9]{40}|pul-[a-f0-9]{40}|rdme_[a-z0-9]{70}|sntrys_eyJ[A-Za-z0-9+/=_-]{60,200}'
    r'|sntryu_[a-f0-9]{64}|xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}|fio-u-[A-Za-z0-9_=-]{64}'
    r'|dapi(?i:[a-f0-9]{32})(?:-[0-9])?|hvs\.[A-Za-z0-9_-]{90,120}|hvb\.[A-Za-z0-9_-]{138,300}'
    r'|ops_eyJ[A-Za-z0-9+/]{250,}={0,3}'
    r'|A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}'
    r'|LTAI[A-Za-z0-9]{20}|p8e-[A-Za-z0-9]{32}|AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}'
    r'|HRKU-AA[0-9a-zA-Z_-]{58}|NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9-]{32}|NRJS-[a-f0-9]{19}'
    r'|pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}|pnu_[A-Za-z0-9]{36}|tk-us-[A-Za-z0-9_-]{48}'
    r'|sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}|tfp_[A-Za-z0-9_.=-]{59}'
    r'|ico-[A-Za-z0-9]{32}|fo1_[A-Za-z0-9_-]{43}|v1\.0-[a-f0-9]{24}-[a-f0-9]{146}|4b1d[A-Za-z0-9]{38}'
    r'|glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'
    r'|tskey-[a-z]{2,10}-[A-Za-z0-9]{8,16}-[A-Za-z0-9]{16,40}|cfat_[A-Za-z0-9]{40,60}|cf(?:ut|k)_[A-Za-z0-9]{48}'
    r'|ATATT3[A-Za-z0-9_=-]{186}|ntn_[0-9]{11}[A-Za-z0-9]{35}|sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}'
    r'|s-s4t2(?:ud|af)-[a-f0-9]{64}|dckr_pat_[A-Za-z0-9_-]{27,}|figd_[A-Za-z0-9_-]{40,}'
    r'|vc[pirka]_[A-Za-z0-9]{40,60})' + r'(?![A-Za-z0-9_])',
    validate=_min_entropy(2.5),
)
_rule(  # gitleaks facebook-*, flyio-access-token
    'facebook-token', 'Facebook access token', '| %7c EAAM EAAC',
    _START + r'(?:[0-9]{15,16}(?:\||%7[Cc])[0-9A-Za-z_-]{27,40}|EAA[MC][A-Za-z0-9]{100,400})' + _END,
    validate=_min_entropy(3.0),
)
_rule(
    'flyio-token', 'Fly.io access token', 'FlyV1 fm1 fm2',
    r'(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}',
    validate=_min_entropy(3.0),
)
_rule(
    'jwt', 'JSON web token', 'eyJ',
    _START + r'eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}',
    validate=lambda v: _jwt(v) and _not_example(v),
)


_PREFIXES = tuple(prefix for rule in RULES for prefix in rule.prefixes)


def _starts(lower: str, probes: tuple[str, ...]) -> list[int]:
    """Offsets of PROBES in LOWER, in order.

    Plain substring searches, then a regex anchored at each offset, are far
    faster than a case-insensitive alternation tried at every offset.
    """
    starts = []
    for word in probes:
        i = lower.find(word)
        while i != -1:
            starts.append(i)
            i = lower.find(word, i + 1)
    starts.sort()
    return starts


def _probed(regex: re.Pattern[str], text: str, lower: str, probes: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of REGEX that start where one of PROBES does."""
    pos = 0
    for start in _starts(lower, probes):
        if start >= pos and (m := regex.match(text, start)):
            yield m
            pos = m.end()


# Private keys: a header and a key body after it (a placeholder body such as
# "xxx" is documentation, not a key).  Public keys are never findings.
_PRIVATE_KEY = re.compile(r'-----BEGIN ([A-Z0-9 ]{0,30})PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-[0-9]: ')
_KEY_BODY_NOISE = re.compile(r'\\[nrt]|[\s"\'+,]|[A-Za-z-]{1,30}: [^\r\n]{0,200}')


def _private_key_hits(text: str) -> Iterator[Hit]:
    if 'PRIVATE KEY' not in text and 'PuTTY-User-Key' not in text:
        return
    for m in _PRIVATE_KEY.finditer(text):
        if not m.group(0).startswith('PuTTY'):
            end = text.find('-----', m.end(), m.end() + 512)
            body = _KEY_BODY_NOISE.sub('', text[m.end():end if end != -1 else m.end() + 512])
            if len(body) < 64 or not _BASE64ISH.fullmatch(body[:200]) or _entropy(body[:200]) < 4.5:
                continue
        yield Hit(m.start(), m.end(), 'private-key', 'private key', m.group(0).strip('-'))


# Connection strings: URL userinfo and ADO.NET / ODBC / JDBC key-value pairs.
# Anchored at '://' (a literal the regex engine finds fast); the scheme
# before it is checked by hand.
_URL_PASSWORD = re.compile(r'://([^\s:/?#@"\'`<>]{0,100}):([^\s:/?#@"\'`<>]{1,200})@[A-Za-z0-9\[]')
# RFC 2606 documentation hosts.
_EXAMPLE_HOST = re.compile(r'(?i)(?:[\w-]+\.)*example\.(?:com|org|net)\b|[\w-]+\.(?:example|test|invalid)\b')
_SCHEME = re.compile(r'(?<![\w?$%.+-])[A-Za-z][A-Za-z0-9+.-]{1,30}\Z')
_KV_PASSWORD = re.compile(
    r'(?i)(?:password|pwd|passwd|pass)[ \t]{0,3}=[ \t]{0,3}'
    r'(?:\{([^}\r\n]{1,200})\}|"([^"\r\n]{1,200})"|([^;\s"\'`&]{1,200}))'
    r'(?=[ \t]{0,3}(?:;|&|$|["\'`\r\n]))'
)


def _connection_hits(text: str, lower: str) -> Iterator[Hit]:
    if '://' in text and '@' in text:
        for m in _URL_PASSWORD.finditer(text):
            if not _SCHEME.search(text, max(0, m.start() - 32), m.start()):
                continue
            user, password = m.group(1), m.group(2)
            if (_weak_password(password) or password.lower() == user.lower()
                    or _EXAMPLE_HOST.match(text, m.end(2) + 1)):
                continue
            yield Hit(m.start(2), m.end(2), 'url-password', 'password in a URL', password)
    if ('pwd' in lower or 'pass' in lower) and (';' in text or '&' in text):
        for m in _probed(_KV_PASSWORD, text, lower, ('pwd', 'pass')):
            if start := m.start():
                if text[start - 1].isalnum() or text[start - 1] in '_.-':
                    continue
            # A connection string has other key=value pairs around the password.
            around = text[max(0, m.start() - 200):m.end() + 200]
            if ';' not in around and '&' not in around:
                continue
            g = 1 if m.group(1) is not None else 2 if m.group(2) is not None else 3
            if _weak_password(m.group(g)) or _CODE_VALUE.search(m.group(g)):
                continue
            yield Hit(m.start(g), m.end(g), 'connection-string', 'password in a connection string', m.group(g))


# curl credentials on the command line (after gitleaks curl-auth-user and
# curl-auth-header).
_CURL_USER = re.compile(
    r'(?:-u|--user)(?:[ \t]{1,5}|=)["\']?\{?([^:\s"\'{}]{0,80})\}?["\']?:["\']?\{?([^\s"\'{}]{3,100})'
)
_CURL_HEADER = re.compile(
    r'(?i)(?:-H|--header)(?:[ \t]{1,5}|=)["\'](?:authorization|(?:x-)?(?:[a-z]+-)?(?:api-?)?(?:key|token))'
    r'[ \t]{0,5}:[ \t]{0,5}(?:(?:bearer|basic|token|api-token)[ \t]{1,3})?([A-Za-z0-9+/=_.~@-]{8,300})["\']'
)


# SQL `CREATE USER ... IDENTIFIED BY '...'` / `WITH PASSWORD '...'`, and
# PowerShell `ConvertTo-SecureString '...' -AsPlainText`.
_SQL_PASSWORD = re.compile(
    r"(?i)(?:identified[ \t]{1,5}by|with[ \t]{1,5}(?:encrypted[ \t]{1,5})?password)"
    r"[ \t]{1,5}'([^'\r\n]{4,200})'"
)
_SECURE_STRING = re.compile(
    r'(?i)convertto-securestring[ \t]{1,5}(?:-string[ \t]{1,5})?(["\'])([^"\'\r\n]{4,200})\1[ \t]{1,5}-asplaintext'
)


def _script_hits(text: str, lower: str) -> Iterator[Hit]:
    for m in _probed(_SQL_PASSWORD, text, lower, ('identified', 'with')):
        if not _weak_password(m.group(1)):
            yield Hit(m.start(1), m.end(1), 'password', 'password in a SQL statement', m.group(1))
    for m in _probed(_SECURE_STRING, text, lower, ('convertto-securestring',)):
        if not _weak_password(m.group(2)):
            yield Hit(m.start(2), m.end(2), 'password', 'plain-text password made a SecureString', m.group(2))


def _curl_hits(text: str, lower: str) -> Iterator[Hit]:
    if 'curl' not in lower:
        return
    for m in _probed(_CURL_USER, text, lower, ('-u', '--user')):
        password = m.group(2)
        if _weak_password(password) or password.lower() == m.group(1).lower():
            continue
        yield Hit(m.start(2), m.end(2), 'curl-password', 'password on a curl command line', password)
    for m in _probed(_CURL_HEADER, text, lower, ('-h', '--header')):
        value = m.group(1)
        if not _weak_password(value) and len(set(value)) >= 6:
            yield Hit(m.start(1), m.end(1), 'curl-header', 'credential in a curl header', value)


# Keyword assignments: a name that says it holds a secret, given a literal.
_KEYWORD_NAME = (
    r'(?:pass(?:word|wd|phrase)|pass(?=["\']?[ \t]{0,3}[=:])|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key'
    r'|auth[_.-]?key|credentials?|client[_.-]?secret|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key'
    r'|bearer|session[_.-]?key|key|pat(?![a-z]))'
)
# Every keyword above contains one of these.
_KEYWORD_PROBES = ('pass', 'pwd', 'secret', 'token', 'key', 'credential', 'bearer', 'pat')
# The keyword is searched for first and the name extended backwards by hand:
# a leading `[\w.-]{0,60}` would be tried at every offset of the text.
_ASSIGNMENT = re.compile(
    r'(?i)(?P<keyword>' + _KEYWORD_NAME + r')(?P<rest>[A-Za-z0-9_.-]{0,40})'
    r'(?P<close>["\'\]]{0,2})[ \t]{0,10}'
    r'(?P<op>:=|=>|==|!=|=|:|->|\|\||[ \t]-[ \t]|<-|\?=)?'
    r'[ \t]{0,10}(?P<prefix>(?:[rbuf]|@)(?=["\'])|)(?P<q>["\'`]?)'
    r'(?(q)[ \t]?)(?P<value>[^\s"\'`<>]{1,300})(?(q)[ \t]?)(?P<after>["\'`]?)'
)
_NAME_CHARS = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$@-')
_NEXT_PAIR = re.compile(r'[;&,][A-Za-z_][\w.-]{0,40}=')
_XML_SECRET = re.compile(
    r'(?i)<(?P<name>[a-z0-9_.:-]{0,40}' + _KEYWORD_NAME + r'[a-z0-9_.:-]{0,40})(?:[ \t][^>\r\n]{0,200})?>'
    r'(?P<content>[^<\r\n]{1,400})</'
)
_WORD = re.compile(r'[^\s{}()\[\]]+')
_HEADER = re.compile(
    r'(?i)(?:authorization[ \t]{0,3}[:=][ \t]{0,3}["\']?(?:bearer|basic|token|api-key|apikey)[ \t]{1,3}'
    r'|(?:bearer|basic)[ \t]{1,3}(?=[A-Za-z0-9+/_.=-]{20,}))(?P<value>[A-Za-z0-9+/_.=~-]{12,400})'
)

# Values that are code or documentation, not a secret.
_PLACEHOLDER = re.compile(
    r'(?i)^(?:<[^>]*>?|\[[^\]]*\]?|\{\{.*|\$\{.*|\$\(.*|%\(.*|%[A-Z_]+%|\$[A-Za-z_][\w.]*|@[A-Za-z_]+@'
    r'|#\{.*|\{[A-Za-z_]\w*\}|\*+|x+|\.+|-+|_+|0+|1+|none|null|nil|true|false|undefined|n/?a|tbd|todo'
    r'|(?:your|my|some|the|a|an|insert|enter|put|add|replace|example|sample|dummy|fake|test|mock|placeholder'
    r'|changeme|change[_-]?me|secret|password|passwd|pass|token|key|redacted|hidden|removed|xxx|foo|bar|baz'
    r'|abc|qwerty|default|admin|user|username|string|str|value|env|not[_-]?set|unset|empty|required'
    r'|optional|here|fixme|invalid|random|generated)'
    r'(?:[_. -]?(?:your|my|the|api|app|secret|password|passwd|pass|token|key|here|value|goes|example|sample'
    r'|dummy|fake|test|placeholder|access|client|auth|id|name|string|xxx+|\*+))*)$'
)
_INDIRECT = re.compile(
    r'(?i)(?:environ|getenv|env\[|env\.|process\.env|settings\.|config\.|secrets\.|vault|keyring|getpass'
    r'|input\(|read|load|get\(|lookup|\.format|format\(|%s|\{\}|sys\.getenv|system\.getenv)'
)
_REPEATS = re.compile(r'(.)\1{5,}|(?i:x{4,}|abcdef|abc123|123456|qwerty|0{6,})')


def _weak_password(value: str) -> bool:
    """A placeholder, a variable or too short to be anyone's real password."""
    return (len(value) < 4 or _is_placeholder(value) or bool(_REPEATS.search(value))
            or len(set(value)) < 3 or value[0] in '{($%')


def _is_placeholder(value: str) -> bool:
    v = value.strip('\'"`{}()[]<>,;')
    if not v or _PLACEHOLDER.match(v) or v.startswith(('$', '%', '@', '#', '&')):
        return True
    lower = v.lower()
    return any(word in lower for word in (
        'example', 'placeholder', 'your_', 'your-', 'yourkey', 'changeme', 'redacted', 'dummy',
        'xxxxx', '**', '.....', '<', '>', '${', '{{', 'fake', 'sample', 'lorem',
    ))


_HEXISH = re.compile(r'[0-9a-fA-F]+')
_BASE64ISH = re.compile(r'[A-Za-z0-9+/_=.~:-]+')
_IDENTIFIER = re.compile(r'[A-Za-z_][A-Za-z_.]*[0-9]{0,4}')
_WORDY = re.compile(r'(?:[A-Z][a-z]{2,}){2,}')
_SEGMENTS = re.compile(r'[_./:-]')
_UUID = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')


def _odd_one_out(v: str) -> bool:
    """One or two characters from outside an alphabet the rest keeps to.

    Generated keys draw every character from one alphabet (hex, lower-case,
    upper-case, mixed case); a lone capital in a lower-case key, or a lone
    non-hex letter in a hex key, marks an edited or made-up value.
    """
    upper = sum(map(str.isupper, v))
    lower = sum(map(str.islower, v))
    if 0 < upper <= 2 and lower >= 8 or 0 < lower <= 2 and upper >= 8:
        return True
    v = max(_SEGMENTS.split(v), key=len)
    non_hex = sum(c not in '0123456789abcdefABCDEF+=' for c in v)
    return 0 < non_hex <= 2 and len(v) >= 16


def _malformed_token(value: str) -> bool:
    """A provider's prefix on a value that does not have that provider's format.

    Such a value is truncated, padded or made up (a test fixture, a
    documentation stub); the provider's own rule already passed it over,
    and the generic checks must not report it instead.
    """
    if not value.startswith(_PREFIXES):
        return False
    for rule in RULES:
        if rule.prefixes and value.startswith(rule.prefixes) and re.search(rule.pattern, value):
            return False
    return True


def _sequential(v: str) -> bool:
    """Letters or digits that mostly count up or down (`a1b2c3d4`, `zyxw9876`).

    Hand-typed placeholders; in generated keys a neighbour follows a character
    about one time in thirteen.
    """
    for chars, mod in ([c for c in v.lower() if c.isalpha() and c.isascii()], 26), ([c for c in v if c.isdigit()], 10):
        if len(chars) >= 8:
            steps = [(ord(b) - ord(a)) % mod for a, b in zip(chars, chars[1:])]
            if sum(step in (1, mod - 1) for step in steps) >= 0.75 * len(steps):
                return True
    return False


def _odd_hex(v: str) -> bool:
    """Hex digits of odd length: hex-encoded bytes come in pairs."""
    return len(v) % 2 == 1 and _HEXISH.fullmatch(v) is not None and any(c.isalpha() for c in v)


def looks_random(value: str, *, min_length: int = 16) -> bool:
    """Whether VALUE looks like generated key material rather than a word, name or path."""
    if _encoded_text(value) or _malformed_token(value) or _odd_hex(value) or _sequential(value):
        return False
    v = value.rstrip('=')
    if len(v) < min_length or not _BASE64ISH.fullmatch(v) or v[0] == '=':
        return False
    if _REPEATS.search(v) or _is_placeholder(v):
        return False
    if _IDENTIFIER.fullmatch(v) or '://' in v or v.count('/') > 2 and not any(c.isdigit() for c in v):
        return False
    digits = sum(map(str.isdigit, v))
    letters = sum(map(str.isalpha, v))
    if _odd_one_out(v):
        return False
    if _HEXISH.fullmatch(v):
        return digits >= 2 and letters >= 2 and _entropy(v) >= 3.0
    if digits == 0 and len(v) < 40:
        return False
    if letters < min(len(v) / 3, 6):
        return False
    # Mostly words (camelCase or snake_case identifiers) are code, not keys.
    if len(''.join(_WORDY.findall(v))) > len(v) * 0.6:
        return False
    segments = _SEGMENTS.split(v)
    if len(segments) > 1 and all(p.isalpha() or p.isdigit() or not p for p in segments):
        return False
    # Mostly words between separators (`ec_paramgen_curve:secp384r1`), or a
    # file name.
    if sum(len(p) for p in segments if len(p) > 2 and p.isalpha()) * 5 > len(v) * 2 or _FILE_NAME.search(v):
        return False
    return _entropy(v) >= min(4.0, 2.5 + len(v) / 32)


_FILE_NAME = re.compile(
    r'\.(?:pem|key|crt|cer|der|p12|pfx|json|ya?ml|toml|ini|cfg|conf|txt|csv|py|js|ts|sh|html?|xml|png|jpe?g|gif|svg|zip|gz)$'
)


def _encoded_text(v: str) -> bool:
    """Base64 of printable text with no `user:password` colon: not key material."""
    if len(v) % 4 or not _B64_STRICT.fullmatch(v):
        return False
    try:
        text = base64.b64decode(v, validate=True)
    except binascii.Error:
        return False
    return all(32 <= b < 127 for b in text) and b':' not in text


_B64_STRICT = re.compile(r'[A-Za-z0-9+/]+={0,2}')


_PASSWORD_NAME = re.compile(r'(?i)pass(?:word|wd|phrase)?|pwd')
_NOT_SECRET_NAME = re.compile(
    r'(?i)(?:^|[_.-])(?:id|ids|uuid|hash|sha\d*|md5|digest|checksum|fingerprint|integrity|nonce|salt|iv'
    r'|etag|commit|revision|rev|version|format|type|name|path|file|dir|url|uri|endpoint|length|len|size'
    r'|count|field|prefix|suffix|header|regex|pattern|label|placeholder|example|policy|expir\w*|timeout'
    r'|ttl|max|min|public|pub|publishable|is|has|use|enable|enabled|required|env|var|param)(?:$|[_.-])'
    r'|(?i:keyboard|keyword|keys?_?(?:file|path|name|id|type|size|len|length|store|ring|word|s$))'
    r'|(?i:public[_.-]?key|token[_.-]?(?:type|url|uri|endpoint|file|path|expir)|tokeni[sz]|tokens$)'
)


# Connection-string settings (`AccountKey=...`) whose values a provider's
# rule above checks against the provider's format: a value it passed over
# is not that provider's key.
_PROVIDER_SETTING = re.compile(r'(?i)AccountKey|SharedAccessKey')


def _name_before(text: str, end: int) -> str:
    start = end
    while start > 0 and end - start < 60 and text[start - 1] in _NAME_CHARS:
        start -= 1
    return text[start:end]


def _literal(m: re.Match[str]) -> str | None:
    """The whole literal an assignment gives, or None if the value goes on past it."""
    value, q = m.group('value'), m.group('q')
    if q:
        return value if m.group('after') == q else None
    pair = _NEXT_PAIR.search(value)
    if pair:
        value = value[:pair.start()]
    return value.rstrip(',;)}]')


def _keyword_hit(text: str, m: re.Match[str], value: str | None) -> Hit | None:
    op = m.group('op')
    if value is None or op in ('==', '!=') and not m.group('q'):
        return None
    if op is None and not (m.start('value') > m.end('rest') and looks_random(value, min_length=20)):
        return None
    name = _name_before(text, m.start()) + m.group('keyword') + m.group('rest')
    if _NOT_SECRET_NAME.search(name) or op == '=' and _PROVIDER_SETTING.fullmatch(name):
        return None
    quoted = bool(m.group('q'))
    start = m.start('value')
    if _PASSWORD_NAME.search(name):
        if _password_value(value, quoted):
            # A dictionary word is weak evidence: test fixtures use them.
            severity = 'warning' if value.isalpha() else 'error'
            return Hit(start, start + len(value), 'password', 'password assigned a literal', value, severity)
        return None
    if not quoted and (_CODE_VALUE.search(value) or _SNAKE_IDENTIFIER.fullmatch(value)):
        return None
    if looks_random(value) or (quoted and looks_random(value, min_length=12)):
        return Hit(start, start + len(value), 'keyword', f'secret-looking value for {name.strip(".-_$@")!r}', value)
    return None


def _keyword_hits(text: str, lower: str) -> Iterator[Hit]:
    for m in _probed(_HEADER, text, lower, ('authorization', 'bearer', 'basic')):
        value = m.group('value')
        if looks_random(value, min_length=12):
            yield Hit(m.start('value'), m.end('value'), 'authorization', 'credential in an authorization header', value)
    pos = 0
    for start in _starts(lower, _KEYWORD_PROBES):
        if start < pos:
            continue
        m = _ASSIGNMENT.match(text, start)
        if m is None:
            continue
        value = _literal(m)
        hit = _keyword_hit(text, m, value)
        if hit:
            yield hit
        # Go on after the literal looked at, or just after the keyword when
        # there was none, so that it never swallows the next assignment.
        pos = m.end('rest') + 1
        if m.group('op') is not None:
            pos = max(pos, m.start('value') + len(value if value is not None else m.group('value')))
    if '<' in text:
        for m in _XML_SECRET.finditer(text):
            if _NOT_SECRET_NAME.search(m.group('name')):
                continue
            for w in _WORD.finditer(m.group('content')):
                if looks_random(w.group(), min_length=12):
                    start = m.start('content') + w.start()
                    yield Hit(start, start + len(w.group()), 'keyword',
                              'secret-looking value in a secret element', w.group())


def _password_value(value: str, quoted: bool) -> bool:
    lower = value.lower()
    if len(value) < 6 or _is_placeholder(value) or _INDIRECT.search(value) or 'pass' in lower or '*' in value:
        return False
    if not quoted:
        # Unquoted, a name or an expression in code; a literal only in
        # configuration files (key: value), and then not a bare word.
        if _CODE_VALUE.search(value) or value.isalpha() or _SNAKE_IDENTIFIER.fullmatch(value):
            return False
    return not value.isdigit() or len(value) >= 8


# An unquoted `snake_case` or `CONSTANT_NAME` is a variable in code.
_SNAKE_IDENTIFIER = re.compile(r'[A-Za-z][A-Za-z0-9]{0,11}(?:_[A-Za-z0-9]{1,12})+')
_CODE_VALUE = re.compile(r'[\[\](){}]|^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_]')


# .env and .Renviron files: every value is a literal, whatever its characters.
_ENV_LINE = re.compile(
    r'(?m)^[ \t]{0,20}(?:export[ \t]{1,5})?(?P<name>[A-Za-z_][A-Za-z0-9_.]{0,100})[ \t]{0,5}=[ \t]{0,5}'
    r'(?P<q>["\']?)(?P<value>[^\r\n]{1,1000}?)(?P=q)[ \t]{0,20}(?:[ \t]#[^\r\n]{0,1000})?\r?$'
)
_ENV_SECRET_NAME = re.compile(r'(?i)pass|pwd|secret|token|key|credential|auth|private|signature|cookie|session')


def _env_hits(text: str) -> Iterator[Hit]:
    for m in _ENV_LINE.finditer(text):
        name, value = m.group('name'), m.group('value')
        if not _ENV_SECRET_NAME.search(name) or _NOT_SECRET_NAME.search(name) or _weak_password(value):
            continue
        if len(value) < 8 or _INDIRECT.search(value) or ' ' in value.strip():
            continue
        check = 'password' if _PASSWORD_NAME.search(name) else 'keyword'
        yield Hit(m.start('value'), m.end('value'), check, f'secret value for {name!r} in an environment file', value)


# High-entropy literals with no telling name: reported only as warnings.
_QUOTED_TOKEN = re.compile(r'(["\'`])([A-Za-z0-9+/_=.~-]{32,400})\1')


def _high_entropy_hits(text: str) -> Iterator[Hit]:
    for m in _QUOTED_TOKEN.finditer(text):
        value = m.group(2)
        if value[0] in '/-' or '=/' in value or _HEXISH.fullmatch(value) or _UUID.fullmatch(value):
            continue  # a path, an option, a hash or an identifier
        if value.startswith(('sha256-', 'sha384-', 'sha512-')) or not _not_example(value):
            continue  # subresource integrity, documented examples
        if not looks_random(value, min_length=32):
            continue
        if _entropy(value) < 4.5:
            continue
        yield Hit(m.start(2), m.end(2), 'high-entropy', 'high-entropy literal', value, 'warning')


# Every token a rule looks for is a run of at least 20 of these characters:
# the prefilter looks for triggers in those runs only, a fraction of the text.
_LONG_RUN = re.compile(r'[A-Za-z0-9_.~+/=:%&?-]{20,}')


def scan(text: str, *, generic: bool = True, env_file: bool = False) -> list[Hit]:
    """Credentials in TEXT, most specific first, at most one per value.

    GENERIC=False leaves out the keyword and entropy checks (lock files);
    ENV_FILE=True reads TEXT as NAME=value lines (.env, .Renviron), where
    every value is a literal.
    """
    lower = text.lower()
    runs = '\n'.join(_LONG_RUN.findall(lower))
    hits: list[Hit] = []
    for rule in RULES:
        where = lower if rule.context else runs
        if not any(t in where for t in rule.triggers):
            continue
        for m in re.finditer(rule.pattern, text):
            g = rule.group if m.group(rule.group) is not None else 0
            value = m.group(g)
            if rule.validate is None or rule.validate(value):
                hits.append(Hit(m.start(g), m.end(g), rule.check, rule.kind, value, rule.severity))
    hits.extend(_private_key_hits(text))
    hits.extend(_connection_hits(text, lower))
    hits.extend(_curl_hits(text, lower))
    hits.extend(_script_hits(text, lower))
    if env_file:
        hits.extend(_env_hits(text))
    if generic:
        hits.extend(_keyword_hits(text, lower))
        hits.extend(_high_entropy_hits(text))
    return _dedupe(hits)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Of overlapping hits keep the first found (rules run most specific first)."""
    kept: list[tuple[int, Hit]] = []
    for rank, hit in sorted(enumerate(hits), key=lambda pair: pair[1].start):
        if kept and hit.start < kept[-1][1].end:
            if rank < kept[-1][0]:
                kept[-1] = (rank, hit)
            continue
        kept.append((rank, hit))
    return [hit for _, hit in kept]
