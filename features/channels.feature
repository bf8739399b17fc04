Feature: Find channels by party, topic, status, level and lineage
  `tracker channels` lists the channels that match every filter given, by slug. What a channel
  has several of (its parties, its topics) must all match when the filter is repeated; what it
  has one of (its status, its level), any. `--lineage SLUG` finds a channel's line of succession.

  Background:
    Given these channels:
      | channel               | title                                           | parties    | status   | opened     | level           |
      | us-cn-commercial-wg   | US–China Commercial Issues Working Group        | US, CN     | agreed   | 2023-08-28 | ministerial     |
      | us-cn-mmca            | Military Maritime Consultative Agreement talks  | US, CN     | agreed   | 1998-01-19 | senior-official |
      | us-jp-economic-2plus2 | US–Japan Economic Policy Consultative Committee | US, JP     | agreed   | 2022-01-21 | ministerial     |
      | us-eu-ttc             | US–EU Trade and Technology Council              | US, EU     | agreed   | 2021-06-15 | ministerial     |
    And "us-cn-mmca" was suspended on "2022-08-05" by CN
    And I ran tracker amend us-cn-commercial-wg --on 2023-08-28 --topic trade --topic "export controls"
    And I ran tracker amend us-eu-ttc --on 2021-06-15 --topic Trade --topic technology

  Rule: Filters narrow the list; each says how its repeated values combine

    Scenario: Channels with a party
      When I run tracker channels --party JP
      Then the channels listed are us-jp-economic-2plus2

    Scenario: Repeated, parties must all be the channel's
      When I run tracker channels --party US --party CN
      Then the channels listed are us-cn-commercial-wg, us-cn-mmca

    Scenario: An organisation is a party like a country
      When I run tracker channels --party EU
      Then the channels listed are us-eu-ttc

    Scenario: Repeated, statuses are any of them
      When I run tracker channels --status suspended --status concluded
      Then the channels listed are us-cn-mmca

    Scenario: Repeated, levels are any of them
      When I run tracker channels --level senior-official --level expert
      Then the channels listed are us-cn-mmca

    Scenario: Topics match in any case, and repeated must all match
      When I run tracker channels --topic TRADE
      Then the channels listed are us-cn-commercial-wg, us-eu-ttc
      When I run tracker channels --topic trade --topic technology
      Then the channels listed are us-eu-ttc

    Scenario: Different filters combine: a channel must pass each
      When I run tracker channels --party US --level ministerial --status agreed
      Then the channels listed are us-cn-commercial-wg, us-eu-ttc, us-jp-economic-2plus2

    Scenario: Nothing matches
      When I run tracker channels --party RU
      Then I see "no channel matches these filters"

    Scenario: As of a day, a channel's status then
      When I run tracker channels --status suspended --as-of 2022-01-01
      Then I see "no channel matches these filters"

  Rule: A line of succession is found both ways

    Scenario: The channels a channel followed and was succeeded by
      Given an agreed channel "us-cn-s-and-ed" opened on "2009-07-27"
      And I ran tracker conclude us-cn-s-and-ed --on 2017-01 --successor us-cn-ced
      And I ran tracker open us-cn-ced --title "Comprehensive Economic Dialogue" --party US --party CN --on 2017-04 --follows us-cn-s-and-ed
      When I run tracker channels --lineage us-cn-ced
      Then the channels listed are us-cn-ced, us-cn-s-and-ed

    Scenario: An unknown channel's lineage is refused, with the channels to list
      When I run tracker channels --lineage us-cn-nothing
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-nothing'"

    Scenario: A bad party is bad input
      When I run tracker channels --party XX1
      Then the tracker rejects it as bad input with exit code 2, saying "--party"
