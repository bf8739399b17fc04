Feature: Correct a mistake by retracting an event
  Events are never edited or deleted. A fact recorded by mistake is retracted, with the reason;
  from then on the status, the cadences, what is overdue, the reports and the rules all ignore
  it, while the history keeps it, marked as retracted. A retraction is refused when the timeline
  without the fact would break a rule. The fact, or the right one, can then be recorded again.

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"
    And a meeting was held on "us-cn-commercial-wg" on "2023-08-28"
    And "us-cn-commercial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"
    And "us-cn-commercial-wg" was suspended on "2024-01-10" by CN
    And "us-cn-commercial-wg" was resumed on "2024-03-01"
    And a meeting was held on "us-cn-commercial-wg" on "2024-04-04" at vice-ministerial level

  Rule: A retracted event no longer counts

    Scenario: A retracted meeting is no longer counted, nor does it set when the next is due
      When I retract event #6 of "us-cn-commercial-wg" because "it was a phone call, not a meeting"
      Then it is recorded
      And "us-cn-commercial-wg" has held 1 meeting
      And the vice-ministerial cadence of "us-cn-commercial-wg" is 2 meetings a year, next due on "2024-08-31"

    Scenario: Retracting the first meeting changes since when the channel was active
      When I retract event #2 of "us-cn-commercial-wg" because "it was a lunch, not a meeting of the group"
      Then it is recorded
      And "us-cn-commercial-wg" is agreed since "2023-08-28" as of "2023-12-31"
      And "us-cn-commercial-wg" is active since "2024-04-04"

    Scenario: What is overdue ignores a retracted meeting
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I ask what is overdue as of "2024-09-10"
      Then only the vice-ministerial meeting of "us-cn-commercial-wg" due on "2024-08-31" is overdue, 10 days late

    Scenario: The rules ignore a retracted meeting
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I suspend "us-cn-commercial-wg" on "2024-04-01" by CN
      Then it is recorded
      And "us-cn-commercial-wg" is suspended since "2024-04-01"

    Scenario: The dashboard ignores a retracted meeting
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I ask for the dashboard as of "2024-09-10"
      Then the dashboard shows this row:
        | channel             | status                  | last meeting | next due                    | planned | overdue |
        | us-cn-commercial-wg | active since 2024-03-01 | 2023-08-28   | vice-ministerial 2024-08-31 |         | yes     |

    Scenario Outline: Reports ignore a retracted meeting, and mark it with the reason
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I ask for the report in <format> as of "2024-09-10"
      Then the report's summary shows "us-cn-commercial-wg" with last meeting "2023-08-28"
      And the report marks event #6 of "us-cn-commercial-wg" as retracted because "it was a phone call, not a meeting"

      Examples:
        | format   |
        | Markdown |
        | HTML     |
        | JSON     |

    @postgres
    Scenario: On a shared database, a retracted meeting is no longer counted
      Given the store is a new shared PostgreSQL database
      When I retract event #6 of "us-cn-commercial-wg" because "it was a phone call, not a meeting"
      Then it is recorded
      And "us-cn-commercial-wg" has held 1 meeting

  Rule: The history keeps a retracted event, marked with the retraction and its reason

    Scenario: The retraction is an event of its own, and the retracted event stays where it was
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I ask for the history of "us-cn-commercial-wg"
      Then the history shows these events:
        | # | occurred   | event     |
        | 1 | 2023-08-28 | opened    |
        | 2 | 2023-08-28 | meeting   |
        | 3 | 2023-08-28 | cadence   |
        | 4 | 2024-01-10 | suspended |
        | 5 | 2024-03-01 | resumed   |
        | 6 | 2024-04-04 | meeting   |
        | 7 | —          | retracted |
      And the history marks event #6 as retracted
      And I see "it was a phone call, not a meeting"

    Scenario: For scripts, the history says which event retracted it and why
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      Then for scripts, event #6 of "us-cn-commercial-wg" is retracted by event #7 because "it was a phone call, not a meeting"

  Rule: A retraction that would leave the timeline breaking a rule is refused

    Scenario: The resumption cannot be retracted while a meeting after it stands
      When I retract event #5 of "us-cn-commercial-wg" because "the talks resumed later"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "without the resumption of 2024-03-01 (#5)"
      And the message mentions "correct #5 rather than retract it, or retract or correct #6 first"
      And the message does not show "record its resumption first"
      And nothing is recorded
      And "us-cn-commercial-wg" is active since "2024-03-01"

    Scenario: A suspension cannot be retracted while its resumption stands
      When I retract event #4 of "us-cn-commercial-wg" because "there was no suspension"
      Then the tracker refuses it with exit code 1, saying "only a suspended channel can be resumed"
      And the message mentions "without the suspension of 2024-01-10 (#4)"
      And nothing is recorded

    Scenario: An agreement cannot be retracted while a meeting after it stands
      Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"
      And "us-cn-ai-talks" was agreed on "2023-11-15"
      And a meeting was held on "us-cn-ai-talks" on "2024-05-14"
      When I retract event #2 of "us-cn-ai-talks" because "they only talked about talking"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And the message mentions "without the agreement of 2023-11-15 (#2)"
      And nothing is recorded

    @postgres
    Scenario: On a shared database, a retraction that breaks a rule records nothing
      Given the store is a new shared PostgreSQL database
      When I retract event #5 of "us-cn-commercial-wg" because "the talks resumed later"
      Then the tracker refuses it with exit code 1, saying "a meeting can only be held on a channel that is agreed or active"
      And nothing is recorded

  Rule: An event is retracted once; the opening and the retractions themselves cannot be retracted

    Scenario: An event already retracted cannot be retracted again
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I retract event #6 of "us-cn-commercial-wg" because "still a phone call"
      Then the tracker refuses it with exit code 1, saying "event #6 of us-cn-commercial-wg is already retracted"
      And nothing is recorded

    Scenario: A retraction cannot be retracted
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I retract event #7 of "us-cn-commercial-wg" because "it was a meeting after all"
      Then the tracker refuses it with exit code 1, saying "event #7 of us-cn-commercial-wg is itself a retraction"
      And the message mentions "record the retracted fact again instead"
      And nothing is recorded

    Scenario: The opening cannot be retracted
      When I retract event #1 of "us-cn-commercial-wg" because "wrong channel"
      Then the tracker refuses it with exit code 1, saying "cannot be retracted"
      And the message mentions "correct it (tracker correct"
      And nothing is recorded

    Scenario: An event the channel does not have cannot be retracted
      When I retract event #9 of "us-cn-commercial-wg" because "never happened"
      Then the tracker refuses it with exit code 1, saying "us-cn-commercial-wg has no event #9"
      And nothing is recorded

    Scenario: An event of a channel nobody opened cannot be retracted
      When I retract event #2 of "us-cn-space-talks" because "never happened"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"
      And nothing is recorded

    Scenario: A retraction needs a reason
      When I retract event #6 of "us-cn-commercial-wg" without a reason
      Then the tracker rejects it as bad input with exit code 2, saying "--reason"
      And nothing is recorded

    Scenario: A retraction with an empty reason is rejected
      When I retract event #6 of "us-cn-commercial-wg" because ""
      Then the tracker rejects it as bad input with exit code 2, saying "--reason"
      And nothing is recorded

  Rule: A retracted fact can be recorded again

    Scenario: A retracted cadence is recorded again and counts again
      Given event #3 of "us-cn-commercial-wg" was retracted because "recorded from a misreported source"
      When I record that "us-cn-commercial-wg" is to meet at vice-ministerial level 2 times a year, agreed on "2023-08-28"
      Then it is recorded
      And the vice-ministerial cadence of "us-cn-commercial-wg" is 2 meetings a year, next due on "2024-10-04"

    Scenario: A meeting recorded on the wrong day is retracted and recorded on the right one
      Given event #6 of "us-cn-commercial-wg" was retracted because "it met the day after"
      When I record a meeting on "us-cn-commercial-wg" on "2024-04-05" at vice-ministerial level
      Then it is recorded
      And "us-cn-commercial-wg" has held 2 meetings
      And the vice-ministerial cadence of "us-cn-commercial-wg" is 2 meetings a year, next due on "2024-10-05"

  Rule: Record time remembers what was known before the retraction

    Scenario Outline: As known before the retraction was recorded, the retracted meeting still counted
      Given event #6 of "us-cn-commercial-wg" was retracted because "it was a phone call, not a meeting"
      When I ask for the status of "us-cn-commercial-wg" as of "2024-06-01", as known <known>
      Then the answer counts <count> meetings held

      Examples:
        | known                                                    | count |
        | now                                                      | 1     |
        | when event #7 of us-cn-commercial-wg was recorded        | 1     |
        | just before event #7 of us-cn-commercial-wg was recorded | 2     |
