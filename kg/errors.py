"""One exception hierarchy; each error knows the exit code the CLI uses for it."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg raises on purpose."""

    exit_code = 4

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        self.reason = message
        super().__init__(f"{where}: {message}" if where else message)


class UsageError(KgError):
    """The user asked for something that cannot be done as asked."""

    exit_code = 2


class InputError(KgError):
    """An article could not be read; the build skips it and says why."""

    exit_code = 3


class BuildError(KgError):
    """The build failed; the previous graph is left as it was."""

    exit_code = 4


class QueryError(KgError):
    """A SPARQL query did not parse or could not run."""

    exit_code = 2


class ServerError(KgError):
    """A service could not be reached or refused a request: a SPARQL server (kg push,
    --endpoint), a Dask scheduler (--scheduler)."""

    exit_code = 5


class RemovalRefused(UsageError):
    """A build would drop most (or all) of the previous build's articles, or found none:
    nothing is written until the user confirms with --prune."""


class ResourceError(KgError):
    """A data file kg ships (ontology, lexicon, gazetteer) is missing or unreadable: the
    installation is broken, and kg refuses to run on half its data."""

    exit_code = 4
