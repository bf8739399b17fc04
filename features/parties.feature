Feature: Only the parties of a channel act in it
  A channel is a dialogue between its parties. Whoever breaks it off, hosts one of its meetings
  or leads for one side is one of them; a code for any other government is a mistake to catch
  before it is recorded.

  Background:
    Given these channels:
      | channel             | status | opened     |
      | us-cn-mmca          | agreed | 1998-01-19 |

  Rule: Only a party of the channel can suspend it, host its meetings or lead for one side

    Scenario: A party of the channel suspends it
      When I suspend "us-cn-mmca" on "2022-08-05" by CN
      Then it is recorded
      And "us-cn-mmca" was suspended by CHN

    Scenario: A government that is not a party cannot suspend the channel
      When I suspend "us-cn-mmca" on "2022-08-05" by JP
      Then the tracker refuses it with exit code 1, saying "only a party of the channel can suspend it"
      And the message mentions "JPN (who suspended it) is not a party of us-cn-mmca"
      And nothing is recorded

    Scenario: A government that is not a party cannot host a planned meeting
      When I record that a meeting on "us-cn-mmca" was agreed on "2023-11-15" to take place in "2024-04" hosted by FR
      Then the tracker refuses it with exit code 1, saying "host its meetings"
      And the message mentions "FRA (the host) is not a party of us-cn-mmca"
      And nothing is recorded
