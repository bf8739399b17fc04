Feature: Backfill a channel's past
  Analysts record facts long after they happened, and seldom in the order they happened. Each
  new fact takes its place on the channel's timeline by the date it occurred, not the day it was
  recorded, and it is refused only if the whole timeline would then break a rule.

  Background:
    Given an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"

  Rule: Rules are checked in valid time, not record time

    Scenario: A 2016 meeting recorded after a 2023 resumption is accepted
      Given "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I record a meeting on "us-cn-mmca" on "2016-05-01"
      Then it is recorded
      And "us-cn-mmca" is active since "2016-05-01" as of "2016-12-31"
      And "us-cn-mmca" is suspended since "2022-08-05" as of "2023-01-01"
      And "us-cn-mmca" is active since "2023-11-15"

    Scenario: Recording a resumption before its suspension is refused
      When I resume "us-cn-mmca" on "2023-07-16"
      Then the tracker refuses it with exit code 1, saying "only a suspended channel can be resumed"
      And the message mentions "us-cn-mmca is agreed on 2023-07-16"
      And nothing is recorded

    Scenario: Recording the suspension first and then the resumption works
      Given "us-cn-mmca" was suspended on "2022-08-05" by CN
      When I resume "us-cn-mmca" on "2023-07-16"
      Then it is recorded
      And "us-cn-mmca" is agreed since "2023-07-16"

    Scenario: A suspension that would put a recorded meeting on a suspended channel is refused
      Given a meeting was held on "us-cn-mmca" on "2022-09-01"
      When I suspend "us-cn-mmca" on "2022-08-05" by CN
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "the meeting of 2022-09-01"
      And the message mentions "suspended on 2022-09-01 (since 2022-08-05)"
      And nothing is recorded

    Scenario: A meeting backfilled into a past suspension is refused
      Given "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I record a meeting on "us-cn-mmca" on "2023-01-10"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "us-cn-mmca is suspended on 2023-01-10 (since 2022-08-05)"
      And nothing is recorded

    Scenario: A meeting backfilled before a suspension makes the channel resume as active
      Given "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I record a meeting on "us-cn-mmca" on "2021-12-14"
      Then it is recorded
      And "us-cn-mmca" is active since "2023-11-15"
