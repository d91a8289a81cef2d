"""A person's own foods lead their food search: all of them before typing, the matching
ones after."""


def test_before_typing_a_persons_own_foods_lead_then_the_top_sources(content):
    own = [content.catalogue.get("kale_raw"), content.catalogue.get("banana")]
    found = content.catalogue.search("", 25, own=own)
    assert [f.id for f in found[:2]] == ["kale_raw", "banana"]
    assert found[2:] == [f for f in content.catalogue.search("", 25) if f not in own][:23]


def test_after_typing_only_matching_own_foods_lead(content):
    own = [content.catalogue.get("kale_raw"), content.catalogue.get("banana")]
    found = content.catalogue.search("b", 25, own=own)
    assert found[0].id == "banana"
    assert "kale_raw" not in [f.id for f in found]
    assert sorted(f.id for f in found) == sorted(f.id for f in content.catalogue.search("b", 25))
