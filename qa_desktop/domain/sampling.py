"""Drawing the month's sample and sharing it among the auditors.

The sample is stratified: the target is shared among services in proportion to their open
cases, then within each service among its teams, so that every part of the service is seen in
proportion. It is reproducible: the same seed and the same case list give the same sample and
the same assignment. Cases audited (or already planned) in the last N months are left out.

Assignment never gives an auditor a case from their own team, spreads the cases evenly
(each case goes to the eligible auditor with the fewest so far), and never goes over an
auditor's capacity for the month.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from qa_desktop.errors import ValidationError

DEFAULT_EXCLUDE_MONTHS = 6
DEFAULT_CAPACITY = 4  # audits an auditor takes on in a month, unless the QA team says otherwise


@dataclass(frozen=True)
class Candidate:
    """An open case that may be sampled."""

    case_id: str
    reference: str
    team_id: str
    team: str
    service: str
    practitioner_id: str | None = None
    last_audited_on: date | None = None


@dataclass(frozen=True)
class AuditorSlot:
    person_id: str
    name: str
    team_id: str | None
    capacity: int  # how many more audits they can take this month


@dataclass(frozen=True)
class Assignment:
    case: Candidate
    auditor: AuditorSlot


class SampleTooLarge(ValidationError):
    """More cases were asked for than can be sampled."""


class NotEnoughCapacity(ValidationError):
    """The auditors cannot take on the whole sample."""


def months_before(day: date, months: int) -> date:
    """The first day of the month ``months`` months before ``day``'s month."""
    index = day.year * 12 + (day.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)


def eligible(
    candidates: Iterable[Candidate], month_start: date, exclude_months: int
) -> list[Candidate]:
    """Cases not audited in the ``exclude_months`` months before the month (nor since)."""
    cutoff = months_before(month_start, exclude_months)
    return [c for c in candidates if c.last_audited_on is None or c.last_audited_on < cutoff]


def share(total: int, sizes: dict[str, int]) -> dict[str, int]:
    """``total`` shared in proportion to ``sizes`` (largest remainder), never above a size.

    Ties go to the larger group, then to the key that sorts first, so the share is
    reproducible.
    """
    population = sum(sizes.values())
    if total > population:
        raise ValueError("total larger than the population")
    if population == 0:
        return {key: 0 for key in sizes}
    exact = {key: total * size / population for key, size in sizes.items()}
    quota = {key: int(value) for key, value in exact.items()}
    left = total - sum(quota.values())
    order = sorted(sizes, key=lambda k: (-(exact[k] - quota[k]), -sizes[k], k))
    while left:
        for key in order:
            if left and quota[key] < sizes[key]:
                quota[key] += 1
                left -= 1
    return quota


def draw_sample(
    candidates: Sequence[Candidate],
    target: int,
    seed: int,
    month_start: date,
    exclude_months: int = DEFAULT_EXCLUDE_MONTHS,
) -> list[Candidate]:
    """The month's sample: ``target`` cases stratified by service and team.

    Raises :class:`SampleTooLarge` when fewer cases can be sampled than the target.
    """
    if target < 1:
        raise ValidationError("The month's target must be at least 1.")
    pool = eligible(candidates, month_start, exclude_months)
    if target > len(pool):
        if exclude_months:
            raise SampleTooLarge(
                "The sample of {target} is larger than the {count} open cases that can be "
                "sampled (cases audited in the last {months} months are left out). Lower the "
                "target or import an up-to-date case list; nothing has been planned.",
                target=target,
                count=len(pool),
                months=exclude_months,
            )
        raise SampleTooLarge(
            "The sample of {target} is larger than the {count} open cases there are. Lower "
            "the number of cases; nothing has been made.",
            target=target,
            count=len(pool),
        )
    rng = random.Random(seed)
    by_service: dict[str, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for case in sorted(pool, key=lambda c: c.reference):
        by_service[case.service][case.team_id].append(case)
    service_quota = share(
        target, {s: sum(len(t) for t in teams.values()) for s, teams in by_service.items()}
    )
    chosen: list[Candidate] = []
    for service in sorted(by_service):
        teams = by_service[service]
        team_quota = share(service_quota[service], {t: len(cases) for t, cases in teams.items()})
        for team_id in sorted(teams):
            chosen.extend(rng.sample(teams[team_id], team_quota[team_id]))
    return chosen


def assign(
    sample: Sequence[Candidate], auditors: Sequence[AuditorSlot], seed: int
) -> list[Assignment]:
    """Each case to an auditor from another team, evenly, within capacity.

    Cases from the teams with fewest eligible auditors are placed first. Raises
    :class:`NotEnoughCapacity` naming the cases that cannot be placed.
    """
    rng = random.Random(seed)
    order = list(auditors)
    rng.shuffle(order)  # ties between equally loaded auditors fall differently each seed
    rank = {a.person_id: i for i, a in enumerate(order)}
    load: dict[str, int] = {a.person_id: 0 for a in order}

    def fits(case: Candidate, auditor: AuditorSlot) -> bool:
        return (
            auditor.team_id != case.team_id
            and auditor.person_id != case.practitioner_id
            and load[auditor.person_id] < auditor.capacity
        )

    def choices(case: Candidate) -> int:
        return sum(a.capacity for a in order if a.team_id != case.team_id and a.capacity > 0)

    placed: dict[str, AuditorSlot] = {}
    unplaced: list[Candidate] = []
    for case in sorted(sample, key=lambda c: (choices(c), c.reference)):
        options = [a for a in order if fits(case, a)]
        if not options:
            unplaced.append(case)
            continue
        best = min(options, key=lambda a: (load[a.person_id], rank[a.person_id]))
        load[best.person_id] += 1
        placed[case.case_id] = best
    if unplaced:
        raise NotEnoughCapacity(
            "The auditors cannot take on {count} of the {total} sampled cases this month "
            "(first: {reference}); no auditor from another team has room left. Raise "
            "auditors' capacity or lower the target; nothing has been planned.",
            count=len(unplaced),
            total=len(sample),
            reference=unplaced[0].reference,
        )
    return [Assignment(case, placed[case.case_id]) for case in sample]
