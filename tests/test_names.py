"""Finding known names in a message (actions.names): what both the NLU and the actions rely on."""

from __future__ import annotations

from actions.names import closest_alias, find_names
from actions.normalize import normalize_name

ALIASES = {
    normalize_name(alias): key
    for alias, key in [
        ("KI", "ki"),
        ("Karolinska Institutet", "ki"),
        ("Karolinska", "ki"),
        ("SU", "su"),
        ("Stockholms universitet", "su"),
        ("KTH Innovation", "kth-innovation"),
        ("KTH Innovations", "kth-innovation"),
        ("KTH", "kth"),
        ("Uppsala universitet", "uu"),
        ("Uppsala", "uu"),
        ("Handelshögskolan i Stockholm", "hhs"),
        ("Stockholm School of Economics", "hhs"),
        ("innovationskontoret på KTH", "kth-innovation"),
    ]
}


def keys(text: str) -> list[str]:
    return [match.key for match in find_names(text, ALIASES)]


def test_every_name_in_reading_order_longest_first() -> None:
    assert keys("Berätta om Uppsala universitet, KI och SU") == ["uu", "ki", "su"]
    assert keys("Vad gör KTH Innovation på KTH?") == ["kth-innovation", "kth"]
    assert keys("Är Handelshögskolan i Stockholm med?") == ["hhs"]


def test_spans_are_the_text_as_written() -> None:
    (match,) = find_names("tell me about karolinska institutet!", ALIASES)
    assert (match.text, match.start, match.end, match.exact) == ("karolinska institutet", 14, 35, True)


def test_near_misses_of_longer_names_are_found() -> None:
    (match,) = find_names("vad gör Karolinksa?", ALIASES)
    assert (match.key, match.text, match.exact) == ("ki", "Karolinksa", False)
    assert keys("Stokholms universitet och Upsala") == ["su", "uu"]
    # A longer name misspelt is that name, not the shorter one it holds exactly.
    assert keys("vem är ansvarig för inovationskontoret på kth?") == ["kth-innovation"]
    # Each word must be alike, not only the whole: "their" is no typo of "eight".
    assert find_names("What's their innovation office called?", {"eight innovation offices": "round"}) == []
    # A typo keeps its first letter (but for accents): "the right person" is not "the eight".
    assert find_names("Who is the right contact person?", {"the eight": "round"}) == []
    assert [m.key for m in find_names("malardalen", {"mälardalen": "mdu"})] == ["mdu"]


def test_short_words_and_common_words_are_not_taken_for_names() -> None:
    assert keys("KI Innovations") == ["ki"]  # not a typo of "KTH Innovations"
    assert keys("innovation och innovationer") == []  # not a typo of "KTH Innovation"
    assert keys("is it so?") == []  # "so" is not "SU"
    assert keys("vad är vädret i Stockholm") == []


def test_closest_alias() -> None:
    assert closest_alias("Karolinska", ALIASES) == ("ki", True)
    assert closest_alias("Karolinsak", ALIASES) == ("ki", False)
    assert closest_alias("MIT", ALIASES) is None
    assert closest_alias("'; DROP TABLE partner; --", ALIASES) is None


def test_a_long_text_is_searched_only_at_its_start() -> None:
    assert keys("ord " * 100 + "KI") == []


def test_a_name_the_knowledge_does_not_hold_is_recognised_as_a_name() -> None:
    from actions.names import unknown_name

    assert unknown_name("Tell me about Nordic Innovation Hub", ALIASES) == "Nordic Innovation Hub"
    assert unknown_name("Can I ask about InterAct?", ALIASES) is None  # words of the assistant's own
    assert unknown_name("Vem är Anna Svensson?", ALIASES) == "Anna Svensson"
    assert unknown_name("Does the office work with MIT's innovation office?", ALIASES) == "MIT"
    assert unknown_name("Är Chalmers med i InterAct?", ALIASES) == "Chalmers"
    # "of"/"for" inside a name joins its words: the whole name, not "University".
    assert unknown_name("Was the University of Gothenburg one of them?", ALIASES) == "University of Gothenburg"
    assert unknown_name("Is the Institute for Future Studies a partner?", ALIASES) == "Institute for Future Studies"
    assert unknown_name("Tell me about them. What do they do?", ALIASES) is None  # sentence openers
    assert unknown_name("och Karolinska Institutet?", ALIASES) is None  # a known name
    # An organisation's name before any other ("GU" is short for what the question is about).
    text = "Min kompis på GU påstår att Göteborgs universitet fick ett av de åtta. Stämmer det?"
    assert unknown_name(text, ALIASES) == "Göteborgs universitet"
    assert unknown_name("what is their website", ALIASES) is None
    assert unknown_name("Could you give me the websites of KI and the Stockholm School of Economics?", ALIASES) is None
    assert unknown_name("Do I own the IP rights or does KTH? What's the URL?", ALIASES) is None  # no names
    # Universities written in lower case.
    assert unknown_name("was the university of gothenburg one of the eight?", ALIASES) == "university of gothenburg"
    assert unknown_name("var göteborgs universitet ett av de åtta?", ALIASES) == "göteborgs universitet"
    assert unknown_name("hör högskolan i gävle till fyrklövern?", ALIASES) == "högskolan i gävle"
    assert unknown_name("är stockholms universitet med i interact?", ALIASES) is None  # known
    assert unknown_name("är hennes universitet med?", ALIASES) is None
    # A person asked about, written in lower case; not a role.
    assert unknown_name("vem är henrik malmqvist på kth innovation?", ALIASES) == "henrik malmqvist"
    assert unknown_name("vem är avdelningschef idag?", ALIASES) is None
    text = "fick tips om att kontakta johan lindqvist på kth innovation, vad har han för mejl?"
    assert unknown_name(text, ALIASES) == "johan lindqvist"
    assert unknown_name("kan jag kontakta innovationskontoret direkt på mejl?", ALIASES) is None  # a known word
    assert unknown_name("can I contact them by email?", ALIASES) is None
    assert unknown_name("who is the head of kth innovation?", ALIASES) is None
    # Known names joined by a dash into a longer one.
    text = "What does the Mälardalen–KTH Green Tech Fund finance?"
    assert unknown_name(text, ALIASES) == "Mälardalen–KTH Green Tech Fund"


def test_code_and_places_are_no_strangers() -> None:
    from actions.names import unknown_name

    assert unknown_name("'; DROP TABLE partner; --", ALIASES) is None
    assert unknown_name("SELECT * FROM partner WHERE 1=1", ALIASES) is None
    assert unknown_name("Is DROP Innovation a partner?", ALIASES) == "DROP Innovation"  # not all keywords
    assert unknown_name("högskolan som inte ligger i Stockholm, heter den fortfarande högskola?", ALIASES) is None
    assert unknown_name("the university based in Västerås, is it in InterAct?", ALIASES) is None
    assert unknown_name("Är Almi med i InterAct?", ALIASES) == "Almi"  # "i" alone says no place
    assert unknown_name("the other universities in the Stockholm region. Who do I write to?", ALIASES) is None
    assert unknown_name("Vilka lärosäten i Stockholms län samarbetar ni med?", ALIASES) is None
    assert unknown_name("Riktar sig InterAct mest mot Stockholmsregionen, eller längre bort?", ALIASES) is None
    assert unknown_name("I'm mapping innovation networks in Stockholm. Which form InterAct?", ALIASES) is None
    assert unknown_name("Vi är ett bolag i Göteborg. Kan ni hjälpa oss?", ALIASES) is None
    assert unknown_name("Is KTH a member of Uppsalaalliansen?", ALIASES) == "Uppsalaalliansen"
    assert unknown_name("Är KTH medlem i Uppsalaalliansen?", ALIASES) == "Uppsalaalliansen"
    assert unknown_name("Is KTH involved in Eurohub?", ALIASES) == "Eurohub"


def test_a_person_written_in_lower_case_asked_about_in_a_role_is_a_stranger() -> None:
    from actions.names import unknown_name

    text = "is marcus holm still the interact coordinator over at mälardalen?"
    assert unknown_name(text, ALIASES) == "marcus holm"
    assert unknown_name("is sofia nyberg the patent advisor at kth innovation?", ALIASES) == "sofia nyberg"
    assert unknown_name("is it still the coordinator?", ALIASES) is None
    assert unknown_name("det är rektorn själv som är chef för KTH Innovation, stämmer det?", ALIASES) is None


def test_a_town_after_a_name_says_where_that_one_is() -> None:
    from actions.names import find_names, unknown_name

    aliases = {**ALIASES, "lund": "lu", "interact": "interact", "kth": "kth"}
    text = "har ni nåt samarbete med Lumina Teknikinkubator i Lund?"
    assert find_names(text, aliases) == [] and unknown_name(text, aliases) == "Lumina Teknikinkubator"
    assert [m.key for m in find_names("Fick Lund ett eget kontor?", aliases)] == ["lu"]
    assert [m.key for m in find_names("Is KTH in InterAct?", aliases)] == ["kth", "interact"]


def test_a_quoted_title_or_phrase_is_no_stranger_but_a_quoted_name_is() -> None:
    from actions.names import unknown_name

    assert unknown_name("vilket nummer har propositionen ”Ett lyft för forskning och innovation”?", ALIASES) is None
    assert unknown_name("På sidan står det 'Fördjupa och effektivisera'. Vad betyder det?", ALIASES) is None
    assert unknown_name("Tell me about the 'Impact Sprint' that KTH runs", ALIASES) == "Impact Sprint"


def test_a_known_name_opening_a_sentence_is_not_taken_for_a_stranger() -> None:
    from actions.names import unknown_name

    assert unknown_name("Stockholms universitet fick ett eget kontor. Är det kvar i InterAct?", ALIASES) is None
    assert unknown_name("Karolinska Institutet then. Any news?", ALIASES) is None
    assert unknown_name("Tell Nordic Hub about it", ALIASES) == "Nordic Hub"  # a plain word still opens it


def test_a_known_name_that_opens_a_longer_name_is_not_that_name() -> None:
    from actions.names import unknown_name

    assert keys("Vad är InterAct Nova för nåt?") == []
    assert unknown_name("vad är KTH Spark Fund?", ALIASES) == "KTH Spark Fund"
    assert keys("a friend told me about the kth spark fund - what does it invest in?") == []
    assert unknown_name("a friend told me about the kth spark fund - what does it invest in?", ALIASES) == (
        "kth spark fund"
    )
    # A common word after a name opens no new one, nor does a place on campus.
    assert keys("Hej KTH Innovation Jag undrar en sak") == ["kth-innovation"]
    assert keys("Where on KTH Campus are you?") == ["kth"]
    assert keys("Is Karolinska Institutet part of InterAct?") == ["ki"]
    assert keys("I study at kth university") == ["kth"]


def test_a_genitive_and_an_organisations_noun_are_one_stranger() -> None:
    from actions.names import unknown_name

    text = "vad gör Mälarregionens innovationsråd, och sitter KTH Innovation med där?"
    assert unknown_name(text, ALIASES) == "Mälarregionens innovationsråd"
    # A known thing's genitive is that thing's ("KTH:s fond" is no stranger named "KTHs").
    assert unknown_name("Uppsalas innovationskontor, vad heter det?", ALIASES) is None


def test_a_form_of_company_is_no_name() -> None:
    from actions.names import unknown_name

    assert unknown_name("is KTH Innovation its own company, like an AB or a foundation?", ALIASES) is None
