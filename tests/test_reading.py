"""What an officer types is what the record holds: no implicit typing, forgiving where it is safe."""

from conftest import GOOD_RECORD, TODAY, write_record

from ocop.reading.dataset import load_dataset


def load_one(products, text):
    write_record(products, "LC-0001", text)
    dataset = load_dataset(products, TODAY)
    return dataset, dataset.products[0]


def test_a_phone_keeps_its_leading_zero_and_no_stays_a_word(products):
    text = GOOD_RECORD.replace('  phone: "0912 345 678"', "  phone: 0912345678").replace(
        "    round: 2024-1", "    round: no")
    dataset, product = load_one(products, text)
    assert dataset.problems == []
    assert product.producer.phone == "0912345678"
    assert product.evaluations[0].round == "no"


def test_spaces_typed_inside_quotes_around_a_number_or_a_choice_are_forgiven(products):
    text = GOOD_RECORD.replace("product_set: 11", 'product_set: "11 "').replace(
        "  kind: cooperative", '  kind: " cooperative"')
    dataset, product = load_one(products, text)
    assert dataset.problems == []
    assert (product.product_set, product.producer.kind) == (11, "cooperative")
