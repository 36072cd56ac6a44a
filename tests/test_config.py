# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from __future__ import annotations

import argparse

import pytest

from nhs_open_source_hooks import config


def parser():
    p = argparse.ArgumentParser()
    p.add_argument('--licence')
    p.add_argument('--update-year', action='store_true')
    p.add_argument('--max-size', type=int, default=5)
    p.add_argument('--extra-keys', nargs='+', default=[])
    return p


def parse(tmp_path, toml, argv=()):
    (tmp_path / 'pyproject.toml').write_text(toml)
    return config.parse_args(parser(), list(argv), 'licence-header', str(tmp_path))


def test_no_pyproject_gives_defaults(tmp_path):
    args = config.parse_args(parser(), [], 'licence-header', str(tmp_path))
    assert (args.licence, args.update_year, args.max_size) == ('MIT', False, 5)
    assert args.project == config.PROJECT_DEFAULTS
    assert args.config == {}


def test_project_key_is_the_default_of_the_same_option(tmp_path):
    args = parse(tmp_path, '[tool.nhs-open-source]\nlicence = "Apache-2.0"\n')
    assert args.licence == 'Apache-2.0'
    assert args.project['licence'] == 'Apache-2.0'
    assert args.project['copyright-holder'] == 'Crown Copyright'


def test_hook_table_overrides_project_and_argv_overrides_both(tmp_path):
    toml = (
        '[tool.nhs-open-source]\nlicence = "Apache-2.0"\n'
        '[tool.nhs-open-source.licence-header]\nlicence = "GPL-3.0"\n'
        'update-year = true\nmax-size = 9\nextra-keys = ["a", "b"]\n'
    )
    args = parse(tmp_path, toml)
    assert (args.licence, args.update_year, args.max_size, args.extra_keys) == (
        'GPL-3.0', True, 9, ['a', 'b'],
    )
    args = parse(tmp_path, toml, ['--licence', 'MIT', '--max-size', '1'])
    assert (args.licence, args.max_size) == ('MIT', 1)


def test_other_tools_tables_are_ignored(tmp_path):
    args = parse(tmp_path, '[tool.black]\nline-length = 1\n[project]\nname = "x"\n')
    assert args.config == {}


@pytest.mark.parametrize(('toml', 'message'), (
    ('[tool.nhs-open-source]\nlicense = "MIT"\n', "[tool.nhs-open-source] has unknown key 'license'"),
    ('[tool.nhs-open-source]\nclinical = "yes"\n', 'clinical must be true or false'),
    ('[tool.nhs-open-source]\nclassification = "public"\n', "classification must be one of 'coded-in-the-open'"),
    ('[tool.nhs-open-source]\nmedical-device = "class-IV"\n', "medical-device must be one of 'class-I'"),
    ('[tool.nhs-open-source]\nreadme = 1\n', 'readme must be a table'),
    ('[tool.nhs-open-source.licence-header]\nupdate-year = 1\n', 'licence-header update-year must be true or false'),
    ('[tool.nhs-open-source.licence-header]\nmax-size = "big"\n', 'max-size must be an integer'),
    ('[tool.nhs-open-source.licence-header]\nextra-keys = "a"\n', 'extra-keys must be a list of strings'),
    ('[tool.nhs-open-source.licence-header]\nhelp = true\n', "unknown key 'help'"),
    ('[tool.nhs-open-source\n', 'not valid TOML'),
    ('tool = 1\n', ''),
))
def test_bad_configuration_exits_2_with_one_line(tmp_path, capsys, toml, message):
    if toml == 'tool = 1\n':  # not a table where ours would be: no configuration
        assert parse(tmp_path, toml).config == {}
        return
    with pytest.raises(SystemExit) as exc:
        parse(tmp_path, toml)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith('nhs-open-source licence-header: ')
    assert message in err
    assert err.count('\n') == 1


def test_undecodable_pyproject(tmp_path, capsys):
    (tmp_path / 'pyproject.toml').write_bytes(b'name = "\xff"\n')
    with pytest.raises(SystemExit):
        config.parse_args(parser(), [], 'licence-header', str(tmp_path))
    assert 'not valid UTF-8' in capsys.readouterr().err
