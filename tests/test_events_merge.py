"""Reports of one event in several articles become one event node; different ones do not."""

from __future__ import annotations

import dataclasses

from kg.graph import assemble
from kg.link import group_events, link
from kg.model import Argument, EventMention
from tests.conftest import extraction_of, select


def _with_attack(text: str, agent: str, target: str, year: str | None = None):
    x = extraction_of(text, (agent, "Region"), (target, "Region"))
    a, t = x.mentions
    trig = text.index("attacked")
    args = [Argument("agent", a.start, a.end, a.text), Argument("target", t.start, t.end, t.text)]
    if year:
        y = text.index(year)
        args.append(Argument("time", y, y + 4, year, year))
    ev = EventMention("Attack", "attacked", trig, trig + 8, 0, "asserted", tuple(args))
    return dataclasses.replace(x, events=(ev,))


def test_two_reports_of_one_attack_are_one_event():
    a = _with_attack(
        "Russia attacked Ukraine in 2022, officials said.", "Russia", "Ukraine", "2022"
    )
    b = _with_attack("In 2022 Russia attacked Ukraine from the north.", "Russia", "Ukraine", "2022")
    c = _with_attack("Russia attacked Georgia in 2008.", "Russia", "Georgia", "2008")
    xs = [a, b, c]
    linking = link(xs)
    events = group_events(xs, linking)
    assert sorted(len(e.articles) for e in events) == [1, 2]
    g = assemble(xs, linking, events, kg_version="t", pipeline="t", fingerprint="t")
    rows = select(
        g,
        """SELECT ?n (COUNT(DISTINCT ?a) AS ?arts) (COUNT(DISTINCT ?m) AS ?ms) WHERE {
             ?e a kg:Attack ; kg:reportCount ?n ; kg:target region:ukraine ;
                prov:wasDerivedFrom ?a . ?m kg:refersTo ?e } GROUP BY ?n""",
    )
    assert rows == [("2", "2", "2")]


def test_a_different_year_is_a_different_event():
    a = _with_attack(
        "Russia attacked Ukraine in 2014, officials said.", "Russia", "Ukraine", "2014"
    )
    b = _with_attack("In 2022 Russia attacked Ukraine from the north.", "Russia", "Ukraine", "2022")
    xs = [a, b]
    assert len(group_events(xs, link(xs))) == 2
