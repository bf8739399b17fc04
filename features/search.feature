Feature: Find facts by their words
  `tracker search TEXT` finds the facts whose words hold every word of TEXT: the words of a
  channel's title and of its leads' names, of a meeting's location and summary, of a reason, and
  of every source's citation, quote and note. Neither case nor accents matter, and the last word
  may be the start of a longer one. Only the facts that count are found: a retracted fact is
  not, a corrected one is found as corrected. Each fact found is one line (its channel, number,
  kind and date, and a snippet of its words, those found in [brackets]), in one order whatever
  the store: the facts of fewest words first, then the latest, then by channel and number.
  `--as-of` and `--known-on` search the facts as `status` and `history` read them: those that
  had occurred by a day, those the tracker held at a moment. TEXT is only words: quotes, stars,
  colons or parentheses in it are never a query language.

  Background:
    Given I ran tracker open us-cn-commercial-wg --title "US–China Commercial Issues Working Group" --party US --party CN --on 2023-08-28 --lead "USA=Gina Raimondo" --lead "CHN=Wang Wentao"
    And I ran tracker meet us-cn-commercial-wg --on 2023-08-28 --location "Beijing, China" --summary "Talks on export controls" --source "AP, 2023-08-29" --quote "she and Wang would meet once a year"
    And I ran tracker open us-cn-climate-talks --title "US–China climate talks" --party US --party CN --on 2021-04-15
    And I ran tracker meet us-cn-climate-talks --on 2023-07-16 --location "Beijing" --summary "Methane and coal"

  Rule: A fact is found by any of its words, in any case

    Scenario: Words of a channel's title
      When I run tracker search "commercial issues"
      Then I see "us-cn-commercial-wg #1 opened 2023-08-28: US–China [Commercial] [Issues] Working Group"

    Scenario: Words of a meeting's location, in any case
      When I run tracker search "BEIJING"
      Then I see "us-cn-commercial-wg #2 meeting 2023-08-28: [Beijing], China"
      And I see "us-cn-climate-talks #2 meeting 2023-07-16: [Beijing]"

    Scenario: The name of a lead
      When I run tracker search raimondo
      Then I see "us-cn-commercial-wg #1 opened 2023-08-28:"
      And I see "[Raimondo]"

    Scenario: Words of a source's quote, the last word the start of a longer one
      When I run tracker search "once a ye"
      Then I see "us-cn-commercial-wg #2 meeting 2023-08-28:"
      And I see "[once] [a] [year]"

    Scenario: Every word must be found in the one fact
      When I run tracker search "Beijing coal"
      Then I see "us-cn-climate-talks #2 meeting"
      And the message does not show "us-cn-commercial-wg"

    Scenario: Nothing found is not a failure
      When I run tracker search "Geneva"
      Then it succeeds
      And I see "nothing matches"
      And I see "Geneva"

  Rule: Accents do not matter, as case does not

    Scenario: A name written without its accents finds it written with them, and the other way round
      Given I ran tracker open cn-tr-strategic --title "China–Türkiye strategic dialogue" --party CN --party TR --on 2023-03-01 --lead "CHN=Wáng Yì"
      And I ran tracker meet cn-tr-strategic --on 2023-06-12 --location "São Paulo" --summary "Talks with Wang Yi"
      When I run tracker search "Wang Yi"
      Then I see "cn-tr-strategic #1 opened 2023-03-01: China–Türkiye strategic dialogue | [Wáng] [Yì]"
      And I see "cn-tr-strategic #2 meeting 2023-06-12: São Paulo | Talks with [Wang] [Yi]"
      When I run tracker search "Yì türkiye"
      Then I see "China–[Türkiye] strategic dialogue"
      When I run tracker search "Sao Paulo"
      Then I see "[São] [Paulo]"

  Rule: Only the facts that count are found

    Scenario: A retracted fact is not found
      Given event #2 of "us-cn-climate-talks" was retracted because "wrong channel"
      When I run tracker search methane
      Then I see "nothing matches"

    Scenario: A corrected fact is found as corrected
      Given I ran tracker correct us-cn-climate-talks 2 --on 2023-07-17 --location "Beijing" --summary "Methane, coal and deforestation"
      When I run tracker search deforestation
      Then I see "us-cn-climate-talks #3 meeting 2023-07-17: Beijing | Methane, coal and [deforestation]"
      And the message does not show "#2"

  Rule: TEXT is words, never a query language

    Scenario Outline: Quotes, stars, colons, operators and parentheses are only separators
      When I run tracker search '<text>'
      Then it succeeds
      And I see "us-cn-commercial-wg #2 meeting"

      Examples:
        | text                      |
        | "export controls"         |
        | export* (controls)        |
        | talks:export -controls    |
        | export & !controls        |
        | {export} controls^2 +     |

    Scenario: A word that is an operator elsewhere is a word like any other
      When I run tracker search "export NEAR controls"
      Then it succeeds
      And I see "nothing matches"

    Scenario: A search without a word is bad input
      When I run tracker search " * ( ) "
      Then the tracker rejects it as bad input with exit code 2, saying "nothing to search for"

    Scenario: An empty search is bad input
      When I run tracker search ""
      Then the tracker rejects it as bad input with exit code 2, saying "nothing to search for"

  Rule: A search can be kept to some channels, limited, and read by scripts

    Scenario: Only the channels named
      When I run tracker search beijing --channel us-cn-climate-talks
      Then I see "us-cn-climate-talks #2 meeting"
      And the message does not show "us-cn-commercial-wg"

    Scenario: A channel that does not exist is refused
      When I run tracker search beijing --channel us-cn-nowhere
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-nowhere'"

    Scenario: At most N facts, the best match first
      When I run tracker search beijing --limit 1
      Then I see "us-cn-climate-talks #2 meeting 2023-07-16: [Beijing]"
      And the message does not show "us-cn-commercial-wg"

    Scenario: For scripts, each fact found with its channel, number, kind, date and snippet
      When I run tracker search "beijing" --json
      Then for scripts, the search finds:
        | channel             | seq | kind    | occurred   | snippet                                                                                            |
        | us-cn-climate-talks | 2   | meeting | 2023-07-16 | [Beijing] \| Methane and coal                                                                      |
        | us-cn-commercial-wg | 2   | meeting | 2023-08-28 | [Beijing], China \| Talks on export controls \| AP, 2023-08-29 \| she and Wang would meet once… |

  Rule: A search can look back in time, as status and history do

    Scenario: As of a day: only the facts that had occurred by then
      When I run tracker search beijing --as-of 2023-08-01
      Then I see "us-cn-climate-talks #2 meeting 2023-07-16: [Beijing]"
      And the message does not show "us-cn-commercial-wg"

    Scenario: As of a day before anything matching occurred
      When I run tracker search beijing --as-of 2023-01-01
      Then it succeeds
      And I see "nothing matches"

    Scenario: As known at a moment: a fact retracted since is found, one recorded since is not
      Given event #2 of "us-cn-climate-talks" was retracted because "wrong channel"
      And I ran tracker meet us-cn-climate-talks --on 2023-11-15 --location "Beijing" --summary "Methane again"
      When I search for "methane", as known just before event #3 of us-cn-climate-talks was recorded
      Then I see "us-cn-climate-talks #2 meeting 2023-07-16: Beijing | [Methane] and coal"
      And the message does not show "#4"
      When I run tracker search methane
      Then I see "us-cn-climate-talks #4 meeting 2023-11-15: Beijing | [Methane] again"
      And the message does not show "#2"

    Scenario: As known before the fact was recorded
      When I search for "methane", as known just before event #2 of us-cn-climate-talks was recorded
      Then I see "nothing matches"

    Scenario: A day that is not a day is bad input
      When I run tracker search beijing --as-of 2023-02-30
      Then the tracker rejects it as bad input with exit code 2, saying "--as-of"

    Scenario: A moment that is not a moment is bad input
      When I run tracker search beijing --known-on yesterday
      Then the tracker rejects it as bad input with exit code 2, saying "--known-on"

    Scenario: A limit past a million facts is bad input
      When I run tracker search beijing --limit 99999999999999999999999
      Then the tracker rejects it as bad input with exit code 2, saying "'--limit': Input should be less than or equal to 1000000"

  Rule: A shared PostgreSQL store finds the same

    @postgres
    Scenario: Words of a title, a location and a quote on PostgreSQL
      When I run tracker search "wang beijing"
      Then I see "us-cn-commercial-wg #2 meeting 2023-08-28:"
      And I see "[Beijing]"
      And the message does not show "us-cn-climate-talks"

    @postgres
    Scenario: Accents do not matter on PostgreSQL
      Given I ran tracker open cn-tr-strategic --title "China–Türkiye strategic dialogue" --party CN --party TR --on 2023-03-01 --lead "CHN=Wáng Yì"
      When I run tracker search "wang yi turkiye"
      Then I see "cn-tr-strategic #1 opened 2023-03-01: China–[Türkiye] strategic dialogue | [Wáng] [Yì]"

    @postgres
    Scenario: As known at a moment on PostgreSQL
      Given event #2 of "us-cn-climate-talks" was retracted because "wrong channel"
      When I search for "methane", as known just before event #3 of us-cn-climate-talks was recorded
      Then I see "us-cn-climate-talks #2 meeting"

    @postgres
    Scenario: A retracted fact is not found on PostgreSQL
      Given event #2 of "us-cn-climate-talks" was retracted because "wrong channel"
      When I run tracker search methane
      Then I see "nothing matches"
