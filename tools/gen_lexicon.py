#!/usr/bin/env python3
"""Generate src/lexicon/lexicon_data.c and src/lexicon/lexicon_words.h from the data files in data/.

    python3 tools/gen_lexicon.py data src/lexicon  (what `make update-lexicon` runs)

Inputs (each with its licence beside it):
  data/vader/vader_lexicon.txt       VADER 3.3.2 lexicon (MIT)
  data/vader/emoji_utf8_lexicon.txt  VADER 3.3.2 emoji descriptions (MIT)
  data/vader/vader_rules_en.tsv      VADER 3.3.2 negations, boosters, special cases, idioms
  data/en/lexicon_overrides.tsv      'en': deliberate values for duplicate and misread keys
  data/en/phrases.tsv                'en': phrases applied wherever they occur
  data/en/negations.tsv              'en': negations VADER lacks ("hardly", "barely", ...)

Output: static open-addressing hash tables (FNV-1a, linear probing) that the C code
probes directly, so a backend loads nothing at run time and the tables live in the
shared library's read-only pages.  The C side must use the same hash (lexicon.c).
"""
import hashlib
import os
import sys

# Words the rules name, in the order of their WID_ constants (1-based).
RULE_WORDS = ["no", "but", "kind", "of", "least", "at", "very", "never", "so", "this",
              "without", "doubt", "or", "nor"]

LEX_VALENCE = 1
LEX_NEGATE = 2
LEX_BOOSTER = 4


def fnv1a(data: bytes) -> int:
    h = 2166136261
    for b in data:
        h ^= b
        h = (h * 16777619) & 0xFFFFFFFF
    return h


def read_lexicon(path):
    """VADER's loader: strip the final newline, split on LF, skip blank lines, later wins."""
    text = open(path, encoding="utf-8", newline="").read()
    lex = {}
    order = []
    for line in text.rstrip("\n").split("\n"):
        if not line:
            continue
        fields = line.strip().split("\t")
        word, value = fields[0], float(fields[1])
        if word not in lex:
            order.append(word)
        lex[word] = value
    return lex, order


def read_emoji(path):
    text = open(path, encoding="utf-8", newline="").read()
    out = []
    for line in text.rstrip("\n").split("\n"):
        key, desc = line.strip().split("\t")[:2]
        out.append((key, desc))
    return out


def read_rules(path):
    negate, booster, special, idioms = [], {}, {}, {}
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        kind, term, value = line.split("\t")
        if kind == "negate":
            negate.append(term)
        elif kind == "booster":
            booster[term] = float(value)
        elif kind == "special_case":
            special[term] = float(value)
        elif kind == "idiom_unused":
            idioms[term] = float(value)
    return negate, booster, special, idioms


def read_tsv(path):
    rows = []
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        if line.strip():
            rows.append(line.split("\t"))
    return rows


def c_string(b: bytes) -> str:
    out = []
    for ch in b:
        c = chr(ch)
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif 32 <= ch < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


def c_double(v: float) -> str:
    return repr(float(v))


class Words:
    """Global word ids for rule words and every word of a phrase or multi-word booster."""

    def __init__(self):
        self.ids = {}
        for w in RULE_WORDS:
            self.get(w)

    def get(self, w):
        if w not in self.ids:
            self.ids[w] = len(self.ids) + 1
            if len(self.ids) > 65535:
                raise SystemExit("too many word ids")
        return self.ids[w]


def hash_slots(keys):
    size = 1
    while size < 2 * max(1, len(keys)):
        size *= 2
    slots = [0] * size
    # a slot holds the entry index + 1 in its low 16 bits and the top 16 bits of the key's
    # hash in its high 16 bits (see SLOT_* in lexicon.h)
    assert len(keys) < 0xFFFF
    for idx, k in enumerate(keys):
        full = fnv1a(k)
        h = full & (size - 1)
        while slots[h]:
            h = (h + 1) & (size - 1)
        slots[h] = (full >> 16) << 16 | (idx + 1)
    return slots


def comment_safe(text: str) -> str:
    return text.replace("*/", "*\\/").replace("/*", "/\\*")


class StringPool:
    """The strings of one table as one char array; entries hold offsets into it.

    Offsets instead of pointers keep the tables free of relocations, so they stay in the
    library's read-only pages, shared by all backends (pointers would put them in
    .data.rel.ro, which the dynamic loader writes: a private copy in every backend)."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def add(self, b: bytes) -> int:
        off = self.size
        self.parts.append(b + b"\0")
        self.size += len(b) + 1
        return off

    def emit(self, out, name):
        out.append("static const char %s_strings[%d] =" % (name, max(1, self.size)))
        for p in self.parts:
            out.append("\t" + c_string(p[:-1]) + " \"\\0\"")
        if not self.parts:
            out.append('\t""')
        out.append(";")


def emit_words_table(out, name, entries):
    """entries: list of (key bytes, flags, word_id, valence, booster)."""
    keys = [e[0] for e in entries]
    assert len(set(keys)) == len(keys), name
    slots = hash_slots(keys)
    pool = StringPool()
    rows = []
    for key, flags, wid, val, boost in entries:
        rows.append("\t{%d, %d, %d, %d, %s, %s}, /* %s */" % (
            pool.add(key), len(key), flags, wid, c_double(val), c_double(boost),
            comment_safe(c_string(key)[1:-1])))
    emit_hashed_table(out, name, "LexEntry", "LexTable", pool, rows, slots)


def emit_hashed_table(out, name, entry_type, table_type, pool, rows, slots):
    """The string pool, the entry rows, the slots and the table struct that ties them."""
    pool.emit(out, name)
    out.append("static const %s %s_entries[%d] = {" % (entry_type, name, len(rows)))
    out.extend(rows)
    out.append("};")
    emit_slots(out, name, slots)
    out.append("static const %s %s = {%s_entries, %d, %s_slots, %d, %s_strings};" %
               (table_type, name, name, len(rows), name, len(slots) - 1, name))
    out.append("")


def emit_slots(out, name, slots):
    out.append("static const uint32_t %s_slots[%d] = {" % (name, len(slots)))
    for i in range(0, len(slots), 16):
        out.append("\t" + ", ".join(str(s) for s in slots[i:i + 16]) + ",")
    out.append("};")


def emit_emoji_table(out, name, pairs):
    keys = [k for k, _ in pairs]
    assert len(set(keys)) == len(keys), name
    slots = hash_slots(keys)
    pool = StringPool()
    rows = []
    for key, desc in pairs:
        rows.append("\t{%d, %d, %d, %d}, /* %s */" % (pool.add(key), len(key), pool.add(desc),
                                                     len(desc), comment_safe(desc.decode())))
    emit_hashed_table(out, name, "EmojiEntry", "EmojiTable", pool, rows, slots)


def emit_phrases(out, name, phrases, words):
    """phrases: list of (text, value)."""
    out.append("static const Phrase %s[%d] = {" % (name, max(1, len(phrases))))
    for text, value in phrases:
        ws = text.split(" ")
        assert 1 <= len(ws) <= PHRASE_MAX, text
        ids = [words.get(w) for w in ws] + [0] * (PHRASE_MAX - len(ws))
        out.append("\t{%d, {%s}, %s}, /* %s */" % (len(ws), ", ".join(map(str, ids)),
                                                   c_double(value), text))
    if not phrases:
        out.append("\t{0, {0}, 0.0}")
    out.append("};")
    out.append("")


PHRASE_MAX = 4


def build_word_entries(lex, negate, booster, words, extra_words):
    """All lowered single-token keys the rules can ask about."""
    keys = {}

    def entry(w):
        if w not in keys:
            keys[w] = [0, 0, 0.0, 0.0]
        return keys[w]

    for w, v in lex.items():
        e = entry(w)
        e[0] |= LEX_VALENCE
        e[2] = v
    for w in negate:
        entry(w)[0] |= LEX_NEGATE
    for w, v in booster.items():
        if " " in w:
            continue
        e = entry(w)
        e[0] |= LEX_BOOSTER
        e[3] = v
    for w in list(words.ids) + list(extra_words):
        entry(w)
    result = []
    for w in sorted(keys):
        flags, _, val, boost = keys[w]
        wid = words.ids.get(w, 0)
        result.append((w.encode("utf-8"), flags, wid, val, boost))
    return result


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: gen_lexicon.py DATA_DIR SRC_DIR")
    data, src = sys.argv[1], sys.argv[2]
    vader_lex_path = os.path.join(data, "vader", "vader_lexicon.txt")
    emoji_path = os.path.join(data, "vader", "emoji_utf8_lexicon.txt")
    rules_path = os.path.join(data, "vader", "vader_rules_en.tsv")
    over_path = os.path.join(data, "en", "lexicon_overrides.tsv")
    phrases_path = os.path.join(data, "en", "phrases.tsv")
    en_negate_path = os.path.join(data, "en", "negations.tsv")

    lex, _ = read_lexicon(vader_lex_path)
    emoji = read_emoji(emoji_path)
    negate, booster, special, idioms = read_rules(rules_path)
    overrides = read_tsv(over_path)
    en_phrases = [(r[0], float(r[1])) for r in read_tsv(phrases_path)]

    words = Words()
    # phrase words first so that both configs share the ids
    for text in list(special) + [p for p, _ in en_phrases] + [b for b in booster if " " in b]:
        for w in text.split(" "):
            words.get(w)

    # --- 'vader': keys as VADER 3.3.2 reaches them (lookups use str.lower(), so a key with
    # an upper-case letter can never match: 14 such keys are dropped, as they are unreachable).
    vader_lex = {w: v for w, v in lex.items() if w == w.lower()}
    vader_entries = build_word_entries(vader_lex, negate, booster, words, [])
    vader_special = [(p, v) for p, v in special.items() if " " in p]   # "badass" can never match
    ngram_boosters = [(b, v) for b, v in booster.items() if " " in b]
    vader_emoji = [(k.encode(), d.encode()) for k, d in emoji if len(k) == 1]

    # --- 'en': overrides applied; cased emoticons kept under their own key.
    en_lex = dict(lex)
    for w, v, _reason in overrides:
        en_lex[w] = float(v)
    en_negate = negate + [r[0] for r in read_tsv(en_negate_path)]
    en_entries = build_word_entries(en_lex, en_negate, booster, words, [])
    # 'en' emoji: every key, variation selectors removed (the scorer removes them too)
    seen = set()
    en_emoji = []
    for k, d in emoji:
        k2 = k.replace("\ufe0f", "").replace("\ufe0e", "")
        if not k2 or k2 in seen:
            continue
        seen.add(k2)
        en_emoji.append((k2.encode(), d.encode()))

    sources = [vader_lex_path, emoji_path, rules_path, over_path, phrases_path, en_negate_path]
    digest = hashlib.sha256()
    for p in sources:
        digest.update(open(p, "rb").read())

    out = ["/*",
           " * lexicon_data.c",
           " *	  GENERATED by tools/gen_lexicon.py from data/ -- do not edit; run `make update-lexicon`.",
           " *",
           " * Sources: " + ", ".join(os.path.relpath(p, data) for p in sources),
           " * sha256 of the sources: " + digest.hexdigest(),
           " */",
           '#include "lexicon.h"',
           '#include "lexicon_words.h"',
           "",
           "extern const struct LearnedModel en_model;	/* src/model/en_model_data.c */",
           ""]
    emit_words_table(out, "vader_words", vader_entries)
    emit_words_table(out, "en_words", en_entries)
    emit_emoji_table(out, "vader_emoji", vader_emoji)
    emit_emoji_table(out, "en_emoji", en_emoji)
    emit_phrases(out, "vader_special", vader_special, words)
    emit_phrases(out, "vader_ngram_boosters", ngram_boosters, words)
    emit_phrases(out, "en_phrases", en_phrases, words)
    out.append('const char *const lexicon_data_digest = "%s";' % digest.hexdigest())
    out.append("")
    out.append("const SentimentConfig SentimentConfigs[] = {")
    en_tables = ("SC_EN_OPTIONS, &en_words, &en_emoji, vader_special, %d, vader_ngram_boosters, %d, "
                 "en_phrases, %d" % (len(vader_special), len(ngram_boosters), len(en_phrases)))
    # 'en', the default: the learned scorer (src/model); it tokenizes with the English tables
    # and reads the scores of 'en-rules' (the entry after it) as its rule features
    out.append("\t{\"en\", \"en\",")
    out.append("\t\t\"English, the default: learned multinomial logistic regression over words, "
               "negation scopes, bigrams, character trigrams and the 'en-rules' rule scores\",")
    out.append("\t\t\"learned weights (src/model/en_model_data.c, tools/train_en.py) over the "
               "'en-rules' tables\",")
    out.append("\t\t%s, .model = &en_model, .rules = &SentimentConfigs[1]}," % en_tables)
    out.append("\t{\"en-rules\", \"en\",")
    out.append("\t\t\"English rules: VADER 3.3.2 with its defects fixed (emoji per grapheme "
               "cluster, so/this precedence, punctuation on short words, phrases anywhere, "
               "cased emoticons, curly apostrophes, resolved duplicate keys)\",")
    out.append("\t\t\"VADER 3.3.2 lexicon %d entries + emoji %d (MIT, C.J. Hutto) with "
               "pg_empathy data/en: %d overrides, %d phrases, %d negations\"," %
               (len(lex), len(en_emoji), len(overrides), len(en_phrases), len(en_negate) - len(negate)))
    out.append("\t\t%s}," % en_tables)
    out.append("\t{\"vader\", \"en\",")
    out.append("\t\t\"bug-for-bug compatible with vaderSentiment 3.3.2 (PyPI; cjhutto/vaderSentiment "
               "commit 0b8040fd)\",")
    out.append("\t\t\"VADER 3.3.2 lexicon %d keys (%d reachable), emoji %d single code points "
               "(MIT, C.J. Hutto)\"," % (len(lex), len(vader_lex), len(vader_emoji)))
    out.append("\t\t0, &vader_words, &vader_emoji, vader_special, %d, vader_ngram_boosters, %d, "
               "NULL, 0}," % (len(vader_special), len(ngram_boosters)))
    out.append("};")
    out.append("const int NumSentimentConfigs = lengthof(SentimentConfigs);")
    out.append("")
    with open(os.path.join(src, "lexicon_data.c"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))

    hdr = ["/*",
           " * lexicon_words.h",
           " *	  GENERATED by tools/gen_lexicon.py -- do not edit; run `make update-lexicon`.",
           " *	  Ids of the words that rules and phrases name (0 means none).",
           " */",
           "#ifndef PGE_LEXICON_WORDS_H",
           "#define PGE_LEXICON_WORDS_H",
           ""]
    for w in RULE_WORDS:
        hdr.append("#define WID_%s %d" % (w.upper(), words.ids[w]))
    hdr.append("#define PHRASE_MAX %d" % PHRASE_MAX)
    hdr.append("")
    hdr.append("#endif")
    hdr.append("")
    with open(os.path.join(src, "lexicon_words.h"), "w", encoding="utf-8") as f:
        f.write("\n".join(hdr))
    print("gen_lexicon: vader %d words, en %d words, %d word ids, emoji %d/%d" %
          (len(vader_entries), len(en_entries), len(words.ids), len(vader_emoji), len(en_emoji)))


if __name__ == "__main__":
    main()
