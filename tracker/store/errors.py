"""What the store's modules raise: the settings and probes, and the ledger. Apart, so that every
store module can raise them, and the application catch them, without importing the others."""


class StoreConfigError(ValueError):
    """The ``--db`` value cannot name a store."""


class StoreUnavailable(RuntimeError):
    """The store cannot be reached, read or written."""


class NoStore(StoreUnavailable):
    """There is no store where ``--db`` points (none was ever written there)."""


class LedgerError(Exception):
    """The ledger or the store's meta data says the store cannot be written safely."""


class ChainBroken(LedgerError):
    """Events were deleted, altered or inserted behind the tracker's back: the chain that would
    be extended is broken."""


class EncryptionMismatch(LedgerError):
    """The store was created with another encryption setting than this command's."""
