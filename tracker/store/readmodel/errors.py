"""What the read model raises (apart, so that its modules, and the application that reads it,
can raise and catch them without importing its connection)."""


class ReadModelBusy(RuntimeError):
    """Another writer holds the store (a long import, say): the read model cannot catch up."""


class ReadModelDamaged(Exception):
    """A row of the read model cannot be read: it was damaged, and is never trusted."""
