"""yamltree reads a usual record in one pass over the parser's events and leaves every other text to
the careful reading (count, compose, walk). The two must give the same Document and problems, to
the line and column: these tests read each text both ways."""

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.reading import yamltree
from ocop.reading.yamltree import RECORD_LIMITS, Limits, read_document

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _both_ways(text, limits=RECORD_LIMITS, monkeypatch=None):
    one_pass = read_document(text, "x.yaml", limits)
    monkeypatch.setattr(yamltree, "_read_usual", lambda text, limits: None)
    careful = read_document(text, "x.yaml", limits)
    monkeypatch.undo()
    return _comparable(one_pass), _comparable(careful)


def _comparable(read):
    document, problems = read
    found = [(p.code, p.line, p.column, p.path, p.params) for p in problems]
    if document is None:
        return None, found
    # Places as (line, column), however each reading keeps them.
    return (document.value, [(path, document.mark(path)) for path in document.marks],
            [(path, document.key_mark(path)) for path in document.key_marks]), found


TEXTS = [
    "id: LC-0001\nname:\n  vi: Chè\n  en: Tea\n",
    "phone:\nemail: ~\nwebsite: null\ncode: Null\nunit: NULL\nname: ''\nstory: 'null'\n",
    "{id: , name: {vi: a}}\n", "evaluations: [, ]\n", "evaluations:\n- \n- ~\n- {date: 2024-01-01}\n",
    "- a\n- b\n", "just text\n", "---\n", "", "# only a comment\n", "id: A\n...\n", "%YAML 1.1\n---\nid: A\n",
    "id: A\n---\nid: B\n", "a: &x 1\nb: *x\n", "a: &x 1\nb: &x 2\n", "a: *nowhere\n", "a: !!str 1\n", "a: ! 1\n",
    "a: !custom 1\n", "!!map {a: 1}\n", "? [a]\n: 1\n", "? {a: 1}\n: 1\n", "a: 1\na: 2\n", "na\u0301me: x\nname: y\n",
    ": x\nid: A\n", "a: [1, 2\n", "a: 'unclosed\n", "\tid: A\n", "id: A\nname:\n\tvi: x\n", "a: 'b\tc'\n",
    "description:\n  vi: |\n    dòng một\n    dòng hai\n", "d: >\n  gấp\n  lại\n", "cafe\u0301: cafe\u0301\n",
    "a: [[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]\n", "a: " + "[" * 1500 + "]" * 1500 + "\n",
    "a: [" + "1, " * 30 + "1]\n", "<<: {a: 1}\nb: 2\n", "a: \"\\u202e\\x0b\"\n", "a: '\ufeffb'\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_both_readings_agree(text, monkeypatch):
    one_pass, careful = _both_ways(text, monkeypatch=monkeypatch)
    assert one_pass == careful


@pytest.mark.parametrize("limits", [Limits(bytes=10_000, depth=2, nodes=1_000, keys=1_000),
                                    Limits(bytes=10_000, depth=20, nodes=7, keys=1_000),
                                    Limits(bytes=10_000, depth=20, nodes=1_000, keys=3)])
def test_both_readings_agree_at_each_limit(limits, monkeypatch):
    text = "a:\n  b:\n    c: [1, 2]\nd: 1\ne: 2\n"
    one_pass, careful = _both_ways(text, limits, monkeypatch=monkeypatch)
    assert one_pass == careful
    assert careful[1] and careful[1][0][0] == "SP017"


def test_the_null_words_are_pyyamls():
    resolver = yaml.resolver.Resolver()
    candidates = ["", "~", "null", "Null", "NULL", "nULL", "none", "None", "no", "~~", " ", "0", "false"]
    for word in candidates:
        is_null = resolver.resolve(yaml.ScalarNode, word, (True, False)) == "tag:yaml.org,2002:null"
        assert (word in yamltree._NULL_WORDS) == is_null, word


SCALARS = st.one_of(st.text(max_size=8), st.sampled_from(["", "~", "null", "no", "1:30", "0912", "&a", "*a", "!x"]))
VALUES = st.recursive(st.none() | SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(SCALARS, inner, max_size=3), max_leaves=12)


@SETTINGS
@given(VALUES, st.booleans())
def test_both_readings_agree_on_any_yaml(value, flow):
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow)
    with pytest.MonkeyPatch.context() as monkeypatch:
        one_pass, careful = _both_ways(text, monkeypatch=monkeypatch)
    assert one_pass == careful


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab:- \n'\"[]{},&*!?#|>~\t")), max_size=40))
def test_both_readings_agree_on_any_text(text):
    with pytest.MonkeyPatch.context() as monkeypatch:
        one_pass, careful = _both_ways(text, monkeypatch=monkeypatch)
    assert one_pass == careful


def test_a_usual_record_is_read_in_one_pass_and_an_unusual_one_is_not():
    assert yamltree._read_usual(TEXTS[0], RECORD_LIMITS) is not None
    for unusual in ("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "? [a]\n: 1\n", "id: A\n---\nid: B\n", ""):
        assert yamltree._read_usual(unusual, RECORD_LIMITS) is None, unusual
