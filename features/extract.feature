Feature: Propose the facts an article states
  Analysts learn of dialogue facts from news articles and government readouts. tracker extract
  reads an article (plain text or a saved HTML page) and proposes each fact it states, as an
  entry of tracker import's format: its command, its channel, its date read against the day the
  article was published, and the sentence it rests on, quoted verbatim. A fact the store records
  already is proposed as known, for context. Nothing is recorded until the analyst has reviewed
  the proposals and imported them.

  The articles are short invented readouts, published on Wednesday 2024-05-22 unless a scenario
  says otherwise.

  Rule: Each kind of fact is proposed from the words that state it

    Scenario: A channel launched is proposed as a new channel, with its title and parties
      Given a new, empty tracker
      When I extract the facts of the article "open.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | date       | title                             | parties | status |
        | open | 2024-05-20 | US–Japan Economic Policy Dialogue | US, JP  | new    |
      And every proposal quotes the article's sentence "The United States and Japan launched the US–Japan Economic Policy Dialogue on Monday."
      And nothing is recorded

    Scenario: A proposed channel the parties agree to is proposed as agreed
      Given these channels:
        | channel             | title                             | parties | opened  | status   |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2023-03 | proposed |
      When I extract the facts of the article "agree.txt" published on "2024-05-22"
      Then the proposal is to agree "us-jp-econ-dialogue" of "2024-05-21", new

    Scenario: A number of meetings a year is proposed as a cadence
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "cadence.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel             | date       | per_year | level       |
        | cadence | us-jp-econ-dialogue | 2024-05-22 | 2        | ministerial |

    Scenario: A meeting agreed for later is proposed as a planned meeting with its window
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "plan.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | channel             | on         | window  | location |
        | plan | us-jp-econ-dialogue | 2024-05-20 | 2024-07 | Tokyo    |

    Scenario: A meeting held is proposed with its place
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "meet.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | channel             | date       | location   | level       |
        | meet | us-jp-econ-dialogue | 2024-05-21 | Washington | ministerial |

    Scenario: A meeting is proposed at the level of those who met, not of who directed it
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "meet-directed.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | channel             | date       | location   | level            |
        | meet | us-jp-econ-dialogue | 2024-05-21 | Washington | ministerial      |

    Scenario: A channel broken off is proposed as suspended
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "suspend.txt" published on "2024-05-22"
      Then the proposal is to suspend "us-jp-econ-dialogue" of "2024-05-20", new

    Scenario: A suspension the store dates otherwise is known, and the article's date stays visible
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And I ran tracker suspend us-jp-econ-dialogue --on 2022-08-05 --by JP
      And an article "mistaken.txt" that says "Tokyo broke off the US–Japan Economic Policy Dialogue in August 2020."
      When I extract the facts of the article "mistaken.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel             | date    | status | note                                                                         |
        | suspend | us-jp-econ-dialogue | 2020-08 | known  | the store records this on 2022-08-05; the article says 2020-08: the two disagree |

    Scenario: A suspended channel taken up again is proposed as resumed
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And "us-jp-econ-dialogue" was suspended on "2023-02-01"
      When I extract the facts of the article "resume.txt" published on "2024-05-22"
      Then the proposal is to resume "us-jp-econ-dialogue" of "2024-05-20/2024-05-22", new

    Scenario: A channel broken off and taken up again in one sentence is proposed as suspended and as resumed
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And an article "both.txt" that says "The US–Japan Economic Policy Dialogue was suspended by Tokyo in August 2022 and resumed on Monday in Washington."
      When I extract the facts of the article "both.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel             | date       | status |
        | suspend | us-jp-econ-dialogue | 2022-08    | new    |
        | resume  | us-jp-econ-dialogue | 2024-05-20 | new    |

    Scenario: A channel disbanded is proposed as concluded
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "conclude.txt" published on "2024-05-22"
      Then the proposal is to conclude "us-jp-econ-dialogue" of "2024-05-22", new

  Rule: Every date is read against the day the article was published, with the precision it has

    Scenario Outline: A date written as <words>
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And an article "dates.txt" that says "<sentence>"
      When I extract the facts of the article "dates.txt" published on "<published>"
      Then the proposal is to <kind> "us-jp-econ-dialogue" of "<date>"

      Examples:
        | words                               | sentence                                                                                                   | published  | kind | date                  |
        | today                               | The US–Japan Economic Policy Dialogue met in Tokyo today.                                                  | 2024-05-22 | meet | 2024-05-22            |
        | yesterday                           | The US–Japan Economic Policy Dialogue met in Tokyo yesterday.                                              | 2024-05-22 | meet | 2024-05-21            |
        | a weekday                           | The US–Japan Economic Policy Dialogue met in Tokyo on Monday.                                              | 2024-05-22 | meet | 2024-05-20            |
        | this week                           | The US–Japan Economic Policy Dialogue met in Tokyo this week.                                              | 2024-05-22 | meet | 2024-05-20/2024-05-22 |
        | in July, in the past                | The US–Japan Economic Policy Dialogue met in Tokyo in July.                                                | 2024-05-22 | meet | 2023-07               |
        | in July, in a plan                  | The ministers agreed today that the US–Japan Economic Policy Dialogue will meet in Tokyo in July.          | 2024-05-22 | plan | 2024-07               |
        | last year                           | The US–Japan Economic Policy Dialogue met in Tokyo last year.                                              | 2024-05-22 | meet | 2023                  |
        | later this year                     | The ministers agreed today that the US–Japan Economic Policy Dialogue will meet again later this year.     | 2024-05-22 | plan | 2024-06/2024-12       |
        | early next year, as the seeds write | The ministers agreed today that the US–Japan Economic Policy Dialogue will meet in early 2025.             | 2024-05-22 | plan | 2025-01~/2025-04~     |
        | January 30-31                       | The US–Japan Economic Policy Dialogue met in Tokyo on January 30-31.                                       | 2024-05-22 | meet | 2024-01-30/2024-01-31 |
        | two days running, one meeting       | The US–Japan Economic Policy Dialogue met in Tokyo on Monday and Tuesday.                                  | 2024-05-22 | meet | 2024-05-20/2024-05-21 |
        | from one weekday to another         | The US–Japan Economic Policy Dialogue met in Tokyo from Monday to Wednesday.                               | 2024-05-22 | meet | 2024-05-20/2024-05-22 |
        | two days of a month running         | The US–Japan Economic Policy Dialogue met in Tokyo on Jan. 9 and 10.                                       | 2024-05-22 | meet | 2024-01-09/2024-01-10 |
        | May 21-23, a plan, read forward     | The ministers agreed today that the US–Japan Economic Policy Dialogue will meet in Tokyo on May 21-23.     | 2024-06-10 | plan | 2025-05-21/2025-05-23 |

  Rule: A saved web page is read for its main text, not its menus and footers

    Scenario: The facts of a saved readout page are proposed
      Given a new, empty tracker
      When I extract the facts of the article "readout.html" published on "2024-05-22"
      Then the proposals are:
        | kind | date       | title                             | parties | status |
        | open | 2024-05-20 | US–Japan Economic Policy Dialogue | US, JP  | new    |
      And every proposal quotes the article's sentence "The United States and Japan launched the US–Japan Economic Policy Dialogue on Monday."

  Rule: Channels already recorded are named by their slug, however the article names them

    Scenario: A channel named by a shorter form of its title
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "short-title.txt" published on "2024-05-22"
      Then the proposal is to meet "us-jp-econ-dialogue" of "2024-05-21", new

    Scenario: A channel named as "the working group"
      Given these channels:
        | channel             | title                                    | parties | opened     | status |
        | us-cn-commercial-wg | US–China Commercial Issues Working Group | US, CN  | 2023-08-28 | agreed |
      When I extract the facts of the article "working-group.txt" published on "2024-05-22"
      Then the proposal is to meet "us-cn-commercial-wg" of "2024-05-21", new

    Scenario: One sentence launching two channels proposes both
      Given a new, empty tracker
      When I extract the facts of the article "two-channels.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | title                   | date       | status |
        | open | Economic Working Group  | 2024-05-20 | new    |
        | open | Financial Working Group | 2024-05-20 | new    |

  Rule: A sentence is read as an analyst reads it: dates listed together, what a verb's clause names, what replaced what

    Scenario: Meetings listed together in one sentence are proposed one a date
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "listed-meetings.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | channel             | date    | location |
        | meet | us-jp-econ-dialogue | 2023-03 | Tokyo    |
        | meet | us-jp-econ-dialogue | 2023-09 | Tokyo    |

    Scenario: A channel met in a place on a day is proposed under its own name, not the place's and the day's
      Given a new, empty tracker
      And an article "met-for.txt" that says "US and Japanese officials met in Tokyo on Monday for the US–Japan Economic Policy Dialogue. China cancelled the meetings of the China–Japan Maritime Consultative Agreement."
      When I extract the facts of the article "met-for.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel                                     | date       | title                                       | location |
        | open    | us-jp-economic-policy-dialogue              | 2024-05-20 | US–Japan Economic Policy Dialogue           |          |
        | meet    | us-jp-economic-policy-dialogue              | 2024-05-20 |                                             | Tokyo    |
        | open    | jp-cn-maritime-consultative-agreement-talks | 2024-05-20 | China–Japan Maritime Consultative Agreement |          |
        | suspend | jp-cn-maritime-consultative-agreement-talks | 2024-05-20 |                                             |          |

    Scenario: A resumption and the suspension its sentence recalls are each dated their own
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And "us-jp-econ-dialogue" was suspended on "2023-02-01"
      When I extract the facts of the article "resumed-suspended.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel             | date       | status |
        | suspend | us-jp-econ-dialogue | 2023-02    | known  |
        | resume  | us-jp-econ-dialogue | 2024-05-20 | new    |

    Scenario: A channel a new one replaced is proposed as concluded on the day the new one began
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "replaced.txt" published on "2024-05-22"
      Then the proposals are:
        | kind     | channel                       | date       | note                                                            |
        | open     | us-jp-economic-partnership-forum | 2024-05-20 |                                                                 |
        | conclude | us-jp-econ-dialogue           | 2024-05-20 | dated to the opening of us-jp-economic-partnership-forum, which replaced it |

    Scenario: A new channel whose first fact is a later round is opened with a warning that it began earlier
      Given a new, empty tracker
      When I extract the facts of the article "later-round.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | channel                   | date                  | confidence | note                                                           |
        | open | ca-mx-clean-grid-dialogue | 2024-05-20            | low        | it calls that fact “seventh round”: the channel began earlier |
        | meet | ca-mx-clean-grid-dialogue | 2024-05-20            | high       |                                                                |
        | plan | ca-mx-clean-grid-dialogue | 2025                  | low        |                                                                |

  Rule: A hedged or vague sentence gives no fact

    Scenario: Efforts to resume and lines of communication are no facts
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And "us-jp-econ-dialogue" was suspended on "2023-02-01"
      When I extract the facts of the article "hedged.txt" published on "2024-05-22"
      Then the tracker finds no facts in "hedged.txt"

    Scenario: A rhythm discussed but not agreed, and a meeting only expected, are no facts
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And an article "discussed.txt" that says "The two sides discussed holding the US–Japan Economic Policy Dialogue twice a year but had not agreed on a schedule. The next US–Japan Economic Policy Dialogue is expected to take place in Tokyo before the end of the year."
      When I extract the facts of the article "discussed.txt" published on "2024-05-22"
      Then the tracker finds no facts in "discussed.txt"

    Scenario: A meeting to come whose date is not set is no plan, unless the parties agreed to it
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And an article "no-date.txt" that says "The US–Japan Economic Policy Dialogue will meet in Tokyo next month, though no date has been set. The ministers agreed to hold the one after it in Washington next year, but no date was set."
      When I extract the facts of the article "no-date.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | channel             | date | location   |
        | plan | us-jp-econ-dialogue | 2025 | Washington |

  Rule: The proposals are recorded with tracker import, and a fact is never recorded twice

    Background:
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |

    Scenario: The proposals written to a file are imported
      Given the facts of the article "readout.txt" published on "2024-05-22" were proposed in "proposals.toml"
      When I import the seed file
      Then it succeeds
      And "us-jp-econ-dialogue" has held 1 meeting
      And the ministerial cadence of "us-jp-econ-dialogue" is 2 meetings a year, next due on "2024-11-19"

    Scenario: A dry run of the proposals says what would be recorded and records nothing
      Given the facts of the article "readout.txt" published on "2024-05-22" were proposed in "proposals.toml"
      When I import the seed file with --dry-run
      Then I see "2 events would be recorded"
      And nothing is recorded

    Scenario: Facts recorded already are proposed as known and not imported again
      Given the facts of the article "readout.txt" published on "2024-05-22" were proposed in "proposals.toml"
      And the proposals were imported
      When I extract the facts of the article "readout.txt" published on "2024-05-22"
      Then every proposal is known
      Given the facts of the article "readout.txt" published on "2024-05-22" were proposed in "again.toml"
      When I import the seed file
      Then nothing is recorded
      And I see "0 events recorded (2 were recorded already)"

    Scenario: The proposals are written to a file, with their count
      When I extract the facts of the article "readout.txt" published on "2024-05-22" into "proposals.toml"
      Then I see "wrote 2 proposals (2 new, 0 known) to"
      And the file "proposals.toml" holds 2 proposals
      And nothing is recorded

  Rule: The proposals come in an order that imports: each channel opened first, then its facts by the day they happened

    Scenario: An article that tells the news before its background is proposed in the order the facts happened, and imports
      Given an article "background.txt" that says "Japan and South Korea held their Economic Policy Dialogue in Tokyo on Monday. The dialogue, launched in 2015, had been suspended since 2019 and was resumed in April."
      When I extract the facts of the article "background.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel                         | date       |
        | open    | jp-kr-economic-policy-dialogue  | 2015       |
        | suspend | jp-kr-economic-policy-dialogue  | 2019       |
        | resume  | jp-kr-economic-policy-dialogue  | 2024-04    |
        | meet    | jp-kr-economic-policy-dialogue  | 2024-05-20 |
      Given the facts of the article "background.txt" published on "2024-05-22" were proposed in "proposals.toml"
      When I import the seed file
      Then it succeeds
      And "jp-kr-economic-policy-dialogue" has held 1 meeting

    Scenario: A meeting of a suspended channel whose resumption the article does not report says what is missing
      Given an article "no-resumption.txt" that says "Japan and South Korea held their Economic Policy Dialogue in Tokyo on Monday. The dialogue, launched in 2015, had been suspended since 2019."
      When I extract the facts of the article "no-resumption.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel                         | date       | note                                                                  |
        | open    | jp-kr-economic-policy-dialogue  | 2015       |                                                                       |
        | suspend | jp-kr-economic-policy-dialogue  | 2019       |                                                                       |
        | meet    | jp-kr-economic-policy-dialogue  | 2024-05-20 | the article reports no resumption of the channel, suspended since 2019 |

    Scenario: A meeting and a suspension of one date are proposed meeting first
      Given an article "halted.txt" that says "Japan and South Korea launched their Economic Policy Dialogue in 2015. It was held once a year, but was halted after the last meeting in 2019."
      When I extract the facts of the article "halted.txt" published on "2024-05-22"
      Then the proposals are:
        | kind    | channel                         | date |
        | open    | jp-kr-economic-policy-dialogue  | 2015 |
        | meet    | jp-kr-economic-policy-dialogue  | 2019 |
        | suspend | jp-kr-economic-policy-dialogue  | 2019 |

  Rule: What is not an article is refused, and an article with no dialogue fact says so

    Scenario: An empty file is refused
      When I extract the facts of the article "empty.txt" published on "2024-05-22"
      Then the tracker rejects it as bad input with exit code 2, saying "empty.txt is empty: give the text of an article"

    Scenario: A binary file is refused
      When I extract the facts of the article "photo.png" published on "2024-05-22"
      Then the tracker rejects it as bad input with exit code 2, saying "photo.png is not text"

    Scenario: An article with no dialogue fact finds none, and that is no failure
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "weather.txt" published on "2024-05-22"
      Then the tracker finds no facts in "weather.txt"

    Scenario Outline: An article not in English finds no facts, with a warning that extract reads English only
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      And an article "<article>" that says "<sentence>"
      When I extract the facts of the article "<article>" published on "2024-05-22"
      Then the tracker finds no facts in "<article>", warning "<article> does not look like English text; tracker extract reads English only"

      Examples:
        | language | article     | sentence                                                                                                                                              |
        | French   | french.txt  | Les responsables japonais et américains se sont réunis lundi à Tokyo pour le US–Japan Economic Policy Dialogue et sont convenus de se revoir en juillet. |
        | Chinese  | chinese.txt | 日美两国官员周一在东京举行日美经济政策对话，并同意七月再次会面。                                                                                                 |

    Scenario: An article read where there is no store yet proposes every channel as new and makes no store
      When I extract the facts of the article "open.txt" published on "2024-05-22"
      Then the proposals are:
        | kind | date       | title                             | status |
        | open | 2024-05-20 | US–Japan Economic Policy Dialogue | new    |
      And I am warned "there is no store"
      And I am warned "every channel is proposed as new"
      And nothing is recorded

    Scenario: The publication date is required
      When I run tracker extract weather.txt
      Then the tracker rejects it as bad input with exit code 2, saying "--published"

    Scenario: A publication date after today is refused
      When I run tracker extract weather.txt --published 9999-12-31
      Then the tracker rejects it as bad input with exit code 2, saying "--published 9999-12-31 is after today: give the day the article was published"

    Scenario: The proposals are never written over the article they quote
      Given an article "readout.toml" that says "US and Japanese officials met on Monday in Tokyo for the US–Japan Economic Policy Dialogue."
      When I extract the facts of the article "readout.toml" published on "2024-05-22" into "readout.toml"
      Then the tracker rejects it as bad input with exit code 2, saying "is the article being read"
      And the article "readout.toml" still says "US and Japanese officials met on Monday in Tokyo"

    @sqlite_file
    Scenario: The proposals are never written over the store
      Given these channels:
        | channel             | title                             | parties | opened     | status |
        | us-jp-econ-dialogue | US–Japan Economic Policy Dialogue | US, JP  | 2022-01-10 | agreed |
      When I extract the facts of the article "readout.txt" published on "2024-05-22" into the store itself
      Then the tracker rejects it as bad input with exit code 2, saying "is the store"
      And nothing is recorded
