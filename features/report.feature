Feature: Report on channels
  A report gathers channels into one document: a summary table, then for each channel where it
  stands, its cadences, what it owes, and the timeline of its events with their sources. It
  comes as Markdown, as JSON for scripts, or as one self-contained HTML page that opens without
  a network and draws the channels' timeline as a picture, one lane per channel. Dates keep the
  precision they were reported with; like every reading command, a report can look back "as of"
  a day.

  Background:
    Given the seed file of the article was imported

  Rule: A report covers every channel, or only the channels named

    Scenario Outline: A report written to a file names every channel
      When I ask for the report in <format> written to "<file>"
      Then the report is written to "<file>"
      And the report names every channel

      Examples:
        | format   | file        |
        | Markdown | report.md   |
        | HTML     | report.html |
        | JSON     | report.json |

    Scenario: Without a file, the report is printed, in Markdown unless asked otherwise
      When I ask for the report
      Then it succeeds
      And I see "# Dialogue channels"
      And the report names every channel

    Scenario: A report written to "-" is printed, as by other tools
      When I ask for the report in HTML written to "-"
      Then the report is printed, and no file "-" is written
      And the report names every channel

    Scenario Outline: A report of the channels named leaves the others out
      When I ask for the report of "us-cn-mmca" and "us-cn-climate-talks" in <format>
      Then it succeeds
      And the report names only "us-cn-mmca" and "us-cn-climate-talks"

      Examples:
        | format   |
        | Markdown |
        | HTML     |
        | JSON     |

    Scenario Outline: A report naming a channel nobody opened is refused, and no file is written
      When I ask for the report of "us-cn-mmca" and "us-cn-space-talks" in <format> written to "<file>"
      Then the tracker refuses it with exit code 1, saying "no channel 'us-cn-space-talks'"
      And no file "<file>" is written

      Examples:
        | format   | file        |
        | Markdown | report.md   |
        | HTML     | report.html |
        | JSON     | report.json |

    @postgres
    Scenario: On a shared database, a report names every channel
      Given the store is a new shared PostgreSQL database
      When I ask for the report in HTML written to "report.html"
      Then the report is written to "report.html"
      And the report names every channel
      And the page has a timeline picture with one lane per channel

  Rule: For each channel the report shows its status, cadences, what is overdue, and its events with their sources

    Scenario Outline: The commercial working group as of 2024-09-01
      When I ask for the report of "us-cn-commercial-wg" in <format> as of "2024-09-01"
      Then the report's summary shows "us-cn-commercial-wg" with status "active since 2023-08-28"
      And the report's part on "us-cn-commercial-wg" shows:
        | shows                       |
        | active since 2023-08-28     |
        | ministerial                 |
        | 2024-08-27                  |
        | overdue by 5 days           |
        | vice-ministerial            |
        | 2024-02-27                  |
        | overdue by 187 days         |
        | Beijing                     |
      And the report's part on "us-cn-commercial-wg" lists event #2, a meeting of "2023-08-28" reported by "AP, “US commerce secretary rejects Chinese appeal to ease export controls”, 2023-08-29" with high confidence
      And the report's part on "us-cn-commercial-wg" lists event #4, a cadence of "2023-08-28" reported by "AP, “US commerce secretary rejects Chinese appeal to ease export controls”, 2023-08-29" with high confidence

      Examples:
        | format   |
        | Markdown |
        | HTML     |

    Scenario: For scripts, the report holds each channel's status, overdue items and events
      When I ask for the report of "us-cn-commercial-wg" in JSON as of "2024-09-01"
      Then the report's summary shows "us-cn-commercial-wg" with status "active since 2023-08-28"
      And the JSON report gives "us-cn-commercial-wg" 2 cadences, 2 overdue items and events #1 to #4
      And the report's part on "us-cn-commercial-wg" lists event #2, a meeting of "2023-08-28" reported by "AP, “US commerce secretary rejects Chinese appeal to ease export controls”, 2023-08-29" with high confidence

    Scenario Outline: The report lists what is overdue across channels
      When I ask for the report in <format> as of "2024-09-01"
      Then the report's list of overdue items is:
        | channel              | due        | days late |
        | us-cn-commercial-wg  | 2024-02-27 | 187       |
        | us-cn-tourism-summit | 2024-04-30 | 124       |
        | us-cn-commercial-wg  | 2024-08-27 | 5         |

      Examples:
        | format   |
        | Markdown |
        | HTML     |
        | JSON     |

  Rule: The HTML report is one page that opens without a network, with a timeline picture

    Scenario: The page loads nothing from elsewhere
      When I ask for the report in HTML written to "report.html"
      Then the report is written to "report.html"
      And the page loads nothing from elsewhere

    Scenario: The timeline picture has one lane per channel
      When I ask for the report in HTML written to "report.html"
      Then the page has a timeline picture with one lane per channel

    Scenario: The picture of the channels named has a lane for each of them only
      When I ask for the report of "us-cn-mmca" and "us-cn-climate-talks" in HTML written to "report.html"
      Then the page has a timeline picture with one lane per channel
      And the report names only "us-cn-mmca" and "us-cn-climate-talks"

  Rule: Dates keep the precision they were reported with

    Scenario Outline: Dates to the month, approximate dates and intervals stay as reported
      When I ask for the report in <format> as of "2024-09-01"
      Then the report keeps the dates "2024-01~/2024-04~", "2023-08-28/2023-08-29", "2023-07" and "2022-11"

      Examples:
        | format   |
        | Markdown |
        | HTML     |
        | JSON     |

  Rule: A report can look back as of a day

    Scenario Outline: The report as of the day before the article's meetings
      When I ask for the report in <format> as of "2023-01-01"
      Then the report is as of "2023-01-01"
      And the report names only "us-cn-leaders", "us-cn-mmca" and "us-cn-climate-talks"
      And the report's summary shows "us-cn-mmca" with status "suspended since 2022-08-05"

      Examples:
        | format   |
        | Markdown |
        | HTML     |
        | JSON     |

    Scenario: Before the suspension, the report shows the military talks agreed
      When I ask for the report of "us-cn-mmca" in Markdown as of "2022-08-04"
      Then the report's summary shows "us-cn-mmca" with status "agreed since 1998-01-19"

    Scenario: A report as of a day before a channel named was opened is refused
      When I ask for the report of "us-cn-commercial-wg" in Markdown as of "2023-01-01"
      Then the tracker refuses it with exit code 1, saying "the channel us-cn-commercial-wg did not exist as of 2023-01-01"
