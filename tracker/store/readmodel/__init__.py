"""Read-model tables for the dashboard and overdue, in the same database as the events.

One row per channel, per status span, per meeting, per cadence and per planned meeting, with
the indexes that let "as of any day" be answered by one index seek per channel. A tracking row
records the last notification applied; it is written in the same transaction as the rows, so
each event is applied exactly once.

Dates are ISO text (``YYYY-MM-DD`` compares correctly as text); lists are JSON text. The same
SQL serves SQLite and PostgreSQL: statements are written with ``?`` placeholders and turned into
``%s`` for psycopg.

Each live fact's words are kept in ``rm_search``, indexed by the store's full-text search
(SQLite FTS5, a PostgreSQL tsvector), except in an encrypted store, where nothing is indexed.

In an encrypted store every column that holds a user's text (slug, title, parties, topics,
leads, lineage, who suspended, the host of a plan) is encrypted with the store's key
(:class:`~tracker.store.readmodel.seal.TextSeal`), as the events are; dates, statuses, levels
and counts, which the queries compare, are not.

The modules, each importing only those before it:

- ``schema``: the tables, their keys and the schema version;
- ``queries``: the SELECT statements of the dashboard, of one channel and of the projector;
- ``search``: the words of a search, and the statement of the stores' full-text search;
- ``errors``: what the read model raises;
- ``seal``: a user's text as the read model keeps it;
- ``cursor``: the statements on the tables inside one transaction;
- ``connection``: the read model's connection of its own, and its transactions.
"""
