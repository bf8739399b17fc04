Feature: Suspend channels
  A party may break off a dialogue: "Beijing broke off dialogues with Washington about military,
  climate and other issues … in retaliation for a visit by then-Speaker Nancy Pelosi". One such
  decision often touches several channels at once; they are all suspended, or none is.

  Background:
    Given these channels:
      | channel             | status | opened     |
      | us-cn-mmca          | agreed | 1998-01-19 |
      | us-cn-climate-talks | agreed | 2013-04-13 |

  Rule: Only an agreed or active channel can be suspended

    Scenario: An active channel is suspended by one party
      Given a meeting was held on "us-cn-mmca" on "2021-12-14"
      When I suspend "us-cn-mmca" on "2022-08-05" by CN because "Speaker Pelosi visited Taiwan"
      Then it is recorded
      And "us-cn-mmca" is suspended since "2022-08-05"
      And "us-cn-mmca" was suspended by CHN

    Scenario: An agreed channel that never met can be suspended
      When I suspend "us-cn-climate-talks" on "2022-08-05"
      Then it is recorded
      And "us-cn-climate-talks" is suspended since "2022-08-05"

    Scenario: A proposed channel cannot be suspended
      Given a proposed channel "us-cn-ai-talks" opened on "2022-01-10"
      When I suspend "us-cn-ai-talks" on "2022-08-05"
      Then the tracker refuses it with exit code 1, saying "only an agreed or active channel can be suspended"
      And the message mentions "us-cn-ai-talks is proposed on 2022-08-05"
      And the message mentions "record its agreement first (tracker agree)"
      And nothing is recorded

    Scenario: A suspended channel cannot be suspended again
      Given "us-cn-mmca" was suspended on "2022-08-05" by CN
      When I suspend "us-cn-mmca" on "2023-02-04"
      Then the tracker refuses it with exit code 1, saying "only an agreed or active channel can be suspended"
      And the message mentions "us-cn-mmca is suspended on 2023-02-04 (since 2022-08-05)"
      And nothing is recorded

    Scenario: A suspension dated to the month of the resumption is told to give its day
      Given "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I suspend "us-cn-mmca" on "2023-11"
      Then the tracker refuses it with exit code 1, saying "only an agreed or active channel can be suspended"
      And the message mentions "the date 2023-11 could mean a day before the resumption of 2023-11-15"
      And the message mentions "give a more precise date (e.g. 2023-11-15 or later), or check the date"
      And the message does not show "must be resumed"
      And nothing is recorded

    Scenario: A suspension dated before the channel was opened is refused
      When I suspend "us-cn-climate-talks" on "2012-08-05"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel before the date it was opened"
      And the message mentions "2013-04-13"
      And nothing is recorded

    Scenario: Suspending a channel that already ended is refused
      Given "us-cn-climate-talks" was concluded on "2021-11-10"
      When I suspend "us-cn-climate-talks" on "2022-08-05"
      Then the tracker refuses it with exit code 1, saying "nothing can occur on a channel after it was concluded"
      And the message mentions "2021-11-10"
      And nothing is recorded

    Scenario: A suspension by a party that is neither a country nor an organisation is rejected
      When I suspend "us-cn-mmca" on "2022-08-05" by PRC
      Then the tracker rejects it as bad input with exit code 2, saying "'PRC' is neither an ISO 3166-1 country code nor an organisation's code"
      And the message mentions "--by"
      And nothing is recorded

  Rule: One decision may suspend several channels: all of them are suspended, or none

    Scenario: China suspends the military and climate dialogues at once
      When I suspend "us-cn-mmca" and "us-cn-climate-talks" on "2022-08-05" by CN
      Then 2 events are recorded
      And "us-cn-mmca" is suspended since "2022-08-05"
      And "us-cn-climate-talks" is suspended since "2022-08-05"

    Scenario: When one channel cannot be suspended, none is
      Given a proposed channel "us-cn-ai-talks" opened on "2022-01-10"
      When I suspend "us-cn-mmca", "us-cn-climate-talks" and "us-cn-ai-talks" on "2022-08-05" by CN
      Then the tracker refuses it with exit code 1, saying "only an agreed or active channel can be suspended"
      And the message mentions "us-cn-ai-talks"
      And nothing is recorded
      And "us-cn-mmca" is agreed since "1998-01-19"
      And "us-cn-climate-talks" is agreed since "2013-04-13"

    Scenario: When one channel is already suspended, none is
      Given "us-cn-climate-talks" was suspended on "2022-01-01"
      When I suspend "us-cn-mmca" and "us-cn-climate-talks" on "2022-08-05" by CN
      Then the tracker refuses it with exit code 1, saying "only an agreed or active channel can be suspended"
      And the message mentions "us-cn-climate-talks is suspended on 2022-08-05"
      And nothing is recorded
      And "us-cn-mmca" is agreed

    Scenario: When one channel does not exist, none is suspended
      When I suspend "us-cn-mmca" and "us-cn-theater-commanders-talks" on "2022-08-05" by CN
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-theater-commanders-talks'"
      And nothing is recorded
      And "us-cn-mmca" is agreed
