Feature: Agree to a proposed channel
  A channel that was only proposed ("a possible area to cooperate on") becomes agreed when the
  parties agree to it. Only then can its meetings be recorded.

  Background:
    Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"

  Rule: Only a proposed channel can be agreed

    Scenario: The parties agree to a proposed channel
      When I record that the parties agreed to "us-cn-ai-talks" on "2023-11-15"
      Then it is recorded
      And "us-cn-ai-talks" is agreed since "2023-11-15"

    Scenario: Before the day it was agreed, the channel was still proposed
      Given "us-cn-ai-talks" was agreed on "2023-11-15"
      Then "us-cn-ai-talks" is proposed as of "2023-11-14"

    Scenario: A channel that is already agreed cannot be agreed again
      Given "us-cn-ai-talks" was agreed on "2023-11-15"
      When I record that the parties agreed to "us-cn-ai-talks" on "2024-05-14"
      Then the tracker refuses it with exit code 1, saying "only a proposed channel can be agreed"
      And the message mentions "agreed on 2024-05-14"
      And nothing is recorded

    Scenario: A channel opened as agreed cannot be agreed again
      Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"
      When I record that the parties agreed to "us-cn-commercial-wg" on "2023-09-01"
      Then the tracker refuses it with exit code 1, saying "only a proposed channel can be agreed"
      And the message mentions "2023-09-01"
      And nothing is recorded

    Scenario: The same agreement recorded twice is refused as a duplicate
      Given "us-cn-ai-talks" was agreed on "2023-11-15"
      When I record that the parties agreed to "us-cn-ai-talks" on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "is already recorded on us-cn-ai-talks"
      And nothing is recorded

  Rule: Nothing can occur on a channel before the date it was opened

    Scenario: An agreement dated before the channel was proposed is refused
      When I record that the parties agreed to "us-cn-ai-talks" on "2023-08-01"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And the message mentions "2023-08-29"
      And nothing is recorded

  Rule: Facts are recorded on channels that exist

    Scenario: Agreeing to a channel nobody opened is refused
      When I record that the parties agreed to "us-cn-space-talks" on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"
      And nothing is recorded
