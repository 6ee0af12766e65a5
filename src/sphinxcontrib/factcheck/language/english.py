"""English: the vocabulary the fact check reads English texts by.

>>> VOCABULARY.qualifiers["more than"]
<Qualifier.ABOVE: 'above'>
>>> sorted(VOCABULARY.seasons)
['autumn', 'fall', 'spring', 'summer']
"""

from __future__ import annotations

from decimal import Decimal

from ..figures import Qualifier
from . import Vocabulary

_MONTH_NAMES = [
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sept", "Sep"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
]

VOCABULARY = Vocabulary(
    code="en",
    months={name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names},
    # "May" is a month only where it cannot be the verb: "in May", "since May".
    ambiguous_months={"May": ("in", "since", "until", "by", "early", "late", "mid-")},
    weekdays={
        name: number
        for number, name in enumerate(
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        )
    },
    units={
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
    },
    teens={
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
    },
    tens={
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    },
    scales={
        "hundred": Decimal(100),
        "thousand": Decimal(1000),
        "million": Decimal(10) ** 6,
        "billion": Decimal(10) ** 9,
        "trillion": Decimal(10) ** 12,
    },
    dozen="dozen",
    half="half",
    fractions={"third": 3, "quarter": 4},
    percent=("percent", "per cent"),
    ratio_joiners=("in", "out of"),
    range_openers=("between", "from"),
    range_joiners=("and", "to", "through"),
    currency=("dollars", "dollar"),
    definite_articles=("the",),
    pronouns=frozenset("he she his her hers him they their them it its we our i who".split()),
    auxiliaries=frozenset("also then now still already has have had is was are were will".split()),
    conjunctions=frozenset(
        "and or but if so yet whether although though while whereas because unless when".split()
    ),
    list_joiners=frozenset(("and", "or", "&")),
    fiscal_year=("FY", "fiscal year", "fiscal"),
    qualifiers={
        "nearly": Qualifier.BELOW,
        "almost": Qualifier.BELOW,
        "just under": Qualifier.BELOW,
        "fewer than": Qualifier.BELOW,
        "less than": Qualifier.BELOW,
        "up to": Qualifier.BELOW,
        "more than": Qualifier.ABOVE,
        "over": Qualifier.ABOVE,
        "at least": Qualifier.ABOVE,
        "just over": Qualifier.ABOVE,
        "upwards of": Qualifier.ABOVE,
        "above": Qualifier.ABOVE,
        "roughly": Qualifier.ABOUT,
        "about": Qualifier.ABOUT,
        "around": Qualifier.ABOUT,
        "approximately": Qualifier.ABOUT,
        "an estimated": Qualifier.ABOUT,
        "some": Qualifier.ABOUT,
    },
    relative={"last": -1, "previous": -1, "this": 0, "next": 1, "past": None},
    year="year",
    month="month",
    week="week",
    days="days",
    weeks="weeks",
    ago="ago",
    one=("a", "one"),
    fiscal="fiscal",
    seasons={"spring": 3, "summer": 6, "fall": 9, "autumn": 9},
    season_determiners=("the", "this"),
    articles=("a", "an"),
    function_words=frozenset("a an the of on in at to and or by for from with as".split()),
    stop_words=frozenset(
        """that this with from have been were they their there which when what will would could
        should about after before also more than over into said says according against while
        where other such some these those them then only very just even most much many each both
        because being does done during through under until upon your nearly almost roughly
        around least year years last next month week percent
        """.split()
    ),
    demonyms={
        "Mexican": "Mexico",
        "Mexicans": "Mexico",
        "American": "America",
        "Americans": "America",
        "Chinese": "China",
        "Canadian": "Canada",
        "Canadians": "Canada",
        "Guatemalan": "Guatemala",
        "Guatemalans": "Guatemala",
        "Honduran": "Honduras",
        "Salvadoran": "El Salvador",
        "Venezuelan": "Venezuela",
        "Venezuelans": "Venezuela",
        "Indian": "India",
        "German": "Germany",
    },
    measures={
        **dict.fromkeys(("pound", "pounds", "lb", "lbs"), "pound"),
        **dict.fromkeys(("kilogram", "kilograms", "kilo", "kilos", "kg"), "kilogram"),
        **dict.fromkeys(("ton", "tons", "tonne", "tonnes"), "ton"),
        **dict.fromkeys(("gram", "grams"), "gram"),
        **dict.fromkeys(("ounce", "ounces"), "ounce"),
        **dict.fromkeys(("pill", "pills", "tablet", "tablets"), "pill"),
        **dict.fromkeys(("dose", "doses"), "dose"),
        **dict.fromkeys(("minute", "minutes"), "minute"),
        **dict.fromkeys(("hour", "hours"), "hour"),
        **dict.fromkeys(("day", "days"), "day"),
        **dict.fromkeys(("week", "weeks"), "week"),
        **dict.fromkeys(("month", "months"), "month"),
        **dict.fromkeys(("year", "years"), "year"),
        **dict.fromkeys(("people", "persons", "person"), "person"),
        **dict.fromkeys(("household", "households"), "household"),
        **dict.fromkeys(("family", "families"), "family"),
    },
    rate_words=frozenset(("per", "a", "an", "each", "every")),
    # Debian's and Ubuntu's wamerican and wbritish (the Makefile installs wamerican).
    word_lists=(
        "/usr/share/dict/american-english",
        "/usr/share/dict/british-english",
        "/usr/share/dict/words",
    ),
    periods={
        **dict.fromkeys(("hour", "hours"), "hour"),
        **dict.fromkeys(("day", "days"), "day"),
        **dict.fromkeys(("week", "weeks"), "week"),
        **dict.fromkeys(("month", "months"), "month"),
        **dict.fromkeys(("year", "years"), "year"),
    },
    titles=frozenset(
        """Sen Sens Senator Senators Rep Reps Representative Gov Governor President Presidents
        Vice Secretary Minister Ambassador Attorney General Administrator Director Mr Mrs Ms Dr
        Gen Lt Col Chairman Chairwoman Chair Undersecretary Deputy Consul Former Prime""".split()
    ),
    abbreviations=frozenset(
        """U.S U.N U.K D.C Mr Mrs Ms Dr Sen Sens Rep Reps Gen Gov Lt Col Sgt St Jr Sr Inc Co
        Corp Ltd No Nos vs etc e.g i.e a.m p.m Ariz Calif Tex Fla R-S.C R-La I-Ariz D-Ariz
        S.C La Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec Ave Dept Govt approx""".split()
    ),
)
