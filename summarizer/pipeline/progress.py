"""What a run tells about its progress as it goes: stages, advances, finished articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from summarizer.pipeline.record import ArticleRecord


class ProgressSink(Protocol):
    """Receives progress: a stage with its total, advances within it, finished articles."""

    def stage(self, name: str, total: int) -> None: ...

    def advance(self, amount: int = 1) -> None: ...

    def article(self, record: ArticleRecord) -> None: ...


class Silent:
    """A sink that shows nothing (the library's default)."""

    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def article(self, record: ArticleRecord) -> None:
        pass
