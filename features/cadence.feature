Feature: Agree a cadence of meetings
  Parties often agree how often they will meet at each level: "she and Wang would meet once a
  year and have their deputies meet twice annually". A cadence is that rhythm. The next meeting
  at a level is due one period (365 days divided by the meetings a year) after the last meeting
  held at that level, or after the cadence was agreed if none was held since.

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"

  Rule: A cadence is a positive number of meetings a year at one level

    Scenario: Ministers agree to meet once a year
      When I record that "us-cn-commercial-wg" is to meet at ministerial level 1 time a year, agreed on "2023-08-28"
      Then it is recorded
      And the ministerial cadence of "us-cn-commercial-wg" is 1 meeting a year, next due on "2024-08-27"

    Scenario: Vice-ministers agree to meet twice a year
      When I record that "us-cn-commercial-wg" is to meet at vice-ministerial level 2 times a year, agreed on "2023-08-28"
      Then it is recorded
      And the vice-ministerial cadence of "us-cn-commercial-wg" is 2 meetings a year, next due on "2024-02-27"

    Scenario: Half a meeting a year means a meeting every two years
      When I record that "us-cn-commercial-wg" is to meet at ministerial level 0.5 times a year, agreed on "2023-08-28"
      Then it is recorded
      And the ministerial cadence of "us-cn-commercial-wg" is 0.5 meetings a year, next due on "2025-08-27"

    Scenario: A meeting held at that level sets when the next one is due
      Given "us-cn-commercial-wg" agreed to meet at ministerial level 1 time a year on "2023-08-28"
      And a meeting was held on "us-cn-commercial-wg" on "2024-06-01" at ministerial level
      Then the ministerial cadence of "us-cn-commercial-wg" is 1 meeting a year, next due on "2025-06-01"

    Scenario Outline: A number of meetings a year outside once a century to daily is rejected
      When I record that "us-cn-commercial-wg" is to meet at ministerial level <per year> times a year, agreed on "2023-08-28"
      Then the tracker rejects it as bad input with exit code 2, saying "--per-year"
      And the message mentions "must be at least 0.01 (once a century) and at most 366 (daily) (got <per year>)"
      And nothing is recorded

      Examples:
        | per year    |
        | 0           |
        | -1          |
        | -0.5        |
        | 0.001       |
        | 400         |
        | 366.0000001 |

    Scenario: A number of meetings a year must be a number
      When I record that "us-cn-commercial-wg" is to meet at ministerial level twice a year, agreed on "2023-08-28"
      Then the tracker rejects it as bad input with exit code 2, saying "--per-year"
      And nothing is recorded

    Scenario: The same cadence recorded twice is refused as a duplicate
      Given "us-cn-commercial-wg" agreed to meet at ministerial level 1 time a year on "2023-08-28"
      When I record that "us-cn-commercial-wg" is to meet at ministerial level 1 time a year, agreed on "2023-08-28"
      Then the tracker refuses it with exit code 1, saying "the cadence of 2023-08-28 is already recorded on us-cn-commercial-wg"
      And nothing is recorded

  Rule: Nothing can occur on a channel before the date it was opened

    Scenario: A cadence agreed before the channel was opened is refused
      When I record that "us-cn-commercial-wg" is to meet at ministerial level 1 time a year, agreed on "2023-07-01"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And the message mentions "2023-08-28"
      And nothing is recorded
