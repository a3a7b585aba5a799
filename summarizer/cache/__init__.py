"""The translation memory: translations, summaries and segmentations kept in SQLite.

`store.Cache` (and `null.NullCache`, which keeps nothing) is what the pipeline reads and
writes; `schema` creates and migrates the database, `repair` moves a damaged file aside,
`stats` is what `summarizer cache stats` shows and `location` says where the per-user cache
lives.
"""
