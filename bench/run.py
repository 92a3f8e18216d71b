"""Run every benchmark with its default size and print the figures: ``python bench/run.py``.

Needs the bench extra (``pip install -e ".[bench]"``) for the peers; takes a few minutes on 2 cores.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("extraction_replica.py", "extraction_dataset.py", "crawl_throughput.py", "storage.py", "reparse_speed.py",
           "scale.py", "facts_eval.py", "story_threshold.py")
# Longer, run on their own: facts_speed.py (100,000 articles into stories), capacity.py (about 6 minutes),
# mutation.py (mutation testing, see docs/testing.md).

if __name__ == "__main__":
    failed = 0
    for script in SCRIPTS:
        print(f"\n=== {script}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script)], cwd=HERE).returncode != 0
    sys.exit(1 if failed else 0)
