# Copyright (c) 2026 Crown Copyright
# SPDX-License-Identifier: MIT

from nhs_open_source_hooks._main import main

if __name__ == '__main__':
    raise SystemExit(main())
