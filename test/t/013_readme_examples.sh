#!/usr/bin/env bash
# README examples stay true: every ```sql block that is directly followed by an output block
# (a fence without a language, only blank lines between) is run with `psql -X -q` (aligned
# format, as a reader runs it) and its output compared with the README's, ignoring trailing
# spaces, blank-line runs and the "(N rows)" footer. An output line "..." stands for any
# number of lines (an excerpt).
#
# The HTML comment before such a block says where it runs (every pair must have one):
#   <!-- example: db=plain -->   a fresh database with both extensions (CREATE EXTENSION
#                                pg_empathy_workflow CASCADE)
#   <!-- example: db=sample -->  the same plus data/sample/feedback.sql and retention.sql
#   <!-- example: db=empty -->   a fresh database without the extensions
#   <!-- example: skip (why) --> not run (illustrative output); the reason is printed
# A marked sql block without an output block runs too (set-up the reader also runs).
# Blocks of one database run in README order in one session, from the repository root (for
# \i data/...), with TimeZone UTC (the README says its outputs assume it).
#
# PGE_README_UPDATE=1 rewrites the README's output blocks with what psql printed (not the
# excerpts): for a maintainer after a change of scores; review the diff before committing.
set -uo pipefail
root=${PGE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 1
export PGTZ=UTC
exec python3 - "$root/README.md" <<'PY'
import os, re, subprocess, sys, difflib

readme_path = sys.argv[1]
lines = open(readme_path, encoding='utf-8').read().split('\n')

# fenced blocks: (lang, first line index of the fence, closing fence index, body lines)
blocks, i = [], 0
fence = re.compile(r'^\s*```(\w*)\s*$')
while i < len(lines):
    m = fence.match(lines[i])
    if not m:
        i += 1
        continue
    j = i + 1
    while j < len(lines) and not re.match(r'^\s*```\s*$', lines[j]):
        j += 1
    blocks.append((m.group(1), i, j, lines[i + 1:j]))
    i = j + 1

marker = re.compile(r'<!--\s*example:\s*(.*?)\s*-->')
examples = []        # dicts: name, db / skip, sql, expected (or None), out block index
unmarked = []
for k, (lang, start, end, body) in enumerate(blocks):
    if lang != 'sql':
        continue
    gap_before = '\n'.join(lines[(blocks[k - 1][2] + 1 if k else 0):start])
    marks = marker.findall(gap_before)
    paired = (k + 1 < len(blocks) and blocks[k + 1][0] == ''
              and '\n'.join(lines[end + 1:blocks[k + 1][1]]).strip() == '')
    first = next((l.strip() for l in body if l.strip() and not l.strip().startswith('--')), '')
    name = 'line %d: %s' % (start + 1, first[:60])
    if not marks:
        if paired:
            unmarked.append(name)
        continue
    spec = marks[-1]
    ex = {'name': name, 'sql': body, 'expected': blocks[k + 1][3] if paired else None,
          'out': k + 1 if paired else None}
    if spec.startswith('skip'):
        ex['skip'] = spec[4:].strip(' :()') or 'no reason given'
    else:
        m = re.fullmatch(r'db=(plain|sample|empty)', spec)
        if not m:
            unmarked.append(name + ' (bad marker: %s)' % spec)
            continue
        ex['db'] = m.group(1)
    examples.append(ex)

def norm(text_lines):
    out = []
    for l in text_lines:
        l = l.rstrip()
        if re.fullmatch(r'\(\d+ rows?\)', l.strip()):
            continue
        if l == '' and (not out or out[-1] == ''):
            continue
        out.append(l)
    while out and out[-1] == '':
        out.pop()
    return out

def matches(exp, act):
    """exp may hold '...' lines, each standing for any number of lines."""
    memo = {}
    def go(a, b):
        if (a, b) in memo:
            return memo[(a, b)]
        if a == len(exp):
            r = b == len(act)
        elif exp[a].strip() == '...':
            r = any(go(a + 1, c) for c in range(b, len(act) + 1))
        else:
            r = b < len(act) and exp[a] == act[b] and go(a + 1, b + 1)
        memo[(a, b)] = r
        return r
    return go(0, 0)

def psql(db, *args, **kw):
    return subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db] + list(args),
                          capture_output=True, text=True, **kw)

setup = {
    'empty': [],
    'plain': ['CREATE EXTENSION pg_empathy_workflow CASCADE;'],
    'sample': ['CREATE EXTENSION pg_empathy_workflow CASCADE;',
               '\\i data/sample/feedback.sql', '\\i data/sample/retention.sql'],
}
actual, failed_ctx = {}, {}
dbs = []
for ex in examples:
    if 'db' in ex and ex['db'] not in dbs:
        dbs.append(ex['db'])
for db in dbs:
    name = 'pge_readme_' + db
    r = psql('postgres', '-c', 'DROP DATABASE IF EXISTS %s' % name, '-c', 'CREATE DATABASE %s' % name)
    if r.returncode:
        print(r.stderr)
        sys.exit(1)
    if setup[db]:
        r = psql(name, input='\n'.join(setup[db]) + '\n')
        if r.returncode:
            print('set-up of db=%s failed:\n%s' % (db, r.stderr))
            sys.exit(1)
    script = []
    mine = [n for n, ex in enumerate(examples) if ex.get('db') == db]
    for n in mine:
        script.append("\\echo '@@@example %d'" % n)
        script.extend(examples[n]['sql'])
    script.append("\\echo '@@@end'")
    r = psql(name, input='\n'.join(script) + '\n')
    cur = None
    for l in r.stdout.split('\n'):
        m = re.fullmatch(r'@@@example (\d+)', l)
        if m:
            cur = int(m.group(1))
            actual[cur] = []
        elif l == '@@@end':
            cur = None
        elif cur is not None:
            actual[cur].append(l)
    if r.returncode:
        # the last example that started is the one that failed; the later ones did not run
        failed_ctx[db] = r.stderr.strip()
        if cur is not None:
            actual[cur].append('psql failed: ' + r.stderr.strip())
    psql('postgres', '-c', 'DROP DATABASE IF EXISTS %s' % name)

checked, cmp_diff, skipped, differing = 0, 0, [], []
updates = {}
for n, ex in enumerate(examples):
    if 'skip' in ex:
        skipped.append('%s (%s)' % (ex['name'], ex['skip']))
        continue
    got = norm(actual.get(n, ['(not run: an earlier block of db=%s failed)' % ex['db']]))
    if ex['expected'] is None:
        if any(l.startswith('psql failed') or l.startswith('(not run') for l in got):
            differing.append((ex['name'], got))
        continue                      # a set-up block: it must run, its output is not shown
    checked += 1
    exp = norm(ex['expected'])
    if matches(exp, got):
        continue
    diff = list(difflib.unified_diff(exp, got, 'README', 'psql', n=0, lineterm=''))[2:]
    differing.append((ex['name'], diff))
    cmp_diff += 1
    if not any(l.strip() == '...' for l in exp):
        updates[ex['out']] = got

for name in unmarked:
    differing.append((name, ['an sql block with an output block but no <!-- example: ... --> marker']))

for name, diff in differing:
    print('DIFFERS %s' % name)
    for l in diff[:12]:
        print('    ' + l)
    if len(diff) > 12:
        print('    ... %d more diff lines' % (len(diff) - 12))
for s in skipped:
    print('skipped %s' % s)

if os.environ.get('PGE_README_UPDATE') == '1' and updates:
    for k in sorted(updates, reverse=True):
        lang, start, end, body = blocks[k]
        indent = re.match(r'^(\s*)', lines[start]).group(1)
        lines[start + 1:end] = [indent + l if l else l for l in updates[k]]
    open(readme_path, 'w', encoding='utf-8').write('\n'.join(lines))
    print('rewrote %d output blocks of README.md' % len(updates))

print('%d README examples checked: %d matching, %d differing; %d unmarked, %d set-up blocks failing; '
      '%d skipped (%s)' % (checked, checked - cmp_diff, cmp_diff, len(unmarked),
                          len(differing) - cmp_diff - len(unmarked), len(skipped),
                          '; '.join(s.split(':')[0] for s in skipped) or 'none'))
sys.exit(1 if differing else 0)
PY
