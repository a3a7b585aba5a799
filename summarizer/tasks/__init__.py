"""What the models are asked to do: translate Korean sentences and summarize English texts.

`translate.Translator` and `summarize.Summarizer` look in the cache first, batch the rest
through an engine (`summarizer.engines`), check the outputs (`summarizer.checks`) and ask again
when a check fails; `lead.LeadSummarizer` (lead-N) needs no model; `fewshot` builds the prompts
of base language models.
"""
