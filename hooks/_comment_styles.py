# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""Comment syntax for each file type, keyed by the tags `identify` gives.

A file's style is that of its first tag in TAG_STYLES (so a C header, tagged
both `c` and `c++`, gets C's block comments).  A file whose tags are not here
has no comment syntax we trust, and is skipped.
"""
from __future__ import annotations

from typing import NamedTuple


class Style(NamedTuple):
    start: str  # before each header line
    end: str = ''  # after it, for block comments
    # What may have to stay in front of the header; see licence_header.py.
    prologue: str = 'code'
    # Lines around the header, which then needs no blank line after it.
    opening: str = ''
    closing: str = ''


HASH = Style('# ')
SLASH = Style('// ')
BLOCK = Style('/* ', ' */')
DASH = Style('-- ')
MARKUP = Style('<!-- ', ' -->', 'markup')
# A PHP file that opens with `<?=` gets a PHP section of its own:
# PHP drops the newline right after `?>`, so the page's output is unchanged.
PHP_SECTION = Style('// ', '', '', '<?php', '?>')

TAG_STYLES: dict[str, Style] = {
    # '#'
    'python': HASH, 'pyi': HASH, 'cython': HASH, 'shell': HASH, 'bash': HASH,
    'zsh': HASH, 'ksh': HASH, 'fish': HASH, 'r': HASH, 'yaml': HASH,
    'toml': HASH, 'makefile': HASH, 'terraform': HASH, 'hcl': HASH,
    'powershell': HASH, 'ruby': HASH, 'perl': HASH, 'cmake': HASH,
    'julia': HASH, 'nix': HASH, 'elixir': HASH, 'graphql': HASH,
    'bazel': HASH, 'gitignore': HASH, 'dockerignore': HASH,
    'gitattributes': HASH, 'editorconfig': HASH, 'java-properties': HASH,
    'dockerfile': Style('# ', '', 'dockerfile'),
    # '//'
    'javascript': SLASH, 'jsx': SLASH, 'ts': SLASH, 'tsx': SLASH,
    'java': SLASH, 'kotlin': SLASH, 'scala': SLASH, 'groovy': SLASH,
    'go': SLASH, 'go-mod': SLASH, 'rust': SLASH, 'c#': SLASH, 'swift': SLASH,
    'dart': SLASH, 'proto': SLASH, 'zig': SLASH, 'solidity': SLASH,
    'objective-c': SLASH, 'cuda': SLASH, 'sass': SLASH, 'stylus': SLASH,
    'asciidoc': Style('// ', '', ''),
    # '/* */': C89 has no line comments, CSS never had them
    'c': BLOCK, 'c++': SLASH, 'sas': BLOCK,
    'css': Style('/* ', ' */', 'css'), 'scss': Style('/* ', ' */', 'css'),
    'less': Style('/* ', ' */', 'css'),
    'php': Style('// ', '', 'php'),
    # '--'
    'sql': DASH, 'lua': DASH, 'haskell': DASH, 'elm': DASH,
    # markup
    'html': MARKUP, 'xml': MARKUP, 'svg': MARKUP, 'markdown': MARKUP,
    'vue': MARKUP, 'svelte': MARKUP, 'quarto': MARKUP,
    'rst': Style('.. ', '', ''),
    'jinja': Style('{# ', ' #}', ''), 'twig': Style('{# ', ' #}', ''),
    'handlebars': Style('{{!-- ', ' --}}', ''),
    'mustache': Style('{{! ', ' }}', ''),
    # others
    'ini': Style('; ', ''), 'tex': Style('% ', '', ''),
    'erlang': Style('% ', ''), 'clojure': Style(';; ', ''),
    'scheme': Style(';; ', ''), 'vim': Style('" ', ''),
    'fortran': Style('! ', ''), 'vb': Style("' ", ''),
    'batch': Style('REM ', '', 'batch'),
}

# Generated files: a header there is lost at the next generation.
SKIP_TAGS = frozenset({
    'cargo-lock', 'gemfile-lock', 'go-sum', 'pipfile-lock', 'poetry-lock',
    'uv-lock',
})

PRIORITY = {tag: i for i, tag in enumerate(TAG_STYLES)}


def style_for_tags(tags: set[str] | frozenset[str]) -> Style | None:
    if tags & SKIP_TAGS:
        return None
    known = [tag for tag in tags if tag in PRIORITY]
    if not known:
        return None
    return TAG_STYLES[min(known, key=PRIORITY.__getitem__)]
