"""The translation memory: translations, summaries and segmentations kept in SQLite.

`store.Cache` (and `store.NullCache`, which keeps nothing) is what the pipeline reads and
writes; `schema` creates and migrates the database, `repair` moves a damaged file aside and
`location` says where the per-user cache lives.
"""
