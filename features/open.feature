Feature: Open a channel
  When two or more governments set up a standing dialogue, an analyst opens a channel for it:
  a short slug to refer to it, a title, the parties, and the date it was opened. A channel
  opens as agreed, or as only proposed when the parties have not yet agreed to it.

  Background:
    Given a new, empty tracker

  Rule: A channel opens as agreed or as proposed, on the date it was opened

    Scenario: A channel the parties agreed to opens as agreed
      When I open the channel "us-cn-commercial-wg" titled "US–China Commercial Issues Working Group" between US and CN on "2023-08-28"
      Then it is recorded
      And "us-cn-commercial-wg" is agreed since "2023-08-28"

    Scenario: A channel only proposed opens as proposed
      When I open the proposed channel "us-cn-ai-talks" between US and CN on "2023-08-29"
      Then it is recorded
      And "us-cn-ai-talks" is proposed since "2023-08-29"

    Scenario: The opening date keeps the precision it was reported with
      When I open the channel "us-cn-trade-secrets-talks" between US and CN on "2023-08-28/2023-08-29"
      Then it is recorded
      And "us-cn-trade-secrets-talks" is agreed since "2023-08-28/2023-08-29"

    Scenario Outline: An opening date that is not a date is rejected
      When I open the channel "us-cn-commercial-wg" between US and CN on "<date>"
      Then the tracker rejects it as bad input with exit code 2, saying "<reason>"
      And the message mentions "--on"
      And nothing is recorded

      Examples:
        | date       | reason                    |
        | 2023-13-01 | has no month 13           |
        | 2023-02-30 | February 2023 has 28 days |
        | yesterday  | is not a date             |
        | 28/08/2023 | is not a date             |

  Rule: Parties are governments, named by ISO 3166-1 codes and stored as alpha-3

    Scenario Outline: Two- and three-letter codes are both stored as three-letter codes
      When I open the channel "us-cn-commercial-wg" between <parties given> on "2023-08-28"
      Then it is recorded
      And the parties of "us-cn-commercial-wg" are <parties stored>

      Examples:
        | parties given | parties stored   |
        | US and CN     | USA and CHN      |
        | USA and CHN   | USA and CHN      |
        | us and chn    | USA and CHN      |
        | US, CN and JP | USA, CHN and JPN |

    Scenario Outline: A party that is neither a country nor an organisation is rejected
      When I open the channel "us-cn-commercial-wg" between US and <party> on "2023-08-28"
      Then the tracker rejects it as bad input with exit code 2, saying "'<party>' is neither an ISO 3166-1 country code nor an organisation's code"
      And nothing is recorded

      Examples:
        | party |
        | XX    |
        | ZZZ   |
        | China |

    Scenario Outline: A channel needs at least two different parties
      When I open the channel "us-cn-commercial-wg" between <parties> on "2023-08-28"
      Then the tracker rejects it as bad input with exit code 2, saying "a channel needs at least two different parties"
      And nothing is recorded

      Examples:
        | parties    |
        | US and USA |
        | US         |

  Rule: A slug is lowercase letters, digits and hyphens, at most 64 characters

    Scenario Outline: A slug with other characters is rejected
      When I open the channel "<slug>" between US and CN on "2023-08-28"
      Then the tracker rejects it as bad input with exit code 2, saying "is not a slug"
      And nothing is recorded

      Examples:
        | slug              |
        | US-CN-WG          |
        | us_cn_wg          |
        | us cn wg          |
        | us-cn-wg!         |
        | us/cn/commercial  |

    Scenario: A slug of 64 characters is accepted
      When I open a channel whose slug is 64 characters long
      Then it is recorded

    Scenario: A slug of 65 characters is rejected
      When I open a channel whose slug is 65 characters long
      Then the tracker rejects it as bad input with exit code 2, saying "at most 64"
      And nothing is recorded

  Rule: A slug names one channel only

    Scenario: Opening the same slug twice is refused
      Given an agreed channel "us-cn-mmca" opened on "1998-01-19"
      When I open the channel "us-cn-mmca" between US and CN on "2023-11-15"
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-mmca exists already"
      And nothing is recorded
      And "us-cn-mmca" is agreed since "1998-01-19"

  Rule: The channel it follows may be recorded later: one not recorded yet is kept as given, with a warning

    Scenario: A channel that follows one recorded opens without a warning
      Given an agreed channel "us-cn-s-and-ed" opened on "2009-07-27"
      When I run tracker open us-cn-ced --title "Comprehensive Economic Dialogue" --party US --party CN --on 2017-04 --follows us-cn-s-and-ed
      Then it is recorded

    Scenario: A channel that follows one not recorded yet opens, with a warning
      When I run tracker open us-cn-ced --title "Comprehensive Economic Dialogue" --party US --party CN --on 2017-04 --follows us-cn-s-and-ed
      Then it is recorded, with a warning saying "us-cn-ced follows us-cn-s-and-ed, but no channel 'us-cn-s-and-ed' is recorded yet (recorded as given; tracker correct us-cn-ced 1 --follows SLUG changes it)"

    Scenario: A mistyped predecessor is kept, with a warning naming the channel most likely meant
      Given an agreed channel "us-cn-s-and-ed" opened on "2009-07-27"
      When I run tracker open us-cn-ced --title "Comprehensive Economic Dialogue" --party US --party CN --on 2017-04 --follows us-cn-s-and-e
      Then it is recorded, with a warning saying "no channel 'us-cn-s-and-e' is recorded yet; did you mean us-cn-s-and-ed?"

  Rule: An option of one value is given once

    A second value would otherwise silently replace the first: a channel said to follow two
    others would follow the second alone.

    Scenario Outline: An option of one value given twice is rejected, and nothing is recorded
      Given an agreed channel "us-cn-mmca" opened on "1998-01-19"
      And an agreed channel "us-cn-leaders" opened on "2009-11-17"
      When I run tracker open us-cn-talks --title "Talks" --party US --party CN --on 2020-01-01 <twice>
      Then the tracker rejects it as bad input with exit code 2, saying "'<option>': given twice; give it once"
      And nothing is recorded

      Examples:
        | twice                                        | option    |
        | --follows us-cn-mmca --follows us-cn-leaders | --follows |
        | --level ministerial --level expert           | --level   |
