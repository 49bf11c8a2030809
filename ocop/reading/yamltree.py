"""Read one YAML document strictly, keeping where every value stands.

PyYAML's implicit typing must never touch officers' data: ``0912…`` phone
numbers, ``no``, ``1:30`` or octal-looking codes stay exactly as written.
So the document is only *composed* (parsed into nodes, never constructed):
every scalar comes back as the string the officer typed, NFC-normalised, and
the schema converts it. Duplicate keys, tabs, tags and syntax errors become
located problems instead of exceptions.

Records come from pull requests, so every text is hostile until read: the
parser's events are counted against ``RECORD_LIMITS`` (size, depth, values,
keys) as they come, and every alias is refused, in time and memory bounded by
those limits. A usual record (no anchor, alias, tag, duplicate or complex key,
nothing over a limit) is read in that one pass over the events; any other text
is read again the careful way: counted first, then composed by PyYAML, every
problem reported.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .problems import Problem, shown

try:  # libyaml is ten times faster; the pure-Python loader gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STANDARD_TAG = re.compile(r"^tag:yaml\.org,2002:(str|int|float|bool|null|timestamp|map|seq|binary|merge|value)$")
_NULL_TAG = "tag:yaml.org,2002:null"
_LEADING_TAB = re.compile(r"^ *\t")
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent) + _COLLECTION_START

Path = tuple  # ("certificates", 0, "date")


@dataclass(frozen=True)
class Limits:
    """How much of a file is read at most: past a limit the file is one problem (SP017), not read further."""

    bytes: int
    depth: int  # collections (groups, lists) inside one another
    nodes: int  # every value: text, group or list
    keys: int  # every 'key: value' of the whole file


# The limits, in one place. A record is ~3 KB and 4 levels deep (images[0].alt.vi,
# evaluations[0].criteria.1.1); ten evaluations on the 26/2026 sheet (~40 criteria each), thirty
# years of re-ratings, would make some 550 keys and 1,000 values. Each limit is well above what a
# real record needs (4 to 80 times), and low enough that a hostile file is refused in milliseconds
# and a few MB of memory, before anything is composed.
RECORD_LIMITS = Limits(bytes=256 * 1024, depth=20, nodes=20_000, keys=2_000)
# units.yaml lists a dataset's own units: a province's whole list (a few thousand units of ~8 keys)
# must fit, so its limits are larger, and still bounded.
UNITS_LIMITS = Limits(bytes=4 * 1024 * 1024, depth=20, nodes=200_000, keys=100_000)
# Each alias is its own mistake (SP010), up to this many: a file of thousands is hostile, and
# thousands of messages would bury the others.
ALIASES_REPORTED = 20

# What each limit is called in SP017, and the value reported: the size of the file, or the count
# reached where the limit was crossed (the problem's line and column).
_LIMIT_WORDS = {
    "bytes": ("kích thước tệp (byte)", "its size in bytes"),
    "depth": ("số mức lồng nhau (nhóm, danh sách trong nhau) tại đây",
              "the nesting depth here (groups and lists inside one another)"),
    "nodes": ("số giá trị tính đến đây", "the number of values up to here"),
    "keys": ("số trường 'tên: giá trị' tính đến đây", "the number of 'key: value' fields up to here"),
}


def limit_problem(file: str, limit: str, value: int, maximum: int, line=None, column=None) -> Problem:
    """SP017: ``limit`` (a field of ``Limits``) reached ``value``, over ``maximum``."""
    what_vi, what_en = _LIMIT_WORDS[limit]
    return Problem("SP017", file, line, column, params={
        "what_vi": what_vi, "what_en": what_en,
        "value_vi": f"{value:,}".replace(",", "."), "value_en": f"{value:,}",
        "limit_vi": f"{maximum:,}".replace(",", "."), "limit_en": f"{maximum:,}"})


def size_problem(data: bytes, file: str, size: int, limits: Limits = RECORD_LIMITS) -> Problem | None:
    """SP017 when ``size`` bytes are over the limit, on the line where the limit falls; else None.
    ``data`` is what was read of the file: the first bytes are enough."""
    if size <= limits.bytes:
        return None
    return limit_problem(file, "bytes", size, limits.bytes, data[: limits.bytes].count(b"\n") + 1)


@dataclass
class Document:
    """A composed document: plain Python values plus the place of each one."""

    value: object = None  # dict / list / str / None
    # Path -> the place of the value: (line, column), 1-based, or the parser's mark (0-based), made
    # into (line, column) only when asked for: most places of most records are never asked for.
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)  # Path -> the place of the key naming it, the same way

    def mark(self, path):
        """The best known place for ``path``: itself, else its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return _line_column(self.marks[path])
            path = path[:-1]
        return _line_column(self.marks.get((), (1, 1)))

    def key_mark(self, path):
        """The place of the key naming ``path``, or None."""
        place = self.key_marks.get(tuple(path))
        return None if place is None else _line_column(place)


def _line_column(place) -> tuple:
    return place if type(place) is tuple else (place.line + 1, place.column + 1)


def decode(data: bytes):
    """Bytes to text: UTF-8 with or without BOM, any line endings. Returns (text, error)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = f"{data[exc.start]:#04x}"
        return None, (line, {"reason_vi": f"byte {byte} không phải mã UTF-8 (tệp lưu bằng bảng mã khác)",
                             "reason": f"byte {byte} is not UTF-8"})
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read_document(text: str, file: str, limits: Limits = RECORD_LIMITS):
    """Compose ``text``; return (Document or None, [Problem])."""
    # A text that is not a file (`ocop import`, a version from git) is held to the same size.
    if len(text) > limits.bytes // 4:  # a character is at most 4 bytes: a shorter text cannot be over
        data = text.encode("utf-8", "replace")
        too_big = size_problem(data, file, len(data), limits)
        if too_big:
            return None, [too_big]
    problems = [] if "\t" not in text else [  # most records hold no tab: no need to split them
        Problem("SP004", file, number, line.index("\t") + 1)
        for number, line in enumerate(text.split("\n"), start=1)
        if _LEADING_TAB.match(line)
    ]
    document = _read_usual(text, limits)
    if document is not None:
        return document, problems
    try:
        refused = _scan(text, file, limits)
        if refused:  # aliases or a limit: refused before composing (aliases can expand to billions of values)
            return None, problems + refused
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if problems:  # the tab is the cause; a parser message about it adds nothing
            return None, problems
        return None, [_syntax_problem(exc, file)]
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        return None, [Problem("SP003", file, 1, 1, params=_reason(str(exc).splitlines()[0]))]
    if root is None:
        return None, problems + [Problem("SP002", file, 1, 1)]
    document = Document()
    document.value = _walk(root, (), document, problems, file)
    return document, problems


class _Unusual(Exception):
    """The text holds something the one-pass reading leaves to the careful one (``read_document``)."""


# The plain words YAML 1.1 reads as null (PyYAML's implicit resolver); a quoted '' or 'null' is text.
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


def _read_usual(text: str, limits: Limits):
    """The Document of a usual record, read in one pass over the parser's events, as the careful
    reading (``_scan``, then ``yaml.compose`` and ``_walk``) would read it; None when the text holds
    an anchor, an alias, a tag, a key that is a list or a group or comes twice, several documents or
    none, a syntax error or more than a limit allows: that text is read the careful way, which says
    exactly where and why. The counts are those of ``_scan``, so this pass is bounded as it is.
    (Parsing once instead of twice, and building no PyYAML nodes, is most of what validation saves.)"""
    parser = _Loader(text)
    try:
        return _document_from_events(iter(parser.get_event, None), limits)
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _document_from_events(events, limits: Limits):
    """The Document the events stand for; raises _Unusual at anything ``_read_usual`` leaves to the
    careful reading. One loop over local names (the event classes and limits too): it runs for every
    value of every record."""
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    most_nodes, most_keys, most_depth = limits.nodes, limits.keys, limits.depth
    document = Document()
    marks, key_marks = document.marks, document.key_marks
    normalize = unicodedata.normalize
    # The innermost open collection (None outside any), its path, whether it is a mapping, and the
    # key (with its path) whose value comes next; the same of each enclosing one, on the stack.
    container, path, is_mapping, key, key_path = None, (), False, None, None
    stack = []
    nodes = keys = depth = documents = 0
    for event in events:
        kind = type(event)
        if kind is scalar or kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            nodes += 1
            if nodes > most_nodes:
                raise _Unusual
            place = event.start_mark
            if is_mapping and key is None:  # this node is a key
                keys += 1
                if kind is not scalar or keys > most_keys:
                    raise _Unusual
                key = normalize("NFC", event.value)
                if key in container:
                    raise _Unusual  # a key given twice: SP005 says where it came first
                key_path = path + (key,)
                key_marks[key_path] = place
                continue
            value_path = key_path if is_mapping else path + (len(container),) if container is not None else ()
            marks[value_path] = place
            if kind is not scalar:
                depth += 1
                if depth > most_depth:
                    raise _Unusual
                stack.append((container, path, is_mapping, key, key_path))
                is_mapping = kind is mapping_start
                container, path, key, key_path = {} if is_mapping else [], value_path, None, None
                continue
            value = None if not event.style and event.value in _NULL_WORDS else normalize("NFC", event.value)
        elif kind in collection_end:
            value = container
            container, path, is_mapping, key, key_path = stack.pop()
            depth -= 1
        else:
            if kind is yaml.AliasEvent:
                raise _Unusual
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
            continue
        # A value read whole: put it after its key, at the end of its list, or at the root.
        if is_mapping:
            container[key] = value
            key = None
        elif container is not None:
            container.append(value)
        else:
            document.value = value
    if documents != 1:
        raise _Unusual  # no document at all: SP002
    return document


def _scan(text, file, limits: Limits, loader=None):
    """SP010 for each alias, or one SP017 where a limit is crossed; [] when the text may be composed.

    Read from the parser's events, which come one at a time and are only counted: the scan stops at
    the first limit crossed, so a hostile file costs no more than the limits allow, and an alias is
    found wherever it stands (after a colon in braces, in a key…), which no pattern on the text can
    promise."""
    aliases = []
    depth = nodes = keys = 0
    # One entry per open collection: for a mapping, whether its next node is a key; None for a list.
    next_is_key = []
    try:
        for event in yaml.parse(text, Loader=loader or _Loader):
            if isinstance(event, _COLLECTION_END):
                depth -= 1
                next_is_key.pop()
                continue
            if not isinstance(event, _NODE_EVENTS):
                continue
            nodes += 1
            if next_is_key and next_is_key[-1] is not None:
                keys += next_is_key[-1]
                next_is_key[-1] = not next_is_key[-1]
            if isinstance(event, yaml.AliasEvent):
                aliases.append(Problem("SP010", file, *_event_place(event)))
                if len(aliases) == ALIASES_REPORTED:  # the file is refused already; the rest is noise
                    return aliases
            elif isinstance(event, _COLLECTION_START):
                depth += 1
                next_is_key.append(True if isinstance(event, yaml.MappingStartEvent) else None)
            for limit, value in (("depth", depth), ("nodes", nodes), ("keys", keys)):
                if value > getattr(limits, limit):
                    return aliases + [limit_problem(file, limit, value, getattr(limits, limit), *_event_place(event))]
    except yaml.MarkedYAMLError as exc:
        # libyaml refuses more than 1,000 levels while it looks ahead, before it hands over the event
        # where our limit is crossed: the pure-Python parser finds that place, as on a machine without libyaml.
        if "maximum nesting depth" in (exc.problem or "") and loader is None and _Loader is not yaml.SafeLoader:
            return _scan(text, file, limits, yaml.SafeLoader)
        raise
    return aliases


def _event_place(event):
    return (event.start_mark.line + 1, event.start_mark.column + 1)


# PyYAML's reasons, said in Vietnamese for officers (the English stays beside it).
_REASONS_VI = (
    ("mapping values are not allowed", "dấu ':' đứng sai chỗ — dòng này thụt lề sâu hơn dòng trên, "
                                       "hoặc giá trị có ': ' cần đặt trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu ':', hoặc thiếu dấu cách sau ':', sau tên trường"),
    ("found unexpected end of stream", "tệp kết thúc khi dấu ngoặc (kép hoặc đơn) chưa đóng"),
    ("did not find expected key", "thụt lề không khớp với các dòng phía trên"),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên"),
    ("did not find expected ',' or ']'", "danh sách trong [ ] thiếu dấu ',' hoặc dấu ']'"),
    ("did not find expected ',' or '}'", "nhóm trong { } thiếu dấu ',' hoặc dấu '}'"),
    ("that cannot start any token", "giá trị bắt đầu bằng ký tự đặc biệt — đặt giá trị trong ngoặc kép"),
    ("did not find expected '-' indicator", "mục danh sách thụt lề không đều"),
    ("expected alphabetic or numeric character", "giá trị bắt đầu bằng '*', '&' hoặc '!' — đặt cả giá trị "
                                                  "trong ngoặc kép, ví dụ \"**Chè** ngon\""),
    ("expected a single document", "tệp chứa nhiều hồ sơ (dấu '---'); mỗi tệp chỉ một hồ sơ"),
)
# Where the officer's mistake is: for these, where the parser *started* the thing it could not finish.
_CONTEXT_FIRST = ("quoted scalar", "simple key", "flow sequence", "flow mapping")


def _reason(english: str) -> dict:
    vietnamese = next((vi for key, vi in _REASONS_VI if key in english), "cấu trúc YAML không hợp lệ")
    return {"reason_vi": vietnamese, "reason": english}


def _syntax_problem(exc, file):
    reason = exc.problem or exc.context or "?"
    use_context = exc.context_mark is not None and any(k in (exc.context or "") for k in _CONTEXT_FIRST)
    mark = exc.context_mark if use_context else (exc.problem_mark or exc.context_mark)
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if "\t" in reason or "tab" in reason:
        return Problem("SP004", file, line, column)
    return Problem("SP003", file, line, column, params=_reason(reason))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _place(node):
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _walk(node, path, document, problems, file):
    document.marks[path] = _place(node)
    if not _STANDARD_TAG.match(node.tag or ""):
        problems.append(Problem("SP007", file, *_place(node), _path_text(path), {"tag": _short_tag(node.tag)}))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG and not node.style:  # libyaml says '' where PyYAML says None
            return None  # an empty value ("phone:") is an absent value
        return _nfc(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, path + (index,), document, problems, file) for index, item in enumerate(node.value)]
    mapping = {}
    first_seen = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem("SP003", file, *_place(key_node), _path_text(path),
                                    {"reason_vi": "tên trường phải là một từ, không phải danh sách hay nhóm",
                                     "reason": "a key must be a plain word"}))
            continue
        key = _nfc(key_node.value)
        if key in first_seen:
            problems.append(Problem("SP005", file, *_place(key_node), _path_text(path + (key,)),
                                    {"key": shown(key), "first_line": first_seen[key]}))
            continue
        first_seen[key] = key_node.start_mark.line + 1
        document.key_marks[path + (key,)] = _place(key_node)
        mapping[key] = _walk(value_node, path + (key,), document, problems, file)
    return mapping


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _path_text(path) -> str:
    """("certificates", 0, "date") -> "certificates[0].date", the form officers see."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


path_text = _path_text
