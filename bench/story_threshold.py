"""Choose the story threshold: near-duplicate pairs built from real texts (republishing headers and
footers, trimmed or dropped paragraphs, captions, punctuation changes) against different articles
(every pair of distinct real texts, pairs sharing boilerplate or one paragraph), scored with the
stored pipeline's own decision (a shared LSH band, then the MinHash estimate at or above the threshold).

    python bench/story_threshold.py [--facts-dataset DIR] [--news-dataset DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

from common import ROOT

from crawler.facts import stories

SHARED = ROOT.parent / "shared"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
HEADERS = ("来源：搜狐网\n原标题：{title}\n", "本文转自微信公众号“园区招商”，作者：投资促进局\n",
           "{title}\n(来源：新华网)\n", "【导读】{title}\n")
FOOTERS = ("\n返回搜狐，查看更多\n责任编辑：王某", "\n声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。",
           "\n点击“阅读原文”了解更多\n长按二维码关注我们", "\n(编辑：李某 审核：张某)")
CAPTION = "图为项目集中签约现场。（记者 王某 摄）"
BOILERPLATE = ("产业招商/厂房土地租售：400 0123 021 或微信/手机：13524678515 请说明您的需求、用途、税收、公司、"
               "联系人、手机号，以便快速帮您对接资源。长按/扫一扫加微信号。扫一扫关注公众号。扫描二维码推送至手机访问。"
               "版权声明：本文由公众号园区产业招商发布，如需转载请注明出处。部份内容收集于网络，如有不妥之处请联系我们删除。")


def real_texts(facts_dir: Path, news_dir: Path) -> list[tuple[str, str]]:
    texts = []
    for path in sorted((facts_dir / "articles").glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        texts.append((article["title"], article["text"]))
    for path in sorted((news_dir / "cleaned").glob("*.txt")):
        texts.append(("", path.read_text(encoding="utf-8", errors="replace")))
    seed = ROOT / "tests" / "fixtures" / "facts" / "article_9821.txt"
    title, body = seed.read_text(encoding="utf-8").split("\n\n", 1)
    texts.append((title, body))
    return [(title, body) for title, body in texts if len(stories.shingles(body)) >= 150]


def paragraphs(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip()]


def swap_punctuation(text: str, rng: random.Random) -> str:
    table = str.maketrans({",": "，", ":": "：", "(": "（", ")": "）", ";": "；", "!": "！", "?": "？"}) \
        if rng.random() < 0.5 else str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"})
    return text.translate(table)


def republished(title: str, body: str, rng: random.Random) -> list[str]:
    """Copies of one article as other sites carry it."""
    parts = paragraphs(body)
    header, footer = rng.choice(HEADERS).format(title=title or parts[0][:20]), rng.choice(FOOTERS)
    copies = [header + swap_punctuation(body, rng) + footer]
    if len(parts) >= 3:
        copies.append("\n".join(parts[1:]) + footer)                    # lead paragraph trimmed
        copies.append(header + "\n".join(parts[:-1]))                   # last paragraph trimmed
        middle = rng.randrange(1, len(parts) - 1)
        edited = parts[:middle] + [CAPTION] + parts[middle + 1:]        # a paragraph swapped for a caption
        copies.append("\n".join(edited))
    else:
        text = body
        cut = len(text) // 10
        copies.append(text[cut:] + footer)                               # a tenth cut from the start
    chars = list(body)
    for _ in range(max(1, len(chars) // 200)):                          # typos: one character in 200
        position = rng.randrange(len(chars))
        chars[position] = "的"
    copies.append("".join(chars))
    return copies


def pairs(texts, rng):
    positives, negatives = [], []
    for title, body in texts:
        copies = republished(title, body, rng)
        positives += [(body, copy, "original/copy") for copy in copies]
        positives += [(a, b, "copy/copy") for a, b in itertools.combinations(copies[:3], 2)]
    for (_, a), (_, b) in itertools.combinations(texts, 2):
        negatives.append((a, b, "different articles"))
    for (_, a), (_, b) in rng.sample(list(itertools.combinations(texts, 2)), 200):
        negatives.append((a + "\n" + BOILERPLATE, b + "\n" + BOILERPLATE, "shared boilerplate"))
        lead_a, rest_b = paragraphs(a)[:1], paragraphs(b)[1:] or paragraphs(b)
        negatives.append((a, "\n".join(lead_a + rest_b), "one shared paragraph"))
    return positives, negatives


def same_story(sig_a, sig_b, threshold: float) -> bool:
    if sig_a is None or sig_b is None:
        return False
    shared_band = set(stories.band_keys(sig_a, threshold)) & set(stories.band_keys(sig_b, threshold))
    return bool(shared_band) and sig_a.similarity(sig_b) >= threshold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts-dataset", type=Path, default=SHARED / "datasets" / "zh-investment-facts-dev")
    parser.add_argument("--news-dataset", type=Path, default=SHARED / "datasets" / "zh-news-dev")
    args = parser.parse_args(argv)
    rng = random.Random(13)
    texts = real_texts(args.facts_dataset, args.news_dataset)
    positives, negatives = pairs(texts, rng)
    cache = {}

    def sig(text):
        if text not in cache:
            cache[text] = stories.signature(text)
        return cache[text]

    def jaccard(a, b):
        x, y = stories.shingles(a), stories.shingles(b)
        return len(x & y) / len(x | y)

    print(f"{len(texts)} real texts; {len(positives)} near-duplicate pairs, {len(negatives)} different pairs")
    for name, group in (("near-duplicates", positives), ("different", negatives)):
        by_kind = {}
        for a, b, kind in group:
            by_kind.setdefault(kind, []).append(jaccard(a, b))
        for kind, values in by_kind.items():
            values.sort()
            print(f"  {name:15} {kind:22} n={len(values):5}  Jaccard min {values[0]:.3f}  median "
                  f"{values[len(values) // 2]:.3f}  max {values[-1]:.3f}")
    print("threshold  precision  recall   (pairs judged one story by band lookup + MinHash estimate)")
    for threshold in THRESHOLDS:
        tp = sum(same_story(sig(a), sig(b), threshold) for a, b, _ in positives)
        fp = sum(same_story(sig(a), sig(b), threshold) for a, b, _ in negatives)
        precision = tp / (tp + fp) if tp + fp else 1.0
        marker = "  <- chosen" if threshold == stories.THRESHOLD else ""
        print(f"  {threshold:.1f}      {precision:.4f}     {tp / len(positives):.4f}   (tp {tp}, fp {fp}, "
              f"fn {len(positives) - tp}){marker}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
