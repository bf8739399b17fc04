"""The read model's tables: their columns, keys and indexes, and the version of the schema.

Apart from the statements that read and write the rows, so that what is stored can be seen at
once, and so that the version is bumped where a table is changed.
"""

from __future__ import annotations

VIEW = "dashboard"  # the name of the read model's row in rm_tracking
# The search index's own row: it is kept up to date by the first search after new events, not
# by the dashboard's catch-up (indexing every fact's words halved the catch-up's speed).
SEARCH_VIEW = "search"
# Bump when a table changes: the tables are then dropped and the read model rebuilt.
# 13: search words folded (accents), ordered by length; 14: each channel's row holds what the
# dashboard shows of its cadences and plans at the end of its timeline (``shown``: the
# dashboard as of today reads no other table); 15: and its view there, with the days it is
# judged by (``view``: the dashboard as of today makes no summary); 16: rm_profiles' seq is
# the profile's place in the domain's walk (two profiles of one day: the later one holds);
# 17: a fuzzy-dated meeting settles a plan by its latest day, and an open plan keeps the day
# it was agreed.
SCHEMA_VERSION = 17
# rec_to of a row that is current: later than any record time (microseconds since 1970).
FOREVER = 2**62

TABLES = (
    "rm_channels",
    "rm_spans",
    "rm_meetings",
    "rm_cadences",
    "rm_plans",
    "rm_profiles",
    "rm_search",
    "rm_tracking",
)
META = "rm_schema"
RETIRED = ("rm_levels",)  # tables of earlier schema versions, dropped with the others

# Every table holds, for each row, the record time it was known from (rec_from) and the one
# it was superseded at (rec_to, FOREVER while current): the read model is bitemporal.
CHANNEL_COLUMNS = (
    "channel_id", "rec_from", "rec_to", "slug", "title", "parties", "topics", "level", "leads",
    "follows", "opened_text", "opened_start", "version", "status", "before_suspension",
    "last_start", "meetings_count", "spans_count", "since_text", "since_by", "detail", "reason",
    "last_meeting_text",
    "resumed_latest", "levels", "plans", "shown", "view",
)  # fmt: skip

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS rm_channels (
        channel_id TEXT NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        parties TEXT NOT NULL,
        topics TEXT NOT NULL,
        level TEXT,
        leads TEXT NOT NULL,
        follows TEXT,
        opened_text TEXT NOT NULL,
        opened_start TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        before_suspension TEXT NOT NULL,
        last_start TEXT NOT NULL,
        meetings_count INTEGER NOT NULL,
        spans_count INTEGER NOT NULL,
        since_text TEXT NOT NULL,
        since_by TEXT NOT NULL,
        detail TEXT,
        reason TEXT,
        last_meeting_text TEXT,
        resumed_latest TEXT,
        levels TEXT NOT NULL,
        plans TEXT NOT NULL,
        shown TEXT NOT NULL,
        view TEXT NOT NULL,
        PRIMARY KEY (channel_id, rec_from)
    ){ROWLESS}""",
    "CREATE INDEX IF NOT EXISTS rm_channels_known ON rm_channels (rec_to, channel_id)",
    """CREATE TABLE IF NOT EXISTS rm_spans (
        channel_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        valid_from TEXT NOT NULL,
        status TEXT NOT NULL,
        since_text TEXT NOT NULL,
        since_latest TEXT NOT NULL,
        entered_by TEXT NOT NULL,
        detail TEXT,
        reason TEXT,
        PRIMARY KEY (channel_id, valid_from, position, rec_from)
    ){ROWLESS}""",
    """CREATE TABLE IF NOT EXISTS rm_meetings (
        channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        ordinal INTEGER NOT NULL,
        occurred_text TEXT NOT NULL,
        occurred_start TEXT NOT NULL,
        occurred_latest TEXT NOT NULL,
        level TEXT,
        run_max TEXT,
        PRIMARY KEY (channel_id, occurred_start, seq, rec_from)
    ){ROWLESS}""",
    """CREATE TABLE IF NOT EXISTS rm_cadences (
        channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        level TEXT NOT NULL,
        per_year DOUBLE PRECISION NOT NULL,
        agreed_text TEXT NOT NULL,
        agreed_start TEXT NOT NULL,
        agreed_latest TEXT NOT NULL,
        PRIMARY KEY (channel_id, seq, rec_from)
    ){ROWLESS}""",
    # A plan's versions in valid time: as agreed (valid_from its agreement), then as each
    # postponement or cancellation left it (change, changed_text) from that day on.
    """CREATE TABLE IF NOT EXISTS rm_plans (
        channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        valid_from TEXT NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        agreed_text TEXT NOT NULL,
        agreed_start TEXT NOT NULL,
        window_text TEXT NOT NULL,
        settle_from TEXT NOT NULL,
        level TEXT,
        host TEXT,
        location TEXT,
        agreed_window_text TEXT NOT NULL,
        change TEXT,
        changed_text TEXT,
        postponements INTEGER NOT NULL,
        PRIMARY KEY (channel_id, seq, valid_from, rec_from)
    ){ROWLESS}""",
    # What a channel went by from each day on (title, topics, level, leads: one sealed JSON),
    # written only for a channel that was amended.
    """CREATE TABLE IF NOT EXISTS rm_profiles (
        channel_id TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        profile TEXT NOT NULL,
        PRIMARY KEY (channel_id, valid_from, seq, rec_from)
    ){ROWLESS}""",
    # The words of each live fact (title, location, leads, summary, reason, topics, sources'
    # citations, quotes and notes), for `tracker search`: indexed by the store's full-text
    # search (SEARCH_INDEX). Never written in an encrypted store: an index holds words in clear.
    # ``id`` is SQLite's rowid, which its index refers to (kept by VACUUM as an INTEGER
    # PRIMARY KEY); PostgreSQL has no such column (SEARCH_COLUMNS are those written).
    """CREATE TABLE IF NOT EXISTS rm_search (
        {SEARCH_ID}channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        kind TEXT NOT NULL,
        occurred_text TEXT NOT NULL,
        occurred_start TEXT NOT NULL,
        text TEXT NOT NULL,
        length INTEGER NOT NULL,
        words {SEARCH_WORDS} NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS rm_search_channel ON rm_search (channel_id, rec_to)",
    """CREATE TABLE IF NOT EXISTS rm_tracking (
        view TEXT PRIMARY KEY,
        notification_id BIGINT NOT NULL
    )""",
)

# Each table's key (the order its rows are compared in), and the columns that hold a user's
# text (encrypted in an encrypted store).
KEYS = {
    "rm_channels": ("channel_id", "rec_from"),
    "rm_spans": ("channel_id", "valid_from", "position", "rec_from"),
    "rm_meetings": ("channel_id", "occurred_start", "seq", "rec_from"),
    "rm_cadences": ("channel_id", "seq", "rec_from"),
    "rm_plans": ("channel_id", "seq", "valid_from", "rec_from"),
    "rm_profiles": ("channel_id", "valid_from", "seq", "rec_from"),
    "rm_search": ("channel_id", "seq", "rec_from"),
}
TEXTS = {
    "rm_channels": (
        "slug",
        "title",
        "parties",
        "topics",
        "leads",
        "follows",
        "detail",
        "reason",
        "shown",
        "view",
    ),
    "rm_spans": ("detail", "reason"),
    "rm_plans": ("host", "location"),
    "rm_profiles": ("profile",),
}

# --- full-text search -------------------------------------------------------------------------
#
# Only the current rows (rec_to = FOREVER) are indexed; a search as known at an earlier moment
# reads the rows closed since then one by one (search.select_found). Each row holds, derived
# from its text by the cursor (search.index_entry), how many words the text has (``length``,
# the order's first key) and its distinct words folded (``words``: lower case, no accents), cut
# and folded in Python the same way for both stores ("Yì" is held as "yi").
SEARCH_COLUMNS = (
    "channel_id", "seq", "rec_from", "rec_to", "kind", "occurred_text", "occurred_start", "text",
)  # fmt: skip
# Columns that are derived in the table itself (not compared by tracker verify).
DERIVED = frozenset({"id", "length", "words"})

# SQLite: an FTS5 index of the folded words of rm_search (its "external content"), cut at the
# spaces between them (the ``ascii`` tokenizer: the words are already cut and folded). The
# cursor keeps it in step, in bulk: the rows written are indexed by one statement after they are
# written, the rows closed leave it by one statement before they are closed. (Triggers, row by
# row, made a catch-up five times slower: FTS5 writes out its pending words at each trigger's
# statement.)
SEARCH_ID = {"sqlite": "id INTEGER PRIMARY KEY,\n        ", "postgres": ""}
SEARCH_SQLITE = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS rm_search_fts USING fts5(
        words, content='rm_search', content_rowid='id', tokenize='ascii'
    )""",
)
SEARCH_SQLITE_TABLES = ("rm_search_fts",)  # dropped before rm_search
SEARCH_INDEX_NEW = (
    "INSERT INTO rm_search_fts (rowid, words) SELECT id, words FROM rm_search WHERE id > ?"
)
SEARCH_UNINDEX = (
    "INSERT INTO rm_search_fts (rm_search_fts, rowid, words) "  # noqa: S608 (constant names)
    f"SELECT 'delete', id, words FROM rm_search WHERE channel_id = ? AND rec_to = {FOREVER}"
)

# PostgreSQL: each row's words as a tsvector written with the row (search.tsvector_of: the same
# words, not cut by PostgreSQL's parser, which keeps a URL, a host or an e-mail address as one
# word), and a GIN index of the current rows only.
SEARCH_WORDS = {"sqlite": "TEXT", "postgres": "tsvector"}
SEARCH_POSTGRES = (
    "CREATE INDEX IF NOT EXISTS rm_search_words ON rm_search USING GIN (words) "
    f"WHERE rec_to = {FOREVER}",
)
