#!/usr/bin/env python3
"""Declares the generated socket constants and enum members in PublicAPI.Unshipped.txt.

dotnet format's RS0016 fix skips consts, and the generated members change shape when the per-OS tables change
(const / static readonly / property), so every line for them is rebuilt from the generated sources:
socket/Socket.Constants.g.cs, socket/AddressFamily.g.cs, socket/SocketKind.g.cs.
"""
import glob
import os
import re

root = os.path.join(os.path.dirname(__file__), '..', 'src', 'PySocket')
generated = {'Socket.Constants.g.cs': 'Socket', 'AddressFamily.g.cs': 'AddressFamily', 'SocketKind.g.cs': 'SocketKind'}
lines = []
owned = set()
for fname, cls in generated.items():
    src = open(os.path.join(root, 'socket', fname)).read()
    for typ, name, val in re.findall(r'public const (\w+) (\w+) = (-?\d+)L?;', src):
        lines.append(f'const PySocket.{cls}.{name} = {val} -> {typ}')
        owned.add((cls, name))
    for typ, name in re.findall(r'public static readonly (\w+) (\w+) =', src):
        t = f'PySocket.{typ}' if typ in ('AddressFamily', 'SocketKind') else typ
        lines.append(f'static readonly PySocket.{cls}.{name} -> {t}')
        owned.add((cls, name))
    for typ, name in re.findall(r'public static (\w+) (\w+) =>', src):
        t = f'PySocket.{typ}' if typ in ('AddressFamily', 'SocketKind') else typ
        lines.append(f'static PySocket.{cls}.{name}.get -> {t}')
        owned.add((cls, name))

# Other hand-written consts in socket/ (none today, kept for completeness).
for path in glob.glob(os.path.join(root, 'socket', '**', '*.cs'), recursive=True):
    if os.path.basename(path) in generated:
        continue
    src = open(path).read()
    for cls in re.findall(r'public (?:static )?(?:partial )?(?:sealed )?(?:readonly )?(?:class|struct) (\w+)', src)[:1]:
        for typ, name, val in re.findall(r'public const (\w+) (\w+) = (-?\d+);', src):
            lines.append(f'const PySocket.{cls}.{name} = {val} -> {typ}')


def is_owned(line):
    m = re.match(r'(?:const |static readonly |static )PySocket\.(\w+)\.(\w+)(?:\.get)? ', line)
    return bool(m) and (m.group(1), m.group(2)) in owned


f = os.path.join(root, 'PublicAPI.Unshipped.txt')
cur = open(f).read().splitlines()
keep = [line for line in cur[1:] if not is_owned(line)]
open(f, 'w').write('\n'.join([cur[0]] + sorted(set(keep + lines))) + '\n')
