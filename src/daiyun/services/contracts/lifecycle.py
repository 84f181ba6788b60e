"""Use cases of the contract's life (issue 21): a written objection to renewal (R-C5), the
contract's end with its cause (R-C6), a breach notice and its cure, and the evidence that
closes an exit duty. Each record is written once and never changed, with an audit entry
(R-D3); a refusal changes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import ContractSpec, Party
from daiyun.domain.contracts.lifecycle import (
    ContractEnd,
    EndCause,
    Objection,
    last_day,
    term_number_on,
    term_of,
)
from daiyun.domain.contracts.termination import (
    MAX_BREACH_TEXT,
    MAX_EVIDENCE_NOTE,
    BreachNotice,
    ExitDutyKind,
    ExitEvidence,
    cure_deadline,
    exit_duty_kinds,
)
from daiyun.domain.permissions import Permission
from daiyun.services.contracts.lifecycle_ports import EvidenceFiles, LifecycleUnitOfWork
from daiyun.services.contracts.lifecycle_view import read_life, termination_rights
from daiyun.services.errors import NotFound, Refused
from daiyun.services.scope import require_on_brand

__all__ = [
    "MAX_EVIDENCE_BYTES",
    "BadLifeRecord",
    "NoticeAnswer",
    "close_exit_duty",
    "end_contract",
    "object_to_renewal",
    "record_breach_notice",
    "record_cure",
]

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # a photo, a scan or a short video, as mis-shipments'
MAX_REASON = 1000


class BadLifeRecord(ValueError):
    """The record itself is wrong (no evidence, an empty text, one too long): bad input."""


@dataclass(frozen=True)
class NoticeAnswer:
    """The kept breach notice; `new` False when the same notice was recorded before."""

    notice: BreachNotice
    new: bool


def _text(value: str | None, what: str, most: int) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > most:
        raise BadLifeRecord(f"{what} is {len(value)} characters; at most {most}")
    return value


def _contract(
    uow: LifecycleUnitOfWork, acting: User, code: str, permission: Permission
) -> ContractSpec:
    missing = f"no contract with code {code!r}"
    contract = uow.contracts.get(code)
    if contract is None:
        raise NotFound(missing)
    require_on_brand(acting, permission, contract.brand_code, missing=missing)
    return contract


def _audit(
    uow: LifecycleUnitOfWork,
    contract: ContractSpec,
    action: str,
    after: dict[str, object],
    at: datetime,
    actor: str,
    key: str | None = None,
) -> None:
    uow.audit.record(
        AuditEntry(
            at=at,
            actor=actor,
            action=action,
            entity="contract",
            entity_key=key or contract.code,
            brand_code=contract.brand_code,
            after=json.dumps(after, ensure_ascii=False),
        )
    )


def _not_after_today(on: date, today: date, what: str) -> None:
    if on > today:
        raise Refused(f"{what} cannot be dated {on}, after today {today}")


def object_to_renewal(
    uow: LifecycleUnitOfWork,
    *,
    acting: User,
    contract_code: str,
    by: Party,
    on: date,
    reason: str | None,
    at: datetime,
    actor: str,
) -> Objection:
    """R-C5: a party's written objection to the renewal of the term running on `on`, recorded
    once; refused after the term's notice deadline, naming it. The contract then ends at the
    end of that term."""
    reason = _text(reason, "the reason", MAX_REASON)
    today = business_date(at)
    with uow:
        contract = _contract(uow, acting, contract_code, Permission.OBJECT_TO_RENEWAL)
        if acting.role.is_brand_role and by is not Party.BRAND:
            raise Refused("a brand's user objects for the brand, not for the operator")
        _not_after_today(on, today, "an objection")
        if on < contract.signed_on:
            raise Refused(
                f"an objection cannot be dated {on}, before contract {contract.code} was "
                f"signed on {contract.signed_on}"
            )
        uow.lifecycle.lock(contract.code)
        life, _, _, _ = read_life(uow, contract, today)
        if not contract.auto_renew:
            raise Refused(
                f"contract {contract.code} does not renew on its own: it ends at its expiry on "
                f"{contract.first_term_ends_on}; there is no renewal to object to (R-C5)"
            )
        settled = last_day(contract, life)
        if life.end is not None or (settled is not None and on > settled[0]):
            assert settled is not None
            raise Refused(
                f"contract {contract.code} ends on {settled[0]} ({settled[1].value}): there is "
                "no renewal left to object to"
            )
        term = term_of(contract, term_number_on(contract, on))
        if on > term.notice_by:
            following = term_of(contract, term.number + 1)
            raise Refused(
                f"the notice deadline to object to the renewal of contract {contract.code} "
                f"(term {term.number}, ending {term.last_day}) was {term.notice_by}: an objection "
                f"on {on} is too late, the contract renews to {following.last_day}; the next "
                f"deadline is {following.notice_by} (R-C5)"
            )
        earlier = [each for each in life.objections_to(term.number) if each.by is by]
        if earlier:
            raise Refused(
                f"the {by.value} objected to the renewal of contract {contract.code} "
                f"(term {term.number}) already, on {earlier[0].objected_on}"
            )
        objection = Objection(term.number, by, on, reason, at, actor)
        uow.lifecycle.add_objection(contract.code, objection)
        _audit(
            uow, contract, "contract.object",
            {"term": term.number, "by": by.value, "on": on.isoformat(),
             "notice_by": term.notice_by.isoformat(), "ends_on": term.last_day.isoformat(),
             "reason": reason},
            at, actor,
        )  # fmt: skip
        uow.commit()
    return objection


def end_contract(
    uow: LifecycleUnitOfWork,
    *,
    acting: User,
    contract_code: str,
    on: date,
    cause: EndCause,
    reason: str | None,
    right: str | None,
    at: datetime,
    actor: str,
) -> ContractEnd:
    """R-C6: the contract ends on `on` (its last day) by agreement, at its expiry, or by a
    termination right that has arisen (named by `right`, else the earliest); once. Its exit
    duties start: each due `exit_days` after `on`."""
    reason = _text(reason, "the reason", MAX_REASON)
    today = business_date(at)
    with uow:
        contract = _contract(uow, acting, contract_code, Permission.RECORD_CONTRACT_LIFE)
        uow.lifecycle.lock(contract.code)
        life, _, notices, _ = read_life(uow, contract, today)
        if life.end is not None:
            raise Refused(
                f"contract {contract.code} ended already on {life.end.last_day} "
                f"({life.end.cause.value})"
            )
        if on < contract.effective_on:
            raise Refused(
                f"contract {contract.code} cannot end on {on}, before it took effect on "
                f"{contract.effective_on}"
            )
        natural = last_day(contract, life)
        if natural is not None and on > natural[0]:
            raise Refused(
                f"contract {contract.code} ends at its expiry on {natural[0]}: it cannot end "
                f"later, on {on}"
            )
        holder: Party | None = None
        if cause is EndCause.EXPIRY and (natural is None or on != natural[0]):
            if natural is not None:
                raise Refused(f"contract {contract.code} expires on {natural[0]}, not on {on}")
            raise Refused(
                f"contract {contract.code} does not expire on {on}: it renews on its own unless "
                "a party objects in writing by the notice deadline (R-C5); end it by agreement, "
                "or by termination with a right that has arisen"
            )
        if cause is EndCause.TERMINATION:
            _not_after_today(on, today, "a termination")
            rights = termination_rights(uow, contract, notices, on)
            if not rights:
                raise Refused(
                    f"no termination right has arisen for contract {contract.code} by {on} "
                    "(R-C6: a remittance or fee paid late past the contract's days, or a "
                    "material breach not cured in time after a written notice)"
                )
            chosen = (
                rights[0]
                if right is None
                else next((each for each in rights if each.key == right), None)
            )
            if chosen is None:
                arisen = "; ".join(each.key for each in rights)
                raise Refused(
                    f"no termination right {right!r} has arisen for contract {contract.code} "
                    f"by {on}; those that have: {arisen}"
                )
            right, holder = chosen.key, chosen.holder
        else:
            right = None
        end = ContractEnd(on, cause, right, holder, reason, at, actor)
        uow.lifecycle.add_end(contract.code, end)
        _audit(
            uow, contract, "contract.end",
            {"on": on.isoformat(), "cause": cause.value, "right": right,
             "right_holder": None if holder is None else holder.value, "reason": reason},
            at, actor,
        )  # fmt: skip
        uow.commit()
    return end


def record_breach_notice(
    uow: LifecycleUnitOfWork,
    *,
    acting: User,
    contract_code: str,
    by: Party,
    on: date,
    what: str,
    at: datetime,
    actor: str,
) -> NoticeAnswer:
    """R-C6: a party's written notice of the other's material breach, with its cure deadline
    (`breach_cure_days` after the notice); the same notice twice is recorded once."""
    text = _text(what, "what the breach is", MAX_BREACH_TEXT)
    if text is None:
        raise BadLifeRecord("a breach notice must say what the breach is")
    today = business_date(at)
    with uow:
        contract = _contract(uow, acting, contract_code, Permission.RECORD_CONTRACT_LIFE)
        _not_after_today(on, today, "a breach notice")
        if on < contract.signed_on:
            raise Refused(
                f"a breach notice cannot be dated {on}, before contract {contract.code} was "
                f"signed on {contract.signed_on}"
            )
        uow.lifecycle.lock(contract.code)
        life, _, _, _ = read_life(uow, contract, today)
        settled = last_day(contract, life)
        if settled is not None and on > settled[0]:
            raise Refused(
                f"contract {contract.code} ended on {settled[0]}: a breach notice dated {on} "
                "cannot give a right to terminate it"
            )
        found = uow.lifecycle.find_notice(contract.code, by, on, text)
        if found is not None:
            return NoticeAnswer(found, new=False)
        cure_by = cure_deadline(contract, on)
        notice_id = uow.lifecycle.add_notice(contract.code, by, on, text, cure_by, at, actor)
        _audit(
            uow, contract, "contract.breach_notice",
            {"notice": notice_id, "by": by.value, "on": on.isoformat(), "what": text,
             "cure_by": cure_by.isoformat()},
            at, actor,
        )  # fmt: skip
        uow.commit()
    notice = BreachNotice(notice_id, by, on, text, cure_by, None, at, actor)
    return NoticeAnswer(notice, new=True)


def record_cure(
    uow: LifecycleUnitOfWork,
    *,
    acting: User,
    notice_id: int,
    on: date,
    at: datetime,
    actor: str,
) -> BreachNotice:
    """R-C6: the breach of a notice cured on `on`, once. Cured by its deadline, no right
    arises; cured later, the right that arose the day after the deadline stays."""
    today = business_date(at)
    missing = f"no breach notice {notice_id}"
    with uow:
        found = uow.lifecycle.notice(notice_id)
        if found is None:
            raise NotFound(missing)
        code, notice = found
        contract = uow.contracts.get(code)
        assert contract is not None
        require_on_brand(
            acting, Permission.RECORD_CONTRACT_LIFE, contract.brand_code, missing=missing
        )
        if notice.cured_on is not None:
            raise Refused(
                f"breach notice {notice_id} was recorded cured already, on {notice.cured_on}"
            )
        _not_after_today(on, today, "a cure")
        if on < notice.notified_on:
            raise Refused(
                f"breach notice {notice_id} was given on {notice.notified_on}: a cure cannot be "
                f"dated {on}, before it"
            )
        uow.lifecycle.add_cure(notice_id, on, at, actor)
        _audit(
            uow, contract, "contract.breach_cured",
            {"notice": notice_id, "on": on.isoformat(), "cure_by": notice.cure_by.isoformat()},
            at, actor, key=f"{contract.code}/breach {notice_id}",
        )  # fmt: skip
        uow.commit()
    return BreachNotice(
        notice.id, notice.by, notice.notified_on, notice.what, notice.cure_by, on,
        notice.recorded_at, notice.recorded_by,
    )  # fmt: skip


def close_exit_duty(
    uow: LifecycleUnitOfWork,
    files: EvidenceFiles,
    *,
    acting: User,
    contract_code: str,
    duty: ExitDutyKind,
    on: date,
    note: str | None,
    evidence: tuple[str, bytes] | None,
    at: datetime,
    actor: str,
) -> ExitEvidence:
    """R-C6: an exit duty done on `on`, closed with its evidence — a file kept by content (as
    mis-shipments' attachments) or a written note, or both; once per duty."""
    note = _text(note, "the note", MAX_EVIDENCE_NOTE)
    if note is None and evidence is None:
        raise BadLifeRecord(
            "an exit duty closes only with evidence: a file that shows it, or a note of what "
            "was done"
        )
    if evidence is not None:
        name, content = evidence
        if not name.strip() or len(name) > 200:
            raise BadLifeRecord(f"the evidence file's name {name!r} is empty or too long")
        if not content:
            raise BadLifeRecord(f"the evidence file {name} is empty")
        if len(content) > MAX_EVIDENCE_BYTES:
            raise BadLifeRecord(
                f"the evidence file {name} is {len(content)} bytes; at most {MAX_EVIDENCE_BYTES}"
            )
    today = business_date(at)
    with uow:
        contract = _contract(uow, acting, contract_code, Permission.RECORD_CONTRACT_LIFE)
        kinds = exit_duty_kinds(contract)
        if duty not in kinds:
            raise Refused(
                f"contract {contract.code} (model {contract.model.value}) has no exit duty "
                f"{duty.value}; its duties: {', '.join(kind.value for kind in kinds)}"
            )
        _not_after_today(on, today, "an exit duty")
        uow.lifecycle.lock(contract.code)
        life, _, _, kept = read_life(uow, contract, today)
        settled = last_day(contract, life)
        if settled is None:
            raise Refused(
                f"contract {contract.code} has no end yet: its exit duties start when it ends "
                "(R-C6)"
            )
        done = next((each for each in kept if each.duty is duty), None)
        if done is not None:
            raise Refused(
                f"exit duty {duty.value} of contract {contract.code} was closed already, on "
                f"{done.done_on}"
            )
        if on < contract.effective_on:
            raise Refused(
                f"an exit duty cannot be dated {on}, before contract {contract.code} took "
                f"effect on {contract.effective_on}"
            )
        # The file first: kept by content, a file kept for a record that then fails is
        # harmless, and a record is never kept without its file.
        sha256 = None if evidence is None else files.keep(evidence[1])
        record = ExitEvidence(
            duty, on, note,
            None if evidence is None else evidence[0].strip(),
            sha256,
            None if evidence is None else len(evidence[1]),
            at, actor,
        )  # fmt: skip
        uow.lifecycle.add_exit_evidence(contract.code, record)
        _audit(
            uow, contract, "contract.exit_duty",
            {"duty": duty.value, "on": on.isoformat(), "note": note,
             "file": record.file_name, "sha256": sha256},
            at, actor, key=f"{contract.code}/{duty.value}",
        )  # fmt: skip
        uow.commit()
    return record
