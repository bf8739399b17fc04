"""The ledger's digests of a whole batch are those of its entries one by one, as the stored
format defines them (store/ledger_digest.py): a batch written by an import and events written
one command at a time chain alike, and a store written before reads the same."""

from __future__ import annotations

import hashlib
import hmac
import random
import uuid

import pytest

from tracker.store.ledger_digest import Record, chain_digests, entry_digest


def plain_digest(previous: str | None, position: int, record: Record, key: bytes | None) -> str:
    """The entry digest written out plainly: what every stored ledger holds."""
    originator_id, version, topic, state = record
    message = (
        b"tracker ledger 1\n"
        + (bytes.fromhex(previous) if previous else b"")
        + position.to_bytes(8, "big")
        + originator_id.bytes
        + version.to_bytes(8, "big", signed=True)
        + hashlib.sha256(topic.encode("utf-8", "surrogatepass")).digest()
        + hashlib.sha256(state).digest()
    )
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def records(n: int) -> list[Record]:
    rng = random.Random(5)
    topics = ["tracker.events:MeetingHeld", "tracker.events:ChannelOpened", "odd \udcff", "é"]
    return [
        (
            uuid.UUID(int=rng.getrandbits(128)),
            rng.randrange(1, 10**6),
            rng.choice(topics),
            rng.randbytes(rng.randrange(0, 400)),
        )
        for _ in range(n)
    ]


@pytest.mark.parametrize("key", [None, b"k" * 32], ids=["sha256", "hmac"])
def test_a_batch_chains_as_its_entries_one_by_one(key: bytes | None) -> None:
    batch = records(300)
    expected, previous = [], None
    for position, record in enumerate(batch, start=11):
        previous = plain_digest(previous, position, record, key)
        expected.append(previous)
    assert list(chain_digests(None, 10, batch, key)) == expected
    # Split anywhere, the second part continues the chain from the first's last digest.
    assert list(chain_digests(expected[99], 110, batch[100:], key)) == expected[100:]
    assert entry_digest(expected[41], 53, batch[42], key) == expected[42]
    assert entry_digest(None, 11, batch[0], key) == expected[0]


def test_many_odd_topics_are_digested_all_the_same() -> None:
    batch = [(uuid.UUID(int=i), i, f"topic {i}", b"{}") for i in range(1, 200)]
    expected, previous = [], None
    for position, record in enumerate(batch, start=1):
        previous = plain_digest(previous, position, record, None)
        expected.append(previous)
    assert list(chain_digests(None, 0, batch, None)) == expected
