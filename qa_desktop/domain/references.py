"""Human-friendly references for records made offline on any laptop without colliding.

An audit reference is ``QA-`` and twelve Crockford base-32 characters in three groups
(``QA-7K2M-9QFT-B4HD``): 60 bits, all of them random bits of the record's UUID (a version 4
UUID made on the laptop that makes the audit; its version and variant bits are left out).

Why this is enough, with no coordination between laptops that work offline:

- The chance that any two of *n* audits share a reference is about n² / 2⁶¹: one in 230
  million at 100,000 audits, one in 2.3 million at a million (a county makes a few thousand
  a year). The 35 bits used before gave 13.5% at 100,000; a clash between two laptops blocks
  the pull until someone sorts it out, so the reference must be as unique as the UUID is in
  practice, and 60 bits is the shortest that is.
- References made before keep working: they are stored with their audits and never worked
  out again, and they are seven characters with no dashes, so no new reference can ever be
  equal to one of them.
- Should the near-impossible happen, the store's unique constraint refuses the second one
  and the pull says so plainly (``SyncClash``); nothing is lost.

(Unique by construction would need a prefix that the central database issues to each store,
which a laptop set up offline cannot have.)
"""

from __future__ import annotations

import uuid

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHARACTERS = 12  # 60 bits, five to a character
GROUP = 4


def reference_bits(record_id: str) -> int:
    """The 60 random bits of a version 4 UUID used for its reference: the first 48 bits
    (``time_low``, ``time_mid``) and the 12 after the version nibble."""
    value = uuid.UUID(record_id).int
    return ((value >> 80) << 12) | ((value >> 64) & 0xFFF)


def audit_reference(record_id: str) -> str:
    """``QA-XXXX-XXXX-XXXX`` from the record's UUID (see the module's text)."""
    value = reference_bits(record_id)
    chars = []
    for _ in range(CHARACTERS):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    text = "".join(reversed(chars))
    return "QA-" + "-".join(text[i : i + GROUP] for i in range(0, CHARACTERS, GROUP))
