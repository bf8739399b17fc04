Feature: A dashboard that fits the terminal
  The dashboard fits the terminal it is shown on (or COLUMNS, or 120 columns when piped): a value
  is wrapped between its words, never cut inside one, and the columns give way by priority — the
  channel, its status and since when, the next meeting due and the overdue mark stay; the title,
  the parties, the planned meetings and the last meeting go first. Too narrow even for those, each
  channel is shown as a card of lines. `--wide` shows every column in full. Lateness is said in
  words ("693 days late").

  Rule: No line is wider than the terminal, and no value is cut inside a word

    Scenario Outline: At <columns> columns no line is wider, and every value is whole
      Given the seed file of the article was imported
      And the seed file that follows the article through 2024 was imported
      When I ask for the dashboard at <columns> columns
      Then no line is wider than <columns> columns
      And every channel's slug, status and next due day are shown whole

      Examples:
        | columns |
        | 80      |
        | 120     |
        | 200     |

    Scenario: Lateness is said in words
      Given the seed file of the article was imported
      When I ask for the dashboard at 200 columns
      Then I see "days late"
      And the message does not show "(+"

    Scenario: With --wide, every column in full
      Given the seed file of the article was imported
      When I run tracker status --wide
      Then I see "title"
      And I see "parties"
      And I see "planned"
