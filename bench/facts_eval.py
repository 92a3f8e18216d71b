"""Precision and recall of fact extraction per kind on zh-investment-facts-dev, scored as its SCHEMA.md
says, for each half of the set (a* and b* files) and the whole set; and extraction speed.

    python bench/facts_eval.py [--dataset DIR] [--show] [--speed] [--spaced]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from common import ROOT, machine  # noqa: F401  (puts the repository on sys.path)

from crawler.facts import extract, to_schema
from crawler.facts.numerals import NUMBER_PATTERN, parse_number

DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "zh-investment-facts-dev"
KINDS = ("project_counts", "investments", "provinces", "cities", "zones")
TARGETS = {"project_counts": (0.95, 0.90), "investments": (0.95, 0.90), "provinces": (0.95, 0.95),
           "cities": (0.95, 0.95), "zones": (0.85, 0.80)}
OTHER = "其他"
# SCHEMA.md: amounts qualified as approximate or as a bound next to the figure are optional either way.
QUALIFIED_BEFORE = re.compile(r"(?:约|近|超|逾|过)$")
QUALIFIED_AFTER = re.compile(r"^(?:余|多|以上|左右)")
SCALES = {"万亿": 10000, "亿": 1, "万": 0.0001}
# Some texts print a space between the figure and its words (约 5 亿元): it does not part them.
AMOUNT = re.compile(rf"(?P<number>{NUMBER_PATTERN})\s*(?P<approx>余|多)?\s*(?P<scale>万亿|亿|万)元?")


def load(dataset: Path) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted((dataset / "articles").glob("*.json"))]


def _fold(text: str) -> str:
    from crawler.facts.text import fold
    return fold(text)


def optional_amounts(text: str) -> set[float]:
    """Values of the amounts in ``text`` that have an approximation or bound word next to the figure."""
    values = set()
    for match in AMOUNT.finditer(text):
        before = text[max(0, match.start() - 4):match.start()].rstrip()
        after = text[match.end():match.end() + 4].lstrip()
        if match.group("approx") or QUALIFIED_BEFORE.search(before) or QUALIFIED_AFTER.search(after):
            number = parse_number(match.group("number"))
            if number is not None:
                values.add(round(float(number) * SCALES[match.group("scale")], 4))
    return values


_NUMBER_EDGE = re.compile(r"(?<=\d)(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=\d)")


def spaced(article: dict) -> dict:
    """The article as sites that space out numbers print it: 共签约项目 32 个, 总投资 247.98 亿元."""
    def space(text: str) -> str:
        return _NUMBER_EDGE.sub(" ", text)

    facts = {**article["facts"]}
    for kind in ("project_counts", "investments"):
        facts[kind] = [{**item, "span": space(item["span"])} for item in article["facts"][kind]]
    return {**article, "title": space(article["title"]), "text": space(article["text"]), "facts": facts}


def score_article(gold: dict, predicted: dict, text: str) -> dict:
    """(tp, fp, fn) per kind for one article."""
    result = {}
    gold_all = {(item["stage"], item["count"]) for item in gold["project_counts"]}
    gold_required = {pair for pair in gold_all if pair[0] != OTHER}
    guessed = {(item["stage"], item["count"]) for item in predicted["project_counts"] if item["stage"] != OTHER}
    result["project_counts"] = (len(guessed & gold_all), len(guessed - gold_all), len(gold_required - guessed))

    optional = optional_amounts(text)
    gold_values = {round(float(item["amount_yi_yuan"]), 4) for item in gold["investments"]}
    gold_required = {round(float(item["amount_yi_yuan"]), 4) for item in gold["investments"]
                     if not optional_amounts(item["span"])}
    values = {round(float(item["amount_yi_yuan"]), 4) for item in predicted["investments"]}
    result["investments"] = (len(values & gold_values), len(values - gold_values - optional),
                             len(gold_required - values))

    for kind in ("provinces", "cities"):
        expected, found = set(gold[kind]), set(predicted[kind])
        result[kind] = (len(found & expected), len(found - expected), len(expected - found))
    result["zones"] = _score_zones(gold["zones"], predicted["zones"])
    return result


def _zone_key(name: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」『』《》()（）\[\]【】]", "", name)


def _score_zones(gold: list[str], predicted: list[str]) -> tuple[int, int, int]:
    """Lenient: one contains the other after removing spaces, quotes and brackets; each gold name once
    (a maximum matching, so that the order of names never changes the score)."""
    gold_keys = [_zone_key(name) for name in dict.fromkeys(gold)]
    found_keys = [_zone_key(name) for name in dict.fromkeys(predicted)]
    edges = [[j for j, g in enumerate(gold_keys) if f and g and (f in g or g in f)] for f in found_keys]
    owner: dict[int, int] = {}

    def augment(i: int, visited: set) -> bool:
        for j in edges[i]:
            if j not in visited:
                visited.add(j)
                if j not in owner or augment(owner[j], visited):
                    owner[j] = i
                    return True
        return False

    matched = sum(augment(i, set()) for i in range(len(found_keys)))
    return matched, len(found_keys) - matched, len(gold_keys) - matched


def evaluate(articles: list[dict], show: bool = False) -> dict:
    totals = {kind: [0, 0, 0] for kind in KINDS}
    for article in articles:
        predicted = to_schema(extract(article["title"], article["text"]))
        text = _fold(article["title"] + "\n" + article["text"])
        scores = score_article(article["facts"], predicted, text)
        for kind, (tp, fp, fn) in scores.items():
            totals[kind][0] += tp
            totals[kind][1] += fp
            totals[kind][2] += fn
        if show and any(fp or fn for _, fp, fn in scores.values()):
            _show(article, predicted, scores, text)
    return {kind: _ratios(*counts) for kind, counts in totals.items()}


def _ratios(tp: int, fp: int, fn: int) -> dict:
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def _show(article: dict, predicted: dict, scores: dict, text: str) -> None:
    print(f"--- {article['id']} {article['title']}")
    gold = article["facts"]
    for kind in KINDS:
        if scores[kind][1] or scores[kind][2]:
            if kind == "project_counts":
                g = sorted((i["stage"], i["count"]) for i in gold[kind])
                p = sorted((i["stage"], i["count"], i["span"]) for i in predicted[kind])
            elif kind == "investments":
                g = sorted(i["amount_yi_yuan"] for i in gold[kind])
                p = sorted((i["amount_yi_yuan"], i["span"]) for i in predicted[kind])
            else:
                g, p = gold[kind], predicted[kind]
            print(f"  {kind} tp/fp/fn={scores[kind]}\n    gold: {g}\n    got:  {p}")


def speed(articles: list[dict], seconds: float = 3.0) -> dict:
    """Articles per second for extract() over the data set's texts, repeated for ``seconds``."""
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for article in articles:
            extract(article["title"], article["text"])
        done += len(articles)
    elapsed = time.perf_counter() - started
    characters = sum(len(a["title"]) + len(a["text"]) for a in articles) / len(articles)
    return {"articles_per_second": done / elapsed, "mean_characters": characters}


def report(name: str, results: dict) -> None:
    print(f"{name}:")
    for kind in KINDS:
        r = results[kind]
        target_p, target_r = TARGETS[kind]
        mark = "ok" if r["precision"] >= target_p and r["recall"] >= target_r else "BELOW TARGET"
        print(f"  {kind:15} P {r['precision']:.3f}  R {r['recall']:.3f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
              f"  target P>={target_p} R>={target_r}: {mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--show", action="store_true", help="print the articles with errors")
    parser.add_argument("--speed", action="store_true", help="also measure articles per second")
    parser.add_argument("--spaced", action="store_true",
                        help="also measure the texts printed with spaces between numbers and Han characters")
    args = parser.parse_args(argv)
    articles = load(args.dataset)
    if not articles:
        print(f"no texts in {args.dataset / 'articles'}: pass --dataset", file=sys.stderr)
        return 2
    halves = {"a* half": [a for a in articles if a["id"].startswith("a")],
              "b* half": [a for a in articles if not a["id"].startswith("a")]}
    for name, subset in halves.items():
        report(f"{name}, {len(subset)} texts", evaluate(subset))
    report(f"whole set, {len(articles)} texts", evaluate(articles, show=args.show))
    if args.spaced:
        report(f"whole set with spaced numbers (32 个, 247.98 亿元), {len(articles)} texts",
               evaluate([spaced(article) for article in articles]))
    if args.speed:
        result = speed(articles)
        print(f"speed: {result['articles_per_second']:.0f} articles/s on one core "
              f"(data set texts, {result['mean_characters']:.0f} characters on average; {machine()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
