"""Tests for the ingest stage: files and folders in, Articles and Skipped reasons out.

Every test writes real files under ``tmp_path`` and reads them with ``read_paths``;
nothing here loads spaCy.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from kg.ingest import article_id, read_paths
from kg.model import Article, Skipped

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "articles"

P1 = (
    "The harbour authority confirmed on Monday that the old pier will be demolished next "
    "spring. Engineers found that the wooden piles had rotted far beyond repair. "
)
P2 = (
    "Local fishermen, who have used the pier for generations, say they were not told about "
    "the plan until last week. Their association has asked for a meeting with the council. "
)
P3 = (
    "The council said a new concrete jetty would open within two years and that ferry "
    "services would continue from a temporary landing stage during the works. "
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def body_text(article: Article) -> str:
    return "".join(article.text[s:e] for s, e in article.body)


def only(articles: list[Article]) -> Article:
    assert len(articles) == 1, articles
    return articles[0]


# --- file kinds and folder walking -------------------------------------------------------


def test_plain_text_file_is_read_verbatim_with_title_from_first_line(tmp_path: Path) -> None:
    text = "Pier to be demolished\n\n" + P1 + "\n" + P2
    f = write(tmp_path / "pier.txt", text)
    articles, skipped = read_paths([f])
    a = only(articles)
    assert skipped == []
    assert a.text == text
    assert a.path == str(f)
    assert a.title == "Pier to be demolished"
    assert a.id == hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    f = write(tmp_path / "story.md", "# Harbour pier closes\n\n" + P1)
    a = only(read_paths([f])[0])
    assert a.title == "Harbour pier closes"
    assert a.text.startswith("# Harbour pier closes\n")


def test_no_title_when_first_line_is_prose_whatever_the_file_name(tmp_path: Path) -> None:
    f = write(tmp_path / "old-harbour_pier.txt", P1 + "\n" + P2)
    assert only(read_paths([f])[0]).title is None


def test_uppercase_extension_is_recognised(tmp_path: Path) -> None:
    f = write(tmp_path / "SHOUT.TXT", P1)
    articles, skipped = read_paths([f])
    assert [a.text for a in articles] == [P1]
    assert skipped == []


def test_json_object_gives_text_and_metadata(tmp_path: Path) -> None:
    obj = {
        "title": "Pier to be demolished",
        "date": "2024-03-14",
        "url": "https://example.org/pier",
        "source": "Harbour Gazette",
        "text": P1 + "\n\n" + P2,
    }
    f = write(tmp_path / "pier.json", json.dumps(obj))
    a = only(read_paths([f])[0])
    assert (a.title, a.date, a.url, a.source) == (
        "Pier to be demolished",
        "2024-03-14",
        "https://example.org/pier",
        "Harbour Gazette",
    )
    assert a.text == obj["text"]
    assert a.path == str(f)


def test_json_optional_fields_missing_or_empty_are_none(tmp_path: Path) -> None:
    f = write(tmp_path / "bare.json", json.dumps({"text": P1, "title": "", "date": 2024}))
    a = only(read_paths([f])[0])
    assert (a.title, a.date, a.url, a.source) == (None, "2024", None, None)


def test_json_text_is_kept_verbatim(tmp_path: Path) -> None:
    text = (
        "Pier\u00a0closes\r\n\r\n"  # non-breaking space, CRLF line ends
        "The cafe\u0301 on the quay\u2014run by Jose\u0301 Nu\u0303nez\u2014will move.\r\n"
        "  Indented   line with  double  spaces.\t\r\n"
    )
    assert unicodedata.normalize("NFC", text) != text  # the combining marks are really there
    f = write(tmp_path / "raw.json", json.dumps({"text": text}))
    a = only(read_paths([f])[0])
    assert a.text == text
    assert "\r\n" in a.text and "\u00a0" in a.text and "e\u0301" in a.text


def test_json_problems_are_skipped_with_reasons(tmp_path: Path) -> None:
    write(tmp_path / "a_list.json", json.dumps([{"text": P1}]))
    write(tmp_path / "b_notext.json", json.dumps({"title": "No body"}))
    write(tmp_path / "c_blank.json", json.dumps({"text": "  \n "}))
    write(tmp_path / "d_broken.json", '{"text": "unterminated')
    articles, skipped = read_paths([tmp_path])
    assert articles == []
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("a_list.json", "JSON value is not an object"),
        ("b_notext.json", 'JSON object has no "text" string'),
        ("c_blank.json", 'JSON "text" is empty'),
        ("d_broken.json", "malformed JSON (line 1, column 10)"),
    ]


def test_jsonl_reads_good_lines_and_reports_bad_line_numbers(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": P1, "title": "One"}),
        "",  # blank lines are ignored but still counted
        '{"text": "broken',
        json.dumps({"text": P2, "title": "Two"}),
        json.dumps(["not", "an", "object"]),
    ]
    f = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles, skipped = read_paths([f])
    assert sorted((a.title, a.path) for a in articles) == [("One", f"{f}:1"), ("Two", f"{f}:4")]
    assert [s.path for s in skipped] == [f"{f}:3", f"{f}:5"]
    assert skipped[0].reason.startswith("malformed JSON line")
    assert skipped[1].reason == "JSON value is not an object"


def test_jsonl_line_with_raw_line_separator_inside_a_string(tmp_path: Path) -> None:
    first = {"text": "Pier closes\u2028" + P1}
    f = write(
        tmp_path / "feed.jsonl",
        json.dumps(first, ensure_ascii=False) + "\n" + json.dumps({"text": P2}) + "\n",
    )
    articles, skipped = read_paths([f])
    assert skipped == []
    assert sorted(a.path for a in articles) == [f"{f}:1", f"{f}:2"]


def test_html_page_keeps_article_prose_and_drops_page_furniture(tmp_path: Path) -> None:
    paragraphs = [
        "Emergency services evacuated more than two thousand residents from three towns along "
        "the Severn on Thursday after the river burst its banks. The Environment Agency issued "
        "its highest warning for the area overnight. Officials said the water was still rising "
        "in the afternoon.",
        "In Upton, volunteers used rowing boats to reach elderly residents trapped on upper "
        "floors. The town's mayor, Helen Price, said the response had been remarkable. She "
        "praised the fire brigade for working through the night without a break.",
        "Forecasters expect another forty millimetres of rain before Saturday. The Met Office "
        "said the ground was already saturated after the wettest winter on record. Farmers in "
        "the valley reported losing livestock and stored feed.",
        "The government has promised emergency funding for the affected councils. A "
        "spokesperson for the Treasury said details would be announced next week. Opposition "
        "politicians called for a review of flood defences along the whole river.",
    ]
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Flooding forces evacuation of river towns | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta name="date" content="2024-03-14">
<script>window.dataLayer = []; trackPageView("newsroom-tracker-7731");</script>
</head>
<body>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/sport">Sport Section</a></li>
<li><a href="/weather">Weather Desk</a></li><li><a href="/subscribe">Subscribe Today</a></li>
</ul></nav>
<header><h1 class="masthead">The Valley Courier</h1>
<p class="tagline">Independent news since 1887</p></header>
<main><article>
<h1>Flooding forces evacuation of river towns</h1>
{"".join(f"<p>{p}</p>" + chr(10) for p in paragraphs)}</article></main>
<footer><a href="https://facebook.com/share">Share on Facebook</a>
<a href="https://twitter.com/intent">Tweet this story</a>
<p>Copyright 2024 Valley Courier Media Group. All rights reserved.</p></footer>
<script>console.log("footer-analytics-loaded-4432");</script>
</body>
</html>
"""
    f = write(tmp_path / "flood.html", html)
    articles, skipped = read_paths([f])
    a = only(articles)
    assert skipped == []
    for p in paragraphs:
        assert p in a.text
    for furniture in (
        "Sport Section",
        "Weather Desk",
        "Subscribe Today",
        "newsroom-tracker-7731",
        "footer-analytics-loaded-4432",
        "Share on Facebook",
        "Tweet this story",
        "Copyright 2024",
        "Independent news since 1887",
    ):
        assert furniture not in a.text
    assert a.title == "Flooding forces evacuation of river towns"
    assert a.date == "2024-03-14"
    assert a.source == "The Valley Courier"
    assert a.body == ((0, len(a.text)),)


def test_html_with_only_navigation_and_scripts_is_skipped(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Menu</title>"
        '<script>var a = "tracking-code-9911"; loadAds();</script></head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
        '<li><a href="/sport">Sport</a></li><li><a href="/contact">Contact</a></li></ul></nav>'
        '<script>document.write("advertisement-slot-2");</script></body></html>'
    )
    f = write(tmp_path / "menu.htm", html)
    assert read_paths([f]) == ([], [Skipped(str(f), "HTML has no main text")])


def test_folder_is_walked_recursively_skipping_docs_and_dot_files(tmp_path: Path) -> None:
    d = tmp_path / "corpus"
    write(d / "a.txt", P1)
    write(d / "sub" / "deeper" / "b.md", P2)
    write(d / "sub" / "c.json", json.dumps({"text": P3}))
    write(d / "README.md", "# Corpus\n\nThese files are the sample corpus for the tests.\n")
    write(d / "sub" / "LICENSE", "Permission is hereby granted, free of charge, to anyone.\n")
    write(d / "readme.txt", "Notes about the corpus and where it came from, for humans.\n")
    write(d / ".draft.txt", "A hidden draft that is not ready to be published at all.\n")
    write(d / ".git" / "notes.txt", "Hidden folders are never walked into by the reader.\n")
    articles, skipped = read_paths([d])
    assert sorted(Path(a.path).relative_to(d).as_posix() for a in articles) == [
        "a.txt",
        "sub/c.json",
        "sub/deeper/b.md",
    ]
    assert skipped == []


def test_readme_and_license_variants_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", P1)
    write(tmp_path / "README_sources.md", "Where these articles came from, for humans.\n")
    write(tmp_path / "LICENSE-CC-BY-2.5.txt", "Creative Commons Attribution 2.5 Generic.\n")
    articles, skipped = read_paths([tmp_path])
    assert [Path(a.path).name for a in articles] == ["a.txt"]
    assert skipped == []


def test_unsupported_and_missing_paths_are_skipped_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "z.txt", P1)
    write(tmp_path / "b" / "scan.pdf", "%PDF-1.4 not really")
    write(tmp_path / "a" / "notes", "no extension here")
    write(tmp_path / "c.docx", "word document")
    missing = tmp_path / "nowhere" / "gone.txt"
    articles, skipped = read_paths([tmp_path, missing])
    assert [Path(a.path).name for a in articles] == ["z.txt"]
    assert skipped == [
        Skipped(str(missing), "no such file or folder"),
        Skipped(str(tmp_path / "a" / "notes"), "unsupported file type (none)"),
        Skipped(str(tmp_path / "b" / "scan.pdf"), "unsupported file type .pdf"),
        Skipped(str(tmp_path / "c.docx"), "unsupported file type .docx"),
    ]


def test_empty_whitespace_and_binary_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_spaces.txt").write_bytes(b"  \n\t\r\n  ")
    (tmp_path / "c_nbsp.txt").write_bytes("\u00a0\u2003\n".encode())
    (tmp_path / "d_binary.txt").write_bytes(b"GIF89a\x00\x01\x00\x01\x00\x80\xff\x00")
    (tmp_path / "e_nav_only.txt").write_bytes(b"Share on Facebook\nFollow us on Twitter\n")
    articles, skipped = read_paths([tmp_path])
    assert articles == []
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("a_empty.txt", "empty file"),
        ("b_spaces.txt", "no text (whitespace only)"),
        ("c_nbsp.txt", "no text (whitespace only)"),
        ("d_binary.txt", "binary file (GIF image)"),
        ("e_nav_only.txt", "no article content"),
    ]


def test_file_larger_than_max_bytes_is_skipped(tmp_path: Path) -> None:
    f = write(tmp_path / "big.txt", P1 * 10)
    articles, skipped = read_paths([f], max_bytes=100)
    assert articles == []
    assert skipped == [Skipped(str(f), "too large (1600 bytes): over the --max-bytes limit of 100")]


# --- encodings ---------------------------------------------------------------------------


def test_cp1252_and_latin1_german_text_is_decoded_not_dropped(tmp_path: Path) -> None:
    english = (
        "The mayor\u2019s office said on Tuesday that the \u201cnew plan\u201d would cost "
        "\u20ac2 million \u2013 far more than expected. R\u00e9sidents of the old quarter were "
        "not consulted, said the caf\u00e9 owners\u2019 association.\n"
    )
    german = (
        "Der B\u00fcrgermeister sagte, die Stra\u00dfe werde im M\u00e4rz f\u00fcr den "
        "Verkehr gesperrt. Anwohner \u00e4u\u00dferten gro\u00dfe Sorgen \u00fcber die "
        "L\u00e4rmbelastung.\n"
    )
    write(tmp_path / "cp1252.txt", english, encoding="cp1252")
    write(tmp_path / "latin1.txt", german, encoding="latin-1")
    articles, skipped = read_paths([tmp_path])
    assert skipped == []
    assert {Path(a.path).name: a.text for a in articles} == {
        "cp1252.txt": english,
        "latin1.txt": german,
    }


@pytest.mark.parametrize(
    "text",
    [
        "Le caf\u00e9 de la Gare a rouvert ses portes \u00e0 Z\u00fcrich. Les habitu\u00e9s "
        "ont salu\u00e9 le retour du chef, dont la cr\u00e8me br\u00fbl\u00e9e \u00e9tait "
        "c\u00e9l\u00e8bre.\n",
        "El presidente de Espa\u00f1a anunci\u00f3 el a\u00f1o pasado que la econom\u00eda "
        "crecer\u00eda. Los ni\u00f1os volvieron a la escuela en se\u00f1al de normalidad.\n",
    ],
    ids=["french", "spanish"],
)
def test_latin1_french_and_spanish_text_is_decoded_correctly(tmp_path: Path, text: str) -> None:
    f = write(tmp_path / "latin1.txt", text, encoding="latin-1")
    assert only(read_paths([f])[0]).text == text


def test_utf8_bom_and_utf16_with_bom_are_decoded(tmp_path: Path) -> None:
    write(tmp_path / "bom8.txt", "\ufeff" + P1)
    write(tmp_path / "bom16.txt", P2, encoding="utf-16")  # writes a BOM, and NUL bytes
    articles, skipped = read_paths([tmp_path])
    assert skipped == []
    assert {Path(a.path).name: a.text for a in articles} == {"bom8.txt": P1, "bom16.txt": P2}


# --- ids and duplicates --------------------------------------------------------------------


def test_article_id_is_sha256_of_nfc_whitespace_collapsed_text() -> None:
    composed = "Caf\u00e9  owners\n\tprotest "
    decomposed = "  Cafe\u0301 owners protest"
    expected = hashlib.sha256("Caf\u00e9 owners protest".encode()).hexdigest()
    assert article_id(composed) == expected
    assert article_id(decomposed) == expected
    assert article_id("Cafe owners protest") != expected


def test_same_text_under_two_names_is_one_article_and_one_duplicate(tmp_path: Path) -> None:
    a = write(tmp_path / "a-first.txt", P1 + "\n" + P2)
    b = write(tmp_path / "b-copy.txt", P1 + "\n" + P2)
    articles, skipped = read_paths([tmp_path])
    assert [x.path for x in articles] == [str(a)]
    assert skipped == [Skipped(str(b), f"duplicate of {a}")]


def test_whitespace_and_unicode_form_differences_are_duplicates(tmp_path: Path) -> None:
    text = "Cafe\u0301 owners protest\n\n" + P1
    a = write(tmp_path / "a.json", json.dumps({"text": text}))
    b = write(tmp_path / "b.txt", "  Caf\u00e9 owners   protest\r\n" + P1.replace(". ", ".\n"))
    c = write(tmp_path / "c.txt", "Cafe owners protest\n\n" + P1)  # different text
    articles, skipped = read_paths([tmp_path])
    assert sorted(x.path for x in articles) == [str(a), str(c)]
    assert skipped == [Skipped(str(b), f"duplicate of {a}")]
    ids = {x.path: x.id for x in articles}
    assert ids[str(a)] == article_id(text) != ids[str(c)]
    assert only([x for x in articles if x.path == str(a)]).text == text  # kept verbatim


def test_jsonl_duplicate_line_is_reported_with_its_line(tmp_path: Path) -> None:
    f = write(tmp_path / "feed.jsonl", json.dumps({"text": P1}) + "\n" + json.dumps({"text": P1}))
    articles, skipped = read_paths([f])
    assert [a.path for a in articles] == [f"{f}:1"]
    assert skipped == [Skipped(f"{f}:2", f"duplicate of {f}:1")]


def test_articles_are_returned_sorted_by_id(tmp_path: Path) -> None:
    for i, p in enumerate((P1, P2, P3, P1 + P2, P2 + P3)):
        write(tmp_path / f"{i}.txt", p)
    articles, _ = read_paths([tmp_path])
    assert len(articles) == 5
    assert [a.id for a in articles] == sorted(a.id for a in articles)


# --- body spans: boilerplate by shape -------------------------------------------------------


def test_seed_article_body_ends_before_related_articles(tmp_path: Path) -> None:
    d = tmp_path / "articles"
    shutil.copytree(SAMPLES, d)
    articles, skipped = read_paths([d])
    assert skipped == []
    assert len(articles) == 13  # bashkir-resistance.txt + 12 Wikinews; README.md is not one
    seed = only([a for a in articles if a.path.endswith("bashkir-resistance.txt")])
    cut = seed.text.index("RELATED ARTICLES")
    assert seed.body[-1][1] <= cut
    assert (
        seed.text[: seed.body[-1][1]]
        .rstrip()
        .endswith("as Putin faces challenges to his military endeavors.")
    )
    body = body_text(seed)
    assert body.startswith("Vladimir Putin is confronted with a significant political uprising")
    assert "Committee of the Bashkir Resistance" in body
    for word in ("MI6", "NATO", "Hungary", "Kyiv", "Wagner", "North Korea", "RELATED"):
        assert all(word not in seed.text[s:e] for s, e in seed.body), word
        assert word in seed.text  # still in the verbatim text; only the spans leave it out
    for a in articles:
        if a is not seed:  # the Wikinews articles have no furniture: all of it is body
            assert body_text(a).strip() == a.text.strip(), a.path


def test_other_heading_and_headlines_are_trimmed_the_same_way(tmp_path: Path) -> None:
    text = (
        P1
        + "\n"
        + P2
        + "\n\nMore from us\n\n"
        + "• Council Approves New Cycle Lanes On High Street\n"
        + "• Local Bakery Wins National Award For Sourdough\n"
        + "• School Reopens After Summer Storm Damage\n"
        + "\nGreat piece, thanks for covering this!\n"
    )
    f = write(tmp_path / "pier.txt", text)
    a = only(read_paths([f])[0])
    assert body_text(a) == P1 + "\n" + P2
    assert a.body == ((0, len(P1 + "\n" + P2)),)


def test_numbered_related_list_at_the_end_is_trimmed(tmp_path: Path) -> None:
    text = (
        P1
        + "\nRead next\n1. Ferry Strike Called Off After Late Talks\n"
        + "2. Lighthouse Keeper Retires After 40 Years\n"
    )
    f = write(tmp_path / "pier.txt", text)
    assert only(read_paths([f])[0]).body == ((0, len(P1)),)


def test_bulleted_list_in_the_middle_followed_by_prose_stays_in_body(tmp_path: Path) -> None:
    bullets = (
        "The plan covers:\n"
        "- Demolition Of The North Pier\n"
        "- A New Concrete Jetty For Ferries\n"
        "- Parking For Two Hundred Cars\n"
    )
    text = P1 + "\n" + bullets + "\n" + P2 * 2 + "\n\n" + P3 * 2 + "\n\n" + P1 * 2
    f = write(tmp_path / "plan.txt", text)
    a = only(read_paths([f])[0])
    assert a.body == ((0, len(text.rstrip("\n"))),)
    assert "- A New Concrete Jetty For Ferries" in body_text(a)


def test_share_and_follow_lines_are_outside_body_but_prose_is_inside(tmp_path: Path) -> None:
    text = (
        P1 + "\nShare on Facebook\nFollow us on Twitter\n" + P2 + "\nSubscribe to our newsletter\n"
    )
    f = write(tmp_path / "pier.txt", text)
    a = only(read_paths([f])[0])
    start2 = text.index(P2)
    assert a.body == ((0, len(P1)), (start2, start2 + len(P2)))
    assert [a.text[s:e] for s, e in a.body] == [P1, P2]


def test_body_spans_index_crlf_json_text(tmp_path: Path) -> None:
    text = P1 + "\r\nShare on Facebook\r\n" + P2 + "\r\n"
    f = write(tmp_path / "crlf.json", json.dumps({"text": text}))
    a = only(read_paths([f])[0])
    assert a.text == text
    assert [a.text[s:e] for s, e in a.body] == [P1, P2]


def test_short_news_headline_mentioning_twitter_stays_in_body(tmp_path: Path) -> None:
    text = "Twitter sues Musk over cancelled deal\n\n" + P1 + P2
    f = write(tmp_path / "twitter.txt", text)
    a = only(read_paths([f])[0])
    assert a.title == "Twitter sues Musk over cancelled deal"
    assert a.body == ((0, len(text)),)


def test_related_list_with_blank_lines_between_items_is_trimmed(tmp_path: Path) -> None:
    text = (
        P1
        + "\n\nRelated stories\n\n"
        + "- Senate Passes Budget After Long Night\n\n"
        + "- Storm Hits Coast As Thousands Flee\n\n"
        + "- Mayor Resigns Amid Scandal\n"
    )
    f = write(tmp_path / "pier.txt", text)
    assert only(read_paths([f])[0]).body == ((0, len(P1)),)


def test_related_list_with_sentence_case_headlines_is_trimmed(tmp_path: Path) -> None:
    text = (
        P1
        + "\nRelated stories\n"
        + "- Senate passes budget after a long night of talks\n"
        + "- Storm hits the coast as thousands flee their homes\n"
        + "- Mayor resigns amid growing scandal over contracts\n"
    )
    f = write(tmp_path / "pier.txt", text)
    assert only(read_paths([f])[0]).body == ((0, len(P1)),)
