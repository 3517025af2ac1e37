"""Answering: from retrieved passages to a cited :class:`~assistant.types.Answer`.

The extractive answerer (:mod:`.extractive`: typed short answers from the candidates of
:mod:`.candidates`), the LLM answerer checked in code
(:mod:`.generated`, :mod:`.grounding`, :mod:`.citations`, :mod:`.prompts`), follow-up
condensing (:mod:`.condense`) and the answer as a stream of updates (:mod:`.streaming`,
with the protocols every answerer follows in :mod:`.base`)."""

from .extractive import NO_ANSWER, ExtractiveAnswerer, decline

__all__ = ["NO_ANSWER", "ExtractiveAnswerer", "decline"]
