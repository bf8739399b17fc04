Feature: A mistyped channel is refused, naming the channel it most likely meant
  Every command that names a channel refuses a slug no channel has (exit 1) and changes nothing.
  When a recorded channel's slug is close to it (a letter missing, doubled or swapped), the
  refusal names that channel, so the analyst can run the command again with the right slug.

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"
    And an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"
    And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"

  Rule: A slug close to a recorded channel's is refused with that channel's name

    Scenario Outline: Reading and recording commands alike
      When I run tracker <command>
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-comercial-wg'; did you mean us-cn-commercial-wg?"
      And nothing is recorded

      Examples:
        | command                                                  |
        | status us-cn-comercial-wg                                |
        | history us-cn-comercial-wg                               |
        | meet us-cn-comercial-wg --on 2023-11-15                  |
        | suspend us-cn-mmca us-cn-comercial-wg --on 2024-01-10    |
        | retract us-cn-comercial-wg 2 --reason "it was a lunch"   |
        | export us-cn-comercial-wg                                |

    Scenario: A slug left without its parties' prefix is recognised too
      When I run tracker status commercial-wg
      Then the tracker refuses it with exit code 1, saying "no channel 'commercial-wg'; did you mean us-cn-commercial-wg?"

  Rule: A slug like no recorded channel's is refused without a guess

    Scenario: Nothing close
      When I run tracker status us-cn-space-talks
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'; tracker status lists the channels recorded"
      And the message does not show "did you mean"
