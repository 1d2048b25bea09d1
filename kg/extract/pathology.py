"""Disease names the lexicon does not know, recognised by their form.

Clinical text names many pathologies no dictionary lists, but their words say what they
are: a word ending in "-itis", "-oma", "-osis", "-pathy" ... is a disease ("duodenitis",
"ameloblastoma", "coxarthrosis", "arteriopathy"), and "disease", "syndrome", "carcinoma",
"deficiency" ... head a disease name with the words in front of them ("parathyroid
carcinoma", "Blau syndrome", "zinc deficiency", "growth hormone deficiency"). Such a name
is grounded to the general concept of its form (neoplasm, inflammatory disease, disease);
the mention keeps its own words. The forms, heads and exceptions are data
(``ontologies/rules/pathology.tsv``). A name the dictionary knows always wins: a pattern
never cuts into a dictionary disease, therapy or outcome, and a bare head ("disease",
"tumor") is no name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.lexicon import Concept
from kg.extract.matcher import Match
from kg.extract.tokens import Token
from kg.resources import rules_dir

__all__ = ["PathologyRules", "pathology_rules", "pathology_hits"]

#: dictionary categories a pattern never swallows or cuts into
_KEPT = frozenset({"Disease", "Therapy", "Outcome"})
_MAX_MODIFIERS = 3
#: words in front of a head that say how much or which, not what kind
_DEGREE = frozenset("""
mild moderate severe marked significant minor major slight extensive diffuse multiple bilateral unilateral
similar above following remaining residual main whole general overall
""".split())
#: nouns that make a disease head their modifier ("disease progression", "syndrome patients")
_COMPOUND_NOUNS = frozenset("""
activity progression course onset duration severity status burden control management risk score stage
type subtype susceptibility gene genes mutation mutations variant variants carrier carriers patient patients
cell cells marker markers size volume site sites recurrence relapse remission response manifestation
manifestations symptom symptoms feature features criteria process model models registry group groups team
clinic center centre association society foundation panel workup screening test tests testing
""".split())
_POSSESSIVE = frozenset({"'", "’"})
#: function words, verbs and other words that end a disease name on its left
_STOP = frozenset("""
a an the this that these those his her their its our your my any some no not nor other another such same
each every all both either neither few many much more most less least several various own
of in on at to for from by with without within into onto over under after before during since than as
and or but if then also which who whom whose what when where while because although though
is was were be been being are am has had have having do did does done can could may might must shall
should will would showed shown revealed suggested suggesting developed presented diagnosed known
confirmed suspected excluded ruled considered found noted seen observed reported described
history diagnosis patient patients case cases type grade stage signs sign symptoms symptom
new old previous prior possible probable likely underlying associated related secondary primary
""".split())


@dataclass(frozen=True)
class PathologyRules:
    """Suffixes (longest first) and heads with the concept they ground to, and non-disease words."""

    suffixes: tuple[tuple[str, Concept], ...]
    heads: dict[str, tuple[Concept, bool]]
    excluded: frozenset[str]
    excluded_endings: tuple[str, ...] = ()

    #: word -> its answer: every long word of every document is asked, and words repeat
    _answers: dict[str, tuple[Concept, bool] | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    def concept_of(self, word: str) -> tuple[Concept, bool] | None:
        """The concept a word names by its form, and whether it needs a modifier."""
        try:
            return self._answers[word]
        except KeyError:
            pass
        if len(self._answers) > 200_000:
            self._answers.clear()
        named = self._answers[word] = self._concept_of(word)
        return named

    def _concept_of(self, word: str) -> tuple[Concept, bool] | None:
        if word in self.excluded or word.endswith(self.excluded_endings):
            return None
        if word in self.heads:
            return self.heads[word]
        for suffix, concept in self.suffixes:
            if word.endswith(suffix) and (len(word) >= len(suffix) + 2 or word == suffix and len(word) >= 6):
                return concept, False
        return None


@lru_cache(maxsize=1)
def pathology_rules() -> PathologyRules:
    """The rules in ``ontologies/rules/pathology.tsv`` (read once)."""
    suffixes: list[tuple[str, Concept]] = []
    heads: dict[str, tuple[Concept, bool]] = {}
    excluded: set[str] = set()
    endings: list[str] = []
    for line in (rules_dir() / "pathology.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, form, curie, label, modifier = (line.split("\t") + [""] * 5)[:5]
        if kind == "not":
            excluded.add(form)
            continue
        if kind == "not-suffix":
            endings.append(form)
            continue
        concept = Concept(curie=curie, category="Disease", label=label)
        if kind == "suffix":
            suffixes.append((form, concept))
        elif kind == "head":
            heads[form] = (concept, modifier.strip() == "required")
        else:
            raise ValueError(f"pathology.tsv: unknown kind {kind!r} in {line!r}")
    suffixes.sort(key=lambda item: -len(item[0]))
    return PathologyRules(tuple(suffixes), heads, frozenset(excluded), tuple(endings))


def pathology_hits(tokens: list[Token], hits: list[Match], rules: PathologyRules | None = None) -> list[Match]:
    """Disease names recognised by form, as hits to rank with the dictionary's."""
    rules = rules or pathology_rules()
    starts = [t.start for t in tokens]
    found: list[Match] = []
    for index, token in enumerate(tokens):
        word = token.text.lower()
        if len(word) < 5 or not word.isalpha() or _after_anti(tokens, index):
            continue
        named = rules.concept_of(word)
        if named is None:
            continue
        concept, required = named
        if word in rules.heads and _compound_follows(tokens, index):
            continue  # "disease progression", "syndrome patients": the head word modifies a noun
        covering = [h for h in hits if h.start < token.end and token.start < h.end]
        if any(h.start < token.start or h.end > token.end for h in covering):
            continue  # the dictionary knows a longer name with this word in it
        if covering and word not in rules.heads:
            continue  # the dictionary knows this word
        exact = [h for h in covering if h.concepts[0].category in _KEPT]
        concepts = exact[0].concepts if exact else (concept,)
        start = _modifiers_start(tokens, starts, index, hits)
        if (required and not _names_a_kind(tokens, starts, start, index)) or start == token.start and covering:
            continue  # a bare head ("the disease", "moderate impairment"), or a word the dictionary knows
        found.append(Match(start, token.end, concepts, case_sensitive=False, by_form=not exact))
    return found


def _after_anti(tokens: list[Token], index: int) -> bool:
    """ "anti-infection", "antituberculosis": what acts against a disease is no disease."""
    word = tokens[index].text.lower()
    return word.startswith("anti") or index >= 2 and tokens[index - 1].text == "-" and tokens[index - 2].text.lower() == "anti"


def _names_a_kind(tokens: list[Token], starts: list[int], start: int, index: int) -> bool:
    """True when a word in front of the head says what kind of disease it is, not how much
    ("mild", "similar", "above")."""
    first = bisect_left(starts, start)
    return any(t.text[:1].isalnum() and t.text.lower() not in _DEGREE for t in tokens[first:index])


def _compound_follows(tokens: list[Token], index: int) -> bool:
    """True when the next word makes the head a modifier ("disease activity", "tumor cells")."""
    if index + 1 >= len(tokens):
        return False
    token, following = tokens[index], tokens[index + 1]
    return following.start - token.end <= 1 and following.text.lower() in _COMPOUND_NOUNS


def _modifiers_start(tokens: list[Token], starts: list[int], index: int, hits: list[Match]) -> int:
    """Where the words in front of a head that belong to its name begin ("Richter's", "zinc")."""
    start = tokens[index].start
    count, j = 0, index - 1
    while j >= 0 and count < _MAX_MODIFIERS:
        token = tokens[j]
        if token.end != start and tokens[j + 1].start - token.end > 1:
            break  # more than one space between words
        if token.text in ("-", "‐", "–") and j > 0:
            j -= 1
            continue
        if token.text == "s" and j > 1 and tokens[j - 1].text in _POSSESSIVE:
            j -= 2
            continue
        if token.text == ")" and j > 2 and tokens[j - 2].text == "(":
            j -= 3  # an abbreviation inside the name: "left ventricular (LV) dysfunction"
            continue
        if not _is_modifier(token.text) or j > 0 and tokens[j - 1].text[0].isdigit() and len(token.text) <= 3:
            break  # not a modifier, or a unit after a number ("3 cm")
        covering = [h for h in hits if h.start < token.end and token.start < h.end]
        if any(h.concepts[0].category in _KEPT or h.end > start for h in covering):
            break
        first = min([token.start, *(h.start for h in covering)])
        start = first
        count += 1
        j = bisect_left(starts, first) - 1
    return start


def _is_modifier(text: str) -> bool:
    """A word that can stand in front of a disease head: no function word, adverb, participle
    ("revealing", "underlying") or number."""
    if not text[:1].isalpha() or not text.replace("-", "").isalnum():
        return False
    low = text.lower()
    return low not in _STOP and not (low.endswith(("ly", "ing")) and len(low) > 4)


