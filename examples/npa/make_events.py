#!/usr/bin/python3
"""Writes events.jsonl: two years in the life of the (fictional) Department for
Rural Affairs (DRA) and its agency, the Moorland and Lakes Agency (MLA), as seen
by accord's National Partnership Agreement rule set (rules/npa.yaml).

    examples/npa/make_events.py [OUTPUT]      (default: events.jsonl beside this script)

Standard library only, and deterministic: the same script writes the same bytes.
The story is told below, one function per thread; README.md in this folder says
which obligations are kept, which are breached and which are still open.

Times are the department's local times: dates alone for HR records, and RFC 3339
times with the UK offset (+00:00 in winter, +01:00 in summer) for meetings,
decisions and announcements; the finance system's records are in UTC ("Z"). Events are written in time order and numbered
e0001, e0002, ... in that order.
"""
import datetime as dt
import json
import pathlib
import sys

FIRST_DAY = dt.date(2023, 4, 1)   # the department is formed
LAST_DAY = dt.date(2025, 3, 31)   # the log is exported


def uk_offset(day):
    """The UK's offset from UTC on a day: one hour from the last Sunday of March
    to the last Sunday of October (the change itself happens at 01:00 UTC, which
    no event here is near)."""
    def last_sunday(month):
        last = dt.date(day.year, month, 31)
        return last - dt.timedelta(days=(last.weekday() + 1) % 7)
    return 1 if last_sunday(3) <= day < last_sunday(10) else 0


def date(text):
    return dt.date.fromisoformat(text)


def local_time(day, hour, minute=0):
    """An RFC 3339 time in UK local time, with its offset."""
    day = date(day) if isinstance(day, str) else day
    return "%sT%02d:%02d:00+%02d:00" % (day.isoformat(), hour, minute, uk_offset(day))


class Log:
    def __init__(self):
        self.events = []

    def add(self, time, type_, **fields):
        """time: a date (HR records) or an RFC 3339 string."""
        if isinstance(time, dt.date):
            time = time.isoformat()
        assert FIRST_DAY.isoformat() <= time[:10] <= LAST_DAY.isoformat(), time
        self.events.append({"time": time, "type": type_, **fields})

    def write(self, path):
        def instant(event):
            text = event["time"]
            if len(text) == 10:
                return dt.datetime.fromisoformat(text + "T00:00:00+00:00")
            return dt.datetime.fromisoformat(text)
        # A stable sort: events at the same instant keep the order they were told in.
        ordered = sorted(self.events, key=instant)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            for number, event in enumerate(ordered, start=1):
                record = {"id": "e%04d" % number, **event}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(ordered)


# --- Staff ---------------------------------------------------------------------

DRA_STAFF = [
    "a.baker", "b.okafor", "c.jones", "d.price", "e.walsh", "f.khan", "g.morgan",
    "h.davies", "i.novak", "j.reid", "k.shah", "l.murphy", "m.evans", "n.patel",
    "o.bennett", "p.evans", "q.lewis", "r.hughes", "s.clarke", "t.mensah",
    "u.ahmed", "v.kowalski", "w.thomas", "x.wright", "y.campbell", "z.roberts",
    "a.fraser", "b.hall", "c.owusu", "d.griffiths", "e.kaur", "f.oconnor", "g.white",
    "h.ali", "i.jenkins", "j.moore", "k.edwards", "l.green", "m.wood", "n.kelly",
    "o.mitchell", "p.nowak",
]
MLA_STAFF = [
    "e.doyle", "f.lloyd", "g.lloyd", "h.quinn", "i.byrne", "j.rees", "k.doyle", "l.powell",
    "m.harris", "n.bell", "o.parry", "p.cox",
]

# The regional offices restructuring (2024): who goes which way.
REGIONAL_VOLUNTARY_EXITS = ["u.ahmed", "v.kowalski", "w.thomas", "x.wright", "y.campbell"]
REGIONAL_REDEPLOYED = ["z.roberts", "a.fraser"]           # found posts in the MLA
REGIONAL_COMPULSORY_SEARCHED = ["b.hall", "c.owusu"]      # searched for, nothing found
REGIONAL_COMPULSORY_UNSEARCHED = "d.griffiths"            # never searched for: clause 16
# The laboratory closure at the MLA (2024).
LAB_COMPULSORY = "g.lloyd"                                # before voluntary exits: clause 10
LAB_VOLUNTARY_EXITS = ["h.quinn", "i.byrne"]

RESIGNATIONS = {"i.novak": date("2023-09-29"), "m.evans": date("2024-10-31")}
RETIREMENT = ("p.evans", date("2023-12-22"))              # leaves before training was due

JOINERS = [  # (employee, org, day)
    ("s.nwosu", "DRA", date("2023-09-04")),
    ("t.byrne", "DRA", date("2023-11-06")),
    ("u.santos", "MLA", date("2024-03-04")),
    ("v.ellis", "DRA", date("2024-09-02")),
    ("w.ito", "DRA", date("2024-11-04")),                 # no training yet: pending
]

TRAINING_CYCLE = dt.timedelta(days=330)  # the learning offer comes round every eleven months


def staff_stories(log):
    """Everyone's joining, training and leaving, except the redundancies, which
    regional_offices() and lab_closure() tell."""
    leaving = dict(RESIGNATIONS)
    leaving[RETIREMENT[0]] = RETIREMENT[1]
    staff = [(e, "DRA", FIRST_DAY) for e in DRA_STAFF] + [(e, "MLA", FIRST_DAY) for e in MLA_STAFF]

    # Everyone transfers in on the day the department is formed.
    for employee, org, joined in staff:
        log.add(joined, "employee.joined", org=org, employee=employee,
                contract={"grade": "EO" if len(employee) % 3 else "HEO", "hours": 37})
    for employee, org, joined in JOINERS:
        log.add(joined, "employee.joined", org=org, employee=employee,
                contract={"grade": "AO", "hours": 37})

    redundant_until = redundancy_leaving_days()
    for index, (employee, org, joined) in enumerate(staff + JOINERS):
        left = leaving.get(employee) or redundant_until.get(employee)
        # First offers are staggered over the ten months after joining.
        first = joined + dt.timedelta(days=37 + 9 * (index % 30))
        offers = []
        if employee == "r.hughes":
            # Missed in the first year's learning offer (clause 14, first breach).
            offers = [date("2024-05-13"), date("2025-03-10")]
        elif employee == "t.mensah":
            # Offered once, then not again for fourteen months (second breach).
            offers = [date("2023-06-19"), date("2024-08-19")]
        elif employee == "k.doyle":
            # Offered once and never again (third breach, a gap never closed).
            offers = [date("2023-09-11")]
        elif employee == RETIREMENT[0]:
            offers = []              # retired before the learning offer came round to him
        elif employee == "w.ito":
            offers = []              # joined in November 2024: not yet due
        else:
            day = first
            while day <= LAST_DAY and (left is None or day < left):
                offers.append(day)
                day += TRAINING_CYCLE
        for day in offers:
            log.add(day, "training.offered", org=org, employee=employee,
                    course="learning offer %d" % day.year)
        if employee in leaving:
            log.add(leaving[employee], "employee.left", org=org, employee=employee,
                    reason="retired" if employee == RETIREMENT[0] else "resigned")


def redundancy_leaving_days():
    days = {e: date("2024-05-31") for e in REGIONAL_VOLUNTARY_EXITS}
    days.update({e: date("2024-04-30") for e in REGIONAL_REDEPLOYED})
    days.update({e: date("2024-06-28") for e in REGIONAL_COMPULSORY_SEARCHED})
    days[REGIONAL_COMPULSORY_UNSEARCHED] = date("2024-06-28")
    days[LAB_COMPULSORY] = date("2024-07-15")
    days.update({e: date("2024-08-30") for e in LAB_VOLUNTARY_EXITS})
    return days


# --- The agreement ---------------------------------------------------------------

def the_agreement(log):
    log.add(local_time("2023-04-03", 11), "agreement.signed",
            parties=["cabinet_office", "PCS", "IPMS", "FDA", "CCSU"])
    # IPMS leaves the agreement properly: six months' notice and more.
    log.add(local_time("2023-05-02", 9), "agreement.notice_given", party="IPMS")
    log.add("2023-11-30", "agreement.withdrawn", party="IPMS")
    # The unions give notice to end the agreement so that it can be renegotiated.
    log.add(local_time("2024-06-27", 14), "agreement.notice_given", party="unions")
    # FDA walks out without notice of its own: the unions' notice is not FDA's (clause 22).
    log.add("2024-12-02", "agreement.withdrawn", party="FDA")
    log.add("2025-01-31", "agreement.ended")
    log.add(local_time("2025-02-03", 11), "agreement.signed",
            parties=["cabinet_office", "PCS", "CCSU"], renewal=True)


def meetings(log):
    # National meetings of the unions, officials and Ministers: quarterly, until
    # the summer of 2024, when the July meeting slipped to the 25th (clause 17).
    national = ["2023-04-20", "2023-07-13", "2023-10-12", "2024-01-11", "2024-04-11",
                "2024-07-25", "2024-10-10", "2025-01-09",
                # under the renewed agreement
                "2025-03-13"]
    for day in national:
        log.add(local_time(day, 10, 30), "meeting.held", level="national", org="DRA",
                attendees={"unions": 6, "officials": 4, "ministers": 1})
    # The departmental partnership committee meets monthly; clause 17 does not count it.
    day = date("2023-04-18")
    while day <= LAST_DAY:
        log.add(local_time(day, 14), "meeting.held", level="departmental", org="DRA")
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=18)
    # Joint reviews of the agreement: one in October 2023, then none until the
    # agreement ended (clause 22), and one under the renewed agreement.
    for day in ["2023-10-19", "2025-03-20"]:
        log.add(local_time(day, 10), "joint_review.held", org="DRA")


# --- Change programmes -----------------------------------------------------------

def estate_review(log):
    """The model programme: every step on time. The unions' input was not
    accepted, and the explanation came on the last day it could."""
    m = {"org": "DRA", "subject": "estate-review"}
    log.add(local_time("2023-05-10", 9), "change.proposed", **m,
            summary="Close two of the five regional estates")
    log.add("2023-05-17", "consultation.opened", **m)
    log.add("2023-05-24", "information.provided", **m,
            documents=[{"title": "Estate options appraisal", "pages": 48}])
    log.add(local_time("2023-06-12", 10), "information.disclosed", org="DRA",
            confidential=True, external=False, audience="union representatives")
    log.add(local_time("2023-07-03", 15), "decision.made", **m, union_input_accepted=False)
    log.add(local_time("2023-07-04", 9), "communication.issued", org="DRA", corporate=True,
            joint=True, subject="estate-review")
    # 14 days after 14:00 UTC on 3 July is 14:00 UTC on 17 July: this is in time.
    log.add(local_time("2023-07-17", 10), "explanation.provided", **m)
    log.add("2023-10-02", "change.implemented", **m)


def digital_casework(log):
    """Discussions opened three weeks after the proposal (clause 9); the
    unions' input was accepted, so no explanation was owed."""
    m = {"org": "DRA", "subject": "digital-casework"}
    log.add(local_time("2023-09-04", 9), "change.proposed", **m)
    log.add("2023-09-25", "consultation.opened", **m)
    log.add("2023-10-02", "information.provided", **m)
    log.add(local_time("2023-11-20", 16), "decision.made", **m, union_input_accepted=True)
    log.add(local_time("2023-11-21", 9), "communication.issued", org="DRA", corporate=True,
            joint=True, subject="digital-casework")
    log.add("2024-04-02", "change.implemented", **m)


def regional_offices(log):
    """The restructuring behind the redundancy round. The decision came three
    weeks into consultation (clause 18), rejected the unions' input and was never
    explained (clause 18); it was announced by management alone (clause 20).
    One compulsory dismissal had no redeployment search (clause 16)."""
    m = {"org": "DRA", "subject": "regional-offices"}
    log.add(local_time("2024-01-08", 9), "change.proposed", **m)
    log.add("2024-01-15", "consultation.opened", **m)
    log.add("2024-01-22", "information.provided", **m)
    log.add(local_time("2024-01-22", 15), "information.disclosed", org="DRA",
            confidential=True, external=False, audience="union representatives")
    log.add(local_time("2024-02-05", 16, 30), "decision.made", **m, union_input_accepted=False)
    log.add(local_time("2024-02-06", 9), "communication.issued", org="DRA", corporate=True,
            joint=False, subject="regional-offices")
    log.add("2024-02-19", "voluntary_exit.offered", **m, terms={"months_pay": 12, "cap": 21})
    for employee in REGIONAL_REDEPLOYED + REGIONAL_COMPULSORY_SEARCHED:
        log.add("2024-03-04", "redeployment.search", org="DRA", employee=employee)
    for employee in REGIONAL_REDEPLOYED:
        log.add("2024-04-30", "employee.left", org="DRA", employee=employee, reason="redeployed")
        log.add("2024-05-01", "employee.joined", org="MLA", employee=employee,
                contract={"grade": "EO", "hours": 37})
        log.add("2024-06-10", "training.offered", org="MLA", employee=employee,
                course="MLA induction")
    # The at-risk list went to an outside consultancy (clause 21).
    log.add(local_time("2024-05-14", 11), "information.disclosed", org="DRA",
            confidential=True, external=True, audience="Hartwell Consulting Ltd")
    for employee in REGIONAL_VOLUNTARY_EXITS:
        log.add("2024-05-31", "redundancy.dismissal", **m, employee=employee, compulsory=False)
        log.add("2024-05-31", "employee.left", org="DRA", employee=employee, reason="redundancy")
    log.add("2024-06-03", "change.implemented", **m)
    for employee in REGIONAL_COMPULSORY_SEARCHED + [REGIONAL_COMPULSORY_UNSEARCHED]:
        log.add("2024-06-28", "redundancy.dismissal", **m, employee=employee, compulsory=True)
        log.add("2024-06-28", "employee.left", org="DRA", employee=employee, reason="redundancy")


def lab_closure(log):
    """The MLA closes its water-quality laboratory. The decision came before any
    information was provided, its explanation came a week late (clause 18), and
    one member of staff was dismissed compulsorily before voluntary exits were
    offered (clause 10)."""
    m = {"org": "MLA", "subject": "lab-closure"}
    log.add(local_time("2024-04-15", 9), "change.proposed", **m)
    log.add("2024-04-22", "consultation.opened", **m)
    log.add(local_time("2024-06-10", 12), "decision.made", **m, union_input_accepted=False)
    log.add(local_time("2024-06-11", 9), "communication.issued", org="MLA", corporate=True,
            joint=True, subject="lab-closure")
    log.add("2024-06-17", "redeployment.search", org="MLA", employee=LAB_COMPULSORY)
    log.add("2024-06-20", "information.provided", **m)
    log.add(local_time("2024-07-01", 10), "explanation.provided", **m)
    log.add("2024-07-15", "redundancy.dismissal", **m, employee=LAB_COMPULSORY, compulsory=True)
    log.add("2024-07-15", "employee.left", org="MLA", employee=LAB_COMPULSORY, reason="redundancy")
    log.add("2024-07-22", "voluntary_exit.offered", **m, terms={"months_pay": 9, "cap": 21})
    for employee in LAB_VOLUNTARY_EXITS:
        log.add("2024-08-30", "redundancy.dismissal", **m, employee=employee, compulsory=False)
        log.add("2024-08-30", "employee.left", org="MLA", employee=employee, reason="redundancy")
    log.add("2024-09-02", "change.implemented", **m)


def helpdesk_outsourcing(log):
    """Proposed and implemented without the unions ever being consulted
    (clauses 9 and 6); the staff notice was corporate but not joint (clause 20)."""
    m = {"org": "DRA", "subject": "helpdesk-outsourcing"}
    log.add(local_time("2024-10-07", 9), "change.proposed", **m)
    log.add(local_time("2024-11-04", 8), "communication.issued", org="DRA", corporate=True,
            subject="helpdesk-outsourcing")
    log.add("2024-11-04", "change.implemented", **m)


def flexible_hours(log):
    """Asked for by the unions, so discussions opened before the formal
    proposal. The decision of 24 March 2025 rejected part of their input; the
    explanation is not yet due when the log ends."""
    m = {"org": "DRA", "subject": "flexible-hours"}
    log.add("2025-01-20", "consultation.opened", **m)
    log.add(local_time("2025-02-10", 9), "change.proposed", **m)
    log.add("2025-02-20", "information.provided", **m)
    log.add(local_time("2025-03-24", 15), "decision.made", **m, union_input_accepted=False)
    log.add(local_time("2025-03-25", 9), "communication.issued", org="DRA", corporate=True,
            joint=True, subject="flexible-hours")


def car_parking(log):
    """Proposed a week before the log ends: discussions are not yet due."""
    log.add(local_time("2025-03-25", 14), "change.proposed", org="DRA", subject="car-parking")


# --- Pay, communications, disclosures and the rest --------------------------------

def pay(log):
    for year in (2023, 2024):
        log.add(local_time("%d-07-20" % year, 17), "negotiation.concluded", org="DRA", topic="pay",
                settlement={"percent": 4.5 if year == 2023 else 5.0, "backdated_to": "%d-04-01" % year})
        log.add("%d-08-01" % year, "pay.changed", org="DRA")
    log.add(local_time("2023-08-01", 9), "communication.issued", org="DRA", corporate=True,
            joint=True, subject="pay-2023")
    # The MLA agreed new conditions (flexible working) in May 2023, and paid a
    # retention supplement in June before any pay negotiation (clause 4):
    # a conditions negotiation does not count for pay.
    log.add(local_time("2023-05-25", 16), "negotiation.concluded", org="MLA", topic="conditions")
    log.add("2023-06-01", "pay.changed", org="MLA", component="retention supplement")
    log.add(local_time("2023-08-10", 16), "negotiation.concluded", org="MLA", topic="pay")
    log.add("2023-09-01", "pay.changed", org="MLA")
    log.add(local_time("2024-08-22", 16), "negotiation.concluded", org="MLA", topic="pay")
    log.add("2024-09-01", "pay.changed", org="MLA")


def newsletters(log):
    day = date("2023-04-05")
    while day <= LAST_DAY:
        log.add(local_time(day, 8), "communication.issued", org="DRA", corporate=False,
                channel="intranet", title="Rural Affairs Monthly")
        day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=5)
    log.add(local_time("2025-02-03", 12), "communication.issued", org="DRA", corporate=True,
            joint=True, subject="renewed-agreement")


def disclosures(log):
    log.add(local_time("2023-10-05", 10), "information.disclosed", org="DRA",
            confidential=False, external=True, audience="Parliament (annual report)")
    log.add(local_time("2024-10-03", 10), "information.disclosed", org="DRA",
            confidential=False, external=True, audience="Parliament (annual report)")


def unread_events(log):
    """Events no NPA rule reads: accord counts them and passes over them."""
    log.add(local_time("2023-04-01", 9), "department.formed", org="DRA",
            predecessors=[{"name": "Rural Development Office", "staff": 21},
                          {"name": "Upland Grants Unit", "staff": 9}],
            agency={"org": "MLA", "name": "Moorland and Lakes Agency"})
    for year in (2023, 2024):
        # The finance system stamps its records in UTC, to the millisecond.
        log.add("%d-04-03T07:45:12.250Z" % year, "budget.allocated", org="DRA",
                amount={"value": 41_200_000 if year == 2023 else 39_800_000, "currency": "GBP"},
                lines={"staff": 0.62, "estate": 0.21, "grants": 0.17})
    for quarter_end in ["2023-06-30", "2023-09-29", "2023-12-29", "2024-03-28", "2024-06-28",
                        "2024-09-30", "2024-12-31", "2025-03-31"]:
        log.add(quarter_end, "facility_time.reported", org="DRA",
                hours={"PCS": 212, "FDA": 40, "IPMS": 0}, representatives=7)
    log.add(local_time("2023-11-14", 12), "staff_survey.published", org="DRA",
            results={"engagement": 58, "response_rate": 0.71,
                     "themes": {"change": 41, "pay": 33, "leadership": 52}},
            comment="Llandrindod Wells office — “we were listened to on the estate”")
    log.add(local_time("2024-11-12", 12), "staff_survey.published", org="DRA",
            results={"engagement": 49, "response_rate": 0.64,
                     "themes": {"change": 29, "pay": 38, "leadership": 44}},
            comment=None)


def main(argv):
    output = pathlib.Path(argv[1]) if len(argv) > 1 else pathlib.Path(__file__).with_name("events.jsonl")
    log = Log()
    for chapter in (unread_events, the_agreement, staff_stories, meetings, estate_review,
                    digital_casework, regional_offices, lab_closure, helpdesk_outsourcing,
                    flexible_hours, car_parking, pay, newsletters, disclosures):
        chapter(log)
    count = log.write(output)
    print("%s: %d events" % (output, count), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
