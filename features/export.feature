Feature: Export every event
  Every event can be exported for other tools: one JSON object a line (JSON Lines) or one row of
  a CSV file. Each carries its channel, its number, its kind, the date it occurred in the EDTF
  form it was reported with, the moment it was recorded, its details, its sources, and its CAMEO
  code, so that tools speaking CAMEO or PLOVER can read it. A CSV file is for spreadsheets: each
  detail has a column of its own and each source numbered columns, with no JSON in any cell. Retracted events are exported too,
  marked as retracted; a retraction has no CAMEO code ("---"). Like every reading command, an
  export can look back as of a day and as known at a moment.

  Background:
    Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"
    And "us-cn-ai-talks" was agreed on "2023-11-15"
    And "us-cn-ai-talks" agreed to meet at expert level 2 times a year on "2023-11-15"
    And a meeting on "us-cn-ai-talks" was agreed on "2023-11-15" to take place in "2024-04~/2024-05~"
    And a meeting was held on "us-cn-ai-talks" on "2024-05-14" at expert level
    And "us-cn-ai-talks" was suspended on "2024-07" by CN
    And "us-cn-ai-talks" was resumed on "2024-11-16"
    And "us-cn-ai-talks" was concluded on "2025-01"
    And event #4 of "us-cn-ai-talks" was retracted because "the summit was planned for another channel"

  Rule: Every event is exported, one per line or row, with its date in EDTF form

    Scenario Outline: Every event of every channel
      Given an agreed channel "us-cn-mmca" opened on "1998-01-19"
      And a meeting was held on "us-cn-mmca" on "2021-12-14~"
      When I export every event as <format>
      Then the export holds these events:
        | channel        | # | kind      | occurred    |
        | us-cn-ai-talks | 1 | opened    | 2023-08-29  |
        | us-cn-ai-talks | 2 | agreed    | 2023-11-15  |
        | us-cn-ai-talks | 3 | cadence   | 2023-11-15  |
        | us-cn-ai-talks | 4 | planned   | 2023-11-15  |
        | us-cn-ai-talks | 5 | meeting   | 2024-05-14  |
        | us-cn-ai-talks | 6 | suspended | 2024-07     |
        | us-cn-ai-talks | 7 | resumed   | 2024-11-16  |
        | us-cn-ai-talks | 8 | concluded | 2025-01     |
        | us-cn-ai-talks | 9 | retracted |             |
        | us-cn-mmca     | 1 | opened    | 1998-01-19  |
        | us-cn-mmca     | 2 | meeting   | 2021-12-14~ |

      Examples:
        | format     |
        | JSON Lines |
        | CSV        |

    Scenario Outline: Each event carries its channel, number, kind, dates, details, sources and CAMEO code
      When I export every event as <format>
      Then every exported event has its channel, number, kind, occurred, recorded, details, sources and CAMEO code
      And every exported event was recorded when the history says it was

      Examples:
        | format     |
        | JSON Lines |
        | CSV        |

    Scenario Outline: The details keep the window of a planned meeting as reported
      When I export every event as <format>
      Then the exported event #4 of "us-cn-ai-talks" has the window "2024-04~/2024-05~"

      Examples:
        | format     |
        | JSON Lines |
        | CSV        |

    Scenario Outline: The sources of an event are exported with it
      Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"
      And a meeting was held on "us-cn-commercial-wg" on "2023-08-28", reported by "AP, 2023-08-29" quoting "she and Wang would meet once a year" with high confidence
      When I export every event as <format>
      Then the exported event #2 of "us-cn-commercial-wg" has the source "AP, 2023-08-29" quoting "she and Wang would meet once a year" with high confidence

      Examples:
        | format     |
        | JSON Lines |
        | CSV        |

    Scenario: The export is written to a file
      When I export every event as CSV to "events.csv"
      Then the export is written to "events.csv"
      And the export holds events #1 to #9 of "us-cn-ai-talks" and nothing else

    Scenario: An export to "-" is printed, as by other tools
      When I export every event as CSV to "-"
      Then the export is printed, and no file "-" is written
      And the export holds events #1 to #9 of "us-cn-ai-talks" and nothing else

    Scenario: An export to a named pipe that nobody reads is refused, instead of waiting for ever
      Given a named pipe "events.jsonl" that nobody reads
      When I export every event as JSON Lines to "events.jsonl"
      Then the tracker rejects it as bad input with exit code 2, saying "no process reads the named pipe"
      And the message mentions "start its reader first"

    @postgres
    Scenario: On a shared database, every event is exported
      Given the store is a new shared PostgreSQL database
      When I export every event as JSON Lines
      Then the export holds events #1 to #9 of "us-cn-ai-talks" and nothing else

  Rule: In CSV, each detail and each source has columns of their own, for spreadsheets

    Scenario: A meeting's details and sources, each in its own column
      Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"
      And I ran tracker meet us-cn-commercial-wg --on 2023-08-28 --level ministerial --location Beijing --lead "USA=Gina Raimondo" --lead "CHN=Wang Wentao" --summary "Talks on export controls" --source "AP, 2023-08-29" --quote "she and Wang would meet once a year" --confidence high --source "Xinhua, 2023-08-28" --note "in Chinese"
      When I export every event as CSV
      Then in the CSV, event #2 of "us-cn-commercial-wg" reads:
        | column              | value                               |
        | kind                | meeting                             |
        | occurred            | 2023-08-28                          |
        | level               | ministerial                         |
        | location            | Beijing                             |
        | leads               | USA=Gina Raimondo; CHN=Wang Wentao  |
        | summary             | Talks on export controls            |
        | window              |                                     |
        | source_1_citation   | AP, 2023-08-29                      |
        | source_1_quote      | she and Wang would meet once a year |
        | source_1_confidence | high                                |
        | source_1_note       |                                     |
        | source_2_citation   | Xinhua, 2023-08-28                  |
        | source_2_confidence | medium                              |
        | source_2_note       | in Chinese                          |
      And the CSV has the source columns of 2 sources
      And no CSV cell holds JSON

    Scenario: A line break typed as a carriage return stays in its cell, and starts no formula
      Given an agreed channel "us-cn-talks" opened on "2024-01-10"
      And a meeting was held on "us-cn-talks" on "2024-02-01" with a summary typed as "Talks went well", a carriage return and "=2+5+cmd|' /C calc'!A0"
      When I export every event as CSV
      Then the CSV has one row per event, each as wide as its header
      And in the CSV, the summary of event #2 of "us-cn-talks" is "Talks went well", a line break and "=2+5+cmd|' /C calc'!A0"

    Scenario: Each kind of event fills the columns of its own details
      When I export every event as CSV
      Then in the CSV, event #1 of "us-cn-ai-talks" reads:
        | column       | value            |
        | title        | us-cn-ai-talks   |
        | parties      | USA; CHN         |
        | status       | proposed         |
        | cameo_actors | USA=USA; CHN=CHN |
      And in the CSV, event #3 of "us-cn-ai-talks" reads:
        | column   | value  |
        | level    | expert |
        | per_year | 2.0    |
      And in the CSV, event #6 of "us-cn-ai-talks" reads:
        | column | value |
        | by     | CHN   |
      And in the CSV, event #9 of "us-cn-ai-talks" reads:
        | column        | value                                      |
        | retracted_seq | 4                                          |
        | reason        | the summit was planned for another channel |
      And the CSV has the source columns of 0 sources
      And no CSV cell holds JSON

  Rule: Each kind of event has its CAMEO code

    Scenario: The CAMEO code of each kind of event
      When I export every event as JSON Lines
      Then the events of "us-cn-ai-talks" are exported with these CAMEO codes:
        | # | kind      | cameo |
        | 1 | opened    | 036   |
        | 2 | agreed    | 036   |
        | 3 | cadence   | 036   |
        | 4 | planned   | 036   |
        | 5 | meeting   | 046   |
        | 6 | suspended | 164   |
        | 7 | resumed   | 050   |
        | 8 | concluded | 164   |
        | 9 | retracted | ---   |

    Scenario: CSV carries the same CAMEO codes as JSON Lines
      When I export every event as CSV
      Then the CAMEO codes are those of the JSON Lines export

  Rule: A retracted event is exported, marked as retracted

    Scenario Outline: The retracted planned meeting is marked with the retraction
      When I export every event as <format>
      Then the exported event #4 of "us-cn-ai-talks" is marked as retracted by event #9

      Examples:
        | format     |
        | JSON Lines |
        | CSV        |

  Rule: An export can be limited to channels, to a day, and to what was known at a moment

    Scenario: Only the channels named
      Given an agreed channel "us-cn-mmca" opened on "1998-01-19"
      When I export the events of "us-cn-mmca" as JSON Lines
      Then the export holds events #1 of "us-cn-mmca" and nothing else

    Scenario Outline: As of a day, as known at a moment
      When I export every event as <format> as of "<as of>", as known <known>
      Then the export holds events <events> of "us-cn-ai-talks" and nothing else

      Examples:
        | format     | as of      | known                                               | events         |
        | JSON Lines | 2024-06-01 | now                                                 | #1 to #5 and #9 |
        | CSV        | 2023-12-31 | now                                                 | #1 to #4 and #9 |
        | JSON Lines | today      | just before event #9 of us-cn-ai-talks was recorded | #1 to #8       |
        | CSV        | 2024-06-01 | just before event #6 of us-cn-ai-talks was recorded | #1 to #5       |

    Scenario: Before any channel was opened there is nothing to export
      When I export every event as JSON Lines as of "2000-01-01"
      Then it succeeds
      And the export holds no event

    Scenario: Naming a channel nobody opened is refused, and nothing is exported
      When I export the events of "us-cn-ai-talks" and "us-cn-space-talks" as JSON Lines
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"

    Scenario: Naming a channel nobody opened is refused, and no file is written
      When I export the events of "us-cn-ai-talks" and "us-cn-space-talks" as CSV to "events.csv"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"
      And no file "events.csv" is written

  Rule: The seed entries of a store import again into the same record

    Scenario: A round trip through seed entries gives the same statuses, histories and answers
      Given an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"
      And a meeting was held on "us-cn-mmca" on "2021-12-14"
      And "us-cn-mmca" was suspended on "2022-08-05" by CN
      When I export every event as seed entries to "seed.jsonl"
      Then the export is written to "seed.jsonl"
      And importing "seed.jsonl" into a new store gives the same answers as this one

    Scenario: Seed entries go to a .jsonl file, the one kind tracker import reads them from
      When I export every event as seed entries to "seed.toml"
      Then the tracker rejects it as bad input with exit code 2, saying "name the output seed.jsonl"

    Scenario: A round trip keeps corrections, amendments, and postponed and cancelled plans
      Given an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"
      And I ran tracker correct us-cn-mmca 1 --on 1998-01-20 --why "the agreement was signed on the 20th"
      And I ran tracker amend us-cn-mmca --on 2020-01-01 --title "Military Maritime Consultative Agreement talks"
      And I ran tracker plan us-cn-mmca --on 2021-01-01 --window 2021-06
      And I ran tracker postpone us-cn-mmca 5 --on 2021-05-01 --window 2021-10
      And I ran tracker plan us-cn-mmca --on 2021-02-01 --window 2021-12
      And I ran tracker cancel us-cn-mmca 7 --on 2021-11-01
      When I export every event as seed entries to "seed.jsonl"
      Then the export is written to "seed.jsonl"
      And importing "seed.jsonl" into a new store gives the same answers as this one
