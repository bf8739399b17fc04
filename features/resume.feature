Feature: Resume channels
  Suspended dialogues are taken up again: "on 2023-11-15 the leaders agreed to resume military
  talks". A resumed channel returns to where it stood before it was suspended. One decision may
  resume several channels at once; they are all resumed, or none is.

  Background:
    Given these channels:
      | channel             | status | opened     |
      | us-cn-mmca          | agreed | 1998-01-19 |
      | us-cn-climate-talks | agreed | 2013-04-13 |
    And a meeting was held on "us-cn-mmca" on "2021-12-14"
    And "us-cn-mmca" and "us-cn-climate-talks" were suspended on "2022-08-05" by CN

  Rule: Only a suspended channel can be resumed

    Scenario: A channel that had met resumes as active
      When I resume "us-cn-mmca" on "2023-11-15" because "Woodside summit"
      Then it is recorded
      And "us-cn-mmca" is active since "2023-11-15"

    Scenario: A channel that had never met resumes as agreed
      When I resume "us-cn-climate-talks" on "2023-07-16"
      Then it is recorded
      And "us-cn-climate-talks" is agreed since "2023-07-16"

    Scenario: Meetings can be held again once the channel is resumed
      Given "us-cn-mmca" was resumed on "2023-11-15"
      When I record a meeting on "us-cn-mmca" on "2024-04-03"
      Then it is recorded
      And "us-cn-mmca" has held 2 meetings

    Scenario: A channel that is not suspended cannot be resumed
      Given "us-cn-mmca" was resumed on "2023-11-15"
      When I resume "us-cn-mmca" on "2024-01-08"
      Then the tracker refuses it with exit code 1, saying "only a suspended channel can be resumed"
      And the message mentions "us-cn-mmca is active on 2024-01-08 (since 2023-11-15)"
      And nothing is recorded

    Scenario: A resumption dated before the suspension is refused
      When I resume "us-cn-mmca" on "2022-06-01"
      Then the tracker refuses it with exit code 1, saying "only a suspended channel can be resumed"
      And the message mentions "2022-06-01"
      And the message mentions "record the suspension first"
      And nothing is recorded

    Scenario: A resumption dated to the month of the suspension is told to give its day, not to record the suspension
      Given "us-cn-mmca" was resumed on "2023-11-15"
      And "us-cn-mmca" was suspended on "2024-02-10" by CN
      When I resume "us-cn-mmca" on "2024-02"
      Then the tracker refuses it with exit code 1, saying "only a suspended channel can be resumed"
      And the message mentions "the date 2024-02 could mean a day before the suspension of 2024-02-10"
      And the message mentions "give a more precise date (e.g. 2024-02-10 or later), or check the date"
      And the message does not show "record the suspension first"
      And nothing is recorded

  Rule: One decision may resume several channels: all of them are resumed, or none

    Scenario: The military and climate dialogues are resumed at once
      When I resume "us-cn-mmca" and "us-cn-climate-talks" on "2023-11-15"
      Then 2 events are recorded
      And "us-cn-mmca" is active since "2023-11-15"
      And "us-cn-climate-talks" is agreed since "2023-11-15"

    Scenario: When one channel cannot be resumed, none is
      Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"
      When I resume "us-cn-mmca", "us-cn-climate-talks" and "us-cn-commercial-wg" on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "only a suspended channel can be resumed"
      And the message mentions "us-cn-commercial-wg is agreed on 2023-11-15"
      And nothing is recorded
      And "us-cn-mmca" is suspended since "2022-08-05"
      And "us-cn-climate-talks" is suspended since "2022-08-05"

    Scenario: When one channel does not exist, none is resumed
      When I resume "us-cn-mmca" and "us-cn-defense-policy-talks" on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-defense-policy-talks'"
      And nothing is recorded
      And "us-cn-mmca" is suspended
