"""The person gazetteer (data/gazetteer/people.tsv from PETRARCH2, train/people.py): read and
checked, homonyms resolved by the article's countries, names NER missed or mistyped found,
and its own link reason with the person's country and office."""

from __future__ import annotations

import pytest

from kg.errors import ResourceError
from kg.gazetteer.names import key
from kg.gazetteer.people import choose, known_people, read_people
from kg.ingest import make_article
from kg.ingest.readers import RawArticle
from kg.link import link
from kg.model import MentionId
from kg.nlp.extract import extract

HEADER = "# provenance\nname\taliases\tcountry\trole\tfrom\tuntil\tkeys\n"


def test_the_shipped_file_is_read_with_its_other_names():
    people = known_people()
    assert len(people) > 10000
    (obama,) = people[key("Barack Hussein Obama")]
    assert (obama.label, obama.country) == ("Barack Obama", "US")


def test_a_malformed_row_is_a_resource_error(tmp_path):
    bad = tmp_path / "people.tsv"
    bad.write_text(
        HEADER + "Jane Roe\t\tUnited Kingdom\tgovernment\t\t\tjane roe\n", encoding="utf-8"
    )
    with pytest.raises(ResourceError):
        read_people(bad)


def test_keys_made_by_another_normalisation_are_a_resource_error(tmp_path):
    bad = tmp_path / "people.tsv"
    bad.write_text(HEADER + "Jane Roe\t\tGBR\tgovernment\t\t\tJANE_ROE\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        read_people(bad)


def test_a_name_two_known_people_share_is_resolved_by_the_article_countries_only(tmp_path):
    f = tmp_path / "people.tsv"
    f.write_text(
        HEADER
        + "John Tanner\t\tGBR\tgovernment\t2001-01-01\t\tjohn tanner\n"
        + "John Tanner\t\tAUS\tgovernment: finance\t2003-01-01\t2004-01-01\tjohn tanner\n",
        encoding="utf-8",
    )
    found = read_people(f)[key("John Tanner")]
    assert choose(found, frozenset()) is None
    picked = choose(found, frozenset({"AU"}))
    assert picked is not None and picked.role == "government: finance"


def test_a_known_person_ner_read_as_a_place_is_a_person_with_country_office_and_reason():
    text = "Mamnoon Hussain visited Lahore on Monday. Hussain met students there."
    x = next(extract([make_article(RawArticle(text=text, where="t.txt"))]))
    m = next(m for m in x.mentions if m.text == "Mamnoon Hussain")
    assert (m.cls, m.class_reason) == ("Person", "known-person")
    linking = link([x])
    lk = linking.links[MentionId(x.article.id, m.start, m.end)]
    assert lk.reason == "known-person"
    person = linking.entities[lk.entity]
    assert person.country == "Region/pakistan"
    assert person.office and person.office.startswith("government")
    assert "Region/pakistan" in linking.entities


def test_an_unknown_person_gets_no_office():
    text = "Laura Pennington visited Lahore on Monday."
    x = next(extract([make_article(RawArticle(text=text, where="t.txt"))]))
    linking = link([x])
    m = next(m for m in x.mentions if m.text == "Laura Pennington")
    lk = linking.links[MentionId(x.article.id, m.start, m.end)]
    assert lk.reason == "exact" and linking.entities[lk.entity].office is None
