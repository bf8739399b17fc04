Feature: Plan a meeting
  Parties often agree on one day to meet later, within a window: "officials also agreed to hold
  a travel and tourism summit in early 2024". A planned meeting records the day it was agreed,
  the window it is to take place in, and perhaps the level and the host.

  Background:
    Given an agreed channel "us-cn-tourism-summit" opened on "2023-08-28/2023-08-29"

  Rule: A planned meeting is to take place in a window of time

    Scenario: A summit is agreed for early 2024
      When I record that a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      Then it is recorded
      And "us-cn-tourism-summit" has a meeting planned in "2024-01~/2024-04~"

    Scenario: A planned meeting may name its host
      When I record that a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "2024" hosted by US
      Then it is recorded
      And "us-cn-tourism-summit" has a meeting planned in "2024" hosted by USA

    Scenario: The first meeting held in the window fulfils the planned meeting
      Given a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "2024-01~/2024-04~"
      When I record a meeting on "us-cn-tourism-summit" on "2024-02-15"
      Then it is recorded
      And "us-cn-tourism-summit" has a meeting planned in "2024-01~/2024-04~", held on "2024-02-15"

    Scenario: A window that ends before it starts is rejected
      When I record that a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "2024-04/2024-01"
      Then the tracker rejects it as bad input with exit code 2, saying "the interval '2024-04/2024-01' ends before it starts"
      And the message mentions "--window"
      And nothing is recorded

    Scenario Outline: A window that is not a date is rejected
      When I record that a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "<window>"
      Then the tracker rejects it as bad input with exit code 2, saying "--window"
      And nothing is recorded

      Examples:
        | window     |
        | early 2024 |
        | 2024-13    |
        | 2024-02-30 |

  Rule: Nothing can occur on a channel before the date it was opened

    Scenario: A meeting planned before the channel was opened is refused
      When I record that a meeting on "us-cn-tourism-summit" was agreed on "2023-08-01" to take place in "2024-01~/2024-04~"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And the message mentions "2023-08-28/2023-08-29"
      And nothing is recorded
