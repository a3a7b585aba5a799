"""Throughput benchmarks: transformers, `summarizer run` on both backends, raw CTranslate2."""
