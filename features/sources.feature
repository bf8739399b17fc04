Feature: Sources pair as the analyst meant
  A fact may be reported by several sources, each with its own exact quote, an analyst's note and
  a confidence. On the command line, a --quote, --note or --confidence belongs to the --source
  given just before it: "--source A --source B --quote Q" quotes B. Anything that cannot be
  paired that way is refused with nothing written. A confidence rates a source, not the fact:
  without a source it is refused. (A seed file gives each source as a table of its own.)

  Background:
    Given an agreed channel "us-cn-commercial-wg" opened on "2023-08-28"

  Rule: A quote, note or confidence belongs to the source given just before it

    Scenario: A quote after the second source goes to the second source
      When I run tracker meet us-cn-commercial-wg --on 2023-08-28 --source 'AP, 2023-08-29' --source 'Xinhua, 2023-08-28' --quote 'the two sides agreed'
      Then it is recorded
      And event #2 of "us-cn-commercial-wg" has the sources:
        | citation           | quote                | note | confidence |
        | AP, 2023-08-29     |                      |      | medium     |
        | Xinhua, 2023-08-28 | the two sides agreed |      | medium     |

    Scenario: Each source with its own quote, note and confidence
      When I run tracker meet us-cn-commercial-wg --on 2023-08-28 --source 'AP, 2023-08-29' --confidence high --quote 'a two-hour lunch' --source 'Xinhua, 2023-08-28' --note 'dated Beijing time' --confidence low
      Then it is recorded
      And event #2 of "us-cn-commercial-wg" has the sources:
        | citation           | quote            | note               | confidence |
        | AP, 2023-08-29     | a two-hour lunch |                    | high       |
        | Xinhua, 2023-08-28 |                  | dated Beijing time | low        |

    Scenario: Every recording command pairs its sources the same way
      When I run tracker suspend us-cn-commercial-wg --on 2024-01-10 --by CN --source 'Reuters' --source 'MOFCOM' --quote 'talks are put on hold' --confidence high
      Then it is recorded
      And event #2 of "us-cn-commercial-wg" has the sources:
        | citation | quote                 | note | confidence |
        | Reuters  |                       |      | medium     |
        | MOFCOM   | talks are put on hold |      | high       |

  Rule: What cannot be paired is refused, with nothing written

    Scenario: A quote before any source is refused
      When I run tracker meet us-cn-commercial-wg --on 2023-08-28 --quote 'the two sides agreed' --source 'AP, 2023-08-29'
      Then the tracker rejects it as bad input with exit code 2, saying "--quote 'the two sides agreed' comes before any --source"
      And the message mentions "give --source TEXT first, then --quote"
      And nothing is recorded

    Scenario: Two quotes for one source are refused
      When I run tracker meet us-cn-commercial-wg --on 2023-08-28 --source 'AP, 2023-08-29' --quote 'a two-hour lunch' --quote 'once a year'
      Then the tracker rejects it as bad input with exit code 2, saying "two --quote options follow --source 'AP, 2023-08-29'"
      And nothing is recorded

    Scenario: A confidence without any source is refused: it rates a source, not the fact
      When I run tracker meet us-cn-commercial-wg --on 2023-08-28 --confidence high
      Then the tracker rejects it as bad input with exit code 2, saying "--confidence 'high' comes before any --source"
      And nothing is recorded

    Scenario: A note before any source is refused when a channel is opened too
      When I run tracker open us-eu-ttc --title 'US–EU Trade and Technology Council' --party US --party EU --on 2021-09-29 --note 'from the joint statement' --source 'White House, 2021-09-29'
      Then the tracker rejects it as bad input with exit code 2, saying "--note 'from the joint statement' comes before any --source"
      And nothing is recorded
