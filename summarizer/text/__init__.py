"""Reading an article and turning it into sentences: the pipeline's first steps.

`listing` finds article files (and says why it skips others), `articles` reads them
(encodings, HTML and Markdown bodies, size limits),
`boilerplate` removes site chrome around and inside an article (read into units by
`boilerplate_units`, judged by the rules in `boilerplate_rules` and `boilerplate_lines`),
`asides` finds the epigraphs, pull quotes, bylines and photo captions a summary should not
read, `segment` splits Korean and English into sentences, `markup` turns a model's HTML or
Markdown reply into plain text and `lines` splits line-aligned files as `wc -l` counts them.
"""
