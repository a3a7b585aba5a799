"""Which weights run: the curated presets, the models folder and the default choice.

`presets` is the catalogue (and the tasks a model does, and lead-N, which needs none),
`spec.ModelSpec` a model resolved to a folder (`spec.resolve`), `folder` downloads, lists and
removes models (`summarizer models pull/list/rm`), `embedded` prepares the models shipped in
Python packages (`gguf_parts` joins their slices), `choice` picks a run's models when none is
named and `repair` says what is wrong with a damaged model folder.
"""
