Feature: See what is overdue
  A cadence promises a meeting at its level every period: 365 days divided by the meetings a
  year, rounded up to a whole day. The next meeting at that level is due one period after the
  last meeting held at that level, or after the cadence was agreed, or after the channel last
  resumed, whichever is latest, each date counted by the latest day it could mean. Once that day
  has passed with no meeting at that level, the meeting is overdue. A planned meeting is overdue
  once its window has ended with no meeting held. "tracker overdue" lists everything overdue as
  of a day, with how many days late. Only an agreed or active channel can have anything overdue:
  nobody expects a suspended or concluded channel to meet.

  Background:
    Given an agreed channel "us-cn-financial-wg" at ministerial level opened on "2022-06-01"

  Rule: A period is 365 days divided by the meetings a year, rounded up to a whole day

    Scenario Outline: The next meeting is due one period after the cadence was agreed
      Given "us-cn-financial-wg" agreed to meet at ministerial level <per year> times a year on "2023-08-28"
      Then the ministerial cadence of "us-cn-financial-wg" is <per year> meetings a year, next due on "<next due>"

      Examples:
        | per year | next due   |
        | 1        | 2024-08-27 |
        | 2        | 2024-02-27 |
        | 3        | 2023-12-28 |
        | 4        | 2023-11-28 |
        | 12       | 2023-09-28 |
        | 52       | 2023-09-05 |
        | 0.5      | 2025-08-27 |

  Rule: The next meeting is due one period after the latest of the last meeting at that level, the cadence and the resumption

    Scenario Outline: The date the cadence was agreed counts by the latest day it could mean
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "<agreed>"
      Then the ministerial cadence of "us-cn-financial-wg" is 1 meeting a year, next due on "<next due>"

      Examples:
        | agreed                | next due   |
        | 2023-08-28            | 2024-08-27 |
        | 2023-08               | 2024-08-30 |
        | 2023-08~              | 2024-08-30 |
        | 2023-08-28/2023-09-02 | 2024-09-01 |
        | 2023                  | 2024-12-30 |

    Scenario Outline: The date of the last meeting counts by the latest day it could mean
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-01-15"
      And a meeting was held on "us-cn-financial-wg" on "<met>"
      Then the ministerial cadence of "us-cn-financial-wg" is 1 meeting a year, next due on "<next due>"

      Examples:
        | met                   | next due   |
        | 2023-08-28            | 2024-08-27 |
        | 2023-08               | 2024-08-30 |
        | 2023-08-28/2023-08-29 | 2024-08-28 |
        | 2023-12-14~           | 2024-12-13 |

    Scenario: A meeting at another level does not count
      Given "us-cn-financial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      And a meeting was held on "us-cn-financial-wg" on "2023-11-01" at ministerial level
      Then the vice-ministerial cadence of "us-cn-financial-wg" is 2 meetings a year, next due on "2024-02-27"

    Scenario: A meeting held before the cadence was agreed does not count
      Given a meeting was held on "us-cn-financial-wg" on "2023-08-28"
      And "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-09-15"
      Then the ministerial cadence of "us-cn-financial-wg" is 1 meeting a year, next due on "2024-09-14"

    Scenario: After a resumption, the next meeting is due one period after it
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-01-15"
      And a meeting was held on "us-cn-financial-wg" on "2023-03-01"
      And "us-cn-financial-wg" was suspended on "2023-06-01" by CN
      And "us-cn-financial-wg" was resumed on "2023-11-15"
      Then the ministerial cadence of "us-cn-financial-wg" is 1 meeting a year, next due on "2024-11-14"

    Scenario: A meeting held after the resumption counts from the meeting
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-01-15"
      And "us-cn-financial-wg" was suspended on "2023-06-01" by CN
      And "us-cn-financial-wg" was resumed on "2023-11-15"
      And a meeting was held on "us-cn-financial-wg" on "2024-01-20"
      Then the ministerial cadence of "us-cn-financial-wg" is 1 meeting a year, next due on "2025-01-19"

  Rule: A cadence is overdue once the day its next meeting was due has passed with no meeting at that level

    Scenario Outline: Overdue or not, as of days around the day due
      Given "us-cn-financial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      When I ask what is overdue as of "<as of>"
      Then <what is overdue>

      Examples:
        | as of      | what is overdue                                                                                          |
        | 2024-02-26 | nothing is overdue                                                                                       |
        | 2024-02-27 | nothing is overdue                                                                                       |
        | 2024-02-28 | only the vice-ministerial meeting of "us-cn-financial-wg" due on "2024-02-27" is overdue, 1 day late    |
        | 2024-09-01 | only the vice-ministerial meeting of "us-cn-financial-wg" due on "2024-02-27" is overdue, 187 days late  |

    Scenario Outline: A late meeting ends the overdue from the day it was held
      Given "us-cn-financial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      And a meeting was held on "us-cn-financial-wg" on "2024-04-04" at vice-ministerial level
      When I ask what is overdue as of "<as of>"
      Then <what is overdue>

      Examples:
        | as of      | what is overdue                                                                                        |
        | 2024-03-01 | only the vice-ministerial meeting of "us-cn-financial-wg" due on "2024-02-27" is overdue, 3 days late  |
        | 2024-04-04 | nothing is overdue                                                                                     |

  Rule: A planned meeting is overdue once its window has ended with no meeting held

    Scenario Outline: Overdue or not, as of days around the end of the window
      Given a meeting on "us-cn-financial-wg" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      When I ask what is overdue as of "<as of>"
      Then <what is overdue>

      Examples:
        | as of      | what is overdue                                                                                  |
        | 2024-04-30 | nothing is overdue                                                                               |
        | 2024-05-01 | only the meeting planned on "us-cn-financial-wg" in "2024-01~/2024-04~" is overdue, 1 day late   |
        | 2024-09-01 | only the meeting planned on "us-cn-financial-wg" in "2024-01~/2024-04~" is overdue, 124 days late |

    Scenario: A meeting held in the window fulfils the planned meeting
      Given a meeting on "us-cn-financial-wg" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      And a meeting was held on "us-cn-financial-wg" on "2024-02-15"
      When I ask what is overdue as of "2024-09-01"
      Then nothing is overdue

    Scenario Outline: A meeting held after the window fulfils the planned meeting from the day it was held
      Given a meeting on "us-cn-financial-wg" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      And a meeting was held on "us-cn-financial-wg" on "2024-06-20"
      When I ask what is overdue as of "<as of>"
      Then <what is overdue>

      Examples:
        | as of      | what is overdue                                                                                  |
        | 2024-06-19 | only the meeting planned on "us-cn-financial-wg" in "2024-01~/2024-04~" is overdue, 50 days late |
        | 2024-06-20 | nothing is overdue                                                                               |

    Scenario: A meeting held before the window opened does not fulfil the planned meeting
      Given a meeting on "us-cn-financial-wg" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      And a meeting was held on "us-cn-financial-wg" on "2023-12-01"
      When I ask what is overdue as of "2024-05-01"
      Then only the meeting planned on "us-cn-financial-wg" in "2024-01~/2024-04~" is overdue, 1 day late

    Scenario: A meeting known only by its month fulfils a planned meeting whose window opens in that month
      Given a meeting on "us-cn-financial-wg" was agreed on "2023-08-29" to take place in "2024-04-15/2024-05-15"
      And a meeting was held on "us-cn-financial-wg" on "2024-04"
      When I ask what is overdue as of "2025-04-25"
      Then nothing is overdue

    Scenario: The meeting at which the next one was agreed does not fulfil it, though it ended after
      Given a meeting was held on "us-cn-financial-wg" on "2024-03-10/2024-03-12"
      And a meeting on "us-cn-financial-wg" was agreed on "2024-03-11" to take place in "2024-03/2024-06"
      When I ask what is overdue as of "2024-07-01"
      Then only the meeting planned on "us-cn-financial-wg" in "2024-03/2024-06" is overdue, 1 day late

    Scenario: A planned meeting at one level is not fulfilled by a meeting at another
      Given a vice-ministerial meeting on "us-cn-financial-wg" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      And a meeting was held on "us-cn-financial-wg" on "2024-02-15" at ministerial level
      When I ask what is overdue as of "2024-05-01"
      Then only the vice-ministerial meeting planned on "us-cn-financial-wg" in "2024-01~/2024-04~" is overdue, 1 day late

  Rule: Only an agreed or active channel can have anything overdue

    Scenario Outline: Nothing is overdue on a channel that is suspended or concluded
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-01-15"
      And a meeting on "us-cn-financial-wg" was agreed on "2023-01-15" to take place in "2023-10"
      And <the channel stopped>
      When I ask what is overdue as of "2024-06-01"
      Then nothing is overdue

      Examples:
        | the channel stopped                                        |
        | "us-cn-financial-wg" was suspended on "2023-06-01" by CN  |
        | "us-cn-financial-wg" was concluded on "2023-06-01"        |

    Scenario: A planned meeting of a channel only proposed is never overdue
      Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"
      And a meeting on "us-cn-ai-talks" was agreed on "2023-09-01" to take place in "2023-10"
      When I ask what is overdue as of "2024-06-01"
      Then nothing is overdue

    Scenario: Once resumed, a channel can be overdue again, one period after the resumption
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-01-15"
      And "us-cn-financial-wg" was suspended on "2023-06-01" by CN
      And "us-cn-financial-wg" was resumed on "2023-11-15"
      When I ask what is overdue as of "2024-12-01"
      Then only the ministerial meeting of "us-cn-financial-wg" due on "2024-11-14" is overdue, 17 days late

  Rule: For cron and CI, "tracker overdue --exit-code" exits 1 when anything is overdue, 0 when nothing is

    Scenario: A meeting overdue: exit code 1, and the list is printed all the same
      Given "us-cn-financial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      When I run tracker overdue --as-of 2024-02-28 --exit-code
      Then the tracker exits with code 1, listing 1 overdue item
      And I see "us-cn-financial-wg: vice-ministerial meeting (2/year) due 2024-02-27 — 1 day late"

    Scenario: Nothing overdue: exit code 0
      Given "us-cn-financial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      When I run tracker overdue --as-of 2024-02-27 --exit-code
      Then the tracker exits with code 0, listing nothing overdue

    Scenario: A suspended channel owes nothing, so no alert
      Given "us-cn-financial-wg" agreed to meet at ministerial level 1 time a year on "2023-01-15"
      And "us-cn-financial-wg" was suspended on "2023-06-01" by CN
      When I run tracker overdue --as-of 2024-06-01 --exit-code
      Then the tracker exits with code 0, listing nothing overdue

    Scenario: For scripts, the JSON list comes with the same exit code
      Given the seed file of the article was imported
      When I run tracker overdue --as-of 2024-09-01 --exit-code --json
      Then the tracker exits with code 1, listing 3 overdue items

    Scenario: Without --exit-code, what is overdue does not change the exit code
      Given "us-cn-financial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
      When I run tracker overdue --as-of 2024-02-28
      Then the tracker exits with code 0, listing 1 overdue item

  Rule: "tracker overdue" lists everything overdue, longest overdue first, with how many days late

    Scenario: What the article's channels owed on 2024-09-01
      Given the seed file of the article was imported
      When I ask what is overdue as of "2024-09-01"
      Then the overdue list is:
        | channel              | what                                 | due        | days late |
        | us-cn-commercial-wg  | vice-ministerial meeting             | 2024-02-27 | 187       |
        | us-cn-tourism-summit | planned meeting in 2024-01~/2024-04~ | 2024-04-30 | 124       |
        | us-cn-commercial-wg  | ministerial meeting                  | 2024-08-27 | 5         |

    Scenario: One day late is said in the singular
      Given the seed file of the article was imported
      When I ask what is overdue as of "2024-02-28"
      Then I see "1 day late"

    @postgres
    Scenario: On a shared database, what the article's channels owed on 2024-09-01
      Given the store is a new shared PostgreSQL database
      And the seed file of the article was imported
      When I ask what is overdue as of "2024-09-01"
      Then the overdue list is:
        | channel              | what                                 | due        | days late |
        | us-cn-commercial-wg  | vice-ministerial meeting             | 2024-02-27 | 187       |
        | us-cn-tourism-summit | planned meeting in 2024-01~/2024-04~ | 2024-04-30 | 124       |
        | us-cn-commercial-wg  | ministerial meeting                  | 2024-08-27 | 5         |

    Scenario: On the day the article appeared, the article's channels owed nothing yet
      Given the seed file of the article was imported
      When I ask what is overdue as of "2023-08-29"
      Then nothing is overdue

    Scenario: Only the channels of one party
      Given the seed file of the article was imported
      And these channels:
        | channel               | parties | status | opened     | level       |
        | us-jp-economic-2plus2 | US, JP  | agreed | 2022-01-21 | ministerial |
      And "us-jp-economic-2plus2" agreed to meet at ministerial level 1 time a year on "2022-07-29"
      When I ask what is overdue on channels with JP as of "2024-09-01"
      Then the overdue list is:
        | channel               | what                | due        | days late |
        | us-jp-economic-2plus2 | ministerial meeting | 2023-07-29 | 400       |
