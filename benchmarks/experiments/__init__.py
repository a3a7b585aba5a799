"""One-off experiments: each chose a setting once (a prompt shape, the retry, the number of
candidates, a backend) or answered a question; their figures are in benchmarks/HISTORY.md."""
