Feature: Channels that change over time: renamed, new envoys, upgraded
  A working group is renamed, an envoy is replaced, a channel is upgraded to ministers. `tracker
  amend SLUG --on DATE` records the change from that day on: the status as of an earlier day shows
  the values that held then, and the history and the report show each change.

  Background:
    Given an agreed channel "us-cn-climate-talks" at senior-official level opened on "2013-04-13"
    And I ran tracker amend us-cn-climate-talks --on 2021-04-15 --lead "USA=John Kerry" --lead "CHN=Xie Zhenhua"

  Rule: The values that held on a day are shown as of that day

    Scenario: A renamed group keeps its old name as of before the renaming
      Given I ran tracker amend us-cn-climate-talks --on 2023-11-15 --title "Working Group on Enhancing Climate Action in the 2020s"
      When I run tracker status us-cn-climate-talks --as-of 2023-06-01
      Then I see "us-cn-climate-talks — "
      And the message does not show "Enhancing Climate Action"

    Scenario: A renamed group has its new name from the renaming on
      Given I ran tracker amend us-cn-climate-talks --on 2023-11-15 --title "Working Group on Enhancing Climate Action in the 2020s"
      When I run tracker status us-cn-climate-talks --as-of 2023-12-01
      Then I see "us-cn-climate-talks — Working Group on Enhancing Climate Action in the 2020s"

    Scenario: The dashboard as of a day shows the name that held then
      Given I ran tracker amend us-cn-climate-talks --on 2023-11-15 --title "Working Group on Enhancing Climate Action in the 2020s"
      When I run tracker status --as-of 2023-06-01 --json
      Then the message does not show "Enhancing Climate Action"

    Scenario: A replaced envoy
      Given I ran tracker amend us-cn-climate-talks --on 2024-03-06 --lead "USA=John Podesta"
      When I run tracker status us-cn-climate-talks --as-of 2024-01-01
      Then I see "leads        USA=John Kerry, CHN=Xie Zhenhua"
      When I run tracker status us-cn-climate-talks
      Then I see "leads        USA=John Podesta, CHN=Xie Zhenhua"

    Scenario: A lead dropped
      Given I ran tracker amend us-cn-climate-talks --on 2024-03-06 --drop-lead US
      When I run tracker status us-cn-climate-talks
      Then I see "leads        CHN=Xie Zhenhua"

    Scenario: Topics given replace the channel's topics
      Given I ran tracker amend us-cn-climate-talks --on 2023-11-15 --topic methane --topic "energy transition"
      When I run tracker status us-cn-climate-talks
      Then I see "topics       methane, energy transition"

    Scenario: Every topic can be taken away
      Given I ran tracker amend us-cn-climate-talks --on 2022-01-10 --topic methane
      And I ran tracker amend us-cn-climate-talks --on 2023-11-15 --no-topics
      When I run tracker status us-cn-climate-talks
      Then I do not see "methane"
      When I run tracker status us-cn-climate-talks --as-of 2023-11-14
      Then I see "topics       methane"

    Scenario: In a seed file, an amendment with an empty list of topics takes every topic away
      Given I ran tracker amend us-cn-climate-talks --on 2022-01-10 --topic methane
      And a seed file "amendments.jsonl" containing:
        """
        {"command": "amend", "slug": "us-cn-climate-talks", "on": "2023-11-15", "topics": [], "sources": [{"citation": "Joint statement"}]}
        """
      When I import the seed file
      And I run tracker status us-cn-climate-talks
      Then I do not see "methane"

    Scenario: Taking every topic away and giving topics at once is bad input
      When I run tracker amend us-cn-climate-talks --on 2023-11-15 --no-topics --topic methane
      Then the tracker rejects it as bad input with exit code 2, saying "give it or --topic, not both"
      And nothing is recorded

    Scenario: An upgraded channel's meetings are at its new level
      Given I ran tracker amend us-cn-climate-talks --on 2024-01-01 --level ministerial
      And a meeting was held on "us-cn-climate-talks" on "2024-05-08"
      And a meeting was held on "us-cn-climate-talks" on "2023-05-08"
      Then the meeting of "2024-05-08" on "us-cn-climate-talks" is at ministerial level
      And the meeting of "2023-05-08" on "us-cn-climate-talks" is at senior-official level

  Rule: The history and the report show each change

    Scenario: The history lists the amendment with what it changed
      Given I ran tracker amend us-cn-climate-talks --on 2024-03-06 --lead "USA=John Podesta"
      When I run tracker history us-cn-climate-talks
      Then I see "amended"
      And I see "leads: USA=John Podesta"

    Scenario: The report shows the change
      Given I ran tracker amend us-cn-climate-talks --on 2024-03-06 --lead "USA=John Podesta"
      When I run tracker report --format md
      Then I see "amended"
      And I see "USA=John Podesta"

  Rule: An amendment must change something, for the channel's parties

    Scenario: An amendment without a change is bad input
      When I run tracker amend us-cn-climate-talks --on 2024-03-06
      Then the tracker rejects it as bad input with exit code 2, saying "an amendment changes something"
      And nothing is recorded

    Scenario: A lead for a party that is not the channel's is refused
      When I run tracker amend us-cn-climate-talks --on 2024-03-06 --lead "JPN=Someone"
      Then the tracker refuses it with exit code 1, saying "JPN (a lead) is not a party of us-cn-climate-talks"
      And nothing is recorded

    Scenario: An amendment before the channel was opened is refused
      When I run tracker amend us-cn-climate-talks --on 2012-01-01 --title "Climate"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And nothing is recorded

    Scenario: An amendment after today is refused
      When I run tracker amend us-cn-climate-talks --on 2999-01-01 --title "Climate"
      Then the tracker refuses it with exit code 1, saying "is after today"
      And nothing is recorded

    @postgres
    Scenario: On a shared database, the name that held on a day
      Given the store is a new shared PostgreSQL database
      And I ran tracker amend us-cn-climate-talks --on 2023-11-15 --title "Working Group on Enhancing Climate Action in the 2020s"
      When I run tracker status --as-of 2023-06-01 --json
      Then the message does not show "Enhancing Climate Action"
