"""Runs one contender in a fresh process (its own peak RSS) and prints its figures as JSON."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

if __name__ == "__main__":
    import warnings

    warnings.filterwarnings("ignore")
    from benchmarks.contenders import run

    print(json.dumps(run(Path(sys.argv[1]))))
