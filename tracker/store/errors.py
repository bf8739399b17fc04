"""What the store's settings and probes raise (apart, so that every store module can raise them
without importing the settings)."""


class StoreConfigError(ValueError):
    """The ``--db`` value cannot name a store."""


class StoreUnavailable(RuntimeError):
    """The store cannot be reached, read or written."""
