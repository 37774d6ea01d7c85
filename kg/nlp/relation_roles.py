"""People's roles and nationality: "X, leader of Y", "Y's spokesman X", "X, a member of
Y", "Russian President X" (the role nouns are data, data/lexicons/roles.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Mention
from kg.nlp.lexicons import role_nouns, type_nouns
from kg.nlp.relation_finder import RelationFinder, _is_place, _pobjs, _words
from kg.ontology import top_class

if TYPE_CHECKING:
    from spacy.tokens import Token


class RoleFinder(RelationFinder):
    """Relations of a person read off their titles and appositions."""

    def roles(self) -> None:
        nouns = role_nouns()
        for m in self.mentions:
            if m.cls != "Person" or (m.start, m.end) not in self.span_root:
                continue
            root = self.span_root[(m.start, m.end)]
            role_toks = [c for c in root.children if c.dep_ == "appos"]
            if root.dep_ == "appos":
                role_toks.append(root.head)
            own = self._span_toks(m)
            role_toks += [c for c in root.children if c.dep_ == "compound" and c.i not in own]
            role_toks += self.descriptions.get((m.start, m.end), [])
            self._nationality(m, root, role_toks)
            for _, place in _pobjs(root, {"of"}):  # "Scott Dayton, of Woodbridge, Virginia"
                home = self.by_token.get(place.i)
                if home is not None and _is_place(home):
                    self.add("locatedIn", m, home, "person-of-place", 0.6)
            for r in role_toks:
                pred = nouns.get(r.lemma_.lower())
                prev = r.doc[r.i - 1] if r.i > 0 else None
                if prev is not None and f"{prev.lower_} {r.lemma_.lower()}" in nouns:
                    pred = nouns[f"{prev.lower_} {r.lemma_.lower()}"]  # "prime minister"
                if pred is None:
                    continue
                if pred == "leaderOf" and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in r.children
                ):
                    pred = "memberOf"  # "an ISIL leader" is one of its leaders
                for _, obj in _pobjs(r, _words("role_preps")):
                    self._role_object(pred, m, obj, "role-apposition", 0.8)
                # "Joseph Votel, commander, U.S. Central Command": the body in apposition
                for c in [*r.children, *root.children]:
                    if c.dep_ == "appos" and c.i > r.i:
                        self._role_object(pred, m, c, "role-apposition", 0.7)
                for c in r.children:  # "Russian President Putin", "the party's leader"
                    people = self.by_token.get(c.i)
                    if people is not None and people.cls == "EthnicGroup":
                        continue  # "a Kurdish commander" leads no people: see _nationality
                    if c.dep_ in ("poss", "compound", "amod"):
                        self._role_object(pred, m, c, "role-modifier", 0.7)

    def _nationality(self, person: Mention, root: Token, role_toks: list[Token]) -> None:
        """ "Russian President Vladimir Putin", "X, a Kurdish commander": a people or a
        country modifying the person's title. The graph states it as citizenship of the
        people's country (or membership of a people without one)."""
        own = self._span_toks(person)
        for r in [root, *role_toks]:
            for c in r.children:
                if c.dep_ not in ("amod", "compound") or c.i in own:
                    continue
                m = self.by_token.get(c.i) or self._country_named(c.text)
                if m is not None and m.cls in ("EthnicGroup", "Country"):
                    self.add("citizenOf", person, m, "nationality", 0.6)

    def _country_named(self, demonym: str) -> Mention | None:
        """The article's mention of the country a demonym belongs to ("Iraqi" → "Iraq")."""
        country = self.gaz.country_of_demonym.get(demonym.lower())
        return self.first_with_id.get(country)

    def _role_object(self, pred: str, person: Mention, tok: Token, how: str, conf: float) -> None:
        obj = self.by_token.get(tok.i)
        if obj is not None and obj.antecedent is not None:
            obj = None  # the description of a person is not what they lead
        if obj is None:
            # "spokesman for the Indonesian military": the mention inside the object phrase
            # or "president of the Lombardy region": the name inside a kind-of-thing noun
            inner = [self.by_token[c.i] for c in tok.children if c.i in self.by_token]
            kind = tok.lemma_.lower() in _words("body_nouns")
            obj = inner[0] if inner and (kind or tok.lemma_.lower() in type_nouns()) else None
        if obj is not None and obj.cls != "Person" and top_class(obj.cls) in ("Group", "Region"):
            if top_class(obj.cls) == "Region" and pred == "memberOf":
                if obj.cls == "Country":  # "Russia's foreign minister" is at least Russian
                    self.add("citizenOf", person, obj, how, conf)
                return
            self.add(pred, person, obj, how, conf)
