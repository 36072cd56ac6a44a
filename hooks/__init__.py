# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

"""pre-commit hooks and a repository audit for the NHS Open Source Policy."""
__version__ = '0.1.0'
