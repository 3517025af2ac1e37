"""A cited question-answering assistant for collections of reports."""

from .answering.extractive import NO_ANSWER
from .api import Assistant
from .config import Settings
from .errors import AssistantError
from .types import (
    Answer,
    Chunk,
    Citation,
    Document,
    DocumentInfo,
    IngestReport,
    IngestResult,
    IngestStatus,
    Passage,
    Turn,
)

__all__ = [
    "NO_ANSWER",
    "Answer",
    "Assistant",
    "AssistantError",
    "Chunk",
    "Citation",
    "Document",
    "DocumentInfo",
    "IngestReport",
    "IngestResult",
    "IngestStatus",
    "Passage",
    "Settings",
    "Turn",
]
