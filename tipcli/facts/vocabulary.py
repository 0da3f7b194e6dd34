"""Word lists the fact grammar reads: data only, no logic.

Lower case unless said otherwise. Each list says what it is for; patterns built from these
live in patterns.py (what a number is) and cues.py (what was done with it).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, for reading."""
    return frozenset(text.split())


MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip

# Words before a number that make it a reference, not a quantity ("Article 244"); their
# plurals take a list ("Sections 174, 254, 260, and 264").
REFERENCE_WORDS = (
    "Article", "Section", "Paragraph", "Chapter", "Clause", "Decree", "Resolution", "No\\.",
    "Number", "Law", "Act", "Code", "Tier", "Rule", "Ordinance", "Regulation", "Protocol",
)  # fmt: skip

# Currency names as narratives write them after an amount (regex alternatives).
CURRENCIES = (
    "rupees|rupiah|ringgit|shillings|cedis|riyals|rials|dollars|euros|pesos|baht|dinars|"
    "dirhams|pounds|yuan|renminbi|RMB|taka|naira|rand|won|yen|lei|leva|kip|kyats?|"
    "lempiras|quetzales|colones|soles|reais|rubles|roubles|hryvnias?|tenge|som|manat|lari|"
    "drams?|somoni|afghanis|liras?|francs|kwacha|birr|leones|dalasi|ariary|pula|"
    "nakfa|ouguiya|dong|riel|tugriks?|lek|denars?|marks|kuna|zlotys?|forints?|koruna|"
    "krona|kronor|kroner|shekels|dinar|euro|dollar|peso|rupee|shilling|cedi|riyal|leu|lev|"
    "drachmas|escudos|pesetas|guilders|schillings|lats|litas|kroons|tolars|manats"
)

# Words that can stand before a number as its qualifier, longest first where they overlap.
QUALIFIERS = (
    "an estimated minimum of", "an estimated maximum of", "a minimum of", "a maximum of",
    "an estimated", "estimated", "at least", "up to", "more than", "over", "nearly", "almost",
    "approximately", "about", "around", "roughly", "fewer than", "less than", "at most",
    "as many as", "as few as", "as young as", "as old as", "under", "below", "in excess of",
    "close to", "within", "some",
)  # fmt: skip

# Words that end the noun phrase after a number: it names what was counted, up to here.
STOP_WORDS = _words(
    """a an the in of for from to at on by with who whom whose which that were was are is be
    been being had has have did do does during under and or but than as per each every across
    along through into while after before since until among between about against over within
    without toward towards via including such these those this there their its it they them
    he she we his her our some all any no not also still only more most other further
    additional total respectively when where because although though if so then work works
    worked live lives lived remain remains remained found received attended fled died face
    faced returned left stayed continue continued reported held became went can could may
    might will would should must year years month months day days week weeks percent"""
)

# Plural nouns without a plural -s.
IRREGULAR_PLURALS = _words(
    "children people men women police personnel staff persons youth rohingya"
)
# Plural-looking words that also stand before a noun: "police officers", "staff members".
NOUN_MODIFIER_PLURALS = _words("police staff youth security")
# Modifiers that take a modifier of their own: "border police officers", "coast guard".
COMPOUND_MODIFIERS = _words("police guard")
IRREGULAR_SINGULARS = {"child": "children", "person": "people", "man": "men", "woman": "women"}

# Words kept in a unit before its head noun ("suspected traffickers", "rescue centers"),
# and -ed/-ing words that may stand inside a noun phrase.
KEEP_MODIFIERS = _words(
    """suspected alleged potential presumed child domestic migrant foreign
    immigration rescue investigation canoe fishing regional police border government law
    enforcement public security court judicial district provincial local national social
    welfare health recruitment employment labor-recruitment adult female male sex victim hotel
    tour boat brick shelter care drop-in transit reception safe mobile task crisis street
    detention rehabilitation young coast guard"""
)

# Currencies whose names do not take a plural -s when the text writes them singular.
CURRENCIES_WITHOUT_PLURAL = _words(
    """ringgit rupiah baht yuan rmb won yen kip tenge som manat lari somoni birr dalasi ariary
    pula dong riel lek koruna krona lei leva taka naira rand"""
)

# Nouns for people: a count of these can be victims, a count of "agencies" cannot.
PEOPLE_NOUNS = (
    "victim|child|girl|boy|women|men|people|persons|workers|migrants|minors|adults|"
    "females|males|individuals|nationals|citizens|survivors"
)

# Who an official-complicity figure is about: not the narrative's trafficking totals.
OFFICIAL_NOUNS = (
    "officials?|officers?|employees?|police|policemen|soldiers?|judges?|prosecutors?|"
    "civil servants?|guards?|diplomats?|servicemen|personnel"
)
