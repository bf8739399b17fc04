Feature: A channel that is not meeting owes nothing
  Only an agreed or active channel can owe a meeting. A suspended or concluded channel has no
  next-due date: it shows "—" and comes last when the dashboard is sorted by next due. What a
  channel owed before it was suspended is not owed after it: once it resumes, its cadences count
  from the resumption, and a planned meeting whose window ended before the resumption has lapsed.
  The status of a suspended channel says who suspended it and why, and "active since" says what
  it counts from.

  Background:
    Given an agreed channel "us-cn-mmca" at senior-official level opened on "1998-01-19"
    And a meeting was held on "us-cn-mmca" on "2021-12-14"
    And "us-cn-mmca" agreed to meet at senior-official level 1 times a year on "2021-12-14"
    And an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"
    And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
    And "us-cn-commercial-wg" agreed to meet at ministerial level 1 times a year on "2023-08-28"

  Rule: A suspended or concluded channel has no next-due date

    Scenario: A suspended channel's cadence has no next due day
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN --reason "Speaker Pelosi visited Taiwan"
      When I run tracker status us-cn-mmca --as-of 2023-06-01
      Then I see "senior-official 1/year, next due — (none while the channel is not meeting)"
      And the message does not show "OVERDUE"

    Scenario: For scripts, a suspended channel's next due day is null
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      Then for scripts, "us-cn-mmca" has no next due day as of "2023-06-01"

    Scenario: Sorted by next due, a suspended channel comes last
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      When I ask for the dashboard as of "2024-06-01" sorted by next-due
      Then the channels are listed in this order: us-cn-commercial-wg, us-cn-mmca

    Scenario: A concluded channel has no next due day
      Given I ran tracker conclude us-cn-mmca --on 2022-01-10
      When I run tracker status us-cn-mmca --as-of 2023-06-01
      Then I see "next due — (none while the channel is not meeting)"

  Rule: What was owed before a suspension is not owed after it

    Scenario: After a resumption, the cadence counts from the resumption
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      And I ran tracker resume us-cn-mmca --on 2023-11-15
      When I ask what is overdue as of "2024-06-01"
      Then nothing is overdue

    Scenario: A plan whose window ended before the channel resumed has lapsed
      Given a meeting on "us-cn-mmca" was agreed on "2022-01-10" to take place in "2022-06"
      And I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      And I ran tracker resume us-cn-mmca --on 2023-11-15
      When I ask what is overdue as of "2023-12-01"
      Then nothing is overdue

    Scenario: Before the suspension, that plan was overdue
      Given a meeting on "us-cn-mmca" was agreed on "2022-01-10" to take place in "2022-06"
      And I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      And I ran tracker resume us-cn-mmca --on 2023-11-15
      When I ask what is overdue as of "2022-07-10"
      Then only the meeting planned on "us-cn-mmca" in "2022-06" is overdue, 10 days late

    Scenario: A plan whose window ends after the resumption is still owed
      Given a meeting on "us-cn-mmca" was agreed on "2022-01-10" to take place in "2022-06/2024-01"
      And I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      And I ran tracker resume us-cn-mmca --on 2023-11-15
      When I ask what is overdue as of "2024-02-10"
      Then only the meeting planned on "us-cn-mmca" in "2022-06/2024-01" is overdue, 10 days late

  Rule: The status says who suspended a channel and why, and what "since" counts from

    Scenario: The status of a suspended channel says who suspended it and why
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN --reason "Speaker Pelosi visited Taiwan"
      When I run tracker status us-cn-mmca
      Then I see "suspended by CHN"
      And I see "because      Speaker Pelosi visited Taiwan"

    Scenario: The dashboard as of a day knows why the channel was suspended then
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN --reason "Speaker Pelosi visited Taiwan"
      And I ran tracker resume us-cn-mmca --on 2023-11-15
      Then for scripts, the dashboard as of "2023-01-01" says "us-cn-mmca" was suspended because "Speaker Pelosi visited Taiwan"

    Scenario: "Active since" counts from the first meeting recorded
      When I run tracker status us-cn-commercial-wg
      Then I see "active since 2023-08-28 (the first meeting recorded)"

    Scenario: After a resumption, "active since" counts from it
      Given I ran tracker suspend us-cn-mmca --on 2022-08-05 --by CN
      And I ran tracker resume us-cn-mmca --on 2023-11-15
      When I run tracker status us-cn-mmca
      Then I see "active since 2023-11-15 (resumed)"
