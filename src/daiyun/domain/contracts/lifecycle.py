"""The contract's life (R-C5, R-C6): its terms one after the other, the renewal-notice deadline
of each, the written objections to renewal, and its end. Pure: every answer is "as of" a day.

A contract's terms are counted from its effective day, never from the end of the term before,
so that a month-end start does not drift: a contract effective 2026-01-31 for 1 month has terms
[01-31, 02-27], [02-28, 03-30], [03-31, 04-29]… (each term ends the day before the next starts,
and the n-th term starts `add_months(effective_on, (n - 1) × term_months)`).

R-C5's notice deadline is the term's last day less `renewal_notice_months` whole months: the
same day number of the earlier month, clamped to that month's last day when it has no such day
(domain/contracts/months.py, as the Civil Code art. 203 counts months). So a term ending on
2027-01-04 may be objected to until 2026-12-04; one ending 2027-03-31 until 2027-02-28, one
ending 2028-03-31 until 2028-02-29, and one ending 2028-02-29 until 2028-01-29. Clamping only
ever moves the deadline earlier, never past the whole notice period.

Without a written objection by its deadline a term renews on its own (when the contract says
`auto_renew`): the next term is certain the day after the deadline. An objection ends the
contract at the end of the term it was given in; a contract that does not renew ends at the end
of its first term; a recorded end (`daiyun contract end`) ends it on the day recorded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from daiyun.domain.contracts.choices import Party
from daiyun.domain.contracts.months import add_months
from daiyun.domain.contracts.specs import ContractSpec

__all__ = [
    "ContractEnd",
    "ContractLife",
    "Course",
    "EndCause",
    "Objection",
    "Term",
    "confidentiality_until",
    "contract_course",
    "ends_on",
    "last_day",
    "notice_terms",
    "term_number_on",
    "term_of",
]


class EndCause(StrEnum):
    """How a contract ends (R-C6)."""

    AGREEMENT = "agreement"
    EXPIRY = "expiry"  # the end of a term that does not renew (an objection, or no auto-renew)
    TERMINATION = "termination"  # a termination right that arose from a breach


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a contract: number 1 is the first, 2 the first renewal, and so on."""

    number: int
    first_day: date
    last_day: date
    notice_by: date  # R-C5: the last day either party may object in writing to its renewal

    @property
    def is_renewal(self) -> bool:
        return self.number > 1


@dataclass(frozen=True, slots=True)
class Objection:
    """A party's written objection to renewal (R-C5), immutable once recorded."""

    term: int
    by: Party
    objected_on: date
    reason: str | None
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True, slots=True)
class ContractEnd:
    """The end recorded for a contract (R-C6): its last day, cause, the right a termination
    used (e.g. "R-C6 breach notice 3") and who held it."""

    last_day: date
    cause: EndCause
    right: str | None
    right_holder: Party | None
    reason: str | None
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True, slots=True)
class ContractLife:
    """What has been recorded about a contract's life: objections and its end, if any."""

    objections: tuple[Objection, ...] = ()
    end: ContractEnd | None = None

    def objections_to(self, term: int) -> tuple[Objection, ...]:
        return tuple(each for each in self.objections if each.term == term)


def term_of(contract: ContractSpec, number: int) -> Term:
    """The contract's `number`-th term (1 is the first), with its notice deadline (R-C5)."""
    if number < 1:
        raise ValueError(f"a contract's terms are numbered from 1, not {number}")
    months = contract.term_months
    first = add_months(contract.effective_on, (number - 1) * months)
    last = add_months(contract.effective_on, number * months) - timedelta(days=1)
    return Term(number, first, last, add_months(last, -contract.renewal_notice_months))


def term_number_on(contract: ContractSpec, day: date) -> int:
    """The number of the term that covers `day` (1 for any day before the contract starts)."""
    if day <= contract.effective_on:
        return 1
    elapsed = (day.year - contract.effective_on.year) * 12 + day.month - contract.effective_on.month
    number = max(1, elapsed // contract.term_months)  # a guess one or two terms short at most
    while term_of(contract, number).last_day < day:
        number += 1
    while number > 1 and term_of(contract, number).first_day > day:
        number -= 1
    return number


def _terms(contract: ContractSpec) -> Iterator[Term]:
    number = 1
    while True:
        yield term_of(contract, number)
        number += 1


def _natural_last_term(contract: ContractSpec, life: ContractLife) -> Term | None:
    """The term the contract ends with when it is not ended early: the first objected one,
    or the first term of a contract that does not renew; None while it renews without end."""
    if not contract.auto_renew:
        return term_of(contract, 1)
    objected = sorted({each.term for each in life.objections})
    return term_of(contract, objected[0]) if objected else None


def last_day(contract: ContractSpec, life: ContractLife) -> tuple[date, EndCause] | None:
    """The contract's last day and how it ends, when that is settled: a recorded end, the end
    of an objected term, or a contract that does not renew; None while it renews on its own."""
    if life.end is not None:
        return life.end.last_day, life.end.cause
    term = _natural_last_term(contract, life)
    return None if term is None else (term.last_day, EndCause.EXPIRY)


def ends_on(contract: ContractSpec, life: ContractLife) -> date | None:
    """The contract's last day when it is settled (see `last_day`), else None."""
    settled = last_day(contract, life)
    return None if settled is None else settled[0]


def confidentiality_until(contract: ContractSpec, ended_on: date) -> date:
    """R-C8: the last day of the duty of confidentiality, `confidentiality_years` after the
    contract's last day (a 29 February end gives 28 February in a common year)."""
    return add_months(ended_on, 12 * contract.terms.confidentiality_years)


@dataclass(frozen=True, slots=True)
class Course:
    """The contract as of a day: its terms so far (the first, then each renewal that is certain),
    the next notice deadline, and its end if settled."""

    as_of: date
    terms: tuple[Term, ...]
    objections: tuple[Objection, ...]
    ends_on: date | None
    end_cause: EndCause | None
    recorded_end: ContractEnd | None
    next_notice: Term | None  # the term whose notice deadline comes next (None: no renewal left)

    @property
    def current(self) -> Term:
        """The term that covers `as_of` (the last one, once the contract has ended)."""
        covering = [t for t in self.terms if t.first_day <= self.as_of]
        return covering[-1] if covering else self.terms[0]

    @property
    def renewals(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.is_renewal)

    @property
    def has_ended(self) -> bool:
        return self.ends_on is not None and self.as_of > self.ends_on

    @property
    def renews(self) -> bool:
        """True while no end is settled: the contract renews unless someone objects."""
        return self.ends_on is None


def contract_course(contract: ContractSpec, life: ContractLife, as_of: date) -> Course:
    """The contract's terms as of `as_of` (R-C5): term 1, then each renewal whose previous
    term's notice deadline passed without an objection; its end and next deadline (R-C6)."""
    settled = last_day(contract, life)
    ends_on = None if settled is None else settled[0]
    terms: list[Term] = []
    next_notice: Term | None = None
    for term in _terms(contract):
        if ends_on is not None:
            # The end is settled: every term up to it, whatever the deadlines.
            if term.first_day > ends_on:
                break
            terms.append(term)
            continue
        terms.append(term)
        # No end settled: the term renews the day after its deadline passes unobjected.
        if as_of <= term.notice_by:
            next_notice = term
            break
    objected = sorted(life.objections, key=lambda o: (o.objected_on, o.recorded_at))
    return Course(
        as_of=as_of,
        terms=tuple(terms),
        objections=tuple(objected),
        ends_on=ends_on,
        end_cause=None if settled is None else settled[1],
        recorded_end=life.end,
        next_notice=next_notice,
    )


def notice_terms(course: Course) -> Sequence[Term]:
    """The terms whose renewal notice is shown: the one coming next, and each objected one."""
    objected = {each.term for each in course.objections}
    shown = [t for t in course.terms if t.number in objected]
    if course.next_notice is not None and course.next_notice not in shown:
        shown.append(course.next_notice)
    return shown
