Feature: Planned meetings that slip: postponed and cancelled
  Meetings agreed for a window often slip. `tracker postpone SLUG SEQ --on DATE --window NEW`
  moves planned meeting SEQ to a new window from the day it was postponed; `tracker cancel SLUG SEQ
  --on DATE` calls it off. A postponed plan is overdue only once its latest window has ended; a
  cancelled plan owes nothing. As of a day before the change, the plan is what it was then.

  Background:
    Given an agreed channel "us-cn-tourism-summit" opened on "2023-08-28"
    And a meeting on "us-cn-tourism-summit" was agreed on "2023-08-29" to take place in "2024-01/2024-04"

  Rule: A postponed plan is due by its latest window

    Scenario: A postponed plan is not overdue while its new window is open
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05 --reason "visas"
      When I ask what is overdue as of "2024-05-20"
      Then nothing is overdue

    Scenario: Overdue counts from the end of the latest window
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05
      When I ask what is overdue as of "2024-06-10"
      Then only the meeting planned on "us-cn-tourism-summit" in "2024-05" is overdue, 10 days late

    Scenario: Before it was postponed, the plan was overdue by its first window
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-05-15 --window 2024-09
      When I ask what is overdue as of "2024-05-10"
      Then only the meeting planned on "us-cn-tourism-summit" in "2024-01/2024-04" is overdue, 10 days late

    Scenario: After it was postponed, the same day is no longer overdue
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-05-15 --window 2024-09
      When I ask what is overdue as of "2024-05-20"
      Then nothing is overdue

    Scenario: A meeting in the new window holds the plan
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05
      And a meeting was held on "us-cn-tourism-summit" on "2024-05-22"
      When I ask what is overdue as of "2024-12-31"
      Then nothing is overdue
      And "us-cn-tourism-summit" has a meeting planned in "2024-05", held on "2024-05-22"

    Scenario: The status says where a postponed plan came from
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05
      When I run tracker status us-cn-tourism-summit --as-of 2024-04-01
      Then I see "meeting in 2024-05 (agreed 2023-08-29; postponed from 2024-01/2024-04 on 2024-03-15)"

    Scenario: A plan may be postponed more than once
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05
      And I ran tracker postpone us-cn-tourism-summit 2 --on 2024-05-20 --window 2024-09
      When I ask what is overdue as of "2024-10-05"
      Then only the meeting planned on "us-cn-tourism-summit" in "2024-09" is overdue, 5 days late

  Rule: A cancelled plan owes nothing from the day it was cancelled

    Scenario: A cancelled plan is not overdue
      Given I ran tracker cancel us-cn-tourism-summit 2 --on 2024-06-01 --reason "called off"
      When I ask what is overdue as of "2024-12-31"
      Then nothing is overdue

    Scenario: Before it was cancelled, the plan was overdue
      Given I ran tracker cancel us-cn-tourism-summit 2 --on 2024-06-01
      When I ask what is overdue as of "2024-05-10"
      Then only the meeting planned on "us-cn-tourism-summit" in "2024-01/2024-04" is overdue, 10 days late

    Scenario: The status says a plan was cancelled
      Given I ran tracker cancel us-cn-tourism-summit 2 --on 2024-06-01
      When I run tracker status us-cn-tourism-summit
      Then I see "— cancelled 2024-06-01"

    Scenario Outline: The report says what became of each plan
      Given <change>
      When I run tracker report --format md --as-of <day>
      Then I see "<outcome>"

      Examples:
        | change                                                                              | day        | outcome                                       |
        | I ran tracker cancel us-cn-tourism-summit 2 --on 2024-06-01                          | 2024-12-31 | cancelled `2024-06-01`                        |
        | I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05       | 2024-05-10 | pending (postponed from `2024-01/2024-04` on `2024-03-15`) |
        | I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05       | 2024-06-10 | overdue by 10 days (postponed from `2024-01/2024-04` on `2024-03-15`) |
        | a meeting was held on "us-cn-tourism-summit" on "2024-03-01"                         | 2024-12-31 | held `2024-03-01`                             |

    Scenario: A plan that fell due while the channel was active is not said to be unexpected
      Given "us-cn-tourism-summit" was suspended on "2024-06-01" by CN
      When I run tracker report --format md --as-of 2024-12-31
      Then I see "overdue from the end of its window"
      And the message does not show "not expected to meet"

  Rule: Only a plan not yet held or cancelled can change

    Scenario: A plan already held cannot be postponed
      Given a meeting was held on "us-cn-tourism-summit" on "2024-03-01"
      When I run tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-09
      Then the tracker refuses it with exit code 1, saying "was held on 2024-03-01 (#3), before it was postponed on 2024-03-15"
      And nothing is recorded

    Scenario: A cancelled plan cannot be postponed
      Given I ran tracker cancel us-cn-tourism-summit 2 --on 2024-03-01
      When I run tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-09
      Then the tracker refuses it with exit code 1, saying "only a planned meeting not yet held or cancelled can be postponed or cancelled"
      And nothing is recorded

    Scenario: A plan cannot be postponed before it was agreed
      When I run tracker postpone us-cn-tourism-summit 2 --on 2023-08-28 --window 2024-09
      Then the tracker refuses it with exit code 1, saying "a planned meeting can be postponed or cancelled only once it was agreed"
      And nothing is recorded

    Scenario: Only a planned meeting can be postponed
      When I run tracker postpone us-cn-tourism-summit 1 --on 2024-03-15 --window 2024-09
      Then the tracker refuses it with exit code 1, saying "event #1 of us-cn-tourism-summit is the opening of 2023-08-28, not a planned meeting"
      And nothing is recorded

    Scenario: A new window that ends before the postponement is bad input
      When I run tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-02
      Then the tracker rejects it as bad input with exit code 2, saying "the new window 2024-02 ends before the postponement on 2024-03-15"
      And nothing is recorded

    Scenario: A plan with postponements cannot be retracted from under them
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05
      When I run tracker retract us-cn-tourism-summit 2 --reason "no such plan"
      Then the tracker refuses it with exit code 1, saying "a planned meeting can be postponed or cancelled only once it was agreed"
      And nothing is recorded

    Scenario: A corrected plan keeps its postponements
      Given I ran tracker postpone us-cn-tourism-summit 2 --on 2024-03-15 --window 2024-05
      When I run tracker correct us-cn-tourism-summit 2 --host CN
      Then 2 events are recorded
      And "us-cn-tourism-summit" has a meeting planned in "2024-05" hosted by CHN

    @postgres
    Scenario: On a shared database, a cancelled plan owes nothing
      Given the store is a new shared PostgreSQL database
      And I ran tracker cancel us-cn-tourism-summit 2 --on 2024-06-01
      When I ask what is overdue as of "2024-12-31"
      Then nothing is overdue
