Feature: See where channels stand
  The status of one channel shows it in full: its parties, where it stands and since when, its
  meetings. Without a channel, the tracker shows one line per channel. Either can be asked "as
  of" an earlier day: the answer is built from what had occurred by then, whenever it was
  recorded.

  Background:
    Given these channels:
      | channel             | status   | opened     | level           |
      | us-cn-commercial-wg | agreed   | 2023-08-28 | ministerial     |
      | us-cn-mmca          | agreed   | 1998-01-19 | senior-official |
      | us-cn-ai-talks      | proposed | 2023-08-29 |                 |
    And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
    And "us-cn-mmca" was suspended on "2022-08-05" by CN

  Rule: The status of one channel shows it in full

    Scenario: The status of an active channel
      When I ask for the status of "us-cn-commercial-wg"
      Then the status shows:
        | field    | shows                    |
        | parties  | USA, CHN                 |
        | status   | active since 2023-08-28  |
        | opened   | 2023-08-28               |
        | level    | ministerial              |
        | meetings | 1 held                   |
        |          | 2023-08-28 ministerial   |

    Scenario: The status of a suspended channel says who suspended it
      When I ask for the status of "us-cn-mmca"
      Then the status shows:
        | field        | shows                      |
        | status       | suspended since 2022-08-05 |
        | suspended by | CHN                        |
        | meetings     | 0 held                     |

    Scenario: The status as of an earlier day
      When I ask for the status of "us-cn-mmca" as of "2022-08-04"
      Then the status shows:
        | field  | shows                   |
        | status | agreed since 1998-01-19 |
      And I see "as of 2022-08-04"

    Scenario: A channel did not exist before it was opened
      When I ask for the status of "us-cn-commercial-wg" as of "2023-08-27"
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-commercial-wg did not exist as of 2023-08-27"

    Scenario: The status of a channel nobody opened is refused
      When I ask for the status of "us-cn-space-talks"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"

    Scenario Outline: "As of" must be a single day
      When I ask for the status of "us-cn-mmca" as of "<day>"
      Then the tracker rejects it as bad input with exit code 2, saying "--as-of"

      Examples:
        | day        |
        | 2023       |
        | 2023-08    |
        | 2023-13-01 |
        | 2023-02-30 |
        | yesterday  |

  Rule: Without a channel, the status shows one line per channel

    Scenario: One line per channel
      When I ask for the status of every channel
      Then the dashboard shows one line per channel:
        | channel             | status                     |
        | us-cn-commercial-wg | active since 2023-08-28    |
        | us-cn-mmca          | suspended since 2022-08-05 |
        | us-cn-ai-talks      | proposed since 2023-08-29  |

    Scenario: Channels not yet opened are left out as of an earlier day
      When I ask for the status of every channel as of "2023-01-01"
      Then the dashboard shows one line per channel:
        | channel    | status                     |
        | us-cn-mmca | suspended since 2022-08-05 |
      And the dashboard does not show "us-cn-commercial-wg"
