"""Cues for what was done with a number (its measure): verbs, purposes of money, related
crimes, estimates, explicit nones. Data only; measures.py and keyfigures.py apply them."""

from __future__ import annotations

import re

from tipcli.facts.vocabulary import OFFICIAL_NOUNS, PEOPLE_NOUNS

# One word before a count that says what was done, nearest first wins. Order matters
# only for a word two patterns could take.
VERB_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), measure)
    for pattern, measure in (
        (r"convict\w*", "convictions"),
        (r"prosecut\w*|indict\w*|charged|charges|tried", "prosecutions"),
        (r"investigat\w*", "investigations"),
        (r"arrest\w*|detain\w*|apprehend\w*", "arrests"),
        (r"rescu\w*|freed|removed|withdr[ae]w\w*", "victims rescued"),
        (r"identif\w*|confirmed|certified", "victims identified"),
        (r"assist\w*|sheltered|provided|repatriat\w*|housed|served", "victims assisted"),
        (r"sentenc\w*|imprisonment|prison|jail", "sentences"),
        (r"estimat\w*", "estimate"),
    )
)
# Verbs of more than one word, read as the one-word verb they mean: "looked into 45
# cases", "handed down guilty verdicts against 11 traffickers", "sent to court".
PHRASAL_VERBS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), verb)
    for pattern, verb in (
        (r"\blooked into\b|\bprobed\b", "investigated"),
        (r"\b(?:handed down|secured|obtained|issued|delivered|returned|won|reached)\s+"
         r"(?:\w+\s+)?guilty verdicts?\b", "convicted"),
        (r"\b(?:sent|brought|taken|committed)\s+(?:\w+\s+)?(?:to|before)\s+(?:a |the )?"
         r"(?:courts?|trial|judges?)\b", "prosecuted"),
    )
)  # fmt: skip
# The words of a count's own clause, up to a passive verb: "14 cases involving 20 suspects
# were"; not into a relative clause ("suspects who were") or a second figure's clause.
_OWN_CLAUSE = r"^\s*(?:(?!(?:and|or|but|of|while|who|which|that|not)\b)[\w-]+\s+){0,4}?"
# Said after the number: "17 cases were sent to court", "nine cases were brought to trial".
PROSECUTED_AFTER = re.compile(
    _OWN_CLAUSE + r"(?:were|was|had been|have been)\s+(?:sent|brought|taken|referred|forwarded"
    r"|transferred|submitted|committed)\s+(?:\w+\s+)?(?:to|before)\s+(?:a |the )?"
    r"(?:courts?|trial)\b",
    re.I,
)
# Found guilty, said after the number: "found seven defendants guilty", "23 guilty
# verdicts", "five defendants were found guilty"; never "not guilty".
GUILTY_AFTER = re.compile(
    _OWN_CLAUSE + r"(?:(?:were|was|had been|have been)\s+(?:found|"
    r"declared|pronounced)\s+)?(?<!not )guilty\b",
    re.I,
)
# What a count led to, said after it: "20 were prosecuted and 12 resulted in convictions".
RESULTED_IN_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:resulted|ended) in (?:\w+\s+)?"
    r"(?P<measure>convictions|prosecutions|investigations)\b",
    re.I,
)
# A participle right after the counted noun: "the 50 cases investigated", "45 suspects
# arrested". Read only when no verb before the number says what was done.
PARTICIPLE_AFTER = re.compile(
    r"^\s*(?:(?!(?:and|or|but|who|which|that)\b)[\w-]+\s+){1,3}?(?P<verb>[a-z]+ed)\b"
)
# Registering a case is opening an investigation ("police recorded 47 cases").
CASE_OPENING_VERB = re.compile(r"recorded|registered|opened|handled|initiated", re.I)
# Sent on to prosecutors: "referred 41 suspects for prosecution", "forwarded 18 of them to
# the Attorney General for prosecution".
FOR_PROSECUTION_AFTER = re.compile(
    r"^[^;]{0,80}?\bfor (?:criminal )?(?:prosecution|trial|indictment)", re.I
)
# Measures a count's unit names by itself ("261 investigations").
UNIT_MEASURES = ("investigations", "prosecutions", "convictions", "arrests")
VICTIM_MEASURES = frozenset({"victims rescued", "victims identified", "victims assisted"})
PEOPLE_UNIT = re.compile(PEOPLE_NOUNS, re.I)
# A count of victims identified alongside another verb: identification is the figure
# ("identified and assisted 50 victims").
IDENTIFIED_IN_VERB_GROUP = re.compile(r"\bidentif\w*\s+(?:\w+\s+){0,2}?(?:and|or)\s+\w+\s*$", re.I)

# Related crimes: figures for offences that are not trafficking, even when larger.
RELATED_CRIME = re.compile(
    r"\bpimp\w*|\bpander\w*|\bprocur(?:ing|ement|ers?)\b|\bbrothel[- ]keep\w*"
    r"|\b(?:organi[sz]\w* |facilitat\w* |exploitation of |inducement (?:in|to) )prostitution"
    r"|\bprostitution[- ]related|\bsmuggl\w*|(?<!-)\brelated (?:crimes|offen[cs]es|charges|"
    r"convictions|cases|investigations|prosecutions)|\blabou?r(?:[- ]law| code)? violations"
    r"|\bviolations of (?:the )?labou?r|\bfraudulent recruitment|\billegal (?:border|migration)"
    # The same action under another law: "38 employers were prosecuted under the labor law".
    r"|\bunder (?:the |its |a |an )?(?:country's |national )?(?:[\w-]+ ){0,2}?(?:labou?r|"
    r"immigration|migration|employment|prostitution|passport|other|different|separate)\b"
    r"[\w -]{0,20}?\b(?:laws?|codes?|acts?|statutes?|provisions|articles|legislation)\b",
    re.I,
)
# Every related-crime cue holds one of these: a cheap test before the patterns.
RELATED_CRIME_STEMS = (
    "pimp", "pander", "procur", "brothel", "prostitution", "smuggl", "related", "violation",
    "fraudulent", "illegal", "rather than", "instead of", " as ", "under ",
)  # fmt: skip
# Said once in a sentence, about all of its figures: "because these cases were handled as
# labor violations", "prosecuted as fraud rather than trafficking".
RELATED_CRIME_SENTENCE = re.compile(
    r"\b(?:handled|treated|tried|prosecuted|classified|registered) as (?:\w+ ){0,2}"
    r"(?:violations|offen[cs]es|crimes)\b|\brather than (?:as )?trafficking\b"
    r"|\binstead of (?:as )?trafficking\b",
    re.I,
)
# A figure about officials' complicity: a trafficking figure, not the year's total.
COMPLICITY = re.compile(r"\bcomplicit\w*|\bcorrupt\w*", re.I)
OFFICIAL_UNIT = re.compile(rf"\b(?:{OFFICIAL_NOUNS})\b", re.I)

# What a money amount was for. Fines first, then court awards, then budgets.
FINE = re.compile(r"\bfines?\b|\bfined\b|\bpenalt", re.I)
RESTITUTION = re.compile(
    r"\brestitution|\bcompensat\w*|\bback wages|\bunpaid wages|\bdamages\b|\breparation", re.I
)
FUNDING = re.compile(
    r"\bbudget\w*|\ballocat\w*|\bgrants?\b|\bfund(?:ed|ing|s)?\b|\bspen[dt]\w*|\bdisburs\w*"
    r"|\bcontribut\w*|\bprovided\b|\bearmark\w*|\bappropriat\w*|\bfinanc\w*|\bdonat\w*",
    re.I,
)
# Not a government anti-trafficking budget even next to a funding word.
NOT_FUNDING = re.compile(
    r"\bfees?\b|\bdebts?\b|\bbride|\bsmugglers?\b|\bransom|\bbribes?\b|\bsalar\w*|\bwages?\b"
    r"|\bassets?\b|\bseiz\w*|\bconfiscat\w*|\bbond\b|\bloans?\b|\bcharge\b|\bpaid\b",
    re.I,
)

# Estimates that are of victims or prevalence, not of workers abroad or people reached.
ESTIMATE_VERB = re.compile(r"\bestimat\w*", re.I)
VICTIM_UNIT = re.compile(r"victim|survivor|slave", re.I)
EXPLOITATION = re.compile(
    r"\btraffick\w*|\bforced (?:labou?r|prostitution|begging|marriage)|\bbonded\b|\bbondage"
    r"|\bslavery|\bservitude|\bexploit\w*|\bcommercial sex|\bsex trade|\bchild soldiers",
    re.I,
)
NOT_PREVALENCE = re.compile(
    r"\breach\w*|\battend\w*|\bparticipat\w*|\btrain\w*|\bbeneficiar\w*|\bdetention"
    r"|\b(?:labou?r|re-?education|rehabilitation|detention) (?:cent(?:er|re)s?|camps?)"
    r"|\bwork(?:ers|ing)? abroad|\bwork in\b",
    re.I,
)

# Sending a case on: a prosecution only when the text says "for prosecution".
REFERRAL_VERB = re.compile(r"refer\w*|forward\w*|sent|transferr\w*|submitt\w*", re.I)

# Explicit nones: "did not report any investigations, prosecutions, or convictions",
# "did not convict any traffickers", "reported no prosecutions", "identified no victims".
NEGATION = re.compile(
    r"\b(?:did not|didn't|does not|do not|has not|have not|had not|failed to|could not"
    r"|was unable to)\b",
    re.I,
)
NONE_WORD = re.compile(r"\b(?:any|anyone|anybody|a single)\b", re.I)
_FIGURE_NOUN = (
    r"(?:new |reported |criminal |formal |trafficking |human trafficking )*"
    r"(?:investigations|prosecutions|convictions|cases|traffickers|victims|one|suspects)\b"
)
NO_FIGURE = re.compile(
    r"\b(?:reported|recorded|there (?:were|was)|initiated|conducted|secured|obtained|achieved)"
    rf"\s+(?:no|zero)\s+{_FIGURE_NOUN}"
    r"|\b(?:investigated|prosecuted|convicted|identified)\s+(?:no|zero)\b"
    rf"|\bno\s+{_FIGURE_NOUN}[^,;]{{0,40}}?\b(?:were|was)\b",
    re.I,
)
NONE_CLAUSE_END = re.compile(r"[;.]|, (?:and|but|while|although|though|as)\b|\bbut\b|\bwhile\b")
# What a none is about. A none about data ("did not report any data on investigations") is
# not reported, not zero; a none about officials is not the year's total.
NONE_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\binvestigat\w*", re.I), "investigations"),
    (re.compile(r"\bprosecut\w*|\bindict\w*|\bcharg(?:ed|es|ing)\b", re.I), "prosecutions"),
    (re.compile(r"\bconvict\w*", re.I), "convictions"),
    (re.compile(r"\bidentif\w*\s+(?:(?:or|and) \w+\s+)?(?:any|no)\b[^,;]{0,30}\bvictims?\b"
                r"|\bno (?:\w+ )?victims? (?:were|was) identified", re.I),
     "victims identified"),
)  # fmt: skip
NOT_A_NONE = re.compile(
    r"\blabou?r traffick\w*|\bsex traffick\w*|\bforced labou?r|\bforced prostitution"
    r"|\b(?:this|that|these|such) (?:offen[cs]es?|crimes?|practices?)\b|\bwhether\b|\bdata\b|\bstatistics\b|\binformation\b|\bfigures\b|\bcomplicit\w*|\bcorrupt\w*"
    r"|\bofficials?\b|\bemployees\b|\bofficers\b",
    re.I,
)
# A figure the text calls the total: it wins over the figures before it.
TOTAL_BEFORE = re.compile(r"\b(?:a total of|in total|altogether|overall)\b[^;]*$", re.I)
# A count over several years: "Since the enactment of the law in 2003, courts have convicted
# a total of 1,230 traffickers", "since 2015", "to date".
CUMULATIVE_BEFORE = re.compile(
    r"\bsince (?:the |its )?(?:enactment|adoption|inception|creation|establishment|(?:19|20)\d\d)"
    r"\b[^;]*$"
    # "Since the anti-trafficking law took effect in 2010": a year or a law after "since".
    r"|\bsince\b[^;.]{0,60}?\b(?:(?:19|20)\d\d|law|act|code|legislation)\b[^;]*$"
    r"|\bcumulative\w*\b[^;]*$|\bto date\b[^;]*$",
    re.I,
)
# "an additional 145 migrant workers": a second count to add to the first.
ADDITIONAL_BEFORE = re.compile(r"\b(?:an? (?:additional|further)|another)\s+$", re.I)
# Words between two figures that make the second a part of the first, not a second part.
PART_MARKER = re.compile(
    r"\bincluding\b|\bof (?:whom|which|them|these|those)\b|\bamong\b|\binvolving\b"
    r"|\bcompris\w*|\bconsist\w*|\bin total\b|\btotal\b|[:(—–]",
    re.I,
)
# "16 traffickers and state courts convicted 70": a second part of the same total.
SIBLING_JOIN = re.compile(r"(?:,|\band\b|\bas well as\b)(?:\s+[\w'’-]+){0,4}\s*$", re.I)
# Words for where counted people come from, which split one count into parts.
ORIGIN_MODIFIERS = frozenset({"foreign", "domestic", "local", "national", "international"})
# A second body's own report between two figures: "..., while the police reported 95".
ANOTHER_REPORT = re.compile(
    r"\b(?:while|whereas)\b|\b(?:reported|recorded|registered|stated|said|cited|noted"
    r"|indicated|claimed|counted)\b",
    re.I,
)
# Words that make two bodies' figures disjoint parts of one total.
DISJOINT_PARTS = re.compile(
    r"\bin addition\b|\badditional\b|\bfurther\b|\bseparately\b|\bfederal\b|\bstate\b"
    r"|\bprovincial\b|\bregional\b|\bdistrict\b|\bmunicipal\b|\bcantonal\b|\bentity\b",
    re.I,
)
# A figure that is part of the one before: "164 victims ..., 89 of them children".
PART_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?of (?:them|whom|which|these|those)\b", re.I)
# Not a final outcome of the period: appeals, pending cases, acquittals, ongoing trials.
NOT_FINAL = re.compile(
    r"\bappeal\w*|\bpending\b|\bawaiting\b|\bongoing\b|\bacquit\w*|\bremained\b"
    r"|\b(?:in|from) (?:previous|prior|earlier) (?:years|reporting periods)",
    re.I,
)
