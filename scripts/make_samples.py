#!/usr/bin/env python3
"""Generate Syncline's bundled quickstart sample (fictional data) under samples/.

Writes, relative to the output directory (default: <repo>/samples):

  accounts.csv                 account_id,account_name,domain   (one row per domain)
  contacts.csv                 contact_id,email,account_id,display_name,title
  gong/users.json              one page of Gong GET /v2/users
  gong/calls/page_NNNNNN.json  POST /v2/calls/extensive response pages (100 calls each, cursor chained)
  manifest.json                anchor, seed, totals and the exact counts of every edge case

Every company, person, phone number and address is invented: companies live on `.example` domains, the
company whose calls these are is Northwind (`northwind.example`). Calls start during the 10 days before
ANCHOR (a fixed instant); the demo shifts every date by (now - ANCHOR), so the output never depends on
the current time. A single seeded `random.Random` drives everything, so re-running the script produces
byte-identical files.

Usage:  python3 scripts/make_samples.py [--out DIR]
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------------------------- constants

SEED = 20261120
ANCHOR = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
ANCHOR_TEXT = "2026-11-20T00:00:00Z"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
GENERATOR = "scripts/make_samples.py"

SPAN_DAYS = 10            # calls start during the 10 days before ANCHOR ...
RECENT_DAYS = 7           # ... 30% of them before the default 7-day backfill window
CALLS_OLDER = 90          # started in [ANCHOR - 10d, ANCHOR - 7d)
CALLS_RECENT = 210        # started in [ANCHOR - 7d, ANCHOR)
FIRST_SLOT_HOUR_UTC = 13  # scheduled slots between 13:00 and 22:45 UTC: far from the 7-day boundary
LAST_SLOT_HOUR_UTC = 22
PAGE_SIZE = 100

COMPANY_DOMAIN = "northwind.example"
TENANT_APP_HOST = "us-40213.app.gong.io"
WORKSPACE_ID = "4810007331955602218"
FREE_MAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com"]
INT64_MAX = 2**63 - 1
CONSENT_TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

# Resolution classes: mutually exclusive, they add up to the number of calls.
CLASS_COUNTS = {
    "account_domain": 237,            # an external party's e-mail domain belongs to an account
    "known_free_mail_contact": 15,    # only a known contact with a free-mail address identifies the account
    "internal_only": 24,              # every party is Internal at northwind.example
    "unresolvable_external": 24,      # externals only on unknown domains / free-mail of unknown people
}
# Variants inside "account_domain" (the rest are "plain": one account, its primary domain).
ACCOUNT_VARIANTS = {
    "second_domain_only": 6,          # the account's parties all use its second domain
    "two_accounts_majority": 4,       # 2 parties of account A, 1 of account B
    "two_accounts_tie": 3,            # 1 party of account A, 1 of account B
    "plus_ignored_free_mail": 8,      # account parties + an unknown person on a free-mail address
    "plus_unknown_domain": 6,         # account parties + a person from a domain that is no account
}
# Overlays, chosen among "account_domain" calls unless said otherwise.
UNKNOWN_HOST_CALLS = 9        # primaryUserId not in users.json
DIAL_IN_CALLS = 9             # one extra phone-only party without emailAddress
INACTIVE_HOST_CALLS = 6       # hosted by the inactive user (older calls only)
EMPTY_CONTENT_CALLS = 4       # content: {}
NO_BRIEF_CALLS = 26           # content without brief (plus the empty ones)
NO_KEY_POINTS_CALLS = 26      # content without keyPoints (plus the empty ones), disjoint from NO_BRIEF
Z_STARTED_CALLS = 30          # started written with "Z" instead of the host's numeric offset
FRACTIONAL_CALLS = 5          # started written with milliseconds (4 with "Z", 1 with an offset)
# Pairs of calls with the same `started` instant written differently; the first pair straddles the
# page 1 / page 2 boundary. Each entry: the offsets (minutes, or "Z") used for the two calls.
SAME_INSTANT_FORMATS = [("Z", -300), ("Z", -480), (-480, 60)]

USERS = [  # first, last, title, UTC offset (minutes, November), manager index, active
    ("Marisol", "Okafor", "VP of Sales", -300, None, True),
    ("Dana", "Ruiz", "Account Executive", -480, 0, True),
    ("Tobias", "Lindqvist", "Senior Account Executive", 60, 0, True),
    ("Priya", "Raman", "Solutions Engineer", 330, 4, True),
    ("Henrik", "Aalto", "Sales Engineering Manager", 60, 0, True),
    ("Aisha", "Odunsi", "Account Executive", 0, 0, True),
    ("Jonah", "Whitfield", "Sales Development Representative", -300, 7, True),
    ("Camille", "Perrot", "Sales Development Manager", 60, 0, True),
    ("Rafael", "Quintero", "Customer Success Manager", -360, 9, True),
    ("Mei", "Tanaka-Hart", "Director of Customer Success", -420, 0, True),
    ("Oskar", "Brandt", "Account Executive", 60, 0, False),
    ("Leah", "Castellano", "Senior Account Executive", -300, 0, True),
]
# Hosts that Gong reports as primaryUserId but that GET /v2/users does not list.
GHOST_HOSTS = [("Nico", "Albescu", "Account Executive", -300), ("Ruth", "Ferreira-Lang", "Account Executive", -480)]

ACCOUNTS = [  # name, primary domain slug, second domain slug
    ("Acme Robotics", "acme-robotics", "acme-robotics-eu"),
    ("Bluefjord Analytics", "bluefjord-analytics", None),
    ("Copperleaf Logistics", "copperleaf-logistics", "copperleaf"),
    ("Driftwood Health", "driftwood-health", None),
    ("Emberline Energy", "emberline-energy", None),
    ("Fernhollow Foods", "fernhollow-foods", None),
    ("Granitepeak Capital", "granitepeak-capital", None),
    ("Harborlight Media", "harborlight-media", "harborlight-studios"),
    ("Ironbark Manufacturing", "ironbark-manufacturing", None),
    ("Junipervale Outfitters", "junipervale-outfitters", None),
    ("Kestrelwind Aerospace", "kestrelwind-aerospace", None),
    ("Lumenorchard Labs", "lumenorchard-labs", None),
    ("Marrowstone Insurance", "marrowstone-insurance", None),
    ("Nimbusquarry Data", "nimbusquarry-data", None),
    ("Oakhaven Retail", "oakhaven-retail", None),
    ("Pinemoor Biotech", "pinemoor-biotech", None),
    ("Quillmark Legal", "quillmark-legal", None),
    ("Redfen Mobility", "redfen-mobility", None),
    ("Saltmarsh Shipping", "saltmarsh-shipping", None),
    ("Thistledown Hotels", "thistledown-hotels", None),
    ("Umberfield Telecom", "umberfield-telecom", None),
    ("Vantorra Semiconductors", "vantorra-semiconductors", None),
    ("Wrenbrook Learning", "wrenbrook-learning", None),
    ("Xylomar Freight", "xylomar-freight", None),
    ("Yarrowfield Farms", "yarrowfield-farms", None),
    ("Zephyrine Cloud", "zephyrine-cloud", "zephyrine"),
    ("Brasswing Security", "brasswing-security", None),
    ("Cobaltreach Software", "cobaltreach-software", None),
    ("Duncliff Paper", "duncliff-paper", None),
    ("Evergale Pharma", "evergale-pharma", None),
]
CONTACTS_PER_ACCOUNT = 2
FREE_MAIL_CONTACTS = 6
OTHER_PEOPLE_PER_ACCOUNT = 3   # people on an account's domain who are not known contacts
UNKNOWN_DOMAINS = ["brightpath-consulting", "quarrylane-partners", "solstice-ventures",
                   "meridian-talent", "oldmill-recruiting", "tallgrass-advisors"]
UNKNOWN_FREE_MAIL_PEOPLE = 12

FIRST_NAMES = """Ada Bram Cleo Dario Elin Farid Greta Hugo Inés Jasper Kaia Lorenzo Maren Nadim Odile Pavel
Quinn Rosa Søren Talia Ulrich Vera Wendell Xenia Yusuf Zora Anouk Bastien Ciara Dmitri Esme Florin Galia
Hamish Ilse Joaquin Katya Lionel Mireille Nils Orla Pilar Rune Saskia Tomasz Ursula Viggo Wilhelmina""".split()
LAST_NAMES = """Abernathy Balogun Carrasco Dahlberg Eskildsen Fairbairn Gallardo Halvorsen Ibarra Jankowski
Kowalczyk Larkspur Marchetti Nakashima Oyelaran Pemberton Quaresma Rasmussen Szabo Thornbury Uchenna
Valcourt Wexley Yilmazer Zwanenburg Achterberg Bellweather Corrigan Delacroix Engstrom Faulkner Grijalva
Hollister Iwasaki Jessop Kilbride Lindahl Moravec Norgaard Ostrowski Penhaligon Ravensdale Stroud""".split()
EXTERNAL_TITLES = ["CTO", "VP Engineering", "Director of IT", "Head of Data", "Procurement Manager", "CFO",
                   "Operations Manager", "Engineering Manager", "Data Analyst", "Security Lead",
                   "Head of Revenue Operations", "Product Owner", "IT Administrator", "COO"]

SYSTEMS = ["Zoom", "Zoom", "Zoom", "Google Meet", "Microsoft Teams", "Microsoft Teams", "WebEx"]
ACCOUNT_SUBJECTS = ["Discovery", "Product demo", "Pricing follow-up", "Security review", "Renewal check-in",
                    "Implementation sync", "Technical deep dive", "Executive sponsor call", "Onboarding kickoff"]
INTERNAL_SUBJECTS = ["Weekly pipeline review", "Deal desk", "Forecast call", "SE sync", "Territory planning",
                     "Enablement: new pricing", "1:1"]
PURPOSES = ["Discovery", "Demo", "Pricing negotiation", "Renewal", "Technical evaluation", "Onboarding",
            "Quarterly business review"]
TOPICS = ["Pricing", "Security", "Integrations", "Onboarding", "Renewal", "Roadmap", "Implementation",
          "Reporting", "Data Migration", "Procurement", "Next Steps", "Use Cases", "Competition", "Budget",
          "Timeline", "Small Talk"]
INTERNAL_TOPICS = ["Pipeline", "Forecast", "Deal Strategy", "Hiring", "Enablement", "Territory Planning"]
SECTIONS = ["Introductions", "Current Process", "Product Walkthrough", "Pricing Discussion",
            "Technical Questions", "Security Review", "Timeline and Next Steps", "Recap"]
KEY_POINT_TEMPLATES = [
    "{who} wants volume pricing before the renewal decision.",
    "{who} is comparing two vendors and expects a shortlist by the end of the quarter.",
    "The security questionnaire must be completed before legal review starts.",
    "{who} needs the CRM integration live before the sales kickoff.",
    "Budget is approved; procurement requires three references.",
    "Data migration from the legacy system is the main risk.",
    "The pilot team reported faster reporting cycles.",
    "SSO and audit logs are mandatory for the rollout.",
    "{who} asked for a phased rollout starting with one region.",
    "An executive sponsor will join the next meeting.",
]
BRIEF_TEMPLATES = [
    "{who} met {host} to discuss {t1} and {t2}. They agreed to continue with a follow-up next week.",
    "{host} walked {who} through {t1}; most questions were about {t2}. Next step: a technical review.",
    "{who} reviewed {t1} with {host}. Concerns about {t2} remain open and will be answered by e-mail.",
    "Follow-up on {t1}: {who} confirmed interest and asked {host} for details on {t2}.",
]
INTERNAL_BRIEF = "The team reviewed {t1} and {t2}; owners were assigned for the open deals."
INTERNAL_KEY_POINTS = [
    "Three deals slipped to next quarter; owners will update close dates.",
    "Forecast call moves to Thursdays.",
    "Security reviews need a solutions engineer assigned early.",
    "New discount approval thresholds apply from Monday.",
    "Two open roles in the EMEA team.",
]
INTERNAL_SECTIONS = ["Pipeline Review", "Deal Strategy", "Forecast", "Hiring Update", "Actions"]
ACTION_ITEMS = [
    "I'll send over the revised quote tomorrow.",
    "Let me share the security documentation after the call.",
    "We'll set up the sandbox for your team this week.",
    "I'll book a follow-up with our solutions engineer.",
    "I'll check with legal on the data processing terms.",
    "Can you send us the list of integrations you need?",
    "I'll forward the recording and the slides to everyone.",
]


# ------------------------------------------------------------------------------------------ the world


@dataclass
class Person:
    name: str
    email: str | None
    title: str | None
    user_id: str | None = None        # Gong user id for internal people
    offset: int = 0                   # home UTC offset in minutes (internal people)


@dataclass
class Account:
    account_id: str
    name: str
    domains: list[str]
    contacts: list[Person] = field(default_factory=list)        # known contacts on its domains
    others: dict[str, list[Person]] = field(default_factory=dict)  # domain -> people not in contacts


@dataclass
class World:
    users: list[dict]
    staff: list[Person]               # the users, as call parties (same order as users)
    ghosts: list[Person]
    accounts: list[Account]
    free_mail_contacts: list[tuple[Person, Account]]
    unknown_domain_people: list[Person]
    unknown_free_mail_people: list[Person]
    contact_rows: list[list[str]]


def digits(rng: random.Random, n: int) -> str:
    """A random n-digit string without a leading zero (Gong ids are digit strings)."""
    return str(rng.randrange(10 ** (n - 1), 10**n))


def token(rng: random.Random, n: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def local_part(name: str) -> str:
    """'Søren Dahlberg' -> 'soren.dahlberg' (ASCII e-mail local part)."""
    table = str.maketrans("åäáàâãæçéèêëíìîïñóòôöøõúùûüýÿ", "aaaaaaaceeeeiiiinoooooouuuuyy")
    return name.lower().translate(table).replace(" ", ".").replace("'", "")


def name_source(rng: random.Random):
    """Yields unique fictional 'First Last' names, in a seeded order."""
    pairs = [(f, l) for f in FIRST_NAMES for l in LAST_NAMES]
    rng.shuffle(pairs)
    for f, l in pairs:
        yield f"{f} {l}"


def build_users(rng: random.Random) -> tuple[list[dict], list[Person]]:
    ids = [digits(rng, 19) for _ in USERS]
    users, staff = [], []
    for i, (first, last, title, offset, manager, active) in enumerate(USERS):
        email = f"{local_part(first)}.{local_part(last)}@{COMPANY_DOMAIN}"
        created = dt.datetime(2023, 1, 9, 17, 0, tzinfo=dt.timezone.utc) + dt.timedelta(days=rng.randrange(0, 900))
        users.append({
            "id": ids[i],
            "emailAddress": email,
            "created": format_instant(int(created.timestamp() * 1000), offset if offset else "Z"),
            "active": active,
            "emailAliases": [f"{local_part(first)}@{COMPANY_DOMAIN}"] if i % 3 == 0 else [],
            "trustedEmailAddress": email,
            "firstName": first,
            "lastName": last,
            "title": title,
            "phoneNumber": f"+1 415-555-01{i + 10:02d}",
            "extension": str(200 + i) if i % 4 == 0 else None,
            "personalMeetingUrls": [f"https://northwind.zoom.us/j/9{digits(rng, 9)}"],
            "settings": {
                "webConferencesRecorded": active,
                "preventWebConferenceRecording": False,
                "telephonyCallsImported": i % 5 == 0,
                "emailsImported": True,
                "preventEmailImport": False,
                "nonRecordedMeetingsImported": i % 2 == 0,
                "gongConnectEnabled": active,
            },
            "managerId": ids[manager] if manager is not None else None,
            "meetingConsentPageUrl": f"https://join.gong.io/northwind/{local_part(first)}.{local_part(last)}"
                                     f"?tkn={token(rng, 22, CONSENT_TOKEN_ALPHABET)}",
            "spokenLanguages": [{"language": "en-US", "primary": True}]
                               + ([{"language": "de-DE", "primary": False}] if offset == 60 else []),
        })
        staff.append(Person(f"{first} {last}", email, title, ids[i], offset))
    return users, staff


def build_ghosts(rng: random.Random) -> list[Person]:
    return [Person(f"{f} {l}", f"{local_part(f)}.{local_part(l)}@{COMPANY_DOMAIN}", t, digits(rng, 19), o)
            for f, l, t, o in GHOST_HOSTS]


def free_mail_address(rng: random.Random, name: str) -> str:
    first, last = local_part(name).split(".", 1)
    style = rng.randrange(3)
    local = (f"{first}.{last}{rng.randrange(1970, 2000)}" if style == 0
             else f"{first[0]}{last}{rng.randrange(10, 99)}" if style == 1
             else f"{first}_{last}")
    return f"{local}@{rng.choice(FREE_MAIL_DOMAINS)}"


def build_accounts(rng: random.Random, names) -> tuple[list[Account], list[tuple[Person, Account]], list[list[str]]]:
    accounts, rows, serial = [], [], 0
    for i, (name, slug, second) in enumerate(ACCOUNTS, start=1):
        domains = [f"{slug}.example"] + ([f"{second}.example"] if second else [])
        accounts.append(Account(f"001A{i:013d}", name, domains))
    for acct in accounts:
        for k in range(CONTACTS_PER_ACCOUNT):
            domain = acct.domains[k % len(acct.domains)]   # two-domain accounts: one contact on each
            person = next(names)
            acct.contacts.append(Person(person, f"{local_part(person)}@{domain}", rng.choice(EXTERNAL_TITLES)))
        for domain in acct.domains:
            count = OTHER_PEOPLE_PER_ACCOUNT if domain == acct.domains[0] else 2
            acct.others[domain] = [Person(p, f"{local_part(p)}@{domain}", rng.choice(EXTERNAL_TITLES + [None]))
                                   for p in (next(names) for _ in range(count))]
    free_mail = []
    for acct in rng.sample(accounts, FREE_MAIL_CONTACTS):
        person = next(names)
        free_mail.append((Person(person, free_mail_address(rng, person), rng.choice(EXTERNAL_TITLES)), acct))
    for acct in accounts:
        for person in acct.contacts:
            serial += 1
            rows.append([f"003A{serial:013d}", person.email, acct.account_id, person.name, person.title])
    for person, acct in sorted(free_mail, key=lambda pa: pa[1].account_id):
        serial += 1
        rows.append([f"003A{serial:013d}", person.email, acct.account_id, person.name, person.title])
    return accounts, free_mail, rows


def build_world(rng: random.Random) -> World:
    users, staff = build_users(rng)
    ghosts = build_ghosts(rng)
    names = name_source(rng)
    accounts, free_mail_contacts, contact_rows = build_accounts(rng, names)
    unknown_domain_people = [Person(p, f"{local_part(p)}@{d}.example", rng.choice(EXTERNAL_TITLES + [None]))
                             for d in UNKNOWN_DOMAINS for p in (next(names), next(names))]
    unknown_free = [Person(p, free_mail_address(rng, p), None)
                    for p in (next(names) for _ in range(UNKNOWN_FREE_MAIL_PEOPLE))]
    return World(users, staff, ghosts, accounts, free_mail_contacts, unknown_domain_people, unknown_free,
                 contact_rows)


# ------------------------------------------------------------------------------------------- time


def format_instant(ms: int, offset: int | str, fractional: bool = False) -> str:
    """ISO-8601 text of an instant (ms since epoch) with 'Z' or a numeric offset in minutes."""
    minutes = 0 if offset == "Z" else offset
    local = EPOCH + dt.timedelta(milliseconds=ms, minutes=minutes)
    text = local.strftime("%Y-%m-%dT%H:%M:%S")
    if fractional:
        text += f".{ms % 1000:03d}"
    if offset == "Z":
        return text + "Z"
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def draw_instants(rng: random.Random, first_day: dt.datetime, days: int, count: int, taken: set) -> list[int]:
    """`count` distinct whole-second instants (ms), each a 15-minute slot plus a small jitter."""
    out = []
    while len(out) < count:
        day = first_day + dt.timedelta(days=rng.randrange(days))
        slot = day + dt.timedelta(hours=rng.randint(FIRST_SLOT_HOUR_UTC, LAST_SLOT_HOUR_UTC),
                                  minutes=15 * rng.randrange(4))
        ms = int(slot.timestamp()) * 1000 + 1000 * rng.choice([-60, 0, 15, 41, 95, 130, 161, 240])
        if ms not in taken:
            taken.add(ms)
            out.append(ms)
    return out


def started_instants(rng: random.Random) -> list[int]:
    start = ANCHOR - dt.timedelta(days=SPAN_DAYS)
    boundary = ANCHOR - dt.timedelta(days=RECENT_DAYS)
    taken: set = set()
    older = draw_instants(rng, start, SPAN_DAYS - RECENT_DAYS, CALLS_OLDER, taken)
    recent = draw_instants(rng, boundary, RECENT_DAYS, CALLS_RECENT, taken)
    return sorted(older) + sorted(recent)


# ------------------------------------------------------------------------------------------- the plan


@dataclass
class CallPlan:
    klass: str
    variant: str = "plain"
    started_ms: int = 0
    started_format: object = None     # "Z", an offset in minutes, or None for the host's offset
    fractional: bool = False
    host: Person | None = None
    unknown_host: bool = False
    dial_in: bool = False
    content_mode: str = "full"        # full, no_brief, no_key_points, empty


def plan_calls(rng: random.Random, world: World) -> list[CallPlan]:
    total = CALLS_OLDER + CALLS_RECENT
    assert sum(CLASS_COUNTS.values()) == total
    classes = [k for k, n in CLASS_COUNTS.items() for _ in range(n)]
    rng.shuffle(classes)
    plans = [CallPlan(k) for k in classes]
    for p, ms in zip(plans, started_instants(rng)):
        p.started_ms = ms
    account_idx = [i for i, p in enumerate(plans) if p.klass == "account_domain"]

    pool = list(account_idx)
    rng.shuffle(pool)
    for variant, n in ACCOUNT_VARIANTS.items():
        for i in (pool.pop() for _ in range(n)):
            plans[i].variant = variant

    plain = [i for i in account_idx if plans[i].variant == "plain"]
    for i in rng.sample(plain, UNKNOWN_HOST_CALLS):
        plans[i].unknown_host = True
    for i in rng.sample(plain, DIAL_IN_CALLS):
        plans[i].dial_in = True
    assign_hosts(rng, world, plans)
    assign_content_modes(rng, plans, account_idx)
    assign_started_formats(rng, plans)
    return plans


def assign_hosts(rng: random.Random, world: World, plans: list[CallPlan]) -> None:
    active = [p for p, u in zip(world.staff, world.users) if u["active"]]
    inactive = [p for p, u in zip(world.staff, world.users) if not u["active"]]
    boundary_ms = int((ANCHOR - dt.timedelta(days=RECENT_DAYS)).timestamp()) * 1000
    for p in plans:
        p.host = rng.choice(world.ghosts) if p.unknown_host else rng.choice(active)
    older_candidates = [p for p in plans if p.started_ms < boundary_ms and not p.unknown_host
                        and p.klass != "internal_only"]
    for p in rng.sample(older_candidates, INACTIVE_HOST_CALLS):
        p.host = inactive[0]


def assign_content_modes(rng: random.Random, plans: list[CallPlan], account_idx: list[int]) -> None:
    for i in rng.sample(account_idx, EMPTY_CONTENT_CALLS):
        plans[i].content_mode = "empty"
    rest = [i for i, p in enumerate(plans) if p.content_mode == "full"]
    chosen = rng.sample(rest, NO_BRIEF_CALLS + NO_KEY_POINTS_CALLS)
    for i in chosen[:NO_BRIEF_CALLS]:
        plans[i].content_mode = "no_brief"
    for i in chosen[NO_BRIEF_CALLS:]:
        plans[i].content_mode = "no_key_points"


def assign_started_formats(rng: random.Random, plans: list[CallPlan]) -> None:
    """Same-instant pairs first (one straddling pages 1/2), then Z and fractional-second texts."""
    pair_starts = [PAGE_SIZE - 1]
    while len(pair_starts) < len(SAME_INSTANT_FORMATS):
        i = rng.randrange(1, len(plans) - 2)
        if i != CALLS_OLDER - 1 and all(abs(i - j) > 2 for j in pair_starts):   # never across the 7-day line
            pair_starts.append(i)
    used = set()
    for i, (fmt_a, fmt_b) in zip(pair_starts, SAME_INSTANT_FORMATS):
        plans[i + 1].started_ms = plans[i].started_ms     # keeps the order: started[i] <= started[i+1]
        plans[i].started_format, plans[i + 1].started_format = fmt_a, fmt_b
        used.update((i, i + 1))
    free = [i for i in range(len(plans)) if i not in used]
    chosen = rng.sample(free, Z_STARTED_CALLS + FRACTIONAL_CALLS)
    for i in chosen[:Z_STARTED_CALLS]:
        plans[i].started_format = "Z"
    for n, i in enumerate(chosen[Z_STARTED_CALLS:]):
        plans[i].fractional = True
        plans[i].started_ms += rng.randrange(1, 1000)    # distinct whole seconds keep the order strict
        plans[i].started_format = "Z" if n < FRACTIONAL_CALLS - 1 else None


# ------------------------------------------------------------------------------------------- calls


def party(rng: random.Random, person: Person, affiliation: str, spoke: bool, phone: str | None = None) -> dict:
    p = {"id": digits(rng, 16)}
    if person.email is not None:
        p["emailAddress"] = person.email
    p["name"] = person.name
    p["title"] = person.title
    if person.user_id is not None:
        p["userId"] = person.user_id
    p["speakerId"] = digits(rng, 19) if spoke else None
    p["context"] = []
    p["affiliation"] = affiliation
    if phone is not None:
        p["phoneNumber"] = phone
    if spoke:
        p["methods"] = ["Attendee"] if affiliation == "Unknown" else ["Invitee", "Attendee"]
    else:
        p["methods"] = rng.choice([["Invitee"], ["Invitee", "Attendee"]])
    return p


def account_people(rng: random.Random, acct: Account, domain: str, n: int) -> list[Person]:
    pool = [c for c in acct.contacts if c.email.endswith("@" + domain)] + acct.others[domain]
    return rng.sample(pool, n)


def external_people(rng: random.Random, world: World, plan: CallPlan) -> tuple[list[Person], list[Account]]:
    """The external parties of a call and the accounts they were drawn from (first = main account)."""
    accts = world.accounts
    if plan.klass == "internal_only":
        return [], []
    if plan.klass == "known_free_mail_contact":
        contact, acct = rng.choice(world.free_mail_contacts)
        extra = [rng.choice(world.unknown_free_mail_people)] if rng.random() < 0.4 else []
        return [contact] + extra, [acct]
    if plan.klass == "unresolvable_external":
        pool = world.unknown_domain_people + world.unknown_free_mail_people
        return rng.sample(pool, rng.randint(1, 3)), []
    v = plan.variant
    if v == "second_domain_only":
        a = rng.choice([x for x in accts if len(x.domains) > 1])
        return account_people(rng, a, a.domains[1], rng.randint(1, 2)), [a]
    a = rng.choice(accts)
    if v in ("two_accounts_majority", "two_accounts_tie"):
        b = rng.choice([x for x in accts if x is not a])
        major = account_people(rng, a, a.domains[0], 2 if v == "two_accounts_majority" else 1)
        minor = account_people(rng, b, b.domains[0], 1)
        people = major + minor
        if v == "two_accounts_tie" and rng.random() < 0.5:
            people.reverse()
        return people, [a, b]
    people = account_people(rng, a, a.domains[0], rng.randint(1, 2 if v != "plain" else 3))
    if v == "plus_ignored_free_mail":
        people.append(rng.choice(world.unknown_free_mail_people))
    elif v == "plus_unknown_domain":
        people.append(rng.choice(world.unknown_domain_people))
    return people, [a]


def internal_people(rng: random.Random, world: World, plan: CallPlan) -> list[Person]:
    others = [p for p, u in zip(world.staff, world.users) if u["active"] and p is not plan.host]
    n = rng.randint(1, 3) if plan.klass == "internal_only" else rng.choice([0, 0, 0, 1, 1, 2])
    return [plan.host] + rng.sample(others, n)


def meeting_fields(rng: random.Random, host: Person) -> tuple[str, str, str]:
    system = rng.choice(SYSTEMS)
    handle = local_part(host.name)
    if system == "Zoom":
        url, event = f"https://northwind.zoom.us/j/9{digits(rng, 9)}", f"{token(rng, 26)}@google.com"
    elif system == "Google Meet":
        url = f"https://meet.google.com/{token(rng, 3, 'abcdefghijkmnopqrstuvwxyz')}-" \
              f"{token(rng, 4, 'abcdefghijkmnopqrstuvwxyz')}-{token(rng, 3, 'abcdefghijkmnopqrstuvwxyz')}"
        event = f"{token(rng, 26)}@google.com"
    elif system == "Microsoft Teams":
        url = f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{token(rng, 24)}%40thread.v2/0"
        event = "AAMkAG" + token(rng, 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    else:
        url, event = f"https://northwind.webex.com/meet/{handle}", f"{token(rng, 26)}@google.com"
    return system, url, event


def call_title(plan: CallPlan, externals: list[Person], accts: list[Account], subject: str) -> str:
    if plan.klass == "internal_only":
        return f"Northwind | {subject}"
    if plan.klass == "account_domain":
        if plan.variant.startswith("two_accounts"):
            return f"{accts[0].name} / {accts[1].name} <> Northwind | {subject}"
        return f"{accts[0].name} <> Northwind | {subject}"
    return f"Northwind <> {externals[0].name} | {subject}"


def build_content(rng: random.Random, plan: CallPlan, duration: int, who: str, host: Person,
                  speaker_ids: list[str]) -> dict:
    if plan.content_mode == "empty":
        return {}
    internal = plan.klass == "internal_only"
    names = rng.sample(INTERNAL_TOPICS if internal else TOPICS, rng.randint(2, 5))
    shares = sorted(rng.sample(range(1, 100), len(names) - 1))
    bounds = [0] + shares + [100]
    topics = [{"name": n, "duration": duration * (bounds[k + 1] - bounds[k]) // 130}
              for k, n in enumerate(names)]
    content: dict = {}
    if plan.content_mode != "no_brief":
        template = INTERNAL_BRIEF if internal else rng.choice(BRIEF_TEMPLATES)
        content["brief"] = template.format(who=who, host=host.name.split()[0], t1=names[0].lower(),
                                           t2=names[1].lower())
    if plan.content_mode != "no_key_points":
        points = rng.sample(INTERNAL_KEY_POINTS if internal else KEY_POINT_TEMPLATES, rng.randint(2, 4))
        content["keyPoints"] = [{"text": t.format(who=who)} for t in points]
    content["topics"] = topics
    content["outline"] = build_outline(rng, duration, internal)
    content["pointsOfInterest"] = {"actionItems": build_action_items(rng, duration, speaker_ids)}
    return content


def build_outline(rng: random.Random, duration: int, internal: bool) -> list[dict]:
    names, texts = (INTERNAL_SECTIONS, INTERNAL_KEY_POINTS) if internal else (SECTIONS, KEY_POINT_TEMPLATES)
    sections = sorted(rng.sample(range(len(names)), rng.randint(2, 4)))
    step = duration / len(sections)
    outline = []
    for k, s in enumerate(sections):
        start = round(k * step, 1)
        items = [{"text": rng.choice(texts).format(who="The customer"),
                  "startTime": round(start + 20.5 * (j + 1), 1)} for j in range(rng.randint(1, 2))]
        outline.append({"section": names[s], "startTime": start, "duration": round(step, 1), "items": items})
    return outline


def build_action_items(rng: random.Random, duration: int, speaker_ids: list[str]) -> list[dict]:
    items = []
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        start = round(rng.uniform(duration * 0.5, duration - 30), 1)
        items.append({"snippetStartTime": start, "snippetEndTime": round(start + rng.uniform(4, 15), 1),
                      "speakerID": rng.choice(speaker_ids), "snippet": rng.choice(ACTION_ITEMS)})
    items.sort(key=lambda a: a["snippetStartTime"])
    return items


def build_call(rng: random.Random, world: World, plan: CallPlan, used_ids: set) -> dict:
    call_id = digits(rng, 19)
    while call_id in used_ids:
        call_id = digits(rng, 19)
    used_ids.add(call_id)
    host = plan.host
    externals, accts = external_people(rng, world, plan)
    parties = [party(rng, p, "Internal", spoke=(p is host) or rng.random() < 0.7)
               for p in internal_people(rng, world, plan)]
    parties += [party(rng, p, "External", spoke=rng.random() < 0.8) for p in externals]
    if plan.dial_in:
        phone = f"+1 312-555-01{rng.randrange(100):02d}"
        caller = Person(phone if rng.random() < 0.5 else next_dial_in_name(rng), None, None)
        parties.append(party(rng, caller, "Unknown", spoke=True, phone=phone))
    speaker_ids = [p["speakerId"] for p in parties if p["speakerId"]]

    subject = rng.choice(INTERNAL_SUBJECTS if plan.klass == "internal_only" else ACCOUNT_SUBJECTS)
    offset = plan.started_format if plan.started_format is not None else (host.offset or "Z")
    scheduled_ms = (plan.started_ms // 1000 + 120) // 900 * 900 * 1000   # the 15-minute slot
    duration = rng.randrange(900, 3600)
    system, meeting_url, event_id = meeting_fields(rng, host)
    who = accts[0].name if accts and plan.klass == "account_domain" else (externals[0].name if externals else "")
    meta = {
        "id": call_id,
        "url": f"https://{TENANT_APP_HOST}/call?id={call_id}",
        "title": call_title(plan, externals, accts, subject),
        "scheduled": format_instant(scheduled_ms, offset),
        "started": format_instant(plan.started_ms, offset, plan.fractional),
        "duration": duration,
        "primaryUserId": host.user_id,
        "direction": "Conference",
        "system": system,
        "scope": "Internal" if plan.klass == "internal_only" else "External",
        "media": "Video" if rng.random() < 0.9 else "Audio",
        "language": "eng",
        "workspaceId": WORKSPACE_ID,
        "sdrDisposition": None,
        "clientUniqueId": None,
        "customData": None,
        "purpose": None if plan.klass == "internal_only" or rng.random() < 0.45 else rng.choice(PURPOSES),
        "meetingUrl": meeting_url,
        "isPrivate": False,
        "calendarEventId": event_id,
    }
    content = build_content(rng, plan, duration, who, host, speaker_ids)
    return {"metaData": meta, "context": [], "parties": parties, "content": content}


def next_dial_in_name(rng: random.Random) -> str:
    return rng.choice(["Conference Room B", "Mobile caller", "Front Desk"])


# ------------------------------------------------------------------------------------------- analysis


def analyse(world: World, calls: list[dict], plans: list[CallPlan]) -> tuple[dict, dict]:
    """Re-derives every count from the generated payloads (contact first, then domain; free-mail ignored)."""
    contact_account = {row[1].lower(): row[2] for row in world.contact_rows}
    domain_account = {d: a.account_id for a in world.accounts for d in a.domains}
    second_domains = {a.domains[1] for a in world.accounts if len(a.domains) > 1}
    user_ids = {u["id"] for u in world.users}
    inactive_ids = {u["id"] for u in world.users if not u["active"]}
    boundary = ANCHOR - dt.timedelta(days=RECENT_DAYS)

    c = {k: 0 for k in ["account_domain", "known_free_mail_contact", "internal_only", "unresolvable_external",
                        "second_domain_only", "two_accounts_majority", "two_accounts_tie",
                        "plus_ignored_free_mail", "plus_unknown_domain", "with_known_contact_on_account_domain",
                        "unknown_primary_user", "hosted_by_inactive_user", "dial_in_without_email",
                        "no_brief", "no_key_points", "empty_content", "older_than_7_days", "within_7_days",
                        "utc_z", "numeric_offset", "fractional_seconds", "purpose_null", "ids_above_int64_max"]}
    cases: dict = {"two_accounts_tie": [], "two_accounts_majority": [], "same_started_pairs": [],
                   "unknown_primary_user": [], "dial_in_without_email": [], "empty_content": [],
                   "known_free_mail_contact": []}
    for call, plan in zip(calls, plans):
        md, cid = call["metaData"], call["metaData"]["id"]
        outside = [p for p in call["parties"] if p["affiliation"] != "Internal"]
        emails = [p["emailAddress"].lower() for p in outside if "emailAddress" in p]
        by_contact = [contact_account[e] for e in emails if e in contact_account]
        by_domain = [domain_account[e.split("@")[1]] for e in emails
                     if e not in contact_account and e.split("@")[1] in domain_account]
        domains = {e.split("@")[1] for e in emails}
        if not outside:
            assert all(p["emailAddress"].endswith("@" + COMPANY_DOMAIN) for p in call["parties"])
            klass = "internal_only"
        elif by_domain or any(e.split("@")[1] in domain_account for e in emails if e in contact_account):
            klass = "account_domain"
        elif by_contact:
            klass = "known_free_mail_contact"
            cases[klass].append(cid)
        else:
            klass = "unresolvable_external"
        assert klass == plan.klass, (cid, klass, plan.klass)
        c[klass] += 1
        if klass == "account_domain":
            votes: dict[str, int] = {}     # in the order the parties appear (a tie lists that order)
            for e in emails:
                a = contact_account.get(e) or domain_account.get(e.split("@")[1])
                if a:
                    votes[a] = votes.get(a, 0) + 1
            if len(votes) == 2:
                (a, na), (b, nb) = sorted(votes.items(), key=lambda kv: -kv[1])
                key = "two_accounts_tie" if na == nb else "two_accounts_majority"
                c[key] += 1
                cases[key].append({"call": cid, "accounts": [a, b]} if na == nb
                                  else {"call": cid, "majority": a, "minority": b})
            assert len(votes) <= 2
            if domains & set(domain_account) and domains & set(domain_account) <= second_domains:
                c["second_domain_only"] += 1
            if domains & set(FREE_MAIL_DOMAINS):
                c["plus_ignored_free_mail"] += 1
            if any(d not in domain_account and d not in FREE_MAIL_DOMAINS for d in domains):
                c["plus_unknown_domain"] += 1
            if any(e in contact_account for e in emails):
                c["with_known_contact_on_account_domain"] += 1
        if md["primaryUserId"] not in user_ids:
            c["unknown_primary_user"] += 1
            cases["unknown_primary_user"].append(cid)
        c["hosted_by_inactive_user"] += md["primaryUserId"] in inactive_ids
        if any("emailAddress" not in p for p in call["parties"]):
            c["dial_in_without_email"] += 1
            cases["dial_in_without_email"].append(cid)
        content = call["content"]
        c["no_brief"] += "brief" not in content
        c["no_key_points"] += "keyPoints" not in content
        if not content:
            c["empty_content"] += 1
            cases["empty_content"].append(cid)
        started = dt.datetime.fromisoformat(md["started"])
        c["older_than_7_days" if started < boundary else "within_7_days"] += 1
        c["utc_z" if md["started"].endswith("Z") else "numeric_offset"] += 1
        c["fractional_seconds"] += "." in md["started"]
        c["purpose_null"] += md["purpose"] is None
        c["ids_above_int64_max"] += int(cid) > INT64_MAX
    for prev, call in zip(calls, calls[1:]):
        a, b = prev["metaData"]["started"], call["metaData"]["started"]
        assert dt.datetime.fromisoformat(a) <= dt.datetime.fromisoformat(b), (a, b)
        if dt.datetime.fromisoformat(a) == dt.datetime.fromisoformat(b):
            assert a != b
            cases["same_started_pairs"].append([prev["metaData"]["id"], call["metaData"]["id"]])
    counts = {
        "resolution": {k: c[k] for k in CLASS_COUNTS},
        "account_domain_detail": {k: c[k] for k in list(ACCOUNT_VARIANTS) + ["with_known_contact_on_account_domain"]},
        "hosts": {"unknown_primary_user": c["unknown_primary_user"],
                  "hosted_by_inactive_user": c["hosted_by_inactive_user"]},
        "parties": {"dial_in_without_email": c["dial_in_without_email"]},
        "content": {"no_brief": c["no_brief"], "no_key_points": c["no_key_points"],
                    "empty_content": c["empty_content"]},
        "started": {"older_than_7_days": c["older_than_7_days"], "within_7_days": c["within_7_days"],
                    "same_instant_pairs": len(cases["same_started_pairs"]), "utc_z": c["utc_z"],
                    "numeric_offset": c["numeric_offset"], "fractional_seconds": c["fractional_seconds"]},
        "metadata": {"purpose_null": c["purpose_null"], "call_ids_above_int64_max": c["ids_above_int64_max"]},
    }
    return counts, cases


def check_counts(counts: dict) -> None:
    """The generated data must show exactly the planned mix."""
    expected = {
        "resolution": CLASS_COUNTS,
        "hosts": {"unknown_primary_user": UNKNOWN_HOST_CALLS, "hosted_by_inactive_user": INACTIVE_HOST_CALLS},
        "parties": {"dial_in_without_email": DIAL_IN_CALLS},
        "content": {"no_brief": NO_BRIEF_CALLS + EMPTY_CONTENT_CALLS,
                    "no_key_points": NO_KEY_POINTS_CALLS + EMPTY_CONTENT_CALLS, "empty_content": EMPTY_CONTENT_CALLS},
    }
    for group, values in expected.items():
        assert counts[group] == values, (group, counts[group], values)
    for k, n in ACCOUNT_VARIANTS.items():
        assert counts["account_domain_detail"][k] == n, (k, counts["account_domain_detail"][k], n)
    s = counts["started"]
    assert (s["older_than_7_days"], s["within_7_days"]) == (CALLS_OLDER, CALLS_RECENT)
    assert s["same_instant_pairs"] == len(SAME_INSTANT_FORMATS) and s["fractional_seconds"] == FRACTIONAL_CALLS


# ------------------------------------------------------------------------------------------- output


def cursor_for(page_number: int, total: int) -> str:
    """An opaque JWT-looking cursor; stable, never parsed by clients."""
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    body = json.dumps({"pageSize": PAGE_SIZE, "total": total, "pageNumber": page_number}, separators=(",", ":"))
    sig = hashlib.sha256(f"syncline-sample:{SEED}:{page_number}".encode()).digest()
    return "eyJhbGciOiJIUzI1NiJ9." + b64(body.encode()) + "." + b64(sig)


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    for row in rows:
        assert not any(ch in str(v) for v in row for ch in ',"\n'), row   # plain CSV, no quoting needed
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_pages(rng: random.Random, out: Path, calls: list[dict]) -> int:
    pages_dir = out / "gong" / "calls"
    pages_dir.mkdir(parents=True, exist_ok=True)
    for stale in pages_dir.glob("page_*.json"):
        stale.unlink()
    chunks = [calls[i:i + PAGE_SIZE] for i in range(0, len(calls), PAGE_SIZE)]
    for k, chunk in enumerate(chunks):
        records = {"totalRecords": len(calls), "currentPageSize": len(chunk), "currentPageNumber": k}
        if k + 1 < len(chunks):
            records["cursor"] = cursor_for(k + 1, len(calls))
        write_json(pages_dir / f"page_{k + 1:06d}.json",
                   {"requestId": token(rng, 19), "records": records, "calls": chunk})
    return len(chunks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "samples",
                        help="output directory (default: the repository's samples/)")
    out = parser.parse_args().out

    rng = random.Random(SEED)
    world = build_world(rng)
    plans = plan_calls(rng, world)
    used_ids: set = set()
    calls = [build_call(rng, world, p, used_ids) for p in plans]
    counts, cases = analyse(world, calls, plans)
    check_counts(counts)

    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "accounts.csv", ["account_id", "account_name", "domain"],
              [[a.account_id, a.name, d] for a in world.accounts for d in a.domains])
    write_csv(out / "contacts.csv", ["contact_id", "email", "account_id", "display_name", "title"],
              world.contact_rows)
    write_json(out / "gong" / "users.json", {
        "requestId": token(rng, 19),
        "records": {"totalRecords": len(world.users), "currentPageSize": len(world.users), "currentPageNumber": 0},
        "users": world.users,
    })
    pages = write_pages(rng, out, calls)
    write_json(out / "manifest.json", {
        "anchor": ANCHOR_TEXT,
        "generator": GENERATOR,
        "seed": SEED,
        "calls": len(calls),
        "pages": pages,
        "users": len(world.users),
        "accounts": len(world.accounts),
        "contacts": len(world.contact_rows),
        "counts": counts,
        "cases": cases,
    })
    print(f"wrote {len(calls)} calls in {pages} pages, {len(world.users)} users, {len(world.accounts)} accounts, "
          f"{len(world.contact_rows)} contacts to {out}")


if __name__ == "__main__":
    main()
