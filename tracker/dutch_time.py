"""Resolve Dutch time expressions ("tegen Pasen 2021", "eind 2020", "de komende weken") to dates.

A minister says *when* something will happen relative to the day of the meeting. This module turns
such an expression into a window: an earliest and a latest date, the latest being the deadline a
watchdog holds the minister to. `find_time_expressions` finds the expressions inside a sentence.

Every convention is a row in the tables at the top of this module, so a civil servant can read
and change it without reading the code; docs/methodology-deadlines.md explains them for readers.
Nothing here reads the clock: the reference date (the day it was said) is always passed in.

How an expression is read: [preposition] [part] anchor, e.g. "tegen" + "het einde van" + "de
legislatuur". The anchor names a period (a day, a month, a season, ...), the part narrows it
(begin/middle/end), the preposition turns it into the window (by, after, during).
A yearly anchor said without a year ("Pasen", "in juni", "voor de zomer") means its next
occurrence that has not passed yet on the reference date; see `_next_occurrence`.
Resolution never judges tense: "in 2020 hebben we ..." resolves to 2020 like "in 2020 zullen we".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

# ================================================================================================
# Tables. One row per convention; the comment says what it means and why.
# ================================================================================================

MONDAY, SUNDAY = 0, 6


@dataclass(frozen=True)
class OnDate:
    """The same calendar day every year."""

    month: int
    day: int

    def on(self, year: int) -> date:
        return date(year, self.month, self.day)


@dataclass(frozen=True)
class FromEaster:
    """A number of days after Easter Sunday (the Western date, computed by dateutil)."""

    days: int

    def on(self, year: int) -> date:
        return easter(year) + timedelta(days=self.days)


@dataclass(frozen=True)
class NthWeekday:
    """The n-th given weekday of a month (weekday: 0 = Monday ... 6 = Sunday)."""

    month: int
    weekday: int
    n: int

    def on(self, year: int) -> date:
        first = date(year, self.month, 1)
        return first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.n - 1))


# --- Parliament and elections -------------------------------------------------------------------

# The parliamentary year (zittingsjaar) of the Flemish Parliament opens on the fourth Monday of
# September (the day of the Septemberverklaring) and runs to the day before the next opening.
PARLIAMENTARY_YEAR_OPENS = NthWeekday(9, MONDAY, 4)

# The summer recess runs from 21 July to the day before the parliamentary year opens.
SUMMER_RECESS_STARTS = OnDate(7, 21)

# Elections of the Flemish Parliament. A legislature ends on its election day: a reference date
# on an election day still belongs to the legislature that ends that day.
FLEMISH_ELECTIONS: tuple[date, ...] = (
    date(1995, 5, 21),
    date(1999, 6, 13),
    date(2004, 6, 13),
    date(2009, 6, 7),
    date(2014, 5, 25),
    date(2019, 5, 26),
    date(2024, 6, 9),
)
# After the table: every five years, on the second Sunday of June (2029-06-10, 2034-06-11, ...).
# An assumption until the date is set by law; add the real date to the table when it is known.
FLEMISH_ELECTION_EVERY_YEARS = 5
FLEMISH_ELECTION_DAY = NthWeekday(6, SUNDAY, 2)

# Municipal and provincial elections: every six years since 2000, on the second Sunday of October
# (2018-10-14, 2024-10-13, 2030-10-13).
LOCAL_ELECTIONS_FIRST_YEAR = 2000
LOCAL_ELECTION_EVERY_YEARS = 6
LOCAL_ELECTION_DAY = NthWeekday(10, SUNDAY, 2)

# --- Words --------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

# A weekday may precede a date ("op vrijdag 25 september"); it is not checked against the date.
WEEKDAYS: tuple[str, ...] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)  # fmt: skip

# Words that place a period relative to the reference date: 0 = the current one, +1 = the next
# one, -1 = the previous one ("dit jaar", "volgende maand", "de vorige legislatuur").
SHIFT_WORDS: dict[str, int] = {
    "deze": 0, "dit": 0, "huidige": 0, "huidig": 0, "lopende": 0, "lopend": 0,
    "volgende": 1, "volgend": 1, "komende": 1, "komend": 1, "aankomende": 1,
    "eerstvolgende": 1, "nieuwe": 1, "nieuw": 1,
    "vorige": -1, "vorig": -1, "verleden": -1, "afgelopen": -1, "voorbije": -1, "voorbij": -1,
}  # fmt: skip

# Number words for spans ("binnen de zes maanden"). Compounds are built from these
# ("eenentwintig", "vijfenveertig"); digits (1 to 999) are read as they are.
NUMBER_WORDS: dict[str, int] = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
    "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90, "honderd": 100,
}  # fmt: skip
COMPOUND_UNITS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
COMPOUND_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")

# "Een tweetal weken" = about two weeks: taken as the number itself (not vague).
ROUGH_NUMBER_WORDS: dict[str, int] = {
    "tweetal": 2, "drietal": 3, "viertal": 4, "vijftal": 5, "zestal": 6, "zevental": 7,
    "achttal": 8, "negental": 9, "tiental": 10, "twaalftal": 12, "twintigtal": 20, "dertigtal": 30,
}  # fmt: skip

# Counts that are no number: the window uses this many units and is marked vague.
VAGUE_COUNT_WORDS: dict[str, int] = {
    "paar": 3,        # "binnen een paar weken": three weeks
    "enkele": 4,      # "binnen enkele maanden": four months
    "aantal": 4,      # "binnen een aantal weken": four weeks
    "handvol": 5,
}
# "binnen weken" (a plural unit without a count) is read like "enkele".
UNCOUNTED_PLURAL = VAGUE_COUNT_WORDS["enkele"]

# Units of a span, as the keyword dateutil's relativedelta takes.
UNITS: dict[str, str] = {
    "dag": "days", "dagen": "days", "week": "weeks", "weken": "weeks",
    "maand": "months", "maanden": "months", "jaar": "years", "jaren": "years",
}  # fmt: skip
UNIT_ORDER = ("days", "weeks", "months", "years")  # "de komende weken en maanden" takes the larger

# Spans said with a fraction.
FRACTION_SPANS: dict[str, relativedelta] = {
    "een half jaar": relativedelta(months=6),
    "een halfjaar": relativedelta(months=6),
    "anderhalf jaar": relativedelta(months=18),
    "een halve maand": relativedelta(weeks=2),
    "anderhalve maand": relativedelta(weeks=6),
    "anderhalve week": relativedelta(days=11),  # rounded up: a deadline is a whole day
}

# Ordinals of quarters and half-years. "laatste" = the last one (the fourth quarter, the second half).
LAST = -1
ORDINALS: dict[str, int] = {
    "eerste": 1, "1ste": 1, "1e": 1, "tweede": 2, "2de": 2, "2e": 2,
    "derde": 3, "3de": 3, "3e": 3, "vierde": 4, "4de": 4, "4e": 4, "laatste": LAST,
}  # fmt: skip

# --- Prepositions: how the words before the anchor turn the named period X into a window ------

BEFORE = "before"  # the reference date .. X's deadline day (see "The deadline" below)
AFTER = "after"  # the day after X ends .. AFTER_DEFAULT after X ends; vague
NOT_BEFORE = "not_before"  # X's first day .. AFTER_DEFAULT after X ends; vague
REST = "rest"  # the reference date .. X's last day ("nog dit jaar")
WITHIN = "within"  # X itself

PREPOSITIONS: dict[str, str] = {
    "tegen": BEFORE,  # "tegen Pasen 2021": by Easter Sunday 2021
    "voor": BEFORE,  # "voor de zomer": by 21 June. Also "for" ("voor 2025"): read as a deadline.
    "vóór": BEFORE,
    "uiterlijk": BEFORE,  # "uiterlijk 31 december": by 31 December
    "uiterlijk tegen": BEFORE,  # "uiterlijk tegen de zomer"
    "uiterlijk op": BEFORE,  # "uiterlijk op 1 maart"
    "uiterlijk in": BEFORE,  # "uiterlijk in juni": by 30 June
    "uiterlijk voor": BEFORE,  # "uiterlijk voor het reces"
    "ten laatste": BEFORE,  # "ten laatste eind 2021"
    "ten laatste tegen": BEFORE,
    "ten laatste op": BEFORE,
    "ten laatste in": BEFORE,
    "ten laatste voor": BEFORE,
    "tegen uiterlijk": BEFORE,  # "tegen uiterlijk Pasen"
    "nog voor": BEFORE,  # "nog voor de zomer"
    "nog vóór": BEFORE,
    "nog tegen": BEFORE,  # "nog tegen het einde van het jaar"
    "tot": BEFORE,  # "tot 31 oktober": until, held as a deadline
    "tot en met": BEFORE,  # "tot en met 2025": to 31 December 2025
    "na": AFTER,  # "na de zomer": from 23 September, for three months
    "pas na": AFTER,  # "pas na de verkiezingen"
    "ten vroegste na": AFTER,
    "ten vroegste": NOT_BEFORE,  # "ten vroegste 2022": not before 1 January 2022
    "ten vroegste in": NOT_BEFORE,  # "ten vroegste in het najaar"
    "ten vroegste op": NOT_BEFORE,  # "ten vroegste op 1 maart"
    "niet voor": NOT_BEFORE,  # "niet voor de zomer": not before 21 June
    "niet vóór": NOT_BEFORE,
    "pas in": NOT_BEFORE,  # "pas in 2022": only in 2022 or later
    "pas vanaf": NOT_BEFORE,  # "pas vanaf september"
    "nog": REST,  # "nog deze legislatuur": from now to the election
    "nog in": REST,  # "nog in 2021": from now to 31 December 2021
    "nog tijdens": REST,  # "nog tijdens dit parlementaire jaar"
    "in": WITHIN,  # "in juni": 1..30 June
    "tijdens": WITHIN,  # "tijdens de paasvakantie"
    "gedurende": WITHIN,  # "gedurende het tweede semester"
    "op": WITHIN,  # "op 1 januari"
    "rond": WITHIN,  # "rond Pasen": read as Easter Sunday itself
    "omstreeks": WITHIN,  # "omstreeks de zomer"
    "ergens in": WITHIN,  # "ergens in het voorjaar"
    "vanaf": WITHIN,  # "vanaf dit najaar": it starts within X
    "sinds": WITHIN,  # "sinds 1 juli 2020": when something started
    "per": WITHIN,  # "per 1 januari 2022"
    "met ingang van": WITHIN,  # "met ingang van 1 januari"
}

# How long "na X" stays open when nothing else is said: three months after X ends.
AFTER_DEFAULT = relativedelta(months=3)

# --- Parts: "begin", "midden", "eind" narrow the anchor ---------------------------------------

BEGIN, MIDDLE, END, DURING, EARLIER, LATER = "begin", "middle", "end", "during", "earlier", "later"

PARTS: dict[str, str] = {
    "begin": BEGIN,  # "begin 2021", "begin volgend jaar"
    "begin van": BEGIN,  # "begin van volgend jaar"
    "het begin van": BEGIN,  # "het begin van het parlementaire jaar"
    "de start van": BEGIN,  # "de start van het nieuwe parlementaire jaar"
    "start van": BEGIN,
    "midden": MIDDLE,  # "midden 2022"
    "midden van": MIDDLE,  # "midden van volgend jaar"
    "het midden van": MIDDLE,
    "medio": MIDDLE,  # "medio juni"
    "half": MIDDLE,  # "half september", "tegen half 2026"
    "halverwege": MIDDLE,  # "halverwege de legislatuur"
    "eind": END,  # "eind 2020", "eind oktober"
    "einde": END,  # "einde dit jaar"
    "eind van": END,  # "eind van het jaar"
    "einde van": END,  # "einde van het jaar"
    "het eind van": END,
    "het einde van": END,  # "tegen het einde van de legislatuur"
    "in de loop van": DURING,  # "in de loop van de komende dagen": the whole period
    "eerder": EARLIER,  # "eerder dit jaar": the start of the period up to the reference date
    "later": LATER,  # "later dit jaar": the reference date up to the end of the period
}
# A calendar year is split by months: begin = January-April, midden = May-August,
# eind = September-December ("Eind 2020" = 1 September .. 31 December 2020).
YEAR_PARTS: dict[str, tuple[int, int]] = {BEGIN: (1, 4), MIDDLE: (5, 8), END: (9, 12)}
# A calendar month is split by days: begin = 1-10, midden = 11-20, eind = 21 to the last day.
MONTH_PARTS: dict[str, tuple[int, int]] = {BEGIN: (1, 10), MIDDLE: (11, 20), END: (21, 31)}
# Any other period (a season, a quarter, a parliamentary year, a legislature) is split in three
# equal thirds by days.

# --- The deadline a "tegen/voor X" holds to ---------------------------------------------------
# Days and feast days: the day itself ("tegen Pasen 2021" = 4 April 2021).
# Calendar periods (a year, a month, a quarter, a parliamentary year, a legislature) and any
# period narrowed by a part: their last day. A watchdog must not flag a promise overdue while a
# reasonable reading still holds: "tegen 2025" is read as "by the end of 2025".
# Seasons, school holidays and recesses: their first day. "Voor de zomer" and "tegen de
# kerstvakantie" name the moment the period starts, not its end.

# --- Seasons ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Season:
    row: str
    words: tuple[str, ...]
    starts: tuple[int, int]  # (month, day)
    ends: tuple[int, int]  # (month, day), in the next year when before `starts`


# Fixed dates close to the astronomical seasons, the same every year.
SEASONS: tuple[Season, ...] = (
    # "in het voorjaar", "dit voorjaar", "de lente van 2022": 20 March .. 20 June
    Season("spring", ("lente", "voorjaar"), (3, 20), (6, 20)),
    # "voor de zomer" = by 21 June; "na de zomer" = from 23 September
    Season("summer", ("zomer",), (6, 21), (9, 22)),
    # "dit najaar", "in de herfst": 23 September .. 20 December
    Season("autumn", ("herfst", "najaar"), (9, 23), (12, 20)),
    # Runs into the next year; "de winter van 2021" starts on 21 December 2021.
    Season("winter", ("winter",), (12, 21), (3, 19)),
)

# --- School holidays and recesses (computed each year, not listed) ----------------------------


def _carnival_holidays(year: int) -> tuple[date, date]:
    """Krokusvakantie: the week from the Monday 48 days before Easter (carnival Monday)."""
    start = easter(year) - timedelta(days=48)
    return start, start + timedelta(days=6)


def _easter_holidays(year: int) -> tuple[date, date]:
    """Paasvakantie: two weeks from the first Monday of April. Easter in March: from Easter
    Monday. Easter after 15 April: from the second Monday before Easter, up to Easter Monday."""
    sunday = easter(year)
    if sunday.month == 3:
        start = sunday + timedelta(days=1)
    elif sunday > date(year, 4, 15):
        start = sunday - timedelta(days=13)
    else:
        start = NthWeekday(4, MONDAY, 1).on(year)
    end = max(start + timedelta(days=13), sunday + timedelta(days=1))
    return start, end


def _summer_holidays(year: int) -> tuple[date, date]:
    """Zomervakantie (de grote vakantie): 1 July to 31 August."""
    return date(year, 7, 1), date(year, 8, 31)


def _autumn_holidays(year: int) -> tuple[date, date]:
    """Herfstvakantie: the week (Monday to Sunday) of 1 November; from 2 November when
    1 November is a Sunday."""
    all_saints = date(year, 11, 1)
    start = all_saints - timedelta(days=all_saints.weekday())
    if all_saints.weekday() == SUNDAY:
        start = all_saints + timedelta(days=1)
    return start, start + timedelta(days=6)


def _christmas_holidays(year: int) -> tuple[date, date]:
    """Kerstvakantie: two weeks from the Monday of the week of 25 December; from the Monday
    after when 25 December is a Saturday or a Sunday."""
    christmas = date(year, 12, 25)
    start = christmas - timedelta(days=christmas.weekday())
    if christmas.weekday() >= 5:
        start += timedelta(days=7)
    return start, start + timedelta(days=13)


def _summer_recess(year: int) -> tuple[date, date]:
    """Zomerreces of the Flemish Parliament: 21 July to the day before the parliamentary year."""
    return SUMMER_RECESS_STARTS.on(year), parliamentary_year_start(year) - timedelta(days=1)


@dataclass(frozen=True)
class Break:
    kind: str  # "school_holiday" or "recess"
    row: str
    words: tuple[str, ...]
    dates: Callable[[int], tuple[date, date]]


# The rules of the traditional Flemish school calendar. Parliament also pauses in the Christmas
# and Easter school holidays; "het reces" without more is the summer recess.
BREAKS: tuple[Break, ...] = (
    # One week from carnival Monday (2021: 15..21 February)
    Break("school_holiday", "carnival", ("krokusvakantie",), _carnival_holidays),
    # Two weeks around Easter (2021: 5..18 April; 2024: 1..14 April)
    Break("school_holiday", "easter", ("paasvakantie",), _easter_holidays),
    # 1 July .. 31 August
    Break("school_holiday", "summer", ("zomervakantie", "grote vakantie"), _summer_holidays),
    # The week of All Saints (2021: 1..7 November)
    Break("school_holiday", "autumn", ("herfstvakantie", "allerheiligenvakantie"), _autumn_holidays),
    # Two weeks from the Monday of Christmas week (2020: 21 December .. 3 January)
    Break("school_holiday", "christmas", ("kerstvakantie",), _christmas_holidays),
    # 21 July .. the day before the fourth Monday of September (2021: 21 July .. 26 September)
    Break("recess", "summer", ("zomerreces", "reces", "parlementaire reces", "parlementair reces"),
          _summer_recess),
    # The other recesses follow the school holidays
    Break("recess", "christmas", ("kerstreces",), _christmas_holidays),
    Break("recess", "easter", ("paasreces",), _easter_holidays),
    Break("recess", "carnival", ("krokusreces",), _carnival_holidays),
)

# --- Feast days (computed each year) ----------------------------------------------------------


@dataclass(frozen=True)
class Feast:
    row: str
    words: tuple[str, ...]
    day: OnDate | FromEaster | NthWeekday


FEAST_DAYS: tuple[Feast, ...] = (
    Feast("new_year", ("nieuwjaar", "nieuwjaarsdag"), OnDate(1, 1)),  # 1 January
    Feast("easter", ("pasen", "paaszondag"), FromEaster(0)),  # Easter Sunday (2021-04-04)
    Feast("easter_monday", ("paasmaandag",), FromEaster(1)),
    Feast("labour_day", ("dag van de arbeid",), OnDate(5, 1)),  # 1 May
    Feast("ascension", ("hemelvaart", "hemelvaartsdag"), FromEaster(39)),  # a Thursday
    Feast("pentecost", ("pinksteren", "pinksterzondag"), FromEaster(49)),  # Whit Sunday
    Feast("whit_monday", ("pinkstermaandag",), FromEaster(50)),
    # 11 July, the holiday of the Flemish Community
    Feast("flemish_holiday", ("vlaamse feestdag", "feest van de vlaamse gemeenschap"), OnDate(7, 11)),
    Feast("national_holiday", ("nationale feestdag",), OnDate(7, 21)),  # 21 July
    # The Flemish government's policy speech, the day the parliamentary year opens.
    Feast("september_declaration", ("septemberverklaring",), PARLIAMENTARY_YEAR_OPENS),
    Feast("all_saints", ("allerheiligen",), OnDate(11, 1)),  # 1 November
    Feast("all_souls", ("allerzielen",), OnDate(11, 2)),  # 2 November
    Feast("armistice", ("wapenstilstand",), OnDate(11, 11)),  # 11 November
    Feast("christmas", ("kerstmis", "kerst", "kerstdag"), OnDate(12, 25)),  # 25 December
    Feast("new_years_eve", ("oudejaar", "oudejaarsdag", "oudejaarsavond"), OnDate(12, 31)),
)

# --- Elections ----------------------------------------------------------------------------------

# "De verkiezingen" is the Flemish election: since 2014 the federal and European elections are
# held the same day.
ELECTION_WORDS: dict[str, str] = {
    "verkiezingen": "flemish",  # "na de verkiezingen" said in March 2024: after 9 June 2024
    "vlaamse verkiezingen": "flemish",
    "regionale verkiezingen": "flemish",
    "federale verkiezingen": "flemish",  # the same day as the Flemish ones since 2014
    "europese verkiezingen": "flemish",  # idem
    "parlementsverkiezingen": "flemish",
    "gemeenteraadsverkiezingen": "local",  # LOCAL_ELECTION_DAY: 13 October 2024
    "lokale verkiezingen": "local",
    "provincieraadsverkiezingen": "local",
    "gemeente- en provincieraadsverkiezingen": "local",
}

# --- Calendar periods said relative to the reference date ("dit jaar", "volgende maand") ------


def _week_of(day: date) -> tuple[date, date]:
    """Monday to Sunday."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _month_of(day: date) -> tuple[date, date]:
    return day.replace(day=1), _month_end(day.year, day.month)


def _quarter_of(day: date) -> tuple[date, date]:
    return _quarter(day.year, (day.month - 1) // 3 + 1)


def _half_of(day: date) -> tuple[date, date]:
    return _half(day.year, 1 if day.month <= 6 else 2)


def _year_of(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _parliamentary_year_of(day: date) -> tuple[date, date]:
    """From the fourth Monday of September to the day before the next one."""
    year = day.year if day >= parliamentary_year_start(day.year) else day.year - 1
    return _parliamentary_year(year)


def _legislature_of(day: date) -> tuple[date, date]:
    """From the day after the previous Flemish election to the election day that ends it."""
    end = legislature_end(day)
    previous = _previous_flemish_election(end)
    start = previous + timedelta(days=1) if previous else end - relativedelta(years=5)
    return start, end


@dataclass(frozen=True)
class CalendarUnit:
    kind: str
    words: tuple[str, ...]
    period_of: Callable[[date], tuple[date, date]]


# With a shift word ("volgende week", "dit jaar", "de vorige legislatuur"), or with only an article
# after a part ("het einde van het jaar"; "het jaar" alone is no time).
CALENDAR_UNITS: tuple[CalendarUnit, ...] = (
    CalendarUnit("relative_week", ("week",), _week_of),  # "vorige week": Monday .. Sunday
    CalendarUnit("relative_month", ("maand",), _month_of),  # "eind deze maand"
    CalendarUnit("relative_quarter", ("kwartaal", "trimester"), _quarter_of),  # "volgend kwartaal"
    # "volgend semester": January-June or July-December
    CalendarUnit("relative_semester", ("semester", "jaarhelft", "halfjaar"), _half_of),
    CalendarUnit("relative_year", ("jaar", "kalenderjaar"), _year_of),  # "begin volgend jaar"
    # "het volgende parlementaire jaar": from the fourth Monday of September
    CalendarUnit("parliamentary_year", ("parlementaire jaar", "parlementair jaar", "zittingsjaar"),
                 _parliamentary_year_of),
    # "nog deze legislatuur", "deze regeerperiode": up to the next Flemish election
    CalendarUnit("legislature", ("legislatuur", "regeerperiode", "zittingsperiode"), _legislature_of),
)

# --- Vague phrases: a documented default window from the reference date ------------------------


@dataclass(frozen=True)
class Vague:
    row: str
    words: tuple[str, ...]
    span: relativedelta


VAGUE_PHRASES: tuple[Vague, ...] = (
    # "Eerstdaags": within two weeks
    Vague("very_soon", ("eerstdaags",), relativedelta(weeks=2)),
    # "Binnenkort": within three months
    Vague("soon", ("binnenkort", "weldra", "eerlang"), relativedelta(months=3)),
    # "Zo snel mogelijk": within three months, like "binnenkort"
    Vague("as_soon_as_possible", (
        "zo snel mogelijk", "zo spoedig mogelijk", "zo vlug mogelijk", "zo gauw mogelijk",
        "zo snel als mogelijk", "zo vlug als mogelijk", "zo snel als het kan", "zo vlug als het kan",
        "asap",
    ), relativedelta(months=3)),
    # "Op zeer korte termijn": within a month
    Vague("very_short_term", ("op zeer korte termijn", "op heel korte termijn"),
          relativedelta(months=1)),
    # "Op korte termijn": within six months
    Vague("short_term", (
        "op korte termijn", "op relatief korte termijn", "op vrij korte termijn",
        "op redelijk korte termijn", "op eerder korte termijn",
    ), relativedelta(months=6)),
    # "De komende tijd": within six months
    Vague("coming_period", ("de komende tijd", "de komende periode"), relativedelta(months=6)),
    # "In de nabije toekomst": within a year
    Vague("near_future", ("de nabije toekomst", "binnen afzienbare tijd"), relativedelta(years=1)),
    # "Op middellange termijn": within three years
    Vague("medium_term", ("op middellange termijn",), relativedelta(years=3)),
    # "Op lange termijn": within ten years; hardly a deadline, the extractor may drop it
    Vague("long_term", ("op lange termijn",), relativedelta(years=10)),
)

# "De komende dagen/weken/maanden/jaren" without a count.
COMING_DEFAULTS: dict[str, relativedelta] = {
    "days": relativedelta(days=10),  # "in de loop van de komende dagen"
    "weeks": relativedelta(weeks=6),  # "de komende weken"
    "months": relativedelta(months=6),  # "de volgende maanden"
    "years": relativedelta(years=3),
}

# --- Numbers that are not years -----------------------------------------------------------------
# A bare four-digit number (1900-2099) said without a preposition is a year, unless one of these
# follows it ("2000 euro", "1950 ambtenaren") or precedes it ("artikel 2020", "ruim 2000").
NOT_A_YEAR_AFTER: tuple[str, ...] = (
    "%", "€", "procent", "euro", "eur", "miljoen", "miljard", "mensen", "personen", "ambtenaren",
    "kinderen", "leerlingen", "inwoners", "woningen", "gemeenten", "bedrijven", "ondernemingen",
    "jobs", "banen", "deelnemers", "dossiers", "aanvragen", "plaatsen", "km", "kilometer",
    "meter", "ton", "uur", "dagen", "keer",
)  # fmt: skip
NOT_A_YEAR_BEFORE: tuple[str, ...] = (
    "artikel", "art.", "nr.", "nrs.", "nummer", "punt", "pagina", "p.", "blz.", "bladzijde",
    "hoofdstuk", "bijlage", "stuk", "code", "postcode", "€", "eur", "euro", "ongeveer", "circa",
    "ca.", "zo’n", "zo'n", "ruim", "bijna", "meer dan", "minder dan", "slechts", "amper",
    "maar liefst", "nagenoeg",
)  # fmt: skip

# ================================================================================================
# Public API
# ================================================================================================


@dataclass(frozen=True)
class TimeWindow:
    text: str  # the expression as said, e.g. "tegen Pasen 2021"
    earliest: date
    latest: date  # the deadline a watchdog holds the minister to
    # The table rows that matched: anchor kind, then part, preposition kind and row when there
    # are ones ("feast_day_before_easter", "season_before_summer", "relative_year_end").
    rule: str
    vague: bool  # True when a documented default window was used ("binnenkort")


@dataclass(frozen=True)
class FoundExpression:
    start: int  # character offsets in the searched text
    end: int
    window: TimeWindow


def resolve(expression: str, reference: date) -> TimeWindow | None:
    """The window of one whole expression said on `reference`, or None if it is not one."""
    text = expression.strip().rstrip(".,;:!?").strip()
    source, scanner = _searchable(text)
    match = scanner.expression.fullmatch(source)
    if match is None:
        return None
    return _window(match, text, reference, before="")


def find_time_expressions(text: str, reference: date) -> list[FoundExpression]:
    """Every time expression in `text`, in text order, not overlapping, the longest at a place.

    Trying the combined pattern at every word is slow (it has hundreds of alternatives), so the
    scan finds head words first ("Pasen", "juni", "2021", "legislatuur": see `_HEAD_WORDS`) and
    tries the pattern only from the run of lead words just before each ("tegen het einde van
    de"), farthest first so the longest expression wins."""
    found: list[FoundExpression] = []
    source, scanner = _searchable(text)
    position = 0
    for head in scanner.head.finditer(source):
        if head.start() < position:
            continue
        for start in _candidate_starts(source, scanner, head.start(), position):
            match = scanner.expression.match(source, start)
            if match is None or match.end() <= head.start():
                continue
            window = _window(match, text, reference, source[max(0, start - _CONTEXT_CHARS) : start])
            if window is None:
                continue  # not a time after all ("in het jaar dat", "31 februari")
            found.append(FoundExpression(match.start(), match.end(), window))
            position = match.end()
            break
    return found


def legislature_end(reference: date) -> date:
    """The Flemish election day that ends the legislature `reference` falls in."""
    if reference <= FLEMISH_ELECTIONS[0]:
        return FLEMISH_ELECTIONS[0]
    for year in range(reference.year, reference.year + FLEMISH_ELECTION_EVERY_YEARS + 1):
        election = _flemish_election_in(year)
        if election is not None and election >= reference:
            return election
    raise ValueError(f"no Flemish election found after {reference}")  # unreachable with the tables


def parliamentary_year_start(year: int) -> date:
    """The opening of the Flemish Parliament's parliamentary year: the fourth Monday of September."""
    return PARLIAMENTARY_YEAR_OPENS.on(year)


# ================================================================================================
# Calendar helpers
# ================================================================================================


def _month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)


def _quarter(year: int, quarter: int) -> tuple[date, date]:
    return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)


def _half(year: int, half: int) -> tuple[date, date]:
    return date(year, 6 * half - 5, 1), _month_end(year, 6 * half)


def _parliamentary_year(year: int) -> tuple[date, date]:
    """The parliamentary year that opens in September of `year`."""
    return parliamentary_year_start(year), parliamentary_year_start(year + 1) - timedelta(days=1)


def _flemish_election_in(year: int) -> date | None:
    for election in FLEMISH_ELECTIONS:
        if election.year == year:
            return election
    last = FLEMISH_ELECTIONS[-1].year
    if year > last and (year - last) % FLEMISH_ELECTION_EVERY_YEARS == 0:
        return FLEMISH_ELECTION_DAY.on(year)
    return None


def _previous_flemish_election(day: date) -> date | None:
    for year in range(day.year, day.year - FLEMISH_ELECTION_EVERY_YEARS - 2, -1):
        election = _flemish_election_in(year)
        if election is not None and election < day:
            return election
    return None


def _local_election_in(year: int) -> date | None:
    since_first = year - LOCAL_ELECTIONS_FIRST_YEAR
    if since_first >= 0 and since_first % LOCAL_ELECTION_EVERY_YEARS == 0:
        return LOCAL_ELECTION_DAY.on(year)
    return None


# ================================================================================================
# What an anchor names
# ================================================================================================


@dataclass(frozen=True)
class _Span:
    first: date
    last: date
    deadline: date  # the day "tegen/voor X" holds to


def _day(day: date) -> _Span:
    return _Span(day, day, day)


def _period(first: date, last: date) -> _Span:
    return _Span(first, last, last)


def _arrival(first: date, last: date) -> _Span:
    """A season or break: "voor X" means before it starts."""
    return _Span(first, last, first)


EveryYear = Callable[[int], "_Span | None"]


@dataclass(frozen=True)
class _Named:
    """An anchor's meaning: a fixed span, or a yearly one placed around the reference date later."""

    kind: str
    span: _Span | None = None
    every_year: EveryYear | None = None
    row: str = ""
    vague: bool = False
    needs_part: bool = False  # "het jaar" alone is no time; "het einde van het jaar" is


def _next_occurrence(every_year: EveryYear, reference: date, key: str) -> _Span | None:
    """The first occurrence whose `key` day ("last" or "deadline") is on or after the reference.

    "In juni" said in June is this June, said in July next June; "voor de zomer" said on 20 June
    is this summer (deadline 21 June), said on 22 June next summer."""
    for year in range(reference.year - 1, reference.year + 5):  # 29 February: up to 4 years on
        span = _safe(every_year, year)
        if span is not None and getattr(span, key) >= reference:
            return span
    return None


def _shifted_occurrence(every_year: EveryYear, reference: date, shift: int) -> _Span | None:
    """"Deze zomer" (0): the one containing the reference, else the one in its year.
    "Volgende zomer" (+1): the first starting after the reference. "Vorige" (-1): the last ended."""
    spans = [s for y in range(reference.year - 2, reference.year + 3) if (s := _safe(every_year, y))]
    if shift > 0:
        return next((s for s in spans if s.first > reference), None)
    if shift < 0:
        return next((s for s in reversed(spans) if s.last < reference), None)
    containing = next((s for s in spans if s.first <= reference <= s.last), None)
    return containing or _safe(every_year, reference.year)


def _safe(every_year: EveryYear, year: int) -> _Span | None:
    try:
        return every_year(year)
    except ValueError:  # 29 February in a year that has none: no occurrence that year
        return None


def _shift_period(period_of: Callable[[date], tuple[date, date]], reference: date, shift: int) -> _Span:
    first, last = period_of(reference)
    for _ in range(abs(shift)):
        first, last = period_of(last + timedelta(days=1) if shift > 0 else first - timedelta(days=1))
    return _period(first, last)


def _part_of(span: _Span, part: str, reference: date) -> _Span:
    """Narrow a span to its begin/middle/end (YEAR_PARTS, MONTH_PARTS, else thirds)."""
    first, last = span.first, span.last
    if part == DURING:
        return span
    if part == EARLIER:
        return _period(first, max(first, min(reference, last)))
    if part == LATER:
        return _period(min(last, max(reference, first)), last)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        low, high = YEAR_PARTS[part]
        return _period(date(first.year, low, 1), _month_end(first.year, high))
    if first.day == 1 and last == _month_end(first.year, first.month):
        low, high = MONTH_PARTS[part]
        return _period(first.replace(day=low), first.replace(day=min(high, last.day)))
    third = ((last - first).days + 1) // 3
    if third == 0:
        return _period(first, last)
    if part == BEGIN:
        return _period(first, first + timedelta(days=third - 1))
    if part == MIDDLE:
        return _period(first + timedelta(days=third), last - timedelta(days=third))
    return _period(last - timedelta(days=third - 1), last)


# ================================================================================================
# Patterns, built from the tables
# ================================================================================================


def _one_of(phrases: Iterable[str]) -> str:
    """An alternation of phrases, written as a prefix tree ("kerst(?:mis|dag)?").

    The regex engine tries alternatives one by one; as a tree it rejects a word after a character
    or two instead of comparing it with every phrase, which keeps the scan fast. Where one phrase
    continues another ("kerst", "kerstmis") the longer one is preferred."""
    tree: dict[str, dict] = {}
    for phrase in phrases:
        node = tree
        for token in re.findall(r"\s+|.", " ".join(phrase.lower().split())):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}
    return "(?:" + _tree_regex(tree) + ")"


def _tree_regex(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if token == " " else re.escape(token)) + _tree_regex(child)
        for token, child in sorted(node.items())
        if token
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a phrase may end here: the rest is optional, greedy so the longest wins
        return body + "?" if len(branches) > 1 else "(?:" + body + ")?"
    return body


def _key(text: str) -> str:
    return " ".join(text.lower().split())


_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_SHIFT = _one_of(SHIFT_WORDS)
_ARTICLE = r"(?:de|het)"
_YEAR_REF = rf"(?:{_YEAR}|(?:{_ARTICLE}\s+)?{_SHIFT}\s+jaar)"
_COMPOUND_NUMBER = rf"{_one_of(COMPOUND_UNITS)}(?:en|ën){_one_of(COMPOUND_TENS)}"  # "eenentwintig"
_NUMBER = (
    rf"(?:\d{{1,3}}|{_COMPOUND_NUMBER}"
    rf"|(?:een\s+)?{_one_of([*ROUGH_NUMBER_WORDS, *VAGUE_COUNT_WORDS])}|{_one_of(NUMBER_WORDS)})"
)
_PLURAL_UNITS = _one_of(w for w in UNITS if w.endswith("en"))
_NOT_A_YEAR_AFTER = "|".join(
    rf"\s*{re.escape(w)}" if not w.isalpha() else rf"\s+{re.escape(w)}(?!\w)" for w in NOT_A_YEAR_AFTER
)
_NOT_A_YEAR_BEFORE = re.compile(rf"(?<!\w){_one_of(NOT_A_YEAR_BEFORE)}\s*$", re.IGNORECASE)
_CONTEXT_CHARS = 30


def _year_suffix(name: str) -> str:
    """An optional year after a yearly anchor ("juni 2021", "maart van dit jaar", "Pasen volgend
    jaar"), as the group `name`."""
    return rf"(?:\s+(?:van\s+)?(?P<{name}>{_YEAR_REF}))?"


def _year_ref(text: str, reference: date) -> int:
    digits = re.search(r"\d{4}", text)
    if digits:
        return int(digits.group())
    shift = next(SHIFT_WORDS[w] for w in _key(text).split() if w in SHIFT_WORDS)
    return reference.year + shift


def _count(text: str) -> tuple[int, bool]:
    """A count and whether it is vague ("een paar" = 3, vague)."""
    words = _key(text)
    if words.isdigit():
        return int(words), False
    bare = words.removeprefix("een ").strip()
    if bare in VAGUE_COUNT_WORDS:
        return VAGUE_COUNT_WORDS[bare], True
    if bare in ROUGH_NUMBER_WORDS:
        return ROUGH_NUMBER_WORDS[bare], False
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words], False
    for unit in COMPOUND_UNITS:  # "eenentwintig", "tweeëndertig"
        for joiner in ("en", "ën"):
            tens = words.removeprefix(unit + joiner)
            if words.startswith(unit + joiner) and tens in COMPOUND_TENS:
                return NUMBER_WORDS[unit] + NUMBER_WORDS[tens], False
    raise ValueError(f"not a count: {text!r}")


# ================================================================================================
# Anchors: a pattern (named groups are the fields) and a function from fields to a _Named
# ================================================================================================

Fields = dict[str, str | None]


def _date_numeric(f: Fields, reference: date) -> _Named:
    return _Named("date_numeric", span=_day(date(int(f["year"]), int(f["month"]), int(f["day"]))))


def _date(f: Fields, reference: date) -> _Named:
    month, day = MONTHS[_key(f["month"])], int(f["day"])
    if f["year"]:
        return _Named("date", span=_day(date(_year_ref(f["year"], reference), month, day)))
    return _Named("date", every_year=lambda y: _day(date(y, month, day)))


def _parliamentary_session(f: Fields, reference: date) -> _Named | None:
    first, second = int(f["first"]), int(f["second"])
    if second != first + 1:
        return None
    return _Named("parliamentary_year", span=_period(*_parliamentary_year(first)))


def _year_span(f: Fields, reference: date) -> _Named | None:
    first, last = (int(y) for y in (f["a"] or f["c"] or f["e"], f["b"] or f["d"] or f["f"]))
    if last < first:
        return None
    return _Named("year_span", span=_period(date(first, 1, 1), date(last, 12, 31)))


def _yearly(
    kind: str, f: Fields, reference: date, every_year: EveryYear, row: str = ""
) -> _Named | None:
    """A yearly anchor with an optional year ("f['year']") or shift word ("f['shift']")."""
    if f.get("year"):
        span = every_year(_year_ref(f["year"], reference))
        return _Named(kind, span=span, row=row) if span else None
    if f.get("shift"):
        span = _shifted_occurrence(every_year, reference, SHIFT_WORDS[_key(f["shift"])])
        return _Named(kind, span=span, row=row) if span else None
    return _Named(kind, every_year=every_year, row=row)


def _quarter_anchor(f: Fields, reference: date) -> _Named | None:
    number = int(f["q"]) if f["q"] else ORDINALS[_key(f["ordinal"])]
    number = 4 if number == LAST else number
    if f["qyear"]:
        f = {**f, "year": f["qyear"]}
    return _yearly("quarter", f, reference, lambda y: _period(*_quarter(y, number)))


def _semester_anchor(f: Fields, reference: date) -> _Named | None:
    number = ORDINALS[_key(f["ordinal"] or f["ordinal2"])]
    number = 2 if number == LAST else number
    if number not in (1, 2):
        return None
    if f["ordinal2"]:
        year = _year_ref(f["year2"], reference) if f["year2"] else reference.year
        return _Named("semester", span=_period(*_half(year, number)))
    return _yearly("semester", f, reference, lambda y: _period(*_half(y, number)))


def _month(f: Fields, reference: date) -> _Named | None:
    month = MONTHS[_key(f["month"])]
    return _yearly("month", f, reference, lambda y: _period(date(y, month, 1), _month_end(y, month)))


_FEAST_BY_WORD = {_key(w): feast for feast in FEAST_DAYS for w in feast.words}
_BREAK_BY_WORD = {_key(w): brk for brk in BREAKS for w in brk.words}
_SEASON_BY_WORD = {_key(w): season for season in SEASONS for w in season.words}
_UNIT_BY_WORD = {_key(w): unit for unit in CALENDAR_UNITS for w in unit.words}
_VAGUE_BY_WORD = {_key(w): vague for vague in VAGUE_PHRASES for w in vague.words}


def _feast(f: Fields, reference: date) -> _Named | None:
    feast = _FEAST_BY_WORD[_key(f["name"])]
    return _yearly("feast_day", f, reference, lambda y: _day(feast.day.on(y)), feast.row)


def _break(f: Fields, reference: date) -> _Named | None:
    brk = _BREAK_BY_WORD[_key(f["name"])]
    return _yearly(brk.kind, f, reference, lambda y: _arrival(*brk.dates(y)), brk.row)


def _season(f: Fields, reference: date) -> _Named | None:
    if not (f["article"] or f["shift"] or f["year"]):
        return None  # "zomer" alone is too loose ("een warme zomer"); "de zomer", "zomer 2021" are not
    season = _SEASON_BY_WORD[_key(f["name"])]

    def every_year(year: int) -> _Span:
        first = date(year, *season.starts)
        last = date(year + (season.ends < season.starts), *season.ends)
        return _arrival(first, last)

    return _yearly("season", f, reference, every_year, season.row)


def _election(f: Fields, reference: date) -> _Named | None:
    kind = ELECTION_WORDS[_key(f["name"])]
    election_in = _flemish_election_in if kind == "flemish" else _local_election_in
    if f["year"]:
        day = election_in(int(f["year"]))
    else:
        shift = SHIFT_WORDS[_key(f["shift"])] if f["shift"] else 1
        years = range(reference.year - 7, reference.year + 8)
        days = [d for y in years if (d := election_in(y)) is not None]
        if shift < 0:
            day = next((d for d in reversed(days) if d < reference), None)
        else:
            day = next((d for d in days if d >= reference), None)
    return _Named("election", span=_day(day), row=kind) if day else None


def _span_within(f: Fields, reference: date) -> _Named:
    if f["fraction"]:
        length = FRACTION_SPANS[_key(f["fraction"])]
        return _Named("span_within", span=_period(reference, reference + length))
    unit = UNITS[_key(f["unit"])]
    if f["count"]:
        count, vague = _count(f["count"])
    elif _key(f["unit"]).endswith("en"):
        count, vague = UNCOUNTED_PLURAL, True  # "binnen weken"
    else:
        count, vague = 1, False  # "binnen de maand", "binnen het jaar"
    length = relativedelta(**{unit: count})
    return _Named("span_within", span=_period(reference, reference + length), vague=vague)


def _span_coming(f: Fields, reference: date) -> _Named:
    units = [UNITS[_key(u)] for u in (f["unit"], f["unit2"]) if u]
    unit = max(units, key=UNIT_ORDER.index)
    if f["count"]:
        count, vague = _count(f["count"])
        length = relativedelta(**{unit: count})
    else:
        length, vague = COMING_DEFAULTS[unit], True
    return _Named("span_coming", span=_period(reference, reference + length), vague=vague)


def _vague(f: Fields, reference: date) -> _Named:
    vague = _VAGUE_BY_WORD[_key(f["phrase"])]
    return _Named("vague", span=_period(reference, reference + vague.span), row=vague.row, vague=True)


def _year(f: Fields, reference: date) -> _Named:
    year = int(f["year"])
    return _Named("year", span=_period(date(year, 1, 1), date(year, 12, 31)))


def _calendar_unit(f: Fields, reference: date) -> _Named:
    unit = _UNIT_BY_WORD[_key(f["unit"])]
    shift_word = f["shift"] or f["shift2"]
    shift = SHIFT_WORDS[_key(shift_word)] if shift_word else 0
    span = _shift_period(unit.period_of, reference, shift)
    return _Named(unit.kind, span=span, needs_part=not shift_word)


@dataclass(frozen=True)
class _Anchor:
    name: str
    pattern: str
    resolve: Callable[[Fields, date], _Named | None]


_ORDINAL = _one_of(ORDINALS)
_SHIFTED = rf"(?:{_ARTICLE}\s+)?(?:(?P<shift>{_SHIFT})\s+)?"  # "de", "de komende", "volgende"
_YEAR_SUFFIX = _year_suffix("year")

# Order matters where two anchors match at the same place: the first listed wins.
_ANCHORS: tuple[_Anchor, ...] = (
    _Anchor(  # "31/12/2021", "31-12-2021", "31.12.2021"
        "date_numeric",
        rf"(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>{_YEAR})",
        _date_numeric,
    ),
    _Anchor(  # "22 september 2020", "vrijdag 25 september", "1 januari van dit jaar"
        "date",
        rf"(?:{_one_of(WEEKDAYS)}\s+)?(?P<day>{_DAY})(?:ste|de|e)?\s+(?P<month>{_one_of(MONTHS)}){_YEAR_SUFFIX}",
        _date,
    ),
    _Anchor(  # "het parlementaire jaar 2020-2021", "zitting 2020-2021"
        "parliamentary_session",
        rf"(?:{_ARTICLE}\s+)?(?:parlementaire?\s+jaar|zittingsjaar|zitting)\s+"
        rf"(?P<first>{_YEAR})\s*[-–/]\s*(?P<second>{_YEAR})",
        _parliamentary_session,
    ),
    _Anchor(  # "2020-2021", "van 2021 tot 2024", "tussen 2021 en 2024"
        "year_span",
        rf"(?P<a>{_YEAR})\s*[-–—]\s*(?P<b>{_YEAR})"
        rf"|van\s+(?P<c>{_YEAR})\s+tot(?:\s+en\s+met)?\s+(?P<d>{_YEAR})"
        rf"|tussen\s+(?P<e>{_YEAR})\s+en\s+(?P<f>{_YEAR})",
        _year_span,
    ),
    _Anchor(  # "het eerste kwartaal (van 2021)", "Q3 2021"
        "quarter",
        rf"(?:{_ARTICLE}\s+)?(?P<ordinal>{_ORDINAL})\s+(?:kwartaal|trimester){_YEAR_SUFFIX}"
        rf"|q(?P<q>[1-4])(?:\s*(?P<qyear>{_YEAR}))?",
        _quarter_anchor,
    ),
    _Anchor(  # "het tweede semester van 2022", "de tweede helft van vorig jaar"
        "semester",
        rf"(?:{_ARTICLE}\s+)?(?P<ordinal>{_ORDINAL})\s+(?:semester|jaarhelft|halfjaar){_YEAR_SUFFIX}"
        rf"|(?:de\s+)?(?P<ordinal2>{_ORDINAL})\s+helft\s+van\s+(?:het\s+jaar|(?P<year2>{_YEAR_REF}))",
        _semester_anchor,
    ),
    _Anchor("month", rf"(?P<month>{_one_of(MONTHS)}){_YEAR_SUFFIX}", _month),  # "juni", "juni 2021"
    _Anchor("feast_day", rf"{_SHIFTED}(?P<name>{_one_of(_FEAST_BY_WORD)}){_YEAR_SUFFIX}", _feast),
    _Anchor("break", rf"{_SHIFTED}(?P<name>{_one_of(_BREAK_BY_WORD)}){_YEAR_SUFFIX}", _break),
    _Anchor(
        "season",
        rf"(?:(?P<article>{_ARTICLE})\s+)?(?:(?P<shift>{_SHIFT})\s+)?(?P<name>{_one_of(_SEASON_BY_WORD)})"
        + _YEAR_SUFFIX,
        _season,
    ),
    _Anchor(  # "de verkiezingen", "de vorige verkiezingen", "de verkiezingen van 2024"
        "election",
        rf"{_SHIFTED}(?P<name>{_one_of(ELECTION_WORDS)})(?:\s+van\s+(?P<year>{_YEAR}))?",
        _election,
    ),
    _Anchor(  # "binnen de zes maanden", "binnen een paar weken", "binnen een half jaar"
        "span_within",
        rf"binnen\s+(?:(?:een\s+)?termijn\s+van\s+)?(?:(?P<fraction>{_one_of(FRACTION_SPANS)})"
        rf"|(?:{_ARTICLE}\s+)?(?:(?P<count>{_NUMBER})\s+)?(?P<unit>{_one_of(UNITS)}))",
        _span_within,
    ),
    _Anchor(  # "de komende weken", "de volgende twee maanden", "de komende weken en maanden"
        "span_coming",
        rf"(?:{_ARTICLE}\s+)?(?:komende|volgende|eerstvolgende|aankomende)\s+(?:(?P<count>{_NUMBER})\s+)?"
        rf"(?P<unit>{_PLURAL_UNITS})(?:\s+(?:en|of)\s+(?P<unit2>{_PLURAL_UNITS}))?",
        _span_coming,
    ),
    _Anchor("vague", rf"(?P<phrase>{_one_of(_VAGUE_BY_WORD)})", _vague),  # "binnenkort"
    _Anchor(  # "2021", "het jaar 2021"; not "2021 euro", not "23.2021"
        "year",
        rf"(?:het\s+jaar\s+)?(?<!\d[.,/-])(?P<year>{_YEAR})(?![.,]\d)(?!{_NOT_A_YEAR_AFTER})",
        _year,
    ),
    _Anchor(  # "dit jaar", "volgende maand", "deze legislatuur", "(het einde van) het jaar"
        "calendar_unit",
        rf"(?:{_ARTICLE}\s+(?:(?P<shift>{_SHIFT})\s+)?|(?P<shift2>{_SHIFT})\s+)"
        rf"(?P<unit>{_one_of(_UNIT_BY_WORD)})",
        _calendar_unit,
    ),
)

_PREPOSITION_RE = _one_of(PREPOSITIONS)
_PART_RE = _one_of(PARTS)


def _unnamed(pattern: str) -> str:
    """The same pattern without named groups, to embed in the combined expression."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# One alternation for all rules; the matched anchor is then parsed by its own pattern.
_EXPRESSION = (
    rf"(?<!\w)(?:(?P<prep>{_PREPOSITION_RE})\s+)?(?:(?P<part>{_PART_RE})\s+)?(?:"
    + "|".join(rf"(?P<{a.name}>{_unnamed(a.pattern)})" for a in _ANCHORS)
    + r")(?!\w)"
)
_ANCHOR_PATTERNS = {a.name: re.compile(a.pattern, re.IGNORECASE) for a in _ANCHORS}


# --- The scan: head words and the words that may precede them -------------------------------


def _words(phrase: str) -> list[str]:
    return re.findall(r"\w+", phrase.lower())


# Each table phrase is found by its last word, its head ("op korte termijn" by "termijn").
_ANCHOR_PHRASES = (
    *MONTHS, *_FEAST_BY_WORD, *_BREAK_BY_WORD, *_SEASON_BY_WORD, *ELECTION_WORDS, *_VAGUE_BY_WORD,
    *_UNIT_BY_WORD, *UNITS, *FRACTION_SPANS, "q1", "q2", "q3", "q4",
)  # fmt: skip
_HEAD_WORDS = frozenset(_words(phrase)[-1] for phrase in _ANCHOR_PHRASES)
# Words that may stand between the start of an expression and its head: prepositions, parts,
# articles, shift words, weekdays, counts, ordinals, and the other words of the table phrases.
_LEAD_WORDS = frozenset(
    word
    for phrase in (
        *PREPOSITIONS, *PARTS, *SHIFT_WORDS, *WEEKDAYS, *NUMBER_WORDS, *ROUGH_NUMBER_WORDS,
        *VAGUE_COUNT_WORDS, *ORDINALS, *(" ".join(_words(p)[:-1]) for p in _ANCHOR_PHRASES),
        "de", "het", "een", "van", "tussen", "binnen", "termijn", "helft", "zitting",
    )
    for word in _words(phrase)
)  # fmt: skip
_HEAD = rf"\b(?:{_one_of(_HEAD_WORDS)}|\d\w*)\b"
# The lead words right before a head ("ten laatste tegen het einde van het parlementaire").
_MAX_LEAD_WORDS = 10
_LEAD_RUN = rf"(?:(?<!\w)(?:{_one_of(_LEAD_WORDS)}|{_COMPOUND_NUMBER})-?\s+){{1,{_MAX_LEAD_WORDS}}}$"
_LOOK_BACK_CHARS = 100
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class _Scanner:
    head: re.Pattern[str]
    lead_run: re.Pattern[str]
    expression: re.Pattern[str]


def _scanner(flags: int) -> _Scanner:
    return _Scanner(*(re.compile(p, flags) for p in (_HEAD, _LEAD_RUN, _EXPRESSION)))


# The tables are lower case. Matching lower-cased text is several times faster than matching
# case-insensitively, so that is the usual way; the case-insensitive scanner is for the rare
# text whose lower case has another length ("İ"), where offsets would shift.
_LOWER_CASE = _scanner(0)
_ANY_CASE = _scanner(re.IGNORECASE)


def _searchable(text: str) -> tuple[str, _Scanner]:
    lowered = text.lower()
    return (lowered, _LOWER_CASE) if len(lowered) == len(text) else (text, _ANY_CASE)


def _candidate_starts(source: str, scanner: _Scanner, head: int, position: int) -> list[int]:
    """Where an expression around the head at `head` may start, farthest first: each lead word
    of the run just before it (not before `position`, the end of the last one found), then
    the head itself."""
    run = scanner.lead_run.search(source, max(position, head - _LOOK_BACK_CHARS), head)
    if run is None:
        return [head]
    return [word.start() for word in _TOKEN.finditer(source, run.start(), head)] + [head]


def _window(match: re.Match[str], text: str, reference: date, before: str) -> TimeWindow | None:
    """The window of a match of the combined pattern; `text` is what was searched, as said."""
    anchor = next(a for a in _ANCHORS if match.group(a.name) is not None)
    anchor_text = match.group(anchor.name)
    prep_text, part_text = match.group("prep"), match.group("part")
    if anchor.name == "year" and not prep_text and not part_text and _NOT_A_YEAR_BEFORE.search(before):
        return None  # "artikel 2020", "ruim 2000 ..."
    fields = _ANCHOR_PATTERNS[anchor.name].fullmatch(anchor_text).groupdict()
    prep = PREPOSITIONS[_key(prep_text)] if prep_text else WITHIN
    part = PARTS[_key(part_text)] if part_text else None
    try:
        named = anchor.resolve(fields, reference)
        if named is None or (named.needs_part and part is None):
            return None
        span = _place(named, part, prep, reference)
        if span is None:
            return None
        earliest, latest = _apply_preposition(span, prep, reference)
    except (ValueError, OverflowError):
        return None  # a day that does not exist ("31 februari") or outside the calendar
    vague = named.vague or prep in (AFTER, NOT_BEFORE)
    rule = "_".join(p for p in (named.kind, part, None if prep == WITHIN else prep, named.row) if p)
    said = " ".join(text[match.start() : match.end()].split())
    return TimeWindow(said, earliest, latest, rule, vague)


def _place(named: _Named, part: str | None, prep: str, reference: date) -> _Span | None:
    """The span the anchor names on this reference date, narrowed by the part."""
    if named.span is not None:
        return _part_of(named.span, part, reference) if part else named.span
    every_year = _narrowed(named.every_year, part, reference) if part else named.every_year
    return _next_occurrence(every_year, reference, "deadline" if prep == BEFORE else "last")


def _narrowed(every_year: EveryYear, part: str, reference: date) -> EveryYear:
    """Narrow each occurrence before choosing one: "begin oktober" said on 25 October is next
    year's, since this year's has passed."""

    def narrowed(year: int) -> _Span | None:
        span = every_year(year)
        return _part_of(span, part, reference) if span else None

    return narrowed


def _apply_preposition(span: _Span, prep: str, reference: date) -> tuple[date, date]:
    if prep == BEFORE:
        return min(reference, span.deadline), span.deadline
    if prep == REST:
        return min(reference, span.last), span.last
    if prep == AFTER:
        return span.last + timedelta(days=1), span.last + AFTER_DEFAULT
    if prep == NOT_BEFORE:
        return span.first, span.last + AFTER_DEFAULT
    return span.first, span.last
