@sqlite_file
Feature: Looking after a store
  A team depends on its store: the dashboard's read model can be rebuilt from the events at any
  time, every event is sealed into a chain that shows when someone changed the database behind
  the tracker's back, a store can be encrypted so that titles and quotes never lie in clear,
  and anyone can follow what colleagues record as it lands. Nothing the tracker writes (a report,
  an export, its standard output) ever lands on the store itself.

  Background:
    Given the seed file of the article was imported

  Rule: The dashboard's read model can always be rebuilt from the events

    Scenario: Rebuilding the read model changes nothing the dashboard shows
      Given I noted the dashboard as of "2024-09-01"
      When I rebuild the read model
      Then it succeeds
      And I see "rebuilt the read model from 18 events"
      And the dashboard as of "2024-09-01" is the one I noted

  Rule: Every event is sealed into the store's chain (its ledger), and verify checks it

    Scenario: A store nobody touched verifies
      When I verify the store
      Then it succeeds
      And I see "verified 18 events in 9 channels: every chain is intact"

    Scenario: An event changed directly in the database is named by channel and number
      Given someone changed "Two-hour lunch" to "Ten-hour lunch" in the stored events, behind the tracker's back
      When I verify the store
      Then the tracker finds the store changed with exit code 1, saying "1 problem in 1 channel"
      And I see "us-cn-commercial-wg #2: was altered"

    @postgres
    Scenario: An event deleted directly from a shared database is named
      Given someone deleted event #3 of "us-cn-commercial-wg" from the database
      When I verify the store
      Then the tracker finds the store changed with exit code 1, saying "1 problem in 1 channel"
      And I see "us-cn-commercial-wg #3: is missing"

  Rule: Events deleted behind the tracker's back stay evident, and no write extends a broken history

    Scenario: A channel's newest events deleted in the database stay evident after a rebuild
      Given someone deleted event #4 of "us-cn-commercial-wg" and every later one from the database
      And the read model was rebuilt
      When I verify the store
      Then the tracker finds the store changed with exit code 1, saying "1 problem in 1 channel"
      And I see "us-cn-commercial-wg #4: is missing"

    Scenario: A channel whose newest events were deleted takes no new fact
      Given someone deleted event #4 of "us-cn-commercial-wg" and every later one from the database
      When I record a meeting on "us-cn-commercial-wg" on "2024-06-01"
      Then the tracker reports the store unreachable with exit code 3, saying "run tracker verify"
      And nothing is recorded

    @postgres
    Scenario: A whole channel deleted from a shared database is named
      Given the dashboard was read
      And someone deleted every event of "us-cn-mmca" from the database
      When I verify the store
      Then the tracker finds the store changed with exit code 1, saying "1 problem in 1 channel"
      And I see "us-cn-mmca #1: is missing, and so are the events up to #2: deleted"

    Scenario: The newest events of the store deleted stop every channel's writes
      Given someone deleted the newest event of the store from the database
      When I resume "us-cn-mmca" on "2024-05-01"
      Then the tracker reports the store unreachable with exit code 3, saying "the store's newest events were deleted"
      And nothing is recorded

  Rule: A channel damaged behind the tracker's back is never left out of a backup, a report or the dashboard

    Channels are listed by their openings. A channel whose opening can no longer be read is
    not quietly left out: whatever reads every channel says the store is damaged, names the
    channel (by its id, since its slug is in the opening), and writes nothing.

    Scenario Outline: An export is refused, not written short, when a channel's opening was changed
      Given someone made the opening of "us-cn-commercial-wg" an event of a kind the tracker does not know, behind the tracker's back
      When I export every event as <format> to "<file>"
      Then the tracker finds the store damaged with exit code 3, saying "is not one of the tracker's"
      And the message mentions "the channel with id"
      And the message mentions "run tracker verify"
      And no file "<file>" is written

      Examples:
        | format       | file         |
        | JSON Lines   | events.jsonl |
        | CSV          | events.csv   |
        | seed entries | backup.jsonl |

    Scenario Outline: A report is refused, not written short, when a channel's opening was deleted
      Given someone deleted event #1 of "us-cn-commercial-wg" from the database
      When I ask for the report in <format> written to "<file>"
      Then the tracker finds the store damaged with exit code 3, saying "the channel has later events but no opening"
      And the message mentions "run tracker verify"
      And no file "<file>" is written

      Examples:
        | format   | file        |
        | Markdown | report.md   |
        | HTML     | report.html |
        | JSON     | report.json |

    Scenario: Yesterday's backup stays as it was when today's finds a channel damaged
      Given yesterday's backup is in "backup.jsonl"
      And someone deleted event #1 of "us-cn-commercial-wg" from the database
      When I export every event as seed entries to "backup.jsonl"
      Then the tracker finds the store damaged with exit code 3, saying "run tracker verify"
      And "backup.jsonl" still holds yesterday's backup

    Scenario: The dashboard says the store is damaged rather than leave a channel out
      Given someone deleted event #1 of "us-cn-commercial-wg" from the database
      When I ask for the dashboard
      Then the tracker finds the store damaged with exit code 3, saying "the channel has later events but no opening"

    @postgres
    Scenario: On a shared database, a backup is refused when a channel's opening was changed
      Given someone made the opening of "us-cn-commercial-wg" an event of a kind the tracker does not know, behind the tracker's back
      When I export every event as seed entries to "backup.jsonl"
      Then the tracker finds the store damaged with exit code 3, saying "is not one of the tracker's"
      And no file "backup.jsonl" is written

  Rule: The store's digest, noted or published, later proves that nothing recorded up to it changed

    Scenario: A digest noted before holds while new facts are recorded
      Given I noted the store's digest
      And a meeting was held on "us-cn-commercial-wg" on "2024-04-04"
      When I verify the store against the digest I noted
      Then it succeeds
      And I see "is unchanged"
      And I see "store digest: 19-"

    Scenario: A digest noted before fails once a fact recorded before it is changed
      Given I noted the store's digest
      And someone changed "Two-hour lunch" to "Ten-hour lunch" in the stored events, behind the tracker's back
      When I verify the store against the digest I noted
      Then the tracker finds the store changed with exit code 1, saying "2 problems"
      And I see "differs from the digest noted"

  Rule: A long channel is read from its snapshot, which verify checks and rebuild takes again

    Scenario: A snapshot changed behind the tracker's back is found, and rebuilding takes it again
      Given "us-cn-long-talks" was opened with 600 meetings, one a day from "2001-01-02" in "City 1", "City 2" and so on
      And someone changed "City 7" to "Atlantis" in the channel's snapshot, behind the tracker's back
      When I verify the store
      Then the tracker finds the store changed with exit code 1, saying "1 problem in 1 channel"
      And I see "us-cn-long-talks #8: differs in the channel's snapshot"
      When I rebuild the read model and the snapshots
      Then it succeeds
      And the store verifies
      And the history of "us-cn-long-talks" shows a meeting in "City 7" and none in "Atlantis"

  Rule: An encrypted store keeps its text out of the database, and needs its key

    Scenario: Titles and quotes of an encrypted store are nowhere in the database
      Given a new store encrypted with a key from tracker keygen
      When I import the seed file of the article
      Then it succeeds
      And the database does not contain "Commercial Issues" or "she and Wang would meet once a year"
      And "us-cn-commercial-wg" is active since "2023-08-28"

    Scenario: A channel's slug cannot be guessed from an encrypted store's ids
      Given a new store encrypted with a key from tracker keygen
      When I import the seed file of the article
      Then it succeeds
      And the database holds no id that the slug "us-cn-commercial-wg" gives without the key
      And "us-cn-commercial-wg" is active since "2023-08-28"

    Scenario: A store encrypted before channel ids were keyed warns that its slugs can be guessed
      Given a store encrypted before channel ids were keyed, holding "us-cn-commercial-wg"
      When I ask for the status of "us-cn-commercial-wg"
      Then it succeeds with one warning, saying "channel ids are derived from their slugs alone"
      And I see "us-cn-commercial-wg"

    Scenario: An encrypted store's dashboard is rebuilt without writing its text in clear
      Given a new store encrypted with a key from tracker keygen
      And the seed file of the article was imported
      When I rebuild the read model
      Then it succeeds
      And the database does not contain "Commercial Issues" or "Raimondo"
      And "us-cn-commercial-wg" is active since "2023-08-28"

    Scenario: Without its key an encrypted store cannot be read
      Given a new store encrypted with a key from tracker keygen
      And the seed file of the article was imported
      When I forget the key and ask for the status of every channel
      Then the tracker reports the store unreachable with exit code 3, saying "set TRACKER_ENCRYPTION_KEY"

  Rule: Anyone can follow new events as they land

    Scenario: Watching from the start prints every event, then follows
      When I watch the store from the start for 3 events
      Then it succeeds
      And I see "us-cn-commercial-wg #1"
      And I see "opened"

  Rule: Nothing the tracker writes ever lands on its own store

    Scenario: A report is never written over the store
      Given I noted every byte of the store's files
      When I ask for the report written over the store's own file
      Then the tracker rejects it as bad input with exit code 2, saying "is the store"
      And every byte of the store's files is as I noted it

    Scenario: An export is never written over the store under another name
      Given I noted every byte of the store's files
      When I export every event to a link that names the store's write-ahead log
      Then the tracker rejects it as bad input with exit code 2, saying "is the store's write-ahead log"
      And every byte of the store's files is as I noted it
