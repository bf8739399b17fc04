Feature: Correct any recorded fact in one step, the opening included
  First reports often turn out wrong: a meeting was a day later, a channel was opened on another
  date, it follows another channel. `tracker correct SLUG SEQ` records a corrected copy of fact SEQ,
  with the options given replacing the recorded values, and retracts the original: both in one
  step, all or nothing, with the rules checked on the corrected timeline. The history keeps both,
  linked, and the tracker as known before the correction still answers as it did then.

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"
    And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
    And a meeting was held on "us-cn-commercial-wg" on "2024-04-04" at vice-ministerial level

  Rule: A corrected fact replaces the original, which history keeps

    Scenario: A meeting's wrong date is corrected
      When I run tracker correct us-cn-commercial-wg 3 --on 2024-04-05 --why "the readout is dated the 5th"
      Then 2 events are recorded
      And I see "recorded #4 meeting of 2024-04-05 on us-cn-commercial-wg"
      And I see "recorded #5 retracted on us-cn-commercial-wg"
      And "us-cn-commercial-wg" has held 2 meetings
      And the meeting of "2024-04-05" on "us-cn-commercial-wg" is at vice-ministerial level

    Scenario: The history shows the original and its correction, linked
      Given I ran tracker correct us-cn-commercial-wg 3 --on 2024-04-05 --why "the readout is dated the 5th"
      When I run tracker history us-cn-commercial-wg
      Then I see "[CORRECTED by #4: the readout is dated the 5th]"
      And I see "(corrects #3)"

    Scenario: For scripts, the history links the two
      Given I ran tracker correct us-cn-commercial-wg 3 --on 2024-04-05
      Then for scripts, event #3 of "us-cn-commercial-wg" is corrected by event #4 and retracted by event #5 because "corrected by #4"

    Scenario: A correction keeps what it does not change, and may replace the sources
      Given I ran tracker meet us-cn-commercial-wg --on 2024-06-01 --location Beijing --summary "Talks on export controls"
      When I run tracker correct us-cn-commercial-wg 4 --location Tianjin --source "Commerce readout, 2024-06-02" --quote "met in Tianjin"
      Then 2 events are recorded
      And event #5 of "us-cn-commercial-wg" says its location is "Tianjin"
      And event #5 of "us-cn-commercial-wg" says its summary is "Talks on export controls"
      And event #5 of "us-cn-commercial-wg" has the sources:
        | citation                     | quote          | confidence |
        | Commerce readout, 2024-06-02 | met in Tianjin | medium     |

    Scenario: An amendment corrected to take its topics away says "(none)", not nothing
      Given I ran tracker amend us-cn-commercial-wg --on 2024-05-01 --topic "export controls"
      And I ran tracker correct us-cn-commercial-wg 4 --clear topic --why "no topic was named"
      When I run tracker history us-cn-commercial-wg
      Then I see "topics: (none)"
      When I export every event as CSV
      Then in the CSV, event #5 of "us-cn-commercial-wg" reads:
        | column | value  |
        | kind   | amended |
        | topics | (none) |
      And in the CSV, event #3 of "us-cn-commercial-wg" reads:
        | column | value |
        | topics |       |

    Scenario: A correction that would leave an amendment changing nothing is refused, and retract is named
      Given I ran tracker amend us-cn-commercial-wg --on 2024-05-01 --level vice-ministerial
      When I run tracker correct us-cn-commercial-wg 4 --clear level
      Then the tracker refuses it with exit code 1, saying "would change nothing"
      And the message mentions "tracker retract us-cn-commercial-wg 4"
      And nothing is recorded

  Rule: The opening can be corrected too

    Scenario: A wrong opening date is corrected, and the channel counts from the right one
      When I run tracker correct us-cn-commercial-wg 1 --on 2023-08-27 --title "US–China Commercial Issues Working Group"
      Then 2 events are recorded
      When I run tracker status us-cn-commercial-wg
      Then I see "opened       2023-08-27"
      And I see "US–China Commercial Issues Working Group"

    Scenario: A misused --follows is taken back by a correction of the opening
      Given an agreed channel "us-cn-old-wg" opened on "2010-01-01"
      And I ran tracker open us-cn-trade-wg --title "Trade group" --party US --party CN --on 2023-09-01 --follows us-cn-old-wg
      When I run tracker correct us-cn-trade-wg 1 --follows us-cn-commercial-wg
      Then 2 events are recorded
      When I run tracker status us-cn-trade-wg
      Then I see "follows      us-cn-commercial-wg"

    Scenario: A --follows given by mistake is taken away
      Given an agreed channel "us-cn-old-wg" opened on "2010-01-01"
      And I ran tracker open us-cn-trade-wg --title "Trade group" --party US --party CN --on 2023-09-01 --follows us-cn-old-wg
      When I run tracker correct us-cn-trade-wg 1 --clear follows --why "it replaces no channel"
      Then 2 events are recorded
      When I run tracker status us-cn-trade-wg
      Then the message does not show "follows"

    Scenario: A value a correction cannot take away is bad input, naming those it can
      When I run tracker correct us-cn-commercial-wg 1 --clear title
      Then the tracker rejects it as bad input with exit code 2, saying "'title' is not a value a correction can take away; these can: by, drop-lead, follows"
      And nothing is recorded

    Scenario: Known on a moment before the correction, the opening is as it was recorded then
      Given I ran tracker correct us-cn-commercial-wg 1 --on 2023-08-27
      When I ask for the status of "us-cn-commercial-wg", as known just before event #4 of us-cn-commercial-wg was recorded
      Then I see "opened       2023-08-28"

    Scenario: The parties of a channel can be corrected
      When I run tracker correct us-cn-commercial-wg 1 --party US --party JP
      Then 2 events are recorded
      And the parties of "us-cn-commercial-wg" are USA, JPN

    Scenario: Corrected parties must include those its facts name
      Given I ran tracker meet us-cn-commercial-wg --on 2024-06-01 --lead "CHN=Wang Wentao"
      When I run tracker correct us-cn-commercial-wg 1 --party US --party JP
      Then the tracker refuses it with exit code 1, saying "CHN (a lead) is not a party of us-cn-commercial-wg"
      And nothing is recorded

  Rule: The rules are checked on the corrected timeline, and nothing is recorded when refused

    Scenario: A correction that would put a meeting before the opening is refused
      When I run tracker correct us-cn-commercial-wg 3 --on 2023-01-01
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And nothing is recorded

    Scenario: A corrected opening may not leave later facts before it
      When I run tracker correct us-cn-commercial-wg 1 --on 2023-09-01
      Then the tracker refuses it with exit code 1, saying "with the opening of 2023-08-28 (#1) corrected"
      And nothing is recorded

    Scenario: A correction that changes nothing is refused
      When I run tracker correct us-cn-commercial-wg 3 --on 2024-04-04
      Then the tracker refuses it with exit code 1, saying "the correction changes nothing"
      And nothing is recorded

    Scenario: An option the fact does not have is bad input, naming the options it has
      When I run tracker correct us-cn-commercial-wg 3 --window 2024-05
      Then the tracker rejects it as bad input with exit code 2, saying "the meeting of 2024-04-04 (#3) has no --window; the options of tracker meet are"
      And nothing is recorded

    Scenario: A correction with no option at all is bad input
      When I run tracker correct us-cn-commercial-wg 3
      Then the tracker rejects it as bad input with exit code 2, saying "give the options of the fact whose values are wrong"
      And nothing is recorded

    Scenario: A fact corrected already is corrected through its copy
      Given I ran tracker correct us-cn-commercial-wg 3 --on 2024-04-05
      When I run tracker correct us-cn-commercial-wg 3 --on 2024-04-06
      Then the tracker refuses it with exit code 1, saying "event #3 of us-cn-commercial-wg is retracted; correct #4, its corrected copy, instead"
      And nothing is recorded

    Scenario: A fact that does not exist cannot be corrected
      When I run tracker correct us-cn-commercial-wg 9 --on 2024-04-05
      Then the tracker refuses it with exit code 1, saying "us-cn-commercial-wg has no event #9; its events are #1 to #3"
      And nothing is recorded

    Scenario: A corrected date after today is refused
      When I run tracker correct us-cn-commercial-wg 3 --on 2999-01-01
      Then the tracker refuses it with exit code 1, saying "is after today"
      And nothing is recorded

    @postgres
    Scenario: On a shared database, a correction is recorded in one step
      Given the store is a new shared PostgreSQL database
      When I run tracker correct us-cn-commercial-wg 3 --on 2024-04-05
      Then 2 events are recorded
      And the meeting of "2024-04-05" on "us-cn-commercial-wg" is at vice-ministerial level
      And "us-cn-commercial-wg" has held 2 meetings

  Rule: In the history, a correction reads in order

    Scenario: The original, its corrected copy, then the retraction
      Given I ran tracker correct us-cn-commercial-wg 3 --on 2024-04-04~ --why "the day is not sure"
      When I run tracker history us-cn-commercial-wg
      Then the history lists events #1, #2, #3, #4, #5
