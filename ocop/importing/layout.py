"""Put a record that another program rewrote back into the house layout.

The web form (Decap CMS, issue 12) saves a record by writing the whole file again: every comment
goes, the modeline too, ``{A: 31.5, B: 17}`` becomes a block, quotes change, keys may come in
another order, an emptied field comes back as ``''`` or ``[]``, and text may be NFD. The strict
loader (``yamltree.read_document``) reads most of that as the same record, yet ``git diff`` would
show the whole file changed. ``restore_layout`` takes the *meaning* of the new text from the loader
and writes it into the text the file had before (its version in git), changing that text only where
the meaning differs, so that the reviewer sees only the intended change.

The old text is edited with ruamel.yaml's round trip, which keeps comments, quotes, flow groups and
key order. It is read *untyped*, as the loader reads: every plain value stays the text it was
(``2024-6-5``, ``1.10``, ``0x1F``: never a date or a number that would be written back otherwise).
What is written anew follows the house layout (the sample records): phones in double quotes, a text
of several lines as a ``|`` block, dates, numbers and codes plain, anything else plain when the YAML
1.2 readers (the form, the editors) read it as the same text, else quoted.

Nothing is returned that the loader would read differently: the result is read back and compared
with the meaning of the new text (SP019 when they differ; nothing is written then).
"""

import io
import unicodedata
from types import SimpleNamespace

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import Emitter as RuamelEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tokens import CommentToken
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, LiteralScalarString, ScalarString,
                                      SingleQuotedScalarString)

from ..reading.convert import LANGUAGE_FIELDS
from ..reading.jsonschema import MODELINE
from ..reading.problems import Problem, shown
from ..reading.schema import PRODUCT, Field
from ..reading.yamltree import RECORD_LIMITS, Limits, path_text, read_document

RECORD = Field("", "mapping", "hồ sơ", "record", fields=PRODUCT)
# Kinds whose values are written plain whenever the loader reads them back as the same text, even
# where YAML 1.2 types them (31.5, 2024-06-28, true): as the sample records and the form's own number
# and date widgets write them.
PLAIN_KINDS = frozenset({"date", "number", "integer", "choice", "product_id", "url", "email"})
# Line breaks that PyYAML (the loader) reads inside a block as a plain new line, or that a block
# cannot hold: such a text is written in double quotes, with escapes.
_NOT_IN_BLOCK = "\r\x85\u2028\u2029"
_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
# The readers of what is written: YAML 1.2 (the form's `yaml` package, editors) for what looks typed.
_RESOLVER_12 = VersionedResolver()
_RESOLVER_11 = yaml.resolver.Resolver()  # the loader's: a plain null ('~', 'null', '') is an absent value


# Every text put into the tree is a ScalarString: ruamel gives a plain ``str`` assigned over an old
# value that old value's style (a new one-line text would come out as a ``|`` block).
class _Plain(ScalarString):
    """A text written plain, as it was in the old file or as the house layout writes its kind."""

    __slots__ = ()


class _Text(ScalarString):
    """A text written as ruamel chooses: plain when a YAML 1.2 reader reads it as this text, else quoted."""

    __slots__ = ()


# -- reading the old text, untyped --------------------------------------------------------------

class _TextResolver(VersionedResolver):
    """Every plain value is a text, as the loader reads it: nothing is made a date or a number."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


class _TextConstructor(RoundTripConstructor):
    """A plain value becomes a ``_Plain`` (written back plain), an empty one None (written empty)."""

    def construct_yaml_str(self, node):
        value = super().construct_yaml_str(node)
        if not node.style and type(value) is str:
            return None if value == "" else _Plain(value)
        return value


_TextConstructor.add_constructor(_STR_TAG, _TextConstructor.construct_yaml_str)


# -- writing ------------------------------------------------------------------------------------

def _represent_plain(representer, data):
    """Plain, with the tag a YAML 1.2 reader gives it, so that ruamel writes no quotes and no tag;
    as a text (ruamel then quotes it) when ruamel could not write it plain."""
    text = str(data)
    tag = _RESOLVER_12.resolve(ScalarNode, text, (True, False))
    if str(tag) != _STR_TAG and _ruamel_plain(text):
        return representer.represent_scalar(tag, text)
    return representer.represent_str(text)


class _Emitter(RuamelEmitter):
    def write_double_quoted(self, text, split=True):
        """In double quotes, an accent written right after an escape (``"\\n"`` then U+0301) would be
        joined to the escape's letter by NFC (``\\ń``): such a text is written with every character
        beyond ASCII escaped, so that the whole file can be NFC."""
        if not _accent_after_escape(text):
            return super().write_double_quoted(text, split)
        self.allow_unicode, saved = False, self.allow_unicode
        try:
            return super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = saved


def _accent_after_escape(text: str) -> bool:
    return any(unicodedata.combining(ch) and (not before.isprintable() or before in '"\\\ufeff')
               for before, ch in zip(text, text[1:]))


class _Representer(RoundTripRepresenter):
    pass


_Representer.add_representer(_Plain, _represent_plain)
_Representer.add_representer(_Text, lambda representer, data: representer.represent_str(str(data)))


def _loader() -> YAML:
    reader = YAML()  # one per call: a YAML instance is not safe to share between threads
    reader.Resolver = _TextResolver
    reader.Constructor = _TextConstructor
    reader.preserve_quotes = True
    reader.allow_duplicate_keys = False
    return reader


def _dumper() -> YAML:
    writer = YAML()
    writer.Representer = _Representer
    writer.Emitter = _Emitter
    writer.width = 10**9  # never fold a long line (a record is at most 256 KiB): a fold shows in the diff
    writer.indent(mapping=2, sequence=4, offset=2)  # "  - file: …", as the sample records
    writer.allow_unicode = True
    return writer


def _pyyaml_analysis(text: str):
    return yaml.emitter.Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(text)


class _RuamelAnalyser(RuamelEmitter):
    """ruamel's own test of how a value may be written, outside a dump (it asks the YAML version)."""

    serializer = SimpleNamespace(use_version=(1, 2))


def _ruamel_plain(text: str, flow: bool | None = None) -> bool:
    """Whether ruamel writes ``text`` plain in a group on one line (``flow``), in a block (not ``flow``),
    or in both (None)."""
    analysis = _RuamelAnalyser(io.StringIO(), allow_unicode=True).analyze_scalar(text)
    allowed = {True: analysis.allow_flow_plain, False: analysis.allow_block_plain,
               None: analysis.allow_flow_plain and analysis.allow_block_plain}[flow]
    return allowed and not analysis.multiline


def _plain_reads_back(text: str, flow: bool) -> bool:
    """Whether ``text`` written plain is read back by the loader as this same text."""
    if not text or _RESOLVER_11.resolve(yaml.ScalarNode, text, (True, False)) == _NULL_TAG:
        return False
    analysis = _pyyaml_analysis(text)
    allowed = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    return allowed and not analysis.multiline and _ruamel_plain(text, flow)


def _block_reads_back(text: str) -> bool:
    """Whether ``text`` may be a ``|`` block: no tab, control character, trailing space or odd line
    break, which a block cannot hold (PyYAML's own test, the loader's parser)."""
    return not any(ch in _NOT_IN_BLOCK for ch in text) and _pyyaml_analysis(text).allow_block


def _scalar(value, field: Field | None, flow: bool):
    """A new or changed value, represented as the house layout writes its kind."""
    if value is None:
        return None
    kind = field.kind if field is not None else None
    if kind == "phone":
        return DoubleQuotedScalarString(value)
    if "\n" in value and not flow and _block_reads_back(value):
        return LiteralScalarString(value)
    if not _plain_reads_back(value, flow):
        # Quoted: ruamel would write plain some texts that YAML 1.2 allows and the loader's YAML 1.1
        # does not read ('??' in a group on one line).
        if "'" in value or "\n" in value or not _pyyaml_analysis(value).allow_single_quoted:
            return DoubleQuotedScalarString(value)
        return SingleQuotedScalarString(value)
    return _Plain(value) if kind in PLAIN_KINDS else _Text(value)


# -- the schema, for order, kinds and what may be left out --------------------------------------

def _fields(field: Field | None) -> tuple:
    if field is None:
        return ()
    if field.kind in LANGUAGE_FIELDS:
        return LANGUAGE_FIELDS[field.kind]
    return field.fields if field.kind == "mapping" else ()


def _child(field: Field | None, key) -> Field | None:
    """The field of ``key`` inside ``field`` (a group, a list's item); None when the schema has none."""
    if field is None:
        return None
    if field.kind == "list":
        return field.item
    if field.kind == "points_by_code":
        return Field(key, "number", "điểm", "points", low=field.low)
    return next((f for f in _fields(field) if f.key == key), None)


def _key(key: str, field: Field | None):
    """A new key: a criterion code in double quotes ("1.1", as products/LC-0008.yaml), others as ruamel
    chooses (a schema key is a plain word)."""
    if field is not None and field.kind == "points_by_code":
        return DoubleQuotedScalarString(key)
    return _Text(key)


def _schema_order(keys, field: Field | None) -> list:
    """``keys`` in the order of the schema; keys it does not know after them, as they came."""
    order = [f.key for f in _fields(field)]
    known = [key for key in order if key in keys]
    return known + [key for key in keys if key not in order]


def _is_nothing(value, inside_group=False) -> bool:
    """What the form writes for an emptied field: '', a blank text, [] or {}, or a group whose every
    field is nothing (an emptied revocation); inside such a group an empty value counts as nothing too."""
    if value is None:
        return inside_group
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(_is_nothing(item, True) for item in value.values())
    return not value


def without_nothing(value, field: Field | None = RECORD):
    """``value`` without the optional fields the form left empty (``_is_nothing``); a required one is
    kept, so that `ocop validate` reports it. Fields the schema does not know are kept as they are."""
    if isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            child = _child(field, key)
            item = without_nothing(item, child)
            if child is not None and not child.required and field.kind != "points_by_code" and _is_nothing(item):
                continue
            kept[key] = item
        return kept
    if isinstance(value, list):
        item_field = _child(field, 0) if field is not None and field.kind == "list" else None
        return [without_nothing(item, item_field) for item in value]
    return value


# -- building and merging -----------------------------------------------------------------------

def _build(value, field: Field | None, flow: bool = False):
    """A value written anew: groups in schema order, block style, scalars as ``_scalar`` says."""
    if isinstance(value, dict):
        group = CommentedMap()
        for key in _schema_order(list(value), field):
            group[_key(key, field)] = _build(value[key], _child(field, key), flow)
        return group
    if isinstance(value, list):
        item_field = field.item if field is not None and field.kind == "list" else None
        return CommentedSeq(_build(item, item_field, flow) for item in value)
    return _scalar(value, field, flow)


def _is_flow(node) -> bool:
    return bool(node.fa.flow_style()) if hasattr(node, "fa") else False


def _merge(node, old, new, field: Field | None, flow: bool = False):
    """``node`` (the old text's value, which the loader reads as ``old``) changed to mean ``new``,
    only where it differs: what means the same keeps its text, quotes and comments."""
    if old == new:
        return node
    if isinstance(new, dict) and isinstance(old, dict) and isinstance(node, CommentedMap) and len(node) == len(old):
        return _merge_group(node, old, new, field, flow or _is_flow(node))
    if isinstance(new, list) and isinstance(old, list) and isinstance(node, CommentedSeq) and len(node) == len(old):
        flow = flow or _is_flow(node)
        item_field = field.item if field is not None and field.kind == "list" else None
        for index in range(min(len(old), len(new))):
            node[index] = _merge(node[index], old[index], new[index], item_field, flow)
        while len(node) > len(new):
            if len(node) > 1:
                _move_lines_below(node, len(node) - 1, len(node) - 2)
            del node[len(node) - 1]
        for item in new[len(old):]:
            node.append(_build(item, item_field, flow))
        return node
    return _build(new, field, flow)


def _merge_group(node: CommentedMap, old: dict, new: dict, field: Field | None, flow: bool):
    # ruamel's keys are as written (NFD, quoted, '1.1'), the loader's NFC texts: both keep the
    # document's order, so the n-th key of one is the n-th of the other.
    names = list(old)  # the loader's name of each key of ``node``, in node's order
    keys = dict(zip(names, list(node)))
    for name in [name for name in names if name not in new]:
        position = names.index(name)
        if position:
            _move_lines_below(node, keys[name], keys[names[position - 1]])
        del node[keys.pop(name)]
        names.remove(name)
    for name in names:
        node[keys[name]] = _merge(node[keys[name]], old[name], new[name], _child(field, name), flow)
    order = [f.key for f in _fields(field)]
    for name in _schema_order([name for name in new if name not in old], field):
        position = _position(names, name, order)
        node.insert(position, _key(name, field), _build(new[name], _child(field, name), flow))
        names.insert(position, name)
    return node


def _comment_entry(node, key, create=False):
    """Where ruamel keeps the comment after the value ``node[key]``: (its list, the index in it). The
    comment after a block group or list is kept with its last value, at any depth."""
    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not _is_flow(value):
        return _comment_entry(value, list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1, create)
    index = 2 if isinstance(node, CommentedMap) else 0
    entry = node.ca.items.get(key)
    if entry is None and create:
        entry = node.ca.items[key] = [None] * (4 if isinstance(node, CommentedMap) else 2)
    return entry, index


def _move_lines_below(node, deleted, before):
    """Before ``node[deleted]`` is removed: the comment lines below it, which introduce what follows,
    go below ``node[before]`` (its own end-of-line comment goes with it)."""
    entry, index = _comment_entry(node, deleted)
    token = entry[index] if entry is not None and len(entry) > index else None
    if token is None:
        return
    _, _, below = token.value.partition("\n")
    if "#" not in below:
        return
    entry, index = _comment_entry(node, before, create=True)
    if entry[index] is None:
        entry[index] = CommentToken("\n" + below, CommentMark(0))
    else:
        entry[index].value = entry[index].value.rstrip("\n") + "\n" + below


def _position(names: list, name: str, order: list) -> int:
    """Where a new key goes: after its nearest predecessor in the schema that the group holds (first
    when it holds none); a key the schema does not know goes last."""
    if name not in order:
        return len(names)
    for before in reversed(order[: order.index(name)]):
        if before in names:
            return names.index(before) + 1
    return 0


# -- the whole file -----------------------------------------------------------------------------

def _old_version(base_text: str | None, file: str, limits: Limits):
    """(ruamel's tree of the old text, the loader's value of it), or None when there is no old text to
    keep: none, one the loader does not read cleanly as a record (then ruamel never parses it, so no
    hostile text gets past the loader's limits), or one ruamel reads otherwise."""
    if base_text is None:
        return None
    document, problems = read_document(base_text, file, limits)
    if document is None or problems or not isinstance(document.value, dict):
        return None
    try:
        tree = _loader().load(base_text)
    except (RuamelError, ValueError, TypeError, RecursionError):
        return None
    if not isinstance(tree, CommentedMap):
        return None
    return _untagged(tree, document.value), document.value


def _untagged(node, old):
    """``node`` with each value still typed by ruamel (a ``!!str 012`` or ``!!int 3`` the loader reads as
    a text) made the loader's text, which ruamel writes as it would any text (it mangles some tags)."""
    if isinstance(node, CommentedMap) and isinstance(old, dict) and len(node) == len(old):
        for key, name in zip(list(node), old):
            node[key] = _untagged(node[key], old[name])
    elif isinstance(node, CommentedSeq) and isinstance(old, list) and len(node) == len(old):
        for index, item in enumerate(old):
            node[index] = _untagged(node[index], item)
    elif not (node is None or isinstance(node, ScalarString)) and isinstance(old, str):
        return _Text(old)
    return node


def _dump(tree) -> str:
    stream = io.StringIO()
    _dumper().dump(tree, stream)
    text = unicodedata.normalize("NFC", stream.getvalue())
    if not text.startswith(MODELINE + "\n"):
        text = MODELINE + "\n" + text
    return text


def restore_layout(new_text: str, base_text: str | None, file: str,
                   limits: Limits = RECORD_LIMITS) -> tuple[str | None, list[Problem]]:
    """The text to write for ``new_text``: the meaning the loader reads in it, minus the optional fields
    left empty (``without_nothing``), in the layout of ``base_text`` (the file's version before the
    form saved it) where the meaning is the same, else in the house layout. Returns (text, []) or
    (None, problems): the loader's own when ``new_text`` does not read cleanly, SP006 when it is not a
    record, SP019 when no text could be written that means the same."""
    document, problems = read_document(new_text, file, limits)
    if document is None or problems:
        return None, problems
    if not isinstance(document.value, dict):
        is_list = isinstance(document.value, list)
        return None, [Problem("SP006", file, 1, 1, params={
            "found_vi": "một danh sách" if is_list else f"giá trị '{shown(document.value)}'",
            "found_en": "a list" if is_list else f"the value '{shown(document.value)}'"})]
    meaning = without_nothing(document.value)
    old = _old_version(base_text, file, limits)
    tree = _merge(old[0], old[1], meaning, RECORD) if old else _build(meaning, RECORD)
    text = _dump(tree)
    written, found = read_document(text, file, limits)
    if written is None or found:
        return None, [Problem("SP019", file, *document.mark(()), "", _unread_reason(found))]
    if written.value != meaning:
        path = _first_difference(meaning, written.value)
        return None, [Problem("SP019", file, *document.mark(path), path_text(path), {
            "reason_vi": "sẽ đọc ra giá trị khác ở đây", "reason_en": "would read differently here"})]
    return text, []


def _unread_reason(found: list) -> dict:
    """Why the rewritten text does not read: over a limit (SP017, e.g. the modeline and the old comments
    making a file at the size limit longer), else the loader's code."""
    first = found[0] if found else None
    if first is not None and first.code == "SP017":
        return {"reason_vi": "sẽ vượt giới hạn đọc: {what_vi} là {value_vi}, tối đa {limit_vi}".format(**first.params),
                "reason_en": "would be over a reading limit: {what_en} is {value_en}, at most {limit_en}".format(
                    **first.params)}
    code = first.code if first is not None else "?"
    return {"reason_vi": f"sẽ không đọc lại được (lỗi {code})", "reason_en": f"would not read back (problem {code})"}


def _first_difference(wanted, found, path=()):
    """The path of the first value (in the new text's order) that ``found`` does not hold as ``wanted``."""
    if isinstance(wanted, dict) and isinstance(found, dict):
        for key, value in wanted.items():
            if key not in found:
                return path + (key,)
            if value != found[key]:
                return _first_difference(value, found[key], path + (key,))
        return path  # a key more than wanted: the group is where it differs
    if isinstance(wanted, list) and isinstance(found, list) and len(wanted) == len(found):
        for index, (value, other) in enumerate(zip(wanted, found)):
            if value != other:
                return _first_difference(value, other, path + (index,))
    return path
