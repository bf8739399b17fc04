Feature: Record a meeting held
  A meeting is a session the parties actually held: its date, level, and where it was reported.
  "Raimondo said she and Commerce Minister Wang Wentao agreed during a two-hour lunch Monday …"

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"

  Rule: The first meeting held makes an agreed channel active

    Scenario: The first meeting makes an agreed channel active
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28"
      Then it is recorded
      And "us-cn-commercial-wg" is active since "2023-08-28"
      And "us-cn-commercial-wg" has held 1 meeting

    Scenario: Later meetings leave the channel active since its first meeting
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I record a meeting on "us-cn-commercial-wg" on "2024-04-04" at vice-ministerial level
      Then it is recorded
      And "us-cn-commercial-wg" is active since "2023-08-28"
      And "us-cn-commercial-wg" has held 2 meetings

  Rule: A meeting can only be held on a channel that is agreed or active on the meeting's date

    Scenario: A meeting on a proposed channel is refused
      Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"
      When I record a meeting on "us-cn-ai-talks" on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "us-cn-ai-talks is proposed on 2023-11-15"
      And the message mentions "record its agreement first"
      And nothing is recorded

    Scenario: A meeting on a suspended channel is refused
      Given "us-cn-commercial-wg" was suspended on "2024-01-10" by CN
      When I record a meeting on "us-cn-commercial-wg" on "2024-03-01"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "us-cn-commercial-wg is suspended on 2024-03-01 (since 2024-01-10)"
      And the message mentions "record its resumption first"
      And nothing is recorded

    Scenario: A meeting dated to the month of the resumption is told to give its day, not to record the resumption
      Given "us-cn-commercial-wg" was suspended on "2024-01-10" by CN
      And "us-cn-commercial-wg" was resumed on "2024-03-15"
      When I record a meeting on "us-cn-commercial-wg" on "2024-03"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "the date 2024-03 could mean a day before the resumption of 2024-03-15"
      And the message mentions "give a more precise date (e.g. 2024-03-15 or later), or check the date"
      And the message does not show "record its resumption first"
      And nothing is recorded

    Scenario: A meeting dated to the month of the agreement is told to give its day, not to record the agreement
      Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"
      And "us-cn-ai-talks" was agreed on "2023-11-15"
      When I record a meeting on "us-cn-ai-talks" on "2023-11"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "the date 2023-11 could mean a day before the agreement of 2023-11-15"
      And the message does not show "record its agreement first"
      And nothing is recorded

    Scenario: A meeting in the month a suspension is dated to may have come before it: the suspension needs its day
      Given "us-cn-commercial-wg" was suspended on "2024-01" by CN
      When I record a meeting on "us-cn-commercial-wg" on "2024-01"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "the suspension of 2024-01 (#2) could mean a day after the meeting of 2024-01"
      And the message mentions "give it a more precise date (tracker correct us-cn-commercial-wg 2 --on DAY)"
      And the message does not show "record its resumption first"
      And nothing is recorded

    Scenario: A meeting on a channel nobody opened is refused
      When I record a meeting on "us-cn-space-talks" on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"
      And nothing is recorded

  Rule: Nothing can occur on a channel before the date it was opened

    Scenario: A meeting on the day the channel was opened is accepted
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28"
      Then it is recorded

    Scenario Outline: A meeting that could fall before the opening is refused
      When I record a meeting on "us-cn-commercial-wg" on "<date>"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And the message mentions "opened on 2023-08-28"
      And nothing is recorded

      Examples: a date before the opening, or one not precise enough to fall after it
        | date       |
        | 2023-08-27 |
        | 2023-08    |
        | 2023       |

  Rule: The same meeting recorded twice is refused as a duplicate

    Scenario: The same meeting recorded twice is refused
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28"
      Then the tracker refuses it with exit code 1, saying "the meeting of 2023-08-28 is already recorded on us-cn-commercial-wg as event #2"
      And nothing is recorded

    Scenario: A meeting retracted by mistake can be recorded again
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      And event #2 of "us-cn-commercial-wg" was retracted because "recorded with the wrong source"
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28"
      Then it is recorded
      And "us-cn-commercial-wg" has held 1 meeting

  Rule: A second meeting on the day of one recorded is recorded, flagged as a likely duplicate

    Scenario: A second meeting on the same day is recorded with a warning naming the first
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I run tracker meet us-cn-commercial-wg --on 2023-08-28 --location Beijing
      Then it is recorded, with a warning saying "two meetings on 2023-08-28: #3, just recorded, and #2"
      And the message mentions "tracker retract us-cn-commercial-wg 3 --reason"
      And "us-cn-commercial-wg" has held 2 meetings

    Scenario: Two meetings on the same day at different levels are both recorded, with a warning
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28" at ministerial level
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28" at vice-ministerial level
      Then it is recorded, with a warning saying "if they are one meeting, retract the one recorded twice"
      And "us-cn-commercial-wg" has held 2 meetings

    Scenario: A meeting on another day is recorded without a warning
      Given a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-29"
      Then it is recorded

  Rule: A meeting recorded without a level is at the channel's own level

    Scenario: A meeting without a level is at the channel's level
      When I record a meeting on "us-cn-commercial-wg" on "2023-08-28"
      Then the meeting of "2023-08-28" on "us-cn-commercial-wg" is at ministerial level

    Scenario: A meeting with a level keeps its own level
      When I record a meeting on "us-cn-commercial-wg" on "2024-04-04" at vice-ministerial level
      Then the meeting of "2024-04-04" on "us-cn-commercial-wg" is at vice-ministerial level

  Rule: Every meeting has a date the tracker understands

    Scenario: A meeting without a date is rejected, as a record of the past has no default date
      When I record a meeting on "us-cn-commercial-wg" without saying when
      Then the tracker rejects it as bad input with exit code 2, saying "missing option '--on'"
      And nothing is recorded

    Scenario Outline: A meeting date that is not a date is rejected
      When I record a meeting on "us-cn-commercial-wg" on "<date>"
      Then the tracker rejects it as bad input with exit code 2, saying "<reason>"
      And the message mentions "--on"
      And nothing is recorded

      Examples:
        | date       | reason                    |
        | 2023-13-01 | has no month 13           |
        | 2023-02-30 | February 2023 has 28 days |
        | yesterday  | is not a date             |
        | 2023-8-28  | is not a date             |
