Feature: Look back in time
  Every reading command (status, the dashboard, history, overdue, report and export) can look
  back in two ways, alone or together. "As of" a day is valid time: the answer is built from the
  facts that had occurred by then, whenever they were recorded. "As known" at a moment is record
  time: only what had been recorded by then counts, so the tracker answers as it would have
  answered at that moment.

  The military maritime talks met in December 2021, were suspended on 2022-08-05 and resumed
  on 2023-07-16; later an analyst backfilled a meeting of 2016. "Just before event #4 was
  recorded" is one microsecond before the moment the history gives for event #4; "when event #4
  was recorded" is that very moment; "on the day …" gives a bare day, which means the end of it.

  Background:
    Given an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"
    And "us-cn-mmca" agreed to meet at senior-official level 1 time a year on "1998-01-19"
    And a meeting was held on "us-cn-mmca" on "2021-12-14"
    And "us-cn-mmca" was suspended on "2022-08-05" by CN
    And "us-cn-mmca" was resumed on "2023-07-16"
    And a meeting was held on "us-cn-mmca" on "2016-05-01"

  Rule: The status of a channel can be asked as of a day, as known at a moment, or both

    Scenario Outline: Where the channel stood as of a day, from everything recorded since
      When I ask for the status of "us-cn-mmca" as of "<as of>"
      Then the answer is that "us-cn-mmca" was <status> since "<since>"

      Examples:
        | as of      | status    | since      |
        | 2016-04-30 | agreed    | 1998-01-19 |
        | 2016-05-01 | active    | 2016-05-01 |
        | 2022-08-04 | active    | 2016-05-01 |
        | 2022-08-05 | suspended | 2022-08-05 |
        | 2023-01-01 | suspended | 2022-08-05 |

    Scenario Outline: Where the channel stood as of a day, as known at a moment
      When I ask for the status of "us-cn-mmca" as of "<as of>", as known <known>
      Then the answer is that "us-cn-mmca" was <status> since "<since>"

      Examples: the suspension recorded, then the resumption, then a 2016 meeting backfilled
        | as of      | known                                            | status    | since      |
        | 2023-01-01 | now                                              | suspended | 2022-08-05 |
        | 2023-01-01 | just before event #4 of us-cn-mmca was recorded  | active    | 2021-12-14 |
        | 2023-01-01 | when event #4 of us-cn-mmca was recorded         | suspended | 2022-08-05 |
        | 2024-01-01 | now                                              | active    | 2023-07-16 |
        | 2024-01-01 | just before event #5 of us-cn-mmca was recorded  | suspended | 2022-08-05 |
        | 2022-01-01 | just before event #6 of us-cn-mmca was recorded  | active    | 2021-12-14 |
        | 2017-01-01 | just before event #6 of us-cn-mmca was recorded  | agreed    | 1998-01-19 |
        | 2017-01-01 | on the day event #6 of us-cn-mmca was recorded   | active    | 2016-05-01 |

    Scenario: As known before its suspension was recorded, a channel that had never met was agreed
      Given an agreed channel "us-cn-climate-talks" opened on "2013-04-13"
      And "us-cn-climate-talks" was suspended on "2022-08-05" by CN
      And "us-cn-climate-talks" was resumed on "2023-07-16"
      When I ask for the status of "us-cn-climate-talks" as of "2023-01-01", as known just before event #2 of us-cn-climate-talks was recorded
      Then the answer is that "us-cn-climate-talks" was agreed since "2013-04-13"

    Scenario: As known at a moment, without a day, the status is as of that moment's day
      When I ask for the status of "us-cn-mmca", as known just before event #5 of us-cn-mmca was recorded
      Then the answer is that "us-cn-mmca" was suspended since "2022-08-05"
      And the answer is as of the day event #5 of us-cn-mmca was recorded

    Scenario Outline: As known on a day before today, without a day, the answer is as of that day, as the tracker gave it then
      When I ask for the report in <format>, as known on the day before event #1 of us-cn-mmca was recorded
      Then the report is as of the day before event #1 of us-cn-mmca was recorded

      Examples:
        | format   |
        | Markdown |
        | JSON     |

    @postgres
    Scenario: On a shared database, the tracker answers as it would have before the suspension was recorded
      Given the store is a new shared PostgreSQL database
      When I ask for the status of "us-cn-mmca" as of "2023-01-01", as known just before event #4 of us-cn-mmca was recorded
      Then the answer is that "us-cn-mmca" was active since "2021-12-14"

  Rule: Every other reading command looks back the same way

    Scenario Outline: The history as of a day, as known at a moment
      When I ask for the history of "us-cn-mmca" as of "<as of>", as known <known>
      Then the history lists events <events>

      Examples:
        | as of      | known                                            | events        |
        | 2020-01-01 | now                                              | #1, #2 and #6 |
        | today      | just before event #5 of us-cn-mmca was recorded  | #1 to #4      |
        | today      | when event #5 of us-cn-mmca was recorded         | #1 to #5      |
        | 2022-12-31 | just before event #6 of us-cn-mmca was recorded  | #1 to #4      |
        | 2017-01-01 | just before event #6 of us-cn-mmca was recorded  | #1 and #2     |

    Scenario Outline: What was overdue as of a day, as known at a moment
      When I ask what is overdue as of "<as of>", as known <known>
      Then <what was overdue>

      Examples:
        | as of      | known                                            | what was overdue                                                                            |
        | 2017-01-01 | now                                              | nothing is overdue                                                                          |
        | 2017-01-01 | just before event #6 of us-cn-mmca was recorded  | only the senior-official meeting of "us-cn-mmca" due on "1999-01-19" is overdue, 6557 days late |
        | 2023-01-01 | now                                              | nothing is overdue                                                                          |
        | 2023-01-01 | just before event #4 of us-cn-mmca was recorded  | only the senior-official meeting of "us-cn-mmca" due on "2022-12-14" is overdue, 18 days late   |
        | 2024-08-01 | just before event #5 of us-cn-mmca was recorded  | nothing is overdue                                                                          |
        | 2024-08-01 | now                                              | only the senior-official meeting of "us-cn-mmca" due on "2024-07-15" is overdue, 17 days late   |

    Scenario Outline: The dashboard as of a day, as known at a moment
      Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"
      When I ask for the dashboard as of "<as of>", as known <known>
      Then the dashboard shows "us-cn-mmca" as <mmca>
      And the dashboard shows "us-cn-commercial-wg" as <commercial wg>

      Examples:
        | as of      | known                                                    | mmca                       | commercial wg           |
        | today      | now                                                      | active since 2023-07-16    | agreed since 2023-08-28 |
        | 2023-01-01 | now                                                      | suspended since 2022-08-05 | left out                |
        | today      | just before event #1 of us-cn-commercial-wg was recorded | active since 2023-07-16    | left out                |
        | 2023-01-01 | just before event #4 of us-cn-mmca was recorded          | active since 2021-12-14    | left out                |
        | 2017-01-01 | now                                                      | active since 2016-05-01    | left out                |
        | 1998-01-18 | now                                                      | left out                   | left out                |

    Scenario Outline: The report as of a day, as known at a moment
      When I ask for the report in <format> as of "<as of>", as known <known>
      Then the report is as of "<as of>"
      And the report shows "us-cn-mmca" <status> since "<since>"

      Examples:
        | format   | as of      | known                                            | status    | since      |
        | Markdown | 2023-01-01 | now                                              | suspended | 2022-08-05 |
        | HTML     | 2023-01-01 | just before event #4 of us-cn-mmca was recorded  | active    | 2021-12-14 |
        | JSON     | 2017-01-01 | just before event #6 of us-cn-mmca was recorded  | agreed    | 1998-01-19 |
        | JSON     | 2017-01-01 | now                                              | active    | 2016-05-01 |

    Scenario Outline: The export as of a day, as known at a moment
      When I export every event as <format> as of "<as of>", as known <known>
      Then the export holds events <events> of "us-cn-mmca" and nothing else

      Examples:
        | format     | as of      | known                                            | events        |
        | JSON Lines | today      | now                                              | #1 to #6      |
        | CSV        | 2020-01-01 | now                                              | #1, #2 and #6 |
        | JSON Lines | today      | just before event #5 of us-cn-mmca was recorded  | #1 to #4      |
        | CSV        | 2017-01-01 | just before event #6 of us-cn-mmca was recorded  | #1 and #2     |

  Rule: A channel did not exist before it was opened, nor before it was recorded

    Scenario: The status as of a day before the channel was opened says it did not exist
      When I ask for the status of "us-cn-mmca" as of "1998-01-18", as known now
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca did not exist as of 1998-01-18"

    Scenario: The status as known before the channel was recorded says it was not yet recorded, not that it did not exist
      When I ask for the status of "us-cn-mmca" as of "2023-01-01", as known on the day before event #1 of us-cn-mmca was recorded
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca was not yet recorded on "
      And the message does not show "did not exist"

    Scenario: The status as of a day before the opening, as known after it was recorded, says it did not exist
      When I ask for the status of "us-cn-mmca" as of "1998-01-18", as known when event #1 of us-cn-mmca was recorded
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca did not exist as of 1998-01-18 as known on "

    Scenario: The report of a channel as known before it was recorded says it was not yet recorded
      When I ask for the report of "us-cn-mmca" in Markdown, as known just before event #1 of us-cn-mmca was recorded
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca was not yet recorded on "
      And the message does not show "did not exist"

    Scenario: The history as of a day before the channel was opened is refused
      When I ask for the history of "us-cn-mmca" as of "1998-01-18"
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca did not exist as of 1998-01-18"

    Scenario: The history as known before the channel was recorded is refused
      When I ask for the history of "us-cn-mmca", as known just before event #1 of us-cn-mmca was recorded
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca was not yet recorded"

    Scenario: As known before any channel was recorded, the dashboard has none
      When I ask for the dashboard as of "2023-01-01", as known on the day before event #1 of us-cn-mmca was recorded
      Then it succeeds
      And I see "no channels recorded"

  Rule: "As of" is one day, and "as known" one moment

    Scenario Outline: A day that is not one day is rejected, whatever the reading command
      When <asking as of a month>
      Then the tracker rejects it as bad input with exit code 2, saying "--as-of"

      Examples:
        | asking as of a month                                    |
        | I ask for the history of "us-cn-mmca" as of "2023-08"   |
        | I ask what is overdue as of "2023-08"                   |
        | I ask for the dashboard as of "2023-08"                 |
        | I ask for the report in Markdown as of "2023-08"        |
        | I export every event as CSV as of "2023-08"             |

    Scenario Outline: A moment that is not a moment is rejected
      When I ask for the status of "us-cn-mmca", as known on "<moment>"
      Then the tracker rejects it as bad input with exit code 2, saying "--known-on"

      Examples:
        | moment           |
        | yesterday        |
        | 2023-09-01T25:00 |
