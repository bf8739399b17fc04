Feature: Facts that have not happened yet are refused
  A meeting held, a suspension, a resumption, a conclusion, an opening or an agreement is a fact
  of the past: dated after today, it is a typing mistake or a plan written as a fact. Only a
  planned meeting (and its window) may lie in the future. Today is the day where the tracker runs
  (the time zone of its machine, TZ), not UTC's: an analyst in Beijing records this morning's
  meeting while it is still yesterday in UTC. A date that is not a day counts from the earliest
  day it could mean: this month may already have held the meeting, next year cannot have.

  Background:
    Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"

  Rule: A fact can be recorded only once it has happened

    Scenario: A meeting dated after today is refused, naming today's date
      When I record a meeting on "us-cn-commercial-wg" on "2999-01-01"
      Then the tracker refuses it with exit code 1, saying "a fact can be recorded only once it has happened"
      And the message names today's date
      And the message mentions "the meeting of 2999-01-01 is after today"
      And nothing is recorded

    Scenario: A meeting held tomorrow is refused
      When I record a meeting on "us-cn-commercial-wg" tomorrow
      Then the tracker refuses it with exit code 1, saying "is after today"
      And nothing is recorded

    Scenario: A meeting held today is recorded
      When I record a meeting on "us-cn-commercial-wg" today
      Then it is recorded

    Scenario: A meeting dated this month may already have happened
      When I record a meeting on "us-cn-commercial-wg" this month
      Then it is recorded

    Scenario: A meeting dated next year cannot have happened yet
      When I record a meeting on "us-cn-commercial-wg" next year
      Then the tracker refuses it with exit code 1, saying "is after today"
      And nothing is recorded

    Scenario Outline: Every fact of the past is refused when dated after today
      When I run tracker <command>
      Then the tracker refuses it with exit code 1, saying "a fact can be recorded only once it has happened"
      And the message names today's date
      And nothing is recorded

      Examples:
        | command                                                                                   |
        | suspend us-cn-commercial-wg --on 2999-08-05 --by CN                                       |
        | conclude us-cn-commercial-wg --on 2999                                                    |
        | cadence us-cn-commercial-wg --level ministerial --per-year 1 --on 2999-01                 |
        | open us-cn-ttc --title 'Trade and Technology Talks' --party US --party CN --on 2999-09-29 |

    Scenario: A resumption after today is refused
      Given "us-cn-commercial-wg" was suspended on "2024-01-10" by CN
      When I resume "us-cn-commercial-wg" on "2999-01-01"
      Then the tracker refuses it with exit code 1, saying "is after today"
      And nothing is recorded

    Scenario: An agreement after today is refused
      Given a proposed channel "us-cn-ai-talks" opened on "2023-08-29"
      When I record that the parties agreed to "us-cn-ai-talks" on "2999-11-15"
      Then the tracker refuses it with exit code 1, saying "is after today"
      And nothing is recorded

  Rule: Today is the day where the tracker runs, not UTC's

    Scenario: In a time zone whose day is not UTC's, today's meeting is recorded and tomorrow's refused
      Given the tracker runs in a time zone whose day is not UTC's
      When I record a meeting on "us-cn-commercial-wg" on that time zone's day
      Then it is recorded
      When I record a meeting on "us-cn-commercial-wg" on the day after that time zone's day
      Then the tracker refuses it with exit code 1, saying "is after today"

    Scenario: In a time zone whose day is not UTC's, the dashboard is as of that time zone's day
      Given the tracker runs in a time zone whose day is not UTC's
      When I ask for the dashboard for scripts
      Then every channel of the dashboard is as of that time zone's day

  Rule: Only a plan may lie in the future

    Scenario: A meeting planned for next year is recorded
      When I record that a meeting on "us-cn-commercial-wg" was agreed today to take place next year
      Then it is recorded

    Scenario: A meeting planned for a window far ahead is recorded
      When I record that a meeting on "us-cn-commercial-wg" was agreed on "2024-04-04" to take place in "2999"
      Then it is recorded
      And "us-cn-commercial-wg" has a meeting planned in "2999"

  Rule: A seed file keeps the same rule

    Scenario: A seed file with a meeting after today records nothing
      Given a seed file "ahead.toml" containing:
        """
        [[entry]]
        command = "meet"
        slug = "us-cn-commercial-wg"
        on = "2024-04-04"

        [[entry]]
        command = "meet"
        slug = "us-cn-commercial-wg"
        on = "2999-04-04"
        """
      When I import the seed file
      Then the tracker refuses it with exit code 1, saying "entry 2"
      And the message mentions "a fact can be recorded only once it has happened"
      And the message names today's date
      And nothing is recorded
