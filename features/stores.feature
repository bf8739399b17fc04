@sqlite_file
Feature: Keep the records in a store of one's choice
  An analyst's records live in a SQLite file by default. A team shares one PostgreSQL database
  instead, named by a URL given with --db or TRACKER_DB. Both behave the same. When the store
  cannot be reached, the tracker says so (exit code 3) without ever showing a password.

  Rule: The same session works on a shared PostgreSQL database

    @postgres
    Scenario: A channel's life recorded and read back on a shared database
      Given the store is a new shared PostgreSQL database
      And an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"
      And a meeting was held on "us-cn-mmca" on "2021-12-14"
      And "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I ask for the status of "us-cn-mmca"
      Then the status shows:
        | field    | shows                      |
        | parties  | USA, CHN                   |
        | status   | active since 2023-11-15    |
        | meetings | 1 held                     |
      And the store holds 4 events

    @postgres
    Scenario: A history backfilled on a shared database is checked in valid time
      Given the store is a new shared PostgreSQL database
      And an agreed channel "us-cn-mmca" opened on "1998-01-19"
      And "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I record a meeting on "us-cn-mmca" on "2016-05-01"
      And I ask for the history of "us-cn-mmca"
      Then the history shows these events:
        | # | occurred   | event     |
        | 1 | 1998-01-19 | opened    |
        | 4 | 2016-05-01 | meeting   |
        | 2 | 2022-08-05 | suspended |
        | 3 | 2023-11-15 | resumed   |

    @postgres
    Scenario: A refusal on a shared database records nothing
      Given the store is a new shared PostgreSQL database
      And an agreed channel "us-cn-mmca" opened on "1998-01-19"
      And a meeting was held on "us-cn-mmca" on "2022-09-01"
      When I suspend "us-cn-mmca" on "2022-08-05" by CN
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And nothing is recorded

    @postgres
    Scenario: Several channels suspended at once on a shared database: all or none
      Given the store is a new shared PostgreSQL database
      And an agreed channel "us-cn-mmca" opened on "1998-01-19"
      And a proposed channel "us-cn-ai-talks" opened on "2022-01-10"
      When I suspend "us-cn-mmca" and "us-cn-ai-talks" on "2022-08-05" by CN
      Then the tracker refuses it with exit code 1, saying "only an agreed or active channel can be suspended"
      And nothing is recorded
      And "us-cn-mmca" is agreed

    @postgres
    Scenario: The article imported twice into a shared database records nothing the second time
      Given the store is a new shared PostgreSQL database
      And the seed file of the article was imported
      When I import the seed file of the article
      Then it succeeds
      And nothing is recorded

  Rule: A store that cannot be reached is reported with exit code 3, without its password

    Scenario Outline: An unreachable PostgreSQL database is reported without its password
      Given the store is "postgresql://analyst:s3cret-pw@127.0.0.1:1/tracker"
      When <using the store>
      Then the tracker reports the store unreachable with exit code 3, saying "cannot connect to the PostgreSQL store postgresql://analyst@127.0.0.1:1/tracker"
      And the message does not show "s3cret-pw"

      Examples:
        | using the store                                                   |
        | I ask for the status of every channel                             |
        | I ask for the history of "us-cn-mmca"                             |
        | I open the channel "us-cn-mmca" between US and CN on "1998-01-19" |
        | I import the seed file of the article                             |

    @postgres
    Scenario: A database the PostgreSQL server does not have is reported without its password
      Given the store is "postgresql://postgres:s3cret-pw@127.0.0.1:5432/tracker_no_such_database"
      When I ask for the status of every channel
      Then the tracker reports the store unreachable with exit code 3, saying "cannot connect to the PostgreSQL store postgresql://postgres@127.0.0.1:5432/tracker_no_such_database"
      And the message does not show "s3cret-pw"

    Scenario Outline: A SQLite file in a directory that does not exist is reported
      Given the store is a SQLite file in a directory that does not exist
      When <using the store>
      Then the tracker reports the store unreachable with exit code 3, saying "does not exist"
      And the message mentions "no-such-directory"
      And no directory was created for it

      Examples:
        | using the store                                                   |
        | I open the channel "us-cn-mmca" between US and CN on "1998-01-19" |
        | I ask for the status of every channel                             |

    Scenario Outline: A store named by a link to nothing is refused, and the link's target is not made
      Given the store is a link to a file that does not exist
      When <using the store>
      Then the tracker rejects it as bad input with exit code 2, saying "which does not exist; give the path of the store itself"
      And the link is all there is beside it

      Examples:
        | using the store                                                   |
        | I open the channel "us-cn-mmca" between US and CN on "1998-01-19" |
        | I ask for the status of every channel                             |

    Scenario Outline: A SQLite file in a directory made read-only is reported, with what to do
      Given the store is a SQLite file holding "us-cn-mmca", in a directory made read-only
      When <using the store>
      Then the tracker reports the store unreachable with exit code 3, saying "is read-only"
      And the message mentions "make the directory writable"
      And nothing is recorded

      Examples:
        | using the store                                  |
        | I ask for the status of every channel            |
        | I record a meeting on "us-cn-mmca" on "2020-01-01" |

  Rule: A command that records nothing makes no store

    A store is made by the first command that records something: opening a channel, or
    importing a file. A command refused, or a dry run, where --db names no store yet (a
    mistyped path, most often) leaves none behind.

    Scenario: A meeting recorded where there is no store yet is refused, and no store is made
      When I run tracker meet us-cn-talks --on 2024-01-01
      Then the tracker reports the store unreachable with exit code 3, saying "there is no store"
      And no store was made

    Scenario: A dry run of an import where there is no store yet checks the file against an empty store, and makes none
      When I import the seed file of the article with --dry-run
      Then I see "dry run of us-china-2023.toml: 17 entries, 18 events would be recorded (0 were recorded already); nothing was written"
      And no store was made

    Scenario: Opening a channel where there is no store yet makes the store
      When I open the channel "us-cn-mmca" between US and CN on "1998-01-19"
      Then it is recorded

    Scenario: Opening a channel refused where there is no store yet makes no store
      When I run tracker open us-cn-talks --title "Talks" --party US --party CN --on 2999-01-01
      Then the tracker refuses it with exit code 1, saying "after today"
      And no store was made

    Scenario: An import refused where there is no store yet makes no store, and says there is none after
      Given a seed file "talks.jsonl" containing:
        """
        {"command": "open", "slug": "us-cn-talks", "title": "Talks", "parties": ["US", "CN"], "on": "2020-05"}
        {"command": "meet", "slug": "us-cn-talks", "on": "2019-01-10"}
        """
      When I import the seed file
      Then the tracker refuses it with exit code 1, saying "entry 2 (line 2)"
      And no store was made
      When I ask for the status of every channel
      Then the tracker reports the store unreachable with exit code 3, saying "there is no store"

  Rule: A database of another program is never taken over

    The tracker makes its tables where they are missing. In a SQLite file of another program,
    or next to a table of another program named as one of the tracker's, that would change or
    empty what is not the tracker's: such a database is refused (exit code 3) and left alone.
    A shared PostgreSQL database may hold other programs' tables under names of their own.

    Scenario: A SQLite file of another program is refused, and left as it was
      Given another program keeps a table "invoices" in the store
      When I ask for the status of every channel
      Then the tracker reports the store unreachable with exit code 3, saying "is not a tracker store: it holds the tables of another program (invoices)"
      And the other program's table "invoices" is as it was, and alone

    Scenario: Opening a channel in a SQLite file of another program is refused
      Given another program keeps a table "rm_channels" in the store
      When I open the channel "us-cn-mmca" between US and CN on "1998-01-19"
      Then the tracker reports the store unreachable with exit code 3, saying "is not a tracker store"
      And the other program's table "rm_channels" is as it was, and alone

    @postgres
    Scenario: A shared database where another program has a table named as the tracker's is refused
      Given the store is a new shared PostgreSQL database
      And another program keeps a table "rm_plans" in the store
      When I ask for the status of every channel
      Then the tracker reports the store unreachable with exit code 3, saying "holds tables named as the tracker's that the tracker did not make (rm_plans)"
      And the other program's table "rm_plans" is as it was, and alone

  Rule: An empty --db is a mistake, never the default store

    A script that passes --db "$STORE" with STORE unset, or sets TRACKER_DB to nothing, would
    otherwise write to the analyst's own store in the user data directory.

    Scenario Outline: An empty store name is rejected as bad input
      Given the store is "<store>"
      When <using the store>
      Then the tracker rejects it as bad input with exit code 2, saying "--db / TRACKER_DB is empty"
      And the message mentions "unset TRACKER_DB"

      Examples:
        | store | using the store                                                   |
        |       | I open the channel "us-cn-mmca" between US and CN on "1998-01-19" |
        |       | I ask for the status of every channel                             |

  Rule: A store is named by a SQLite file path or a PostgreSQL URL

    Scenario Outline: A store that is neither a file nor a PostgreSQL URL is rejected without its password
      Given the store is "<store>"
      When I ask for the status of every channel
      Then the tracker rejects it as bad input with exit code 2, saying "<reason>"
      And the message does not show "s3cret-pw"

      Examples:
        | store                                                  | reason                             |
        | mysql://analyst:s3cret-pw@127.0.0.1/tracker            | mysql:// stores are not supported  |
        | postgresql://analyst:s3cret-pw@127.0.0.1:port/tracker  | the port in postgresql://          |
        | postgresql://analyst:s3cret-pw@127.0.0.1:5432          | is not a PostgreSQL URL            |
        | memory://../tracker                                    | is not a memory store              |

  Rule: A store in memory (memory://NAME) lasts as long as the command that uses it

    A store in memory is for trying the tracker and for its tests: it is never written to disk,
    and each run of the tracker starts with none.

    Scenario: What one run recorded in a store in memory is gone for the next run
      Given one run of the tracker recorded the channel "us-cn-talks" in the store "memory://scratch"
      When another run of the tracker asks for the status of "us-cn-talks" in "memory://scratch"
      Then the tracker reports the store unreachable with exit code 3, saying "there is no store memory://scratch"
      And the message mentions "a memory store is created by the first command that records something"
