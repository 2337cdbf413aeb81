#!/usr/bin/env python3
"""Marks shipped symbols that are gone from the code as *REMOVED* in PublicAPI.Unshipped.txt.

The RS0017 code fix only edits Unshipped, so a symbol of a released version (PublicAPI.Shipped.txt)
that was removed or changed stays an RS0017 error. This reads the Release build's RS0017 errors
that point into Shipped and declares each of those lines as '*REMOVED*<line>' in Unshipped.
Shipped itself changes only at a release (its lines become what the release has).
"""
import os
import re
import subprocess

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
src = os.path.join(root, 'src', 'PySocket')
shipped_path = os.path.join(src, 'PublicAPI.Shipped.txt')
unshipped_path = os.path.join(src, 'PublicAPI.Unshipped.txt')

out = subprocess.run(['dotnet', 'build', src, '-c', 'Release', '-f', 'net10.0', '--no-incremental', '-v', 'q'],
                     cwd=root, capture_output=True, text=True).stdout
shipped = open(shipped_path).read().splitlines()
numbers = {int(n) for n in re.findall(r'PublicAPI\.Shipped\.txt\((\d+),\d+\): error RS0017', out)}
removed = ['*REMOVED*' + shipped[n - 1] for n in sorted(numbers)]
cur = open(unshipped_path).read().splitlines()
open(unshipped_path, 'w').write('\n'.join([cur[0]] + sorted(set(cur[1:] + removed))) + '\n')
for line in removed:
    print('declared', line)
