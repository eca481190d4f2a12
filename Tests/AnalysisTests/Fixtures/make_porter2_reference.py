#!/usr/bin/env python3
"""Reference stems for the Porter2 tests: the 6 000 most frequent lowercase alphabetic words of the
STC2 short-text corpora (../shared/data/text/stc2; the words only, no texts), plus words chosen to
exercise every rule, stemmed by NLTK's SnowballStemmer("english") (the Snowball Porter2 algorithm).

  Benchmarks/.venv/bin/pip install nltk
  Benchmarks/.venv/bin/python Tests/AnalysisTests/Fixtures/make_porter2_reference.py > Tests/AnalysisTests/Fixtures/porter2_reference.tsv
"""
import collections
import os
import re
import sys

import nltk
from nltk.stem.snowball import SnowballStemmer

root = os.path.join(os.path.dirname(__file__), "../../../../shared/data/text/stc2")
counts = collections.Counter()
for name in ("StackOverflow.txt", "SearchSnippets.txt"):
    with open(os.path.join(root, name), encoding="utf-8-sig") as f:
        for line in f:
            counts.update(re.findall(r"[a-z]+", line.lower()))
chosen = [w for w, _ in counts.most_common(6000)]
rules = """consign consigned consigning consignment consist consisted consistency consistent consistently
generous generously generation communication communities arsenal skis skies dying lying tying idly gently ugly
early only singly sky news howe atlas cosmos bias andes inning innings outing canning herring earring proceed
exceed succeed succeeded ties cries gas this gaps kiwis caresses ponies ties caress cats feed agreed disabled
matting mating meeting milling messing meetings hoping hopping hoped hopped luxuriate fizzed failing filing
crying by say happy relational conditional rational valency hesitancy digitizer conformabli radicalli
differentli vileli analogously vietnamization predication operator feudalism decisiveness hopefulness
callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful
goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement adjustment
dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate rate cease
controll roll fluently lessly fully logically biology ecology apology 'tis year's yes' dog's""".split()
seen = set()
stemmer = SnowballStemmer("english")
print(f"# word\tstem — NLTK {nltk.__version__} SnowballStemmer('english'); made by make_porter2_reference.py")
for w in chosen + rules:
    if w in seen:
        continue
    seen.add(w)
    print(f"{w}\t{stemmer.stem(w)}")
