"""The one exception tree of RoleAtlas.

A user sees ``str(error)`` as one line, never a traceback::

    RoleAtlasError
    ├── ConfigError          bad setting, missing data directory
    ├── SourceError          a file or response that cannot be read at all
    │   └── UnknownSourceError
    ├── StoreError           the store cannot be opened or migrated
    ├── TaxonomyError        a bundled taxonomy file is inconsistent
    ├── InputError           bad command input (a missing column, a bad format)
    └── NotFoundError        an unknown role, posting or page
"""


class RoleAtlasError(Exception):
    """Root of every error RoleAtlas raises on purpose."""


class ConfigError(RoleAtlasError):
    """A setting or path is unusable."""


class SourceError(RoleAtlasError):
    """A whole file or response cannot be read (truncated, binary, wrong encoding, missing columns)."""


class UnknownSourceError(SourceError):
    """No adapter has that name."""


class StoreError(RoleAtlasError):
    """The store cannot be opened, migrated or written."""


class TaxonomyError(RoleAtlasError):
    """A bundled taxonomy file is inconsistent."""


class InputError(RoleAtlasError):
    """Bad input to a command: missing column, unknown format."""


class NotFoundError(RoleAtlasError):
    """An unknown role, posting or page."""


__all__ = [
    "RoleAtlasError",
    "ConfigError",
    "SourceError",
    "UnknownSourceError",
    "StoreError",
    "TaxonomyError",
    "InputError",
    "NotFoundError",
]
