Feature: See every channel at a glance
  Without a channel, "tracker status" shows the dashboard: one row per channel with where it
  stands and since when, its last meeting, when the next meeting is due at each level of its
  cadences, the meetings planned and not yet held, and whether anything is overdue. The rows can
  be sorted and filtered. Piped into another program the dashboard is plain text; for scripts it
  is JSON: a list of the very objects "tracker status CHANNEL --json" prints.

  Background:
    Given these channels:
      | channel               | title                                           | parties | status   | opened                | level           |
      | us-cn-commercial-wg   | US–China Commercial Issues Working Group        | US, CN  | agreed   | 2023-08-28            | ministerial     |
      | us-cn-mmca            | Military Maritime Consultative Agreement talks  | US, CN  | agreed   | 1998-01-19            | senior-official |
      | us-cn-ai-talks        | US–China discussions on AI guardrails           | US, CN  | proposed | 2023-08-29            |                 |
      | us-cn-tourism-summit  | US–China travel and tourism summit              | US, CN  | agreed   | 2023-08-28/2023-08-29 |                 |
      | us-jp-economic-2plus2 | US–Japan Economic Policy Consultative Committee | US, JP  | agreed   | 2022-01-21            | ministerial     |
    And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
    And "us-cn-commercial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
    And a meeting was held on "us-cn-mmca" on "2021-12-14"
    And "us-cn-mmca" was suspended on "2022-08-05" by CN
    And a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
    And a meeting was held on "us-jp-economic-2plus2" on "2022-07-29"
    And "us-jp-economic-2plus2" agreed to meet at ministerial level 1 time a year on "2022-07-29"
    And a meeting was held on "us-jp-economic-2plus2" on "2023-11-14"

  Rule: The dashboard shows one row per channel

    Scenario: Each row shows status, last meeting, next meeting due, planned meetings and the overdue mark
      When I ask for the dashboard as of "2024-06-01"
      Then the dashboard shows these rows:
        | channel               | status                             | last meeting | next due                    | planned           | overdue |
        | us-cn-ai-talks        | proposed since 2023-08-29          |              |                             |                   | no      |
        | us-cn-commercial-wg   | active since 2023-08-28            | 2023-08-28   | vice-ministerial 2024-02-27 |                   | yes     |
        | us-cn-mmca            | suspended since 2022-08-05         | 2021-12-14   |                             |                   | no      |
        | us-cn-tourism-summit  | agreed since 2023-08-28/2023-08-29 |              |                             | 2024-01~/2024-04~ | yes     |
        | us-jp-economic-2plus2 | active since 2022-07-29            | 2023-11-14   | ministerial 2024-11-13      |                   | no      |

    @postgres
    Scenario: On a shared database, each row shows the same
      Given the store is a new shared PostgreSQL database
      When I ask for the dashboard as of "2024-06-01"
      Then the dashboard shows these rows:
        | channel               | status                             | last meeting | next due                    | planned           | overdue |
        | us-cn-ai-talks        | proposed since 2023-08-29          |              |                             |                   | no      |
        | us-cn-commercial-wg   | active since 2023-08-28            | 2023-08-28   | vice-ministerial 2024-02-27 |                   | yes     |
        | us-cn-mmca            | suspended since 2022-08-05         | 2021-12-14   |                             |                   | no      |
        | us-cn-tourism-summit  | agreed since 2023-08-28/2023-08-29 |              |                             | 2024-01~/2024-04~ | yes     |
        | us-jp-economic-2plus2 | active since 2022-07-29            | 2023-11-14   | ministerial 2024-11-13      |                   | no      |

    Scenario: Before the window of a planned meeting ends, it is planned but not overdue
      When I ask for the dashboard as of "2024-02-01"
      Then the dashboard shows this row:
        | channel              | status                             | last meeting | next due | planned           | overdue |
        | us-cn-tourism-summit | agreed since 2023-08-28/2023-08-29 |              |          | 2024-01~/2024-04~ | no      |

    Scenario: A planned meeting once held leaves the planned column
      Given a meeting was held on "us-cn-tourism-summit" on "2024-03-20"
      When I ask for the dashboard as of "2024-06-01"
      Then the dashboard shows this row:
        | channel              | status                  | last meeting | next due | planned | overdue |
        | us-cn-tourism-summit | active since 2024-03-20 | 2024-03-20   |          |         | no      |

    Scenario: A cadence agreed at two levels shows when each level meets next
      Given "us-cn-commercial-wg" agreed to meet at ministerial level 1 time a year on "2023-08-28"
      When I ask for the dashboard as of "2024-06-01"
      Then the dashboard shows this row:
        | channel             | status                  | last meeting | next due                                           | planned | overdue |
        | us-cn-commercial-wg | active since 2023-08-28 | 2023-08-28   | ministerial 2024-08-27; vice-ministerial 2024-02-27 |         | yes     |

    Scenario: For scripts, the dashboard is the list of what the status of each channel says
      When I ask for the dashboard as of "2024-06-01" for scripts
      Then the answer is a list of what "tracker status CHANNEL --json" says of each channel as of "2024-06-01"

    Scenario: Piped into another program, the dashboard is plain text
      When I ask for the dashboard as of "2024-06-01"
      Then the dashboard is plain text, without colour or box drawing

  Rule: The rows can be sorted by any column, and the order reversed

    Scenario Outline: Sorted by a column
      When I ask for the dashboard as of "2024-06-01" sorted by <column>
      Then the channels are listed in this order: <order>

      Examples:
        | column       | order                                                                                         |
        | channel      | us-cn-ai-talks, us-cn-commercial-wg, us-cn-mmca, us-cn-tourism-summit, us-jp-economic-2plus2 |
        | title        | us-cn-mmca, us-cn-commercial-wg, us-cn-ai-talks, us-cn-tourism-summit, us-jp-economic-2plus2 |
        | status       | us-cn-ai-talks, us-cn-tourism-summit, us-cn-commercial-wg, us-jp-economic-2plus2, us-cn-mmca |
        | since        | us-jp-economic-2plus2, us-cn-mmca, us-cn-commercial-wg, us-cn-tourism-summit, us-cn-ai-talks |
        | last-meeting | us-cn-ai-talks, us-cn-tourism-summit, us-cn-mmca, us-cn-commercial-wg, us-jp-economic-2plus2 |
        | next-due     | us-cn-commercial-wg, us-jp-economic-2plus2, us-cn-ai-talks, us-cn-mmca, us-cn-tourism-summit |
        | overdue      | us-cn-commercial-wg, us-cn-tourism-summit, us-cn-ai-talks, us-cn-mmca, us-jp-economic-2plus2 |

    Scenario Outline: Sorted by a column, in reverse
      When I ask for the dashboard as of "2024-06-01" sorted by <column>, reversed
      Then the channels are listed in this order: <order>

      Examples:
        | column  | order                                                                                         |
        | channel | us-jp-economic-2plus2, us-cn-tourism-summit, us-cn-mmca, us-cn-commercial-wg, us-cn-ai-talks |
        | overdue | us-jp-economic-2plus2, us-cn-mmca, us-cn-ai-talks, us-cn-tourism-summit, us-cn-commercial-wg |

    Scenario: Without a sort order, the rows are sorted by channel
      When I ask for the dashboard as of "2024-06-01"
      Then the channels are listed in this order: us-cn-ai-talks, us-cn-commercial-wg, us-cn-mmca, us-cn-tourism-summit, us-jp-economic-2plus2

    Scenario: An order the dashboard does not know is rejected
      When I ask for the dashboard as of "2024-06-01" sorted by parties
      Then the tracker rejects it as bad input with exit code 2, saying "--sort"

  Rule: Dates are sorted by the earliest day they could mean

    Scenario: Sorted by since, a status known only to the month comes before a later day of that month
      Given these channels:
        | channel           | status | opened     |
        | us-cn-fentanyl-wg | agreed | 2023-11-16 |
        | us-cn-ai-dialogue | agreed | 2023-11~   |
      When I ask for the dashboard as of "2024-06-01" sorted by since
      Then "us-cn-ai-dialogue" is listed before "us-cn-fentanyl-wg"

    Scenario: Sorted by last meeting, a meeting known only to the month comes before a later day of that month
      Given a meeting was held on "us-cn-tourism-summit" on "2024-03~"
      And a meeting was held on "us-cn-commercial-wg" on "2024-03-20"
      When I ask for the dashboard as of "2024-06-01" sorted by last-meeting
      Then "us-cn-tourism-summit" is listed before "us-cn-commercial-wg"

  Rule: The rows can be filtered by status, by party and to the channels with something overdue

    Scenario Outline: Only the channels asked for
      When I ask for the dashboard of <which channels> as of "2024-06-01"
      Then the dashboard lists only <listed>

      Examples:
        | which channels                     | listed                                                                      |
        | suspended channels                 | "us-cn-mmca"                                                                |
        | active and agreed channels         | "us-cn-commercial-wg", "us-cn-tourism-summit" and "us-jp-economic-2plus2"    |
        | channels with JP                   | "us-jp-economic-2plus2"                                                     |
        | channels with USA and JPN          | "us-jp-economic-2plus2"                                                     |
        | channels with something overdue    | "us-cn-commercial-wg" and "us-cn-tourism-summit"                            |
        | agreed channels with something overdue | "us-cn-tourism-summit"                                                  |

    Scenario: When no channel matches, the dashboard says so
      When I ask for the dashboard of concluded channels as of "2024-06-01"
      Then it succeeds
      And I see "no channel matches these filters"

    Scenario: A party that is neither a country nor an organisation is rejected
      When I ask for the dashboard of channels with XX as of "2024-06-01"
      Then the tracker rejects it as bad input with exit code 2, saying "'XX' is neither an ISO 3166-1 country code nor an organisation's code"

    Scenario: A status the tracker does not know is rejected
      When I ask for the dashboard of dormant channels as of "2024-06-01"
      Then the tracker rejects it as bad input with exit code 2, saying "--status"

  Rule: The dashboard, the report and the export list the channels in one order: by slug

    Scenario Outline: The <document> lists the channels by slug, as the dashboard does
      When I run tracker <command>
      Then the channels appear in the order of their slugs

      Examples:
        | document         | command                 |
        | dashboard        | status --json           |
        | JSON report      | report --format json    |
        | JSON Lines export | export --format jsonl  |
