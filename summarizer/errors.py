"""Exceptions that the CLI turns into one-line messages and exit codes."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: a problem the user can act on, reported without a traceback."""

    exit_code = 1


class InputError(SummarizerError):
    """An article cannot be read: missing, empty, binary or undecodable."""


class UsageError(SummarizerError):
    """The command line or configuration asks for something impossible."""

    exit_code = 2


class ModelUnavailableError(SummarizerError):
    """A model is neither on disk nor downloadable."""

    exit_code = 2


class ArticleError(SummarizerError):
    """One article cannot be done (e.g. its summary cannot be shortened); a run goes on."""


class CacheError(SummarizerError):
    """The cache cannot be written (read-only or full disk)."""


class OutputError(SummarizerError):
    """An output file or folder cannot be written (not a folder, read-only, disk full)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same cleanup runs; exits 143 (128 + 15)."""

    exit_code = 143
