#!/usr/bin/env python3
"""Declares the public constants of src/PySocket in PublicAPI.Unshipped.txt (dotnet format's RS0016 fix skips consts)."""
import glob
import os
import re

root = os.path.join(os.path.dirname(__file__), '..', 'src', 'PySocket')
lines = []
for path in glob.glob(os.path.join(root, 'socket', '**', '*.cs'), recursive=True):
    src = open(path).read()
    for cls in re.findall(r'public (?:static )?(?:partial )?(?:sealed )?class (\w+)', src)[:1]:
        for typ, name, val in re.findall(r'public const (\w+) (\w+) = (-?\d+);', src):
            lines.append(f'const PySocket.{cls}.{name} = {val} -> {typ}')
f = os.path.join(root, 'PublicAPI.Unshipped.txt')
cur = open(f).read().splitlines()
open(f, 'w').write('\n'.join([cur[0]] + sorted(set(cur[1:] + lines))) + '\n')
