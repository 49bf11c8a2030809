"""Read one YAML document strictly, keeping where every value stands.

PyYAML's implicit typing must never touch officers' data: ``0912…`` phone
numbers, ``no``, ``1:30`` or octal-looking codes stay exactly as written.
So the document is only *composed* (parsed into nodes, never constructed):
every scalar comes back as the string the officer typed, NFC-normalised, and
the schema converts it. Duplicate keys, tabs, tags and syntax errors become
located problems instead of exceptions.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .problems import Problem

try:  # libyaml is ten times faster; the pure-Python loader gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STANDARD_TAG = re.compile(r"^tag:yaml\.org,2002:(str|int|float|bool|null|timestamp|map|seq|binary|merge|value)$")
_NULL_TAG = "tag:yaml.org,2002:null"
_LEADING_TAB = re.compile(r"^ *\t")
# A YAML alias is '*' then a name where a value can start: after "key: ", "- ", "? ", "[", "{" or ",".
# Markdown's **bold** and *italics* inside a sentence are not, so most records skip the second parse.
_MAY_HOLD_ALIAS = re.compile(r"(?:^\s*(?:[-?]\s+)*|:\s+|[\[{,]\s*)\*[^\s*]", re.M)

Path = tuple  # ("certificates", 0, "date")


@dataclass
class Document:
    """A composed document: plain Python values plus the place of each one."""

    value: object = None  # dict / list / str / None
    marks: dict = field(default_factory=dict)  # Path -> (line, column), 1-based, of the value
    key_marks: dict = field(default_factory=dict)  # Path -> (line, column) of the key naming it

    def mark(self, path):
        """The best known place for ``path``: itself, else its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


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


def read_document(text: str, file: str):
    """Compose ``text``; return (Document or None, [Problem])."""
    problems = [
        Problem("SP004", file, number, line.index("\t") + 1)
        for number, line in enumerate(text.split("\n"), start=1)
        if _LEADING_TAB.match(line)
    ]
    try:
        aliases = _alias_problems(text, file) if _MAY_HOLD_ALIAS.search(text) else []
        if aliases:  # refused before composing: ten lines of aliases can expand to billions of values
            return None, problems + aliases
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


def _alias_problems(text, file):
    return [Problem("SP010", file, event.start_mark.line + 1, event.start_mark.column + 1)
            for event in yaml.parse(text, Loader=_Loader) if isinstance(event, yaml.AliasEvent)]


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
                                    {"reason": "a key must be a plain word"}))
            continue
        key = _nfc(key_node.value)
        if key in first_seen:
            problems.append(Problem("SP005", file, *_place(key_node), _path_text(path + (key,)),
                                    {"key": key, "first_line": first_seen[key]}))
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
