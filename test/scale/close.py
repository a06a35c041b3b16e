#!/usr/bin/env python3
"""Exit 0 when two query outputs are equal up to float rounding: the same lines and tokens
(blanks and psql's alignment padding aside),
numbers equal within 1e-9 relative (or 1e-9 absolute near zero, where a sum of floats in
another order leaves a different residue).  Used by compare.sh for engines that add partial
float sums in their own order (Citus)."""
import re
import sys

TOKEN = re.compile(r'[^|,(){}"\s]+|[|,(){}"\s]')


def number(t):
    try:
        return float(t)
    except ValueError:
        return None


def close(a, b):
    la, lb = a.splitlines(), b.splitlines()
    if len(la) != len(lb):
        return False
    for x, y in zip(la, lb):
        # psql's aligned format pads to the widest value: a float of another length (a
        # residue printed with fewer digits) moves the header and the rule line
        if re.fullmatch(r'[-+\s]*', x) and re.fullmatch(r'[-+\s]*', y):
            continue
        tx = [t for t in TOKEN.findall(x) if not t.isspace()]
        ty = [t for t in TOKEN.findall(y) if not t.isspace()]
        if len(tx) != len(ty):
            return False
        for p, q in zip(tx, ty):
            if p == q:
                continue
            u, v = number(p), number(q)
            if u is None or v is None or abs(u - v) > 1e-9 * max(1.0, abs(u), abs(v)):
                return False
    return True


with open(sys.argv[1]) as f1, open(sys.argv[2]) as f2:
    sys.exit(0 if close(f1.read(), f2.read()) else 1)
