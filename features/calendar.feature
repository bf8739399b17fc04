Feature: What is coming, as a calendar
  `tracker calendar -o dialogues.ics` writes an iCalendar file that calendar applications open or
  subscribe to: one all-day event on the day each cadence's next meeting is due, and one spanning
  the window of each planned meeting not yet held nor cancelled, on the channels that are agreed
  or active (nobody expects a proposed, suspended or concluded channel to meet). Each event keeps
  its UID from one export to the next, made of its channel and of the cadence's level or the
  plan's number, never of a date: when a meeting is held or a plan postponed, a subscribed
  calendar moves the event instead of adding another. Like the dashboard, the calendar can look
  back as of a day and as known at a moment, and keep only some channels.

  Background:
    Given an agreed channel "us-cn-commercial-wg" at ministerial level opened on "2023-08-28"
    And "us-cn-commercial-wg" agreed to meet at ministerial level 1 time a year on "2023-08-28"
    And "us-cn-commercial-wg" agreed to meet at vice-ministerial level 2 times a year on "2023-08-28"

  Rule: The calendar holds each cadence's next due day and each planned meeting's window

    Scenario: The next due meetings and a planned window
      Given a meeting on "us-cn-commercial-wg" was agreed on "2023-08-28" to take place in "2024-01~/2024-04~"
      When I ask for the calendar as of "2023-09-01"
      Then the calendar is valid iCalendar
      And the calendar holds these events:
        | uid                                                           | summary                                                               | first day  | last day   |
        | plan-4.us-cn-commercial-wg@dialogue-tracker                   | us-cn-commercial-wg: planned meeting (2024-01~/2024-04~)              | 2024-01-01 | 2024-04-30 |
        | cadence-vice-ministerial.us-cn-commercial-wg@dialogue-tracker | us-cn-commercial-wg: vice-ministerial meeting due (2 a year)          | 2024-02-27 | 2024-02-27 |
        | cadence-ministerial.us-cn-commercial-wg@dialogue-tracker      | us-cn-commercial-wg: ministerial meeting due (1 a year)               | 2024-08-27 | 2024-08-27 |

    Scenario: An event says which channel it is on and when the level last met
      Given a meeting was held on "us-cn-commercial-wg" on "2023-11-14" at vice-ministerial level
      When I ask for the calendar as of "2023-12-01"
      Then the calendar event "cadence-vice-ministerial.us-cn-commercial-wg@dialogue-tracker" is on "2024-05-15"
      And the calendar event "cadence-vice-ministerial.us-cn-commercial-wg@dialogue-tracker" says "last meeting at this level: 2023-11-14"
      And the calendar event "cadence-ministerial.us-cn-commercial-wg@dialogue-tracker" says "last meeting at this level: none since"

    Scenario: A meeting past due is marked overdue, with how many days late
      When I ask for the calendar as of "2024-09-01"
      Then the calendar event "cadence-ministerial.us-cn-commercial-wg@dialogue-tracker" is on "2024-08-27"
      And the calendar event "cadence-ministerial.us-cn-commercial-wg@dialogue-tracker" says "OVERDUE by 5 days as of 2024-09-01"

    Scenario: A planned meeting takes its place from the plan, or else from its host
      Given I ran tracker plan us-cn-commercial-wg --on 2023-09-01 --window 2024-03 --location "Beijing, China"
      And I ran tracker plan us-cn-commercial-wg --on 2023-09-02 --window 2024-06 --host US
      When I ask for the calendar as of "2023-12-01"
      Then the calendar event "plan-4.us-cn-commercial-wg@dialogue-tracker" takes place in "Beijing, China"
      And the calendar event "plan-5.us-cn-commercial-wg@dialogue-tracker" takes place in "USA"

    Scenario: Before anything was agreed there is an empty calendar, still a valid one
      When I ask for the calendar as of "2023-08-01"
      Then the calendar is valid iCalendar
      And the calendar holds no event

  Rule: Only agreed and active channels have anything in the calendar

    Scenario: Suspended, concluded and proposed channels are left out
      Given these channels:
        | channel             | status   | opened     |
        | us-cn-mmca          | agreed   | 1998-01-19 |
        | us-cn-climate-talks | agreed   | 2021-04-17 |
        | us-cn-ai-talks      | proposed | 2023-08-29 |
      And "us-cn-mmca" agreed to meet at senior-official level 1 time a year on "1998-01-19"
      And "us-cn-climate-talks" agreed to meet at working level 4 times a year on "2021-04-17"
      And "us-cn-mmca" and "us-cn-climate-talks" were suspended on "2022-08-05" by CN
      And "us-cn-climate-talks" was concluded on "2023-01-10"
      When I ask for the calendar as of "2023-09-01"
      Then the calendar holds no event of "us-cn-mmca"
      And the calendar holds no event of "us-cn-climate-talks"
      And the calendar holds no event of "us-cn-ai-talks"
      And the calendar holds 2 events of "us-cn-commercial-wg"

    Scenario: A resumed channel is back in the calendar
      Given an agreed channel "us-cn-mmca" opened on "1998-01-19"
      And "us-cn-mmca" agreed to meet at senior-official level 1 time a year on "1998-01-19"
      And "us-cn-mmca" was suspended on "2022-08-05" by CN
      And "us-cn-mmca" was resumed on "2023-11-15"
      When I ask for the calendar as of "2023-12-01"
      Then the calendar event "cadence-senior-official.us-cn-mmca@dialogue-tracker" is on "2024-11-14"

    Scenario: A planned meeting held or cancelled is left out; a postponed one shows its new window
      Given a meeting on "us-cn-commercial-wg" was agreed on "2023-08-28" to take place in "2024-01~/2024-04~"
      And a meeting on "us-cn-commercial-wg" was agreed on "2023-08-29" to take place in "2024-06"
      And a meeting on "us-cn-commercial-wg" was agreed on "2023-08-30" to take place in "2024-09"
      And a meeting was held on "us-cn-commercial-wg" on "2024-02-15"
      And I ran tracker cancel us-cn-commercial-wg 5 --on 2024-03-01
      And I ran tracker postpone us-cn-commercial-wg 6 --on 2024-03-01 --window 2024-11
      When I ask for the calendar as of "2024-03-02"
      Then the calendar holds no event "plan-4.us-cn-commercial-wg@dialogue-tracker"
      And the calendar holds no event "plan-5.us-cn-commercial-wg@dialogue-tracker"
      And the calendar event "plan-6.us-cn-commercial-wg@dialogue-tracker" spans "2024-11-01" to "2024-11-30"
      And the calendar event "plan-6.us-cn-commercial-wg@dialogue-tracker" says "postponed from 2024-09 on 2024-03-01"

    Scenario: A planned meeting whose window ended while the channel was suspended is left out
      Given a meeting on "us-cn-commercial-wg" was agreed on "2023-08-28" to take place in "2023-10"
      And "us-cn-commercial-wg" was suspended on "2023-09-15" by CN
      And "us-cn-commercial-wg" was resumed on "2023-11-15"
      When I ask for the calendar as of "2023-12-01"
      Then the calendar holds no event "plan-4.us-cn-commercial-wg@dialogue-tracker"
      And the calendar holds 2 events of "us-cn-commercial-wg"

  Rule: An event keeps its UID from one export to the next, so a subscribed calendar updates it

    Scenario: A later export moves the events it holds, under the same UIDs
      Given a meeting on "us-cn-commercial-wg" was agreed on "2023-08-28" to take place in "2024-01~/2024-04~"
      And I noted the calendar as of "2023-09-01"
      And a meeting was held on "us-cn-commercial-wg" on "2023-11-14" at vice-ministerial level
      When I ask for the calendar as of "2023-12-01"
      Then every event keeps the UID it had in the calendar I noted
      And the calendar event "cadence-vice-ministerial.us-cn-commercial-wg@dialogue-tracker" has moved from "2024-02-27" to "2024-05-15"
      And every event's SEQUENCE is at least the one it had in the calendar I noted

    Scenario: What was known at a moment
      Given a meeting on "us-cn-commercial-wg" was agreed on "2023-08-28" to take place in "2024-01~/2024-04~"
      When I ask for the calendar as of "2023-09-01", as known just before event #4 of us-cn-commercial-wg was recorded
      Then the calendar holds no event "plan-4.us-cn-commercial-wg@dialogue-tracker"
      And the calendar holds 2 events of "us-cn-commercial-wg"

  Rule: The dashboard's filters choose the channels

    Scenario: Only the channels with a party
      Given these channels:
        | channel               | parties | status | opened     |
        | us-jp-economic-2plus2 | US, JP  | agreed | 2022-01-21 |
      And "us-jp-economic-2plus2" agreed to meet at ministerial level 1 time a year on "2022-01-21"
      When I ask for the calendar of the channels with JP as a party as of "2023-09-01"
      Then the calendar holds 1 event of "us-jp-economic-2plus2"
      And the calendar holds no event of "us-cn-commercial-wg"

    Scenario: Only the channels with something overdue
      Given these channels:
        | channel               | parties | status | opened     |
        | us-jp-economic-2plus2 | US, JP  | agreed | 2022-01-21 |
      And "us-jp-economic-2plus2" agreed to meet at ministerial level 1 time a year on "2022-01-21"
      When I ask for the calendar of the channels with something overdue as of "2023-09-01"
      Then the calendar holds 1 event of "us-jp-economic-2plus2"
      And the calendar holds no event of "us-cn-commercial-wg"

    Scenario: A status that can have nothing due is bad input
      When I ask for the calendar of the suspended channels
      Then the tracker rejects it as bad input with exit code 2, saying "'suspended' is not one of 'agreed', 'active'"

  Rule: The calendar is written to a file as reports are, and reads back as iCalendar

    Scenario: The calendar is written to a file, and the tracker says how many events it holds
      Given a meeting on "us-cn-commercial-wg" was agreed on "2023-08-28" to take place in "2024-01~/2024-04~"
      When I ask for the calendar as of "2023-09-01" written to "dialogues.ics"
      Then the calendar is written to "dialogues.ics", the tracker saying "3 events"
      And the calendar file "dialogues.ics" parses back with 3 events

    Scenario: With nothing due or planned, the file is an empty calendar, and the tracker says so
      When I ask for the calendar as of "2023-08-01" written to "dialogues.ics"
      Then the calendar is written to "dialogues.ics", the tracker saying "an empty calendar (no meeting due or planned)"
      And the calendar file "dialogues.ics" parses back with 0 events

    Scenario: An output in a directory that does not exist is refused, and nothing is written
      When I ask for the calendar written to "no-such-directory/dialogues.ics"
      Then the tracker rejects it as bad input with exit code 2, saying "does not exist"
      And no file "dialogues.ics" is written

    Scenario: Text a user typed is escaped by iCalendar's rules
      Given I ran tracker open us-cn-trade-talks --title "Trade, investment; and more \ less" --party US --party CN --on 2023-01-01 --status agreed
      And I ran tracker cadence us-cn-trade-talks --level working --per-year 1 --on 2023-01-01
      When I ask for the calendar as of "2023-09-01"
      Then the calendar is valid iCalendar
      And the calendar event "cadence-working.us-cn-trade-talks@dialogue-tracker" says "Trade, investment; and more \ less"
      And the calendar's text holds "DESCRIPTION:Trade\, investment\; and more \\ less\n"
