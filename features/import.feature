Feature: Import a seed file
  A seed file holds many recording entries, each as it would be typed on the command line, with
  its sources. The file seeds/us-china-2023.toml records every channel and event reported in the
  AP article of 2023-08-29, "US commerce secretary rejects Chinese appeal to ease export
  controls". A file is recorded whole or not at all, and importing it again adds nothing.

  Background:
    Given an agreed channel "us-cn-counternarcotics-wg" opened on "2019-08-01"

  Rule: Importing the article's seed file records every channel it reports

    Scenario: Every channel of the article is on the dashboard
      When I import the seed file of the article
      Then it succeeds
      When I ask for the status of every channel
      Then the dashboard shows one line per channel:
        | channel                       | status                              |
        | us-cn-counternarcotics-wg     | agreed since 2019-08-01             |
        | us-cn-commercial-wg           | active since 2023-08-28             |
        | us-cn-export-control-exchange | agreed since 2023-08-28             |
        | us-cn-trade-secrets-talks     | agreed since 2023-08-28/2023-08-29  |
        | us-cn-ai-talks                | proposed since 2023-08-29           |
        | us-cn-tourism-summit          | agreed since 2023-08-28/2023-08-29  |
        | us-cn-economic-channel        | active since 2023-07                |
        | us-cn-leaders                 | active since 2022-11                |
        | us-cn-mmca                    | suspended since 2022-08-05          |
        | us-cn-climate-talks           | suspended since 2022-08-05          |

    Scenario: The commercial working group as the article reports it
      Given the seed file of the article was imported
      Then the ministerial cadence of "us-cn-commercial-wg" is 1 meeting a year, next due on "2024-08-27"
      And the vice-ministerial cadence of "us-cn-commercial-wg" is 2 meetings a year, next due on "2024-02-27"
      And "us-cn-commercial-wg" has held 1 meeting
      And "us-cn-tourism-summit" has a meeting planned in "2024-01~/2024-04~"
      And "us-cn-mmca" was suspended by CHN

  Rule: A meeting imported on the day of another of its channel's is recorded, with a warning

    Scenario: Two meetings on one day in a seed file are both recorded, the second with a warning
      Given a seed file "same-day.toml" containing:
        """
        [[entry]]
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-16"
        location = "Washington"

        [[entry]]
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-16"
        location = "Woodside"
        """
      When I import the seed file
      Then it records 2 events, with a warning saying "two meetings on 2023-11-16: #3, just recorded, and #2"
      And the message mentions "tracker retract us-cn-counternarcotics-wg 3 --reason"

  Rule: A channel an entry names as predecessor or successor may be recorded later, with one warning if neither the store nor the file opens it

    Background:
      Given a seed file "lineage.toml" containing:
        """
        [[entry]]
        command = "conclude"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11"
        successor = "us-cn-counternarcotics-talks"

        [[entry]]
        command = "open"
        slug = "us-cn-counternarcotics-talks"
        title = "Counternarcotics talks"
        parties = ["US", "CN"]
        on = "2024-01-30"
        follows = "us-cn-counternarcotics-wg"

        [[entry]]
        command = "open"
        slug = "us-cn-fentanyl-talks"
        title = "Fentanyl talks"
        parties = ["US", "CN"]
        on = "2024-02-01"
        follows = "us-cn-precursors-wg"

        [[entry]]
        command = "open"
        slug = "us-cn-precursor-talks"
        title = "Precursor talks"
        parties = ["US", "CN"]
        on = "2024-02-01"
        follows = "us-cn-precursors-wg"
        """

    Scenario: One warning for a channel named twice that nobody opens, none for one the file opens
      When I import the seed file
      Then it records 4 events, with a warning saying "lineage.toml: entry 3: us-cn-fentanyl-talks follows us-cn-precursors-wg, but no channel 'us-cn-precursors-wg' is recorded yet, nor opened by the file"
      And the message does not show "us-cn-counternarcotics-talks'"

    Scenario: A dry run warns the same, and records nothing
      When I import the seed file with --dry-run
      Then the message mentions "lineage.toml: entry 3: us-cn-fentanyl-talks follows us-cn-precursors-wg, but no channel 'us-cn-precursors-wg' is recorded yet"
      And the message does not show "entry 4"
      And nothing is recorded

    Scenario: Imported again, the file records nothing and warns of nothing
      Given the seed file was imported
      When I import the seed file
      Then it succeeds

  Rule: Importing the same file again records nothing new

    Scenario: The article imported twice records nothing the second time
      Given the seed file of the article was imported
      When I import the seed file of the article
      Then it succeeds
      And nothing is recorded
      And I see "0 events recorded"

  Rule: A file is recorded whole or not at all

    Scenario: A file that breaks a rule on its 40th entry records nothing and says which entry
      Given a seed file of 45 entries whose 40th records a meeting before its channel was opened
      When I import the seed file
      Then the tracker refuses it with exit code 1, saying "entry 40"
      And the message mentions "nothing can occur on a channel before the date it was opened"
      And nothing is recorded
      And there is no channel "us-cn-seeded-talks"

    Scenario: A file that is not valid TOML records nothing
      Given a seed file "broken.toml" containing:
        """
        [[entry]]
        command = "open"
        slug = "us-cn-seeded-talks"
        title = "US–China talks from a seed file
        parties = ["US", "CN"]
        on = "2020-01-01"
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "broken.toml is not valid TOML"
      And nothing is recorded

    Scenario Outline: An export is for reading: importing one is refused, naming the format to give
      When I export every event as <format> to "<file>"
      And I import "<file>"
      Then the tracker rejects it as bad input with exit code 2, saying "<reason>"
      And the message mentions "cannot be imported"
      And nothing is recorded

      Examples:
        | format     | file         | reason                                                  |
        | JSON Lines | events.jsonl | entry 1 (line 1) is an event of tracker export, not a seed entry |
        | CSV        | events.csv   | seed files are .toml, .json or .jsonl                   |

    Scenario: An entry that names no command is refused, naming the commands it may name
      Given a seed file "no-command.toml" containing:
        """
        [[entry]]
        slug = "us-cn-seeded-talks"
        on = "2020-01-01"
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "entry 1 names no command: give it command"
      And the message mentions "open, agree, cadence, plan, meet, suspend, resume, conclude"
      And nothing is recorded

    Scenario: A file with a bad date records nothing and says which entry
      Given a seed file "bad-date.toml" containing:
        """
        [[entry]]
        command = "open"
        slug = "us-cn-seeded-talks"
        title = "US–China talks from a seed file"
        parties = ["US", "CN"]
        on = "2020-01-01"

        [[entry]]
        command = "meet"
        slug = "us-cn-seeded-talks"
        on = "2020-02-30"
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "bad-date.toml: entry 2 (meet)"
      And the message mentions "February 2020 has 29 days"
      And nothing is recorded
      And there is no channel "us-cn-seeded-talks"

    Scenario: A file with an entry on a channel it never opened records nothing
      Given a seed file "no-channel.toml" containing:
        """
        [[entry]]
        command = "open"
        slug = "us-cn-seeded-talks"
        title = "US–China talks from a seed file"
        parties = ["US", "CN"]
        on = "2020-01-01"

        [[entry]]
        command = "suspend"
        slugs = ["us-cn-seeded-talks", "us-cn-unseeded-talks"]
        on = "2022-08-05"
        """
      When I import the seed file
      Then the tracker refuses it with exit code 1, saying "entry 2: no channel 'us-cn-unseeded-talks'"
      And nothing is recorded
      And there is no channel "us-cn-seeded-talks"

    Scenario: A file that does not exist is reported
      When I import "no-such-file.toml"
      Then the tracker rejects it as bad input with exit code 2, saying "does not exist"
      And nothing is recorded

  Rule: Only a file saved on disk is read, never a pipe or a device

    Scenario: Importing something that is not a regular file is refused at once
      Given a named pipe "entries.jsonl" that nobody writes to
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "it is a named pipe (FIFO), not a regular file"
      And nothing is recorded

    Scenario: A seed file linked to an endless device is refused without reading it
      Given a seed file "endless.json" that is a link to "/dev/zero"
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "it is a character device, not a regular file"
      And nothing is recorded

  Rule: A seed file is read as it was saved, and a mistake in it is shown as it was written

    Some editors begin a UTF-8 file with a byte-order mark; it is harmless at the start of any
    seed file. A value that cannot be read is refused naming its entry (or line) and field, and
    shown as written, never as the tracker's own representation of it.

    Scenario: A JSON Lines file saved with a byte-order mark is imported, as a TOML file is
      Given a seed file "notepad.jsonl" containing, where <BOM> is a byte-order mark:
        """
        <BOM>{"command": "meet", "slug": "us-cn-counternarcotics-wg", "on": "2023-11-16", "location": "Woodside"}
        """
      When I import the seed file
      Then 1 events are recorded
      And "us-cn-counternarcotics-wg" has held 1 meeting

    Scenario: A byte-order mark inside a JSON Lines file is refused, naming its line
      Given a seed file "joined.jsonl" containing, where <BOM> is a byte-order mark:
        """
        {"command": "meet", "slug": "us-cn-counternarcotics-wg", "on": "2023-11-16"}
        <BOM>{"command": "meet", "slug": "us-cn-counternarcotics-wg", "on": "2023-12-16"}
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "joined.jsonl: entry 2 (line 2) begins with a byte-order mark"
      And nothing is recorded

    Scenario: A number too long to read is refused, naming its line and field
      Given a seed file "rhythm.toml" containing, where <5000 digits> is a number 5000 digits long:
        """
        [[entry]]
        command = "cadence"
        slug = "us-cn-counternarcotics-wg"
        level = "working"
        per_year = <5000 digits>
        on = "2023-11-16"
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "rhythm.toml: line 5: per_year: the number 111111111111… has 5,000 digits"
      And nothing is recorded

    Scenario: A moment where a date belongs is shown as written, with the day to give instead
      Given a seed file "moment.toml" containing:
        """
        [[entry]]
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = 2023-11-16T10:30:00
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "entry 1 (meet): on: 2023-11-16T10:30:00 is a moment, not a date: give its day (2023-11-16)"
      And nothing is recorded

    Scenario: A NUL character in a JSON Lines entry is shown escaped, in a whole message
      Given a seed file "garbled.jsonl" containing, where <NUL> is a NUL character:
        """
        {"command": "meet", "slug": "us-cn-counternarcotics-wg", "on": "2023-11-16", "location": "Wood<NUL>side"}
        """
      When I import the seed file
      Then the tracker rejects it as bad input with exit code 2, saying "entry 1 (line 1) is not JSON: a control character (\x00) at column 95"
      And the message mentions "remove it or escape it"
      And nothing is recorded

  Rule: An entry's id names its fact: an entry changed since it was imported is refused

    Scenario: An entry imported again with other content is refused, naming both versions and the correction
      Given a seed file "meetings.toml" containing:
        """
        [[entry]]
        id = "cn-wg-2023-11"
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-16"
        location = "Washington"
        """
      When I import the seed file
      Then it succeeds
      Given a seed file "meetings-edited.toml" containing:
        """
        [[entry]]
        id = "cn-wg-2023-11"
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-17"
        location = "Washington"
        """
      When I import the seed file
      Then the tracker refuses it with exit code 1, saying "entry 'cn-wg-2023-11' was recorded on us-cn-counternarcotics-wg as event #2, the meeting of 2023-11-16, and now says the meeting of 2023-11-17; to apply the change: tracker correct us-cn-counternarcotics-wg 2 --on 2023-11-17"
      And nothing is recorded

    Scenario: An entry imported again unchanged adds nothing, also after its fact was corrected
      Given a seed file "meetings.toml" containing:
        """
        [[entry]]
        id = "cn-wg-2023-11"
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-16"
        """
      When I import the seed file
      Then it succeeds
      Given I ran tracker correct us-cn-counternarcotics-wg 2 --on 2023-11-17
      When I import the seed file
      Then it succeeds
      And I see "0 events recorded (1 were recorded already)"

    Scenario: Later entries name an earlier entry's fact by its id
      Given a seed file "plans.toml" containing:
        """
        [[entry]]
        id = "cn-wg-plan-2024"
        command = "plan"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-16"
        window = "2024-01/2024-03"

        [[entry]]
        id = "cn-wg-plan-2024-postponed"
        command = "postpone"
        slug = "us-cn-counternarcotics-wg"
        ref = "cn-wg-plan-2024"
        on = "2024-02-01"
        window = "2024-06"
        reason = "new delegations"

        [[entry]]
        command = "correct"
        slug = "us-cn-counternarcotics-wg"
        ref = "cn-wg-plan-2024"
        host = "CN"
        why = "the readout names the host"
        """
      When I import the seed file
      Then 4 events are recorded
      And "us-cn-counternarcotics-wg" has a meeting planned in "2024-06" hosted by CHN
      When I import the seed file
      Then it succeeds
      And I see "0 events recorded"

    Scenario: An entry naming an id no entry recorded is refused
      Given a seed file "postpone.toml" containing:
        """
        [[entry]]
        command = "cancel"
        slug = "us-cn-counternarcotics-wg"
        ref = "no-such-entry"
        on = "2024-02-01"
        """
      When I import the seed file
      Then the tracker refuses it with exit code 1, saying "us-cn-counternarcotics-wg has no fact recorded by an entry of id 'no-such-entry'"
      And nothing is recorded

    Scenario: The article followed through 2024 imports after the article, with corrections and amendments
      Given the seed file of the article was imported
      When I import the seed file that follows the article through 2024
      Then it succeeds
      And "us-cn-tourism-summit" has a meeting planned in "2024-01/2024-06" hosted by CHN, held on "2024-05-21/2024-05-23"
      When I run tracker status us-cn-climate-talks --as-of 2024-01-01
      Then I see "USA=John Kerry"
      When I run tracker status us-cn-climate-talks
      Then I see "USA=John Podesta, CHN=Liu Zhenmin"

  Rule: A dry run says what an import would record, and writes nothing

    Scenario: A dry run of the article's seed file records nothing and says what it would record
      When I import the seed file of the article with --dry-run
      Then it succeeds
      And I see "dry run of us-china-2023.toml: 17 entries, 18 events would be recorded (0 were recorded already); nothing was written"
      And nothing is recorded

    Scenario: A dry run of a file the rules refuse says which entry, and writes nothing
      Given a seed file "refused.toml" containing:
        """
        [[entry]]
        command = "resume"
        slugs = ["us-cn-counternarcotics-wg"]
        on = "2023-11-16"
        """
      When I import the seed file with --dry-run
      Then the tracker refuses it with exit code 1, saying "entry 1"
      And nothing is recorded

    Scenario: A retraction names the fact by its entry's id, and importing it again adds nothing
      Given a seed file "retract.toml" containing:
        """
        [[entry]]
        id = "cn-wg-2023-11"
        command = "meet"
        slug = "us-cn-counternarcotics-wg"
        on = "2023-11-16"

        [[entry]]
        command = "retract"
        slug = "us-cn-counternarcotics-wg"
        ref = "cn-wg-2023-11"
        reason = "it was a phone call, not a meeting"
        """
      When I import the seed file
      Then 2 events are recorded
      And "us-cn-counternarcotics-wg" has held 0 meetings
      When I import the seed file
      Then it succeeds
      And I see "0 events recorded"
