"""Extraction speed with the default pipeline, on one core: prints articles and tokens per second.

    python scripts/benchmark.py [ARTICLES...] [--rounds N]

Defaults to the voa-dev gold articles beside the repository (../shared/eval/voa-dev).
Pipeline construction is timed apart from extraction; extraction runs the corpus `rounds`
times and reports the best round, in CPU time (what one core spends, whatever else the
machine runs) and in wall time.
"""

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "eval" / "voa-dev" / "articles.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from loaders.extract import extract_articles
    from loaders.pipeline import build_pipeline
    from loaders.readers import read_articles
    from schemas.article import Article

    articles = [a for a in read_articles(args.paths) if isinstance(a, Article)]
    if not articles:
        print(f"no articles in {', '.join(map(str, args.paths))}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    nlp = build_pipeline()
    built = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(a.text)) for a in articles)
    rounds = [time_round(nlp, extract_articles, articles) for _ in range(args.rounds)]
    wall = min(r[0] for r in rounds)
    cpu = min(r[1] for r in rounds)
    print(f"pipeline build: {built:.2f} s (once per process)")
    print(f"articles: {len(articles)}, tokens: {tokens}, rounds: {args.rounds}, cores: 1")
    print(f"extraction (CPU time): {len(articles) / cpu:.1f} articles/s, {tokens / cpu:,.0f} tokens/s (best round {cpu:.3f} s)")
    print(f"extraction (wall time): {len(articles) / wall:.1f} articles/s (best round {wall:.3f} s; lower when the machine is busy)")
    return 0


def time_round(nlp, extract_articles, articles) -> tuple[float, float]:
    """Wall and CPU seconds of one pass over the articles."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in extract_articles(nlp, articles):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    sys.exit(main())
