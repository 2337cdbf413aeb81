#!/usr/bin/env python3
"""Regenerate src/PySocket/socket/Socket.Constants.g.cs (and the per-OS tables beside it).

The values now come from the CPython 3.13 reference tables for glibc, musl, Windows and macOS
(../shared/reference/platform-*.tsv), not from the running interpreter: see tools/gen_platform_tables.py.
    python3 tools/gen_constants.py [REFERENCE_DIR]
"""
import os
import runpy
import sys

if __name__ == '__main__':
    runpy.run_path(os.path.join(os.path.dirname(__file__), 'gen_platform_tables.py'), run_name='__main__')
    sys.exit(0)
