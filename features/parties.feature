Feature: The parties of a channel
  A channel is a dialogue between two or more parties: countries, given by their ISO 3166 codes
  (US or USA), and organisations, given by their codes from the tracker's list (EU, NATO, ASEAN,
  AFU for the African Union, UN, OSCE, IAEA, G7, G20 …; see docs/domain.md). Whoever breaks a
  channel off or leads for one side is one of its parties; a code for anyone else is a mistake to
  catch before it is recorded. A meeting may be hosted by anyone: a US–Russia session in Cairo.

  Background:
    Given these channels:
      | channel             | status | opened     |
      | us-cn-mmca          | agreed | 1998-01-19 |

  Rule: A party is a country or an organisation, and a channel has two or more

    Scenario: An organisation is a party
      When I open the channel "us-eu-ttc" titled "US–EU Trade and Technology Council" between US and EU on "2021-09-29"
      Then it is recorded
      And the parties of "us-eu-ttc" are USA and EU

    Scenario: A channel between an alliance and a country
      When I open the channel "nato-russia-council" titled "NATO–Russia Council" between NATO and RU on "2002-05-28"
      Then it is recorded
      And the parties of "nato-russia-council" are NATO and RUS

    Scenario: A channel among three or more parties
      When I open the channel "asean-regional-forum" titled "ASEAN Regional Forum" between ASEAN, US, CN and JP on "1994-07-25"
      Then it is recorded
      And the parties of "asean-regional-forum" are ASEAN, USA, CHN and JPN

    Scenario: An organisation's code may be written in any case
      When I open the channel "au-cn-dialogue" titled "AU–China dialogue" between afu and cn on "2018-09-03"
      Then it is recorded
      And the parties of "au-cn-dialogue" are AFU and CHN

    Scenario: A country's code keeps meaning the country: AU is Australia
      When I open the channel "au-cn-strategic" titled "Australia–China strategic dialogue" between AU and CN on "2014-11-17"
      Then it is recorded
      And the parties of "au-cn-strategic" are AUS and CHN

    Scenario: A code that is neither a country nor an organisation is rejected
      When I open the channel "us-xx-talks" titled "Talks" between US and XX on "2021-09-29"
      Then the tracker rejects it as bad input with exit code 2, saying "'XX' is neither an ISO 3166-1 country code nor an organisation's code"
      And the message mentions "NATO"
      And nothing is recorded

  Rule: Only a party of the channel can suspend it or lead for one side

    Scenario: A party of the channel suspends it
      When I suspend "us-cn-mmca" on "2022-08-05" by CN
      Then it is recorded
      And "us-cn-mmca" was suspended by CHN

    Scenario: A government that is not a party cannot suspend the channel
      When I suspend "us-cn-mmca" on "2022-08-05" by JP
      Then the tracker refuses it with exit code 1, saying "only a party of the channel can suspend it"
      And the message mentions "JPN (who suspended it) is not a party of us-cn-mmca"
      And nothing is recorded

    Scenario: An organisation that is a party may suspend the channel
      Given these channels:
        | channel             | status | opened     | parties     |
        | nato-russia-council | agreed | 2002-05-28 | NATO and RU |
      When I suspend "nato-russia-council" on "2014-04-01" by NATO
      Then it is recorded
      And "nato-russia-council" was suspended by NATO

  Rule: Anyone may host a planned meeting

    Scenario: A meeting hosted outside the parties
      Given these channels:
        | channel  | status | opened     | parties   |
        | us-ru-ss | agreed | 2021-06-16 | US and RU |
      When I record that a meeting on "us-ru-ss" was agreed on "2022-11-08" to take place in "2022-11-29/2022-12-06" hosted by EG
      Then it is recorded
      And "us-ru-ss" has a meeting planned in "2022-11-29/2022-12-06" hosted by EGY

    Scenario: A meeting hosted by an organisation
      When I record that a meeting on "us-cn-mmca" was agreed on "2023-11-15" to take place in "2024-04" hosted by ASEAN
      Then it is recorded
      And "us-cn-mmca" has a meeting planned in "2024-04" hosted by ASEAN

    Scenario: A planned meeting may say where it is to be held
      When I run tracker plan us-cn-mmca --on 2023-11-15 --window 2024-04 --host EG --location Cairo
      Then it is recorded
      And event #2 of "us-cn-mmca" says its location is "Cairo"

    Scenario: The status of a channel says where a planned meeting is to be held
      Given I ran tracker plan us-cn-mmca --on 2023-11-15 --window 2024-04 --host EG --location Cairo
      When I ask for the status of "us-cn-mmca" as of "2024-01-01"
      Then the status shows:
        | field   | shows                                                   |
        | planned | meeting in Cairo in 2024-04 (agreed 2023-11-15, host EGY) |

  Rule: The export names each party by its CAMEO actor code, where CAMEO has one

    Scenario Outline: A country by its alpha-3 code, an organisation by its IGO code
      Given these channels:
        | channel   | status | opened     | parties          |
        | us-eu-ttc | agreed | 2021-09-29 | US, EU and G20   |
      When I export every event as <format>
      Then the exported event #1 of "us-eu-ttc" names the CAMEO actors USA as USA, EU as IGOEUREEC and G20 as none
      And the exported event #1 of "us-cn-mmca" names the CAMEO actors USA as USA and CHN as CHN

      Examples:
        | format     |
        | JSON Lines |
        | CSV        |
