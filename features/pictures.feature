Feature: Pictures that tell, in the HTML report
  The HTML report draws the channels' timeline, one lane per channel, and a picture of dialogue
  health per pair of parties. A reader must be able to tell every lane from every other, see
  every meeting and planned window, and find every kind of mark explained in the legend; dates
  in the tables never break across lines. On a phone or a tablet held upright, each picture is
  drawn again for the narrow screen rather than scrolling sideways. (What Chromium draws of
  these, at a desktop's, a phone's and a tablet's width, is checked by the browser test.)

  Background:
    Given the seed file of the article was imported

  Rule: The timeline gives each channel a label no other channel has

    Scenario: Two channels whose long titles differ only at the end read differently
      Given these channels:
        | channel   | title                                                        | status | opened     |
        | ssd-cyber | US–China Strategic Security Dialogue Working Group on Cyber | agreed | 2016-03-01 |
        | ssd-space | US–China Strategic Security Dialogue Working Group on Space | agreed | 2016-03-01 |
      When I ask for the report in HTML written to "report.html"
      Then the report's timeline gives each channel a label no other channel has
      And the timeline's label of "ssd-cyber" ends with "Cyber"
      And the timeline's label of "ssd-space" ends with "Space"

  Rule: Meetings that fall close together are counted, not drawn over each other

    Scenario: Three meetings in one week, on a timeline of many years
      Given a meeting was held on "us-cn-commercial-wg" on "2024-03-04"
      And a meeting was held on "us-cn-commercial-wg" on "2024-03-06"
      And a meeting was held on "us-cn-commercial-wg" on "2024-03-09"
      When I ask for the report in HTML as of "2024-09-01" written to "report.html"
      Then the timeline of "us-cn-commercial-wg" draws one mark counting 3 meetings: "2024-03-04", "2024-03-06" and "2024-03-09"
      And no two meeting marks of a lane of the timeline are drawn over each other
      And the mark counting them leads to the events of "us-cn-commercial-wg", where "2024-03-04", "2024-03-06" and "2024-03-09" are listed

  Rule: Every kind of mark the timeline draws is explained in its legend

    Scenario: A meeting known only to the month is a box spanning the month, and the legend says so
      Given a meeting was held on "us-cn-commercial-wg" on "2024-05"
      When I ask for the report in HTML as of "2024-09-01" written to "report.html"
      Then the timeline of "us-cn-commercial-wg" draws the meeting of "2024-05" as a box spanning its month
      And the timeline of "us-cn-commercial-wg" draws the meeting of "2023-08-28" as a dot
      And the legend of the timeline explains every kind of mark the timeline draws

  Rule: A short planned window is still visible

    Scenario: A one-week planned window on a timeline of many years
      Given a meeting on "us-cn-commercial-wg" was agreed on "2024-01-10" to take place in "2024-10-07/2024-10-13"
      When I ask for the report in HTML as of "2024-09-01" written to "report.html"
      Then the timeline of "us-cn-commercial-wg" draws the planned window "2024-10-07/2024-10-13" at least 8 wide

  Rule: Dates never break across lines

    Scenario: Every date in the report's tables is kept on one line
      Given the seed file that follows the article through 2024 was imported
      When I ask for the report in HTML as of "2024-09-01" written to "report.html"
      Then every date in the report's tables is kept on one line

  Rule: The report draws dialogue health per pair of parties, quarter by quarter

    Scenario: The channels of the USA and China, active, suspended and meeting, quarter by quarter
      Given the seed file that follows the article through 2024 was imported
      When I ask for the report in HTML as of "2024-09-01" written to "report.html"
      Then the report's picture of dialogue health has panel "USA–CHN"
      And the report's numbers of dialogue health for "USA–CHN" include:
        | quarter | active | suspended | meetings |
        | 2022-Q3 | 0      | 2         | 0        |
        | 2022-Q4 | 1      | 2         | 1        |
        | 2023-Q3 | 5      | 1         | 5        |
        | 2024-Q2 | 10     | 0         | 9        |

    Scenario: A channel of three parties counts for each pair of them
      Given these channels:
        | channel        | parties    | status | opened     |
        | us-cn-jp-talks | US, CN, JP | agreed | 2023-01-10 |
      And a meeting was held on "us-cn-jp-talks" on "2023-02-01"
      When I ask for the report in HTML as of "2023-03-01" written to "report.html"
      Then the report's picture of dialogue health has panels "USA–CHN", "USA–JPN" and "CHN–JPN"
      And the report's numbers of dialogue health for "USA–JPN" include:
        | quarter | active | suspended | meetings |
        | 2023-Q1 | 1      | 0         | 1        |

  Rule: On a phone or a tablet held upright, each picture is drawn again for the narrow screen, and none scrolls sideways

    Scenario: The report holds a narrow drawing of each picture, its timeline in rows of five years at most
      Given the seed file that follows the article through 2024 was imported
      And a meeting was held on "us-cn-commercial-wg" on "2024-03-04"
      And a meeting was held on "us-cn-commercial-wg" on "2024-03-06"
      And a meeting on "us-cn-commercial-wg" was agreed on "2024-01-10" to take place in "2024-10-07/2024-10-13"
      When I ask for the report in HTML as of "2024-09-01" written to "report.html"
      Then on a screen narrower than 960 pixels the report shows a narrow drawing of each picture instead of the wide one
      And the narrow timeline is drawn in rows of the years "2015–2019" and "2020–2024", on one scale
      And the narrow timeline labels each channel above its lane, no two alike in a row
      And no two meeting marks of a lane of the narrow timeline are drawn over each other
      And the narrow timeline of "us-cn-commercial-wg" draws the planned window "2024-10-07/2024-10-13" at least 8 wide
      And the legend of the timeline explains every kind of mark the narrow timeline draws
