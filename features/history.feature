Feature: Read a channel's history
  The history of a channel lists every event recorded on it: its number, the date it occurred as
  precisely as it was reported, what happened, and the sources that reported it. It reads as the
  channel's story, by real-world date: each fact by the earliest day its date could mean, facts
  of the same day in the order recorded, and a retraction, which has no date of its own, right
  after the event it retracts. "--by recorded" lists the events in the order they were recorded
  instead, by number. Nothing is ever deleted: a retracted event stays, marked as retracted.

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"

  Rule: The history shows every event with its number and its date as precise as it was given

    Scenario: Every event, numbered in the order it was recorded, listed by date
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      And "us-cn-commercial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      And a meeting was held on "us-cn-commercial-wg" on "2024-04~" at vice-ministerial level
      And "us-cn-commercial-wg" was suspended on "2024-06" by CN
      When I ask for the history of "us-cn-commercial-wg"
      Then the history shows these events:
        | # | occurred   | event     |
        | 1 | 2023-08-28 | opened    |
        | 2 | 2023-08-28 | meeting   |
        | 3 | 2023-08-28 | cadence   |
        | 4 | 2024-04~   | meeting   |
        | 5 | 2024-06    | suspended |

  Rule: The history is listed by the date each event occurred, or with --by recorded as recorded

    Scenario: A fact backfilled later keeps its number, and takes its place by date
      Given a meeting was held on "us-cn-commercial-wg" on "2024-04-04"
      And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I ask for the history of "us-cn-commercial-wg"
      Then the history shows these events:
        | # | occurred   | event   |
        | 1 | 2023-08-28 | opened  |
        | 3 | 2023-08-28 | meeting |
        | 2 | 2024-04-04 | meeting |

    Scenario: With --by recorded, the events are listed in the order recorded
      Given a meeting was held on "us-cn-commercial-wg" on "2024-04-04"
      And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I run tracker history us-cn-commercial-wg --by recorded
      Then the history shows these events:
        | # | occurred   | event   |
        | 1 | 2023-08-28 | opened  |
        | 2 | 2024-04-04 | meeting |
        | 3 | 2023-08-28 | meeting |

    Scenario: A date of less precision is placed by the earliest day it could mean
      Given a meeting was held on "us-cn-commercial-wg" on "2024-04-20"
      And a meeting was held on "us-cn-commercial-wg" on "2024-04~"
      And a meeting was held on "us-cn-commercial-wg" on "2024"
      When I ask for the history of "us-cn-commercial-wg"
      Then the history shows these events:
        | # | occurred   | event   |
        | 1 | 2023-08-28 | opened  |
        | 4 | 2024       | meeting |
        | 3 | 2024-04~   | meeting |
        | 2 | 2024-04-20 | meeting |

    Scenario: A retraction, which has no date, comes right after the event it retracts
      Given a meeting was held on "us-cn-commercial-wg" on "2024-04-04"
      And a meeting was held on "us-cn-commercial-wg" on "2023-11-15"
      And event #3 of "us-cn-commercial-wg" was retracted because "it was a phone call"
      When I ask for the history of "us-cn-commercial-wg"
      Then the history shows these events:
        | # | occurred   | event     |
        | 1 | 2023-08-28 | opened    |
        | 3 | 2023-11-15 | meeting   |
        | 4 | —          | retracted |
        | 2 | 2024-04-04 | meeting   |

    Scenario: People and scripts (--json) get the history in the same order
      Given a meeting was held on "us-cn-commercial-wg" on "2024-04-04"
      And a meeting was held on "us-cn-commercial-wg" on "2023-11-15"
      When I ask for the history of "us-cn-commercial-wg"
      Then the history lists events #1, #3 and #2

    Scenario Outline: The date of an event keeps the precision it was reported with
      Given a meeting was held on "us-cn-commercial-wg" on "<occurred>"
      When I ask for the history of "us-cn-commercial-wg"
      Then the history shows these events:
        | # | occurred   | event   |
        | 1 | 2023-08-28 | opened  |
        | 2 | <occurred> | meeting |
      And for scripts, event #2 of "us-cn-commercial-wg" occurred "<occurred>" at <precision> precision, <exactness>

      Examples:
        | occurred              | precision | exactness   |
        | 2023-08-28/2023-08-29 | interval  | exact       |
        | 2023-12-14~           | day       | approximate |
        | 2023-09               | month     | exact       |
        | 2024-04~              | month     | approximate |
        | 2024                  | year      | exact       |

  Rule: The history shows where each fact was reported

    Scenario: A source with its quote and confidence
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28", reported by "AP, 2023-08-29" quoting "she and Wang would meet once a year" with high confidence
      And I ask for the history of "us-cn-commercial-wg"
      Then the history shows on event #2 the source "AP, 2023-08-29" quoting "she and Wang would meet once a year" with high confidence

    Scenario: A source given without a confidence is of medium confidence
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28", reported by "Xinhua, 2023-08-28"
      And I ask for the history of "us-cn-commercial-wg"
      Then the history shows on event #2 the source "Xinhua, 2023-08-28" with medium confidence

  Rule: Nothing is deleted: a retracted event stays in the history, marked

    Scenario: A retracted meeting is marked in the history
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I retract event #2 of "us-cn-commercial-wg" because "it was a lunch, not a meeting of the group"
      And I ask for the history of "us-cn-commercial-wg"
      Then the history marks event #2 as retracted
      And I see "it was a lunch, not a meeting of the group"

    Scenario: The history of a channel nobody opened is refused
      When I ask for the history of "us-cn-space-talks"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"
