"""The translate → summarize pipeline over one article or a folder of them.

`core.Pipeline` is the library entry point. A run streams windows of articles (`stream`)
through `prepare` (read, clean, segment) and the model `stages`, on an executor
(`summarizer.executors`), telling a `progress` sink as it goes. `results` holds what is
computed, `outputs` writes each article's files and index.jsonl (`marked`: the translation with
its flagged sentences), `record` is what a run keeps of each, `run_report` sums a run up and
`timings` keeps the cost of work a re-run found in the cache. `sources` tells which article a
path recorded in an outputs folder names, and `lock` keeps one run at a time in an outputs
folder.
"""
