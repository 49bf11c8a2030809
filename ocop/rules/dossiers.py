"""Where each dossier (hồ sơ đăng ký) stands on a given day, and what it is waiting for (issue 14).

``dossier_state(dossier, product, today)`` reads one ``Dossier`` of a record: its current step, since
when, the deadline of that step and whether it has passed, the evaluation round it is in and how it
ended. ``at_risk(state, today)`` says whether a dossier the commune still holds will miss the next
round unless it moves, and by which day it must. ``rerating_dossier_opened(product, certificate,
today)`` says whether a re-rating dossier is under way for a certificate, so that the re-rating lists
can leave it out. The working-day calendar and the rounds are ``workdays`` and ``rounds``; nothing
here counts days of its own.

Steps, in order: ``registered`` (the commune received it), ``returned`` (sent back for completion,
waiting for the producer), ``resubmitted`` (handed back after a return), ``assessed`` (the commune
assessed the four local contents), ``forwarded`` (sent to the province), ``scored`` (the council
scored it), ``decided`` (recognised or not), ``withdrawn`` (the producer took it back).

Deadlines (ocop-rules.md §4):

- ``registered``, ``resubmitted``, ``assessed``: the commune assesses and forwards within
  ``COMMUNE_WORKING_DAYS`` (15) working days of receiving the dossier, counted from the day after
  ``registered``, or after the latest ``resubmitted`` once it was returned [C for the 15 days].
- ``returned``: none; the dossier waits for the producer.
- ``forwarded``: its round's ``held_by`` (30/6 or 30/12): the council must score it in that round.
- ``scored``: none [D]: the rules set no term for the recognition decision.
- ``decided``, ``withdrawn``: none; the dossier is closed.

Decisions where the law is silent:

- [D] A dossier handed back after a return is in the step ``resubmitted`` ("đã nộp lại"), not
  ``registered``: the commune's 15 working days count again from that day, and an officer can tell
  it from a dossier that was never returned. It is otherwise the same step as ``registered``.
- [D] ``assessed`` keeps the commune's deadline: the 15 working days cover assessing and forwarding.
- [D] A step dated after ``today`` has not happened yet on ``today``: the state is read from the steps
  dated on or before it, so a report for a past day shows the dossier as it stood then.
- [D] A dossier is in the ``round`` of the evaluation its ``scored`` step points to when that
  evaluation names a round code that ``rounds.round_by_code`` knows; otherwise in the round of its
  forwarding date (``rounds.round_for_forwarding``); before forwarding it is in no round.
- [D] ``days_in_step`` counts calendar days from the step's date to ``today`` (0 on the day itself),
  as ``ocop expiry`` counts days left; deadlines count working days, as the law does.
- [D] A dossier is late from the day after its deadline (``today > deadline``): the last day of a
  term is still in time.
- [D] At risk: an open dossier the commune has not forwarded yet, which is either returned and
  waiting for the producer, or whose commune deadline falls after the next round's last forwarding
  working day (``Round.last_forwarding_working_day``): it must move by that day or wait for the round
  after. A dossier whose deadline has passed but which can still be forwarded in time is late, not
  at risk.
- [D] The next round is ``rounds.next_round(today)``, unless its last forwarding working day is
  already behind ``today`` (on 30/4, a holiday, the last one was 29/4): then the round after it, the
  first one a dossier can still be forwarded for.
- [D] A re-rating dossier is under way for a certificate when a dossier of kind ``rerating`` was
  registered on or after the certificate's date (and on or before ``today``) and is not withdrawn on
  ``today``; a decided one counts too (its new certificate then supersedes the old one anyway).
- [D] The outcome of a decided dossier names the certificate of the record with the decision number
  it gives (the one of the same date if several share the number) and its stars.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .records import Certificate, Dossier, Product
from .rounds import Round, next_round, round_by_code, round_for_forwarding
from .workdays import working_day_deadline

# No OCOP dossier is older than the programme: Decision 490/QĐ-TTg of 07/05/2018 approved it. The
# validator refuses an earlier step date (SP266), so no deadline is asked of a calendar before it.
PROGRAMME_START = date(2018, 5, 7)
COMMUNE_WORKING_DAYS = 15  # ocop-rules.md §4: the commune assesses and forwards within 15 working days

REGISTERED, RETURNED, RESUBMITTED, ASSESSED = "registered", "returned", "resubmitted", "assessed"
FORWARDED, SCORED, DECIDED, WITHDRAWN = "forwarded", "scored", "decided", "withdrawn"
STEPS = (REGISTERED, RETURNED, RESUBMITTED, ASSESSED, FORWARDED, SCORED, DECIDED, WITHDRAWN)
# The steps in which the commune still holds the dossier: its 15 working days run (or wait, once returned).
AT_THE_COMMUNE = (REGISTERED, RETURNED, RESUBMITTED, ASSESSED)
CLOSED = (DECIDED, WITHDRAWN)

CERTIFIED, NOT_RECOGNISED, OPEN = "certified", "not_recognised", "open"
OUTCOMES = (CERTIFIED, NOT_RECOGNISED, WITHDRAWN, OPEN)

# Why a dossier is at risk of missing the next round.
WAITING_FOR_PRODUCER, DEADLINE_AFTER_ROUND = "waiting_for_producer", "deadline_after_round"


@dataclass(frozen=True)
class Outcome:
    kind: str  # one of OUTCOMES
    stars: int | None = None  # certified: the stars of the certificate
    decision: str | None = None  # certified: its decision number
    reason: str | None = None  # not recognised, or withdrawn: the reason written in the record


@dataclass(frozen=True)
class DossierState:
    dossier: Dossier
    step: str  # one of STEPS
    since: date  # the day the dossier entered that step
    days_in_step: int  # calendar days from ``since`` to ``today``
    deadline: date | None  # the last day of that step's term, if the rules set one
    late: bool  # today is past the deadline
    open: bool  # neither decided nor withdrawn
    round: Round | None  # the evaluation round it is in; None before forwarding
    outcome: Outcome
    today: date

    @property
    def round_code(self) -> str | None:
        return self.round.code if self.round else None


@dataclass(frozen=True)
class Risk:
    round: Round  # the round it will miss
    move_by: date  # the last working day the commune can forward it for that round
    why: str  # WAITING_FOR_PRODUCER or DEADLINE_AFTER_ROUND


def _on(day: date | None, today: date) -> bool:
    """The step has happened by ``today``."""
    return day is not None and day <= today


def _commune_start(dossier: Dossier, today: date) -> date:
    """The day the commune's 15 working days count from: the registration, or the latest resubmission."""
    resubmitted = [r.resubmitted for r in dossier.returned if _on(r.resubmitted, today)]
    return max([dossier.registered, *resubmitted])


def _step(dossier: Dossier, today: date) -> tuple[str, date]:
    """(step, since): the furthest step reached by ``today``. The validator checks that the steps come
    in order; here the furthest one wins."""
    if dossier.withdrawn and _on(dossier.withdrawn.date, today):
        return WITHDRAWN, dossier.withdrawn.date
    if dossier.decided and _on(dossier.decided.date, today):
        return DECIDED, dossier.decided.date
    if _on(dossier.scored, today):
        return SCORED, dossier.scored
    if dossier.forwarded and _on(dossier.forwarded.date, today):
        return FORWARDED, dossier.forwarded.date
    if dossier.assessed and _on(dossier.assessed.date, today):
        return ASSESSED, dossier.assessed.date
    returns = [r for r in dossier.returned if _on(r.date, today)]
    if returns:
        latest = max(returns, key=lambda r: r.date)
        if _on(latest.resubmitted, today):
            return RESUBMITTED, latest.resubmitted
        return RETURNED, latest.date
    return REGISTERED, dossier.registered


def scored_evaluation(dossier: Dossier, product: Product):
    """The evaluation of the record that ``scored`` points to (the same date), if any."""
    if dossier.scored is None:
        return None
    found = [e for e in product.evaluations if e.date == dossier.scored]
    return found[-1] if found else None


def dossier_round(dossier: Dossier, product: Product, today: date) -> Round | None:
    """The round the dossier is in: its evaluation's, when named and known; else by its forwarding date."""
    if _on(dossier.scored, today):
        evaluation = scored_evaluation(dossier, product)
        named = round_by_code(evaluation.round) if evaluation and evaluation.round else None
        if named is not None:
            return named
    if dossier.forwarded and _on(dossier.forwarded.date, today):
        return round_for_forwarding(dossier.forwarded.date)
    return None


def decided_certificate(dossier: Dossier, product: Product) -> Certificate | None:
    """The certificate of the record whose decision number the ``decided`` step gives."""
    if dossier.decided is None or not dossier.decided.certificate:
        return None
    found = [c for c in product.certificates if c.decision == dossier.decided.certificate]
    same_day = [c for c in found if c.date == dossier.decided.date]
    return (same_day or found or [None])[0]


def _outcome(dossier: Dossier, product: Product, step: str) -> Outcome:
    if step == WITHDRAWN:
        return Outcome(WITHDRAWN, reason=dossier.withdrawn.reason)
    if step != DECIDED:
        return Outcome(OPEN)
    if dossier.decided.certificate:
        certificate = decided_certificate(dossier, product)
        return Outcome(CERTIFIED, stars=certificate.stars if certificate else None,
                       decision=dossier.decided.certificate)
    return Outcome(NOT_RECOGNISED, reason=dossier.decided.not_recognised)


def _deadline(dossier: Dossier, step: str, round_: Round | None, today: date) -> date | None:
    if step in (REGISTERED, RESUBMITTED, ASSESSED):
        return working_day_deadline(_commune_start(dossier, today), COMMUNE_WORKING_DAYS)
    if step == FORWARDED and round_ is not None:
        return round_.held_by
    return None  # returned: the producer's turn; scored: no term for the decision [D]; closed


def dossier_state(dossier: Dossier, product: Product, today: date) -> DossierState:
    """Where ``dossier`` (one of ``product.dossiers``, registered on or before ``today``) stands on ``today``."""
    step, since = _step(dossier, today)
    round_ = dossier_round(dossier, product, today)
    deadline = _deadline(dossier, step, round_, today)
    return DossierState(
        dossier=dossier,
        step=step,
        since=since,
        days_in_step=(today - since).days,
        deadline=deadline,
        late=deadline is not None and today > deadline,
        open=step not in CLOSED,
        round=round_,
        outcome=_outcome(dossier, product, step),
        today=today,
    )


def at_risk(state: DossierState, today: date) -> Risk | None:
    """The next round this open, not yet forwarded dossier will miss unless it moves, and the last day
    it can move; None when it is not at risk (or already forwarded, or closed)."""
    if not state.open or state.step not in AT_THE_COMMUNE:
        return None
    coming = next_round(today)
    if coming.last_forwarding_working_day < today:
        # 30/4 is a holiday: from 30/4 itself no commune can still forward for round 1 ([D] below).
        coming = next_round(coming.forward_by + timedelta(days=1))
    move_by = coming.last_forwarding_working_day
    if state.step == RETURNED:
        return Risk(coming, move_by, WAITING_FOR_PRODUCER)
    if state.deadline is not None and state.deadline > move_by:
        return Risk(coming, move_by, DEADLINE_AFTER_ROUND)
    return None


def rerating_dossier_opened(product: Product, certificate: Certificate, today: date) -> bool:
    """A re-rating dossier was registered for ``certificate`` (on or after its date, by ``today``) and
    has not been withdrawn: the certificate no longer needs to be on a re-rating list."""
    if certificate is None or certificate.date is None:
        return False
    return any(d.kind == "rerating" and d.registered is not None and certificate.date <= d.registered <= today
               and not (d.withdrawn and _on(d.withdrawn.date, today))
               for d in product.dossiers)
