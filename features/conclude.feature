Feature: Conclude a channel
  A channel ends when the parties wind it up, often replacing it with a new one. After its
  conclusion nothing more can happen on it; a fact recorded by mistake can still be retracted.

  Background:
    Given an agreed channel "us-cn-s-and-ed" at ministerial level opened on "2009-07-27"
    And a meeting was held on "us-cn-s-and-ed" on "2016-06-06"

  Rule: A concluded channel stays concluded

    Scenario: A channel is concluded
      When I conclude "us-cn-s-and-ed" on "2017-01"
      Then it is recorded
      And "us-cn-s-and-ed" is concluded since "2017-01"
      And "us-cn-s-and-ed" is active as of "2016-12-31"

    Scenario: A channel is concluded and replaced by a successor
      Given an agreed channel "us-cn-comprehensive-dialogue" at ministerial level opened on "2017-04-06"
      When I conclude "us-cn-s-and-ed" on "2017-01" as replaced by "us-cn-comprehensive-dialogue"
      Then it is recorded
      And "us-cn-s-and-ed" is to be succeeded by "us-cn-comprehensive-dialogue"

    Scenario: A conclusion dated before the channel was opened is refused
      When I conclude "us-cn-s-and-ed" on "2008"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And the message mentions "2009-07-27"
      And nothing is recorded

  Rule: A successor may be recorded later: one not recorded yet is kept as given, with a warning

    Scenario: A successor not recorded yet is kept, with a warning
      When I conclude "us-cn-s-and-ed" on "2017-01" as replaced by "us-cn-comprehensive-dialogue"
      Then it is recorded, with a warning saying "us-cn-s-and-ed is succeeded by us-cn-comprehensive-dialogue, but no channel 'us-cn-comprehensive-dialogue' is recorded yet (recorded as given"
      And the message mentions "tracker correct us-cn-s-and-ed 3 --successor SLUG changes it"
      And "us-cn-s-and-ed" is to be succeeded by "us-cn-comprehensive-dialogue"

    Scenario: A mistyped successor is kept, with a warning naming the channel most likely meant
      Given an agreed channel "us-cn-dpct" opened on "2012-12-10"
      When I conclude "us-cn-s-and-ed" on "2017-01" as replaced by "us-cn-dpctt"
      Then it is recorded, with a warning saying "no channel 'us-cn-dpctt' is recorded yet; did you mean us-cn-dpct?"
      And "us-cn-s-and-ed" is to be succeeded by "us-cn-dpctt"

    Scenario: A successor corrected to a slug no channel has is kept, with a warning
      Given an agreed channel "us-cn-dpct" opened on "2012-12-10"
      And "us-cn-s-and-ed" was concluded on "2017-01"
      When I run tracker correct us-cn-s-and-ed 3 --successor us-cn-dpctt
      Then it records 2 events, with a warning saying "us-cn-s-and-ed is succeeded by us-cn-dpctt, but no channel 'us-cn-dpctt' is recorded yet; did you mean us-cn-dpct?"

  Rule: Nothing but a retraction may follow a conclusion

    Scenario Outline: Nothing can be recorded after the conclusion
      Given "us-cn-s-and-ed" was concluded on "2017-01"
      When <recording something later>
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel after it was concluded"
      And the message mentions "2017-01"
      And nothing is recorded

      Examples:
        | recording something later                                                                                        |
        | I record a meeting on "us-cn-s-and-ed" on "2017-06-21"                                                           |
        | I suspend "us-cn-s-and-ed" on "2017-06-21"                                                                       |
        | I resume "us-cn-s-and-ed" on "2017-06-21"                                                                        |
        | I conclude "us-cn-s-and-ed" on "2017-06-21"                                                                      |
        | I record that "us-cn-s-and-ed" is to meet at ministerial level 1 time a year, agreed on "2017-06-21"             |
        | I record that a meeting on "us-cn-s-and-ed" was agreed on "2017-06-21" to take place in "2018"                   |

    Scenario: A meeting in the month a conclusion is dated to may have come before it: the conclusion needs its day
      Given "us-cn-s-and-ed" was concluded on "2017-01"
      When I record a meeting on "us-cn-s-and-ed" on "2017-01-20"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel after it was concluded"
      And the message mentions "the conclusion of 2017-01 (#3) could mean a day after the meeting of 2017-01-20"
      And the message mentions "tracker correct us-cn-s-and-ed 3 --on DAY"
      And the message does not show "retract the conclusion first"
      And nothing is recorded

    Scenario: A conclusion dated to the month of a later meeting is told to give its day
      Given a meeting was held on "us-cn-s-and-ed" on "2017-01-20"
      When I conclude "us-cn-s-and-ed" on "2017-01"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel after it was concluded"
      And the message mentions "the date 2017-01 could mean a day before the meeting of 2017-01-20"
      And the message does not show "retract #3 first"
      And nothing is recorded

    Scenario: A retraction may still follow the conclusion
      Given "us-cn-s-and-ed" was concluded on "2017-01"
      When I retract event #2 of "us-cn-s-and-ed" because "the meeting belongs to another channel"
      Then it is recorded
      And "us-cn-s-and-ed" has held 0 meetings
      And "us-cn-s-and-ed" is concluded since "2017-01"

    Scenario: Retracting the conclusion lets the channel continue
      Given "us-cn-s-and-ed" was concluded on "2017-01"
      When I retract event #3 of "us-cn-s-and-ed" because "the channel did not end then"
      Then it is recorded
      And "us-cn-s-and-ed" is active since "2016-06-06"

    Scenario: A meeting held before the conclusion can still be recorded afterwards
      Given "us-cn-s-and-ed" was concluded on "2017-01"
      When I record a meeting on "us-cn-s-and-ed" on "2016-11-15"
      Then it is recorded
      And "us-cn-s-and-ed" has held 2 meetings
      And "us-cn-s-and-ed" is concluded since "2017-01"
