"""Mutation fuzzing of the reader: a broken record is a located problem, never a crash or a hang.

Officers edit YAML by hand, paste from spreadsheets and chat apps, and save with whatever editor
is at hand. Each mutant starts from a real record (the sample's products/LC-*.yaml and the tests'
GOOD_RECORD) and gets one to four mutations: lines deleted, duplicated, swapped or re-indented;
bytes flipped, inserted or cut; a field's value replaced; YAML syntax an officer never means
(anchors and aliases, tags such as !!python/object, unclosed brackets, document markers),
numbers with thousands of digits, deep nesting, control characters, byte-order marks. Each
mutant takes its record's place in a copy of the sample's folder, which is validated in-process
with ``load_dataset``, and:

- no exception escapes (a message that cannot be formatted counts as one);
- every problem has a code of the catalogue, its file, a line and column that exist (when given),
  and every blank of its message filled in;
- the validation of one mutant ends within PER_MUTANT_SECONDS (a hang is cut by an alarm) and
  within MEMORY_MIB more memory (a runaway allocation becomes a MemoryError).

``make test`` runs a small fixed budget (derandomized: the same mutants on every machine, so CI
is deterministic). ``make fuzz`` runs the same check for FUZZ_MINUTES (default 10) with fresh
seeds, then lists each distinct failure with its smallest input (also saved in .cache/fuzz/).
Hypothesis's example database is off: a failure is reproduced from the seed printed.
"""

import json
import os
import random
import shutil
import signal
import string
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import GOOD_RECORD, TODAY
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from ocop.common.files import shown_path
from ocop.reading.dataset import load_dataset
from ocop.reading.problems import CATALOGUE

REPO = Path(__file__).resolve().parent.parent
SAMPLE_RECORDS = sorted((REPO / "products").glob("LC-*.yaml"))
# (file name, text): each mutant takes the place of that record in a copy of the sample's folder,
# with the other records (a mutant may break what they refer to: replaced_by, aliases) and photos.
SEEDS = [("LC-0001.yaml", GOOD_RECORD.encode("utf-8")), *((path.name, path.read_bytes()) for path in SAMPLE_RECORDS)]

EXAMPLES = 60  # `make test`: about 2 s
PER_MUTANT_SECONDS = float(os.environ.get("FUZZ_PER_MUTANT_SECONDS", "3"))  # ~30 ms is usual
MEMORY_MIB = 1024
FUZZ_MINUTES = float(os.environ.get("FUZZ_MINUTES") or 0)  # `make fuzz`
ROUND_EXAMPLES = 300  # `make fuzz` runs rounds of this many mutants, each with a seed of its own
FAILURES_DIR = REPO / ".cache" / "fuzz"

# What officers never mean but do type, paste or save. Bytes: some are not UTF-8 on purpose.
SNIPPETS = [
    b"*a", b"&a ", b"&a [x, *a]", b'{"k":*a}', b"<<: *a\n", b"? ", b": ", b"- ", b"-", b",",
    b"!!python/object:os.system ", b"!!python/object/apply:os.system [ls]", b"!!python/name:os.system", b"!!binary ",
    b"!!set ", b"!!omap ", b"!!timestamp ", b"!!int ", b"!!float ", b"!!str ", b"!!map ", b"!ocop ", b"!<tag:x> ",
    b"{", b"}", b"[", b"]", b"{}", b"[]", b"|", b"|-", b">", b">+2", b'"', b"'", b'"\\', b"#", b" #",
    b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"---\n", b"--- ", b"...\n", b"~", b"null", b"yes", b"on", b"NO",
    b"0x1F", b"0o17", b"017", b"1_000", b"1e400", b".inf", b"-.nan", b"2024-02-30", b"2024-06-28T25:61:00Z",
    b"9999-12-31", b"0000-00-00", b"-1", b"3.5", b"+7",
    b"\t", b"\r", b"\r\n", b"\n\n", b"\x00", b"\x07", b"\x08", b"\x0b", b"\x0c", b"\x1b[31m", b"\x7f",
    b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf", b"\xe2\x80\xae", b"\xe2\x80\x8b",
    b"\xff\xfe", b"\xfe\xff", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80", b'"\\ud800"', b'"\\x00"', b'"\\e"',
    b"\xf0\x9f\x8d\xb5", b"Tr\xc3\xa0", b"Tra\xcc\x80",  # an emoji; "Trà" composed, then decomposed
    b"A: 1\nA: 2\n", b"id: LC-0001\n", b"certificates:\n", b"certificates: []\n", b"images:\n  - ../../x.jpg\n",
]
# An alias bomb: each level nine times the one before (9**7 items if expanded).
ALIAS_BOMB = b"".join([b"l0: &l0 [x, x, x, x, x, x, x, x, x]\n"] + [
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n".encode() for n in range(1, 8)])


# -- the mutants ----------------------------------------------------------------------------------

def _lines(data):
    return data.splitlines(keepends=True) or [b""]


def _delete_line(draw, data):
    lines = _lines(data)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"".join(lines)


def _duplicate_line(draw, data):
    lines = _lines(data)
    at = draw(st.integers(0, len(lines) - 1))
    lines.insert(at, lines[at] if lines[at].endswith(b"\n") else lines[at] + b"\n")
    return b"".join(lines)


def _swap_lines(draw, data):
    lines = _lines(data)
    first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[first], lines[second] = lines[second], lines[first]
    return b"".join(lines)


def _reindent(draw, data):
    """Indentation changed on one line: spaces added or removed, or a tab instead."""
    lines = _lines(data)
    at = draw(st.integers(0, len(lines) - 1))
    body = lines[at].lstrip(b" ")
    indent = len(lines[at]) - len(body)
    lines[at] = draw(st.sampled_from([b" " * max(0, indent + draw(st.integers(-4, 4))), b"\t" + b" " * indent,
                                      b" " * indent + b"\t", b""])) + body
    return b"".join(lines)


def _sizes(low, high, *limits):
    """A size from ``low`` to ``high``; often one of ``limits``, just below or above a limit of Python or
    of the reader (Hypothesis favours small numbers: left to itself it would seldom reach them)."""
    return st.one_of(st.sampled_from(limits), st.integers(low, high))


def _snippet(draw):
    return draw(st.one_of(
        st.sampled_from(SNIPPETS),
        st.binary(min_size=1, max_size=24),  # random bytes
        st.text(min_size=1, max_size=12).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
        # Python refuses int() of more than 4,300 digits
        _sizes(300, 20_000, 4_300, 4_301, 5_000, 50_000).map(lambda n: b"9" * n),
        _sizes(300, 20_000, 4_301, 5_000).map(lambda n: b"0." + b"1" * n + b"e-5"),
        # deep nesting, flow and block style, around Python's recursion limit (1,000)
        _sizes(20, 3_000, 999, 1_000, 1_001, 3_000).map(lambda n: b"[" * n + b"]" * n),
        _sizes(20, 3_000, 999, 1_001).map(lambda n: b"{a: " * n + b"}" * n),
        _sizes(20, 400, 200, 400).map(lambda n: b"".join(b"  " * i + b"k:\n" for i in range(n))),
        _sizes(1_000, 200_000, 65_536, 1_000_000).map(lambda n: b"x" * n),  # a very long line
        st.just(ALIAS_BOMB),
    ))


def _insert(draw, data):
    at = draw(st.integers(0, len(data)))
    return data[:at] + _snippet(draw) + data[at:]


def _replace(draw, data):
    """A value, a key or a piece of a line replaced: what a paste over a selection does."""
    at = draw(st.integers(0, len(data)))
    end = min(len(data), at + draw(st.integers(0, 40)))
    return data[:at] + _snippet(draw) + data[end:]


def _replace_value(draw, data):
    """The value after a key (``stars: 3``) or a list dash replaced: what an officer editing a field does."""
    lines = _lines(data)
    fields = [n for n, line in enumerate(lines) if b": " in line or line.lstrip().startswith(b"- ")]
    if not fields:
        return _replace(draw, data)
    at = draw(st.sampled_from(fields))
    line = lines[at]
    cut = line.index(b": ") + 2 if b": " in line else line.index(b"- ") + 2
    end = b"\n" if line.endswith(b"\n") else b""
    lines[at] = line[:cut] + _snippet(draw) + end
    return b"".join(lines)


def _flip(draw, data):
    """One byte changed: a typo, a bit lost on a USB stick."""
    if not data:
        return bytes([draw(st.integers(0, 255))])
    at = draw(st.integers(0, len(data) - 1))
    byte = draw(st.one_of(st.integers(0, 255), st.sampled_from(list(string.printable.encode()))))
    return data[:at] + bytes([byte]) + data[at + 1:]


def _truncate(draw, data):
    """Saved half-way: the end of the file is missing."""
    return data[:draw(st.integers(0, len(data)))]


MUTATIONS = [_delete_line, _duplicate_line, _swap_lines, _reindent, _insert, _replace, _replace_value, _flip,
             _truncate]


@st.composite
def mutants(draw):
    """(file name, mutated text)."""
    name, data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return name, data


# -- the check -----------------------------------------------------------------------------------

class MutantTooSlow(Exception):
    pass


@contextmanager
def bounded(seconds, memory_mib):
    """An alarm after ``seconds`` (a hang becomes MutantTooSlow) and at most ``memory_mib`` more address
    space (a runaway allocation becomes MemoryError, not a machine out of memory). POSIX only."""
    def too_slow(signum, frame):
        raise MutantTooSlow(f"validation took more than {seconds} s")

    alarm = hasattr(signal, "setitimer")
    if alarm:
        previous = signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    limit = _limit_memory(memory_mib)
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if limit:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, limit)


def _limit_memory(memory_mib):
    """Lower the soft RLIMIT_AS to what the process uses now plus ``memory_mib``; the old limits, or None."""
    try:
        import resource

        status = Path("/proc/self/status").read_text(encoding="ascii")
    except (ImportError, OSError):
        return None
    used_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmSize:"))
    old = resource.getrlimit(resource.RLIMIT_AS)
    wanted = (used_kib * 1024) + memory_mib * 1024 * 1024
    if old[0] != resource.RLIM_INFINITY and old[0] <= wanted:
        return None
    resource.setrlimit(resource.RLIMIT_AS, (wanted, old[1]))
    return old


def _blanks(template_text):
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template_text) if name}


def check_mutant(folder: Path, mutant):
    """Validate ``folder`` with the mutant in place of its record; assert what a broken record must give.
    Returns (seconds taken, the dataset's errors)."""
    name, data = mutant
    path = folder / name
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        started = time.monotonic()
        with bounded(PER_MUTANT_SECONDS, MEMORY_MIB):
            dataset = load_dataset(folder, TODAY, check_history=False)
            # Every problem as an officer reads it, in text and in JSON: formatting must not fail either.
            shown = [(problem, problem.text(), json.dumps(problem.as_dict(), ensure_ascii=False))
                     for problem in dataset.problems]
        elapsed = time.monotonic() - started
    finally:
        path.write_bytes(original)
    assert elapsed < PER_MUTANT_SECONDS
    files = {shown_path(entry) for entry in folder.iterdir()}
    longest = max(len(data), *(entry.stat().st_size for entry in folder.glob("LC-*.yaml"))) + 1
    for problem, _, _ in shown:
        assert problem.code in CATALOGUE, problem
        assert problem.file in files, problem  # the mutant, or a record it refers to or duplicates
        assert problem.line is None or 1 <= problem.line <= longest, problem
        assert problem.column is None or (isinstance(problem.column, int) and 1 <= problem.column <= longest), \
            problem
        template = CATALOGUE[problem.code]
        blanks = set().union(*map(_blanks, (template.vi, template.en, template.fix_vi, template.fix_en)))
        assert blanks <= set(problem.params), (problem, blanks - set(problem.params))
    return elapsed, [problem for problem, _, _ in shown if problem.is_error]


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory):
    """One products folder for every mutant (a function-scoped one would be made per test, not per mutant)."""
    folder = tmp_path_factory.mktemp("fuzz") / "products"
    shutil.copytree(REPO / "products", folder)
    return folder


# -- `make test`: a small budget, the same mutants everywhere ----------------------------------------

def _with_value(key, value):
    """GOOD_RECORD with the value of its first ``key:`` line replaced."""
    data = GOOD_RECORD.encode("utf-8")
    start = data.index(key + b": ") + len(key) + 2
    return "LC-0001.yaml", data[:start] + value + data[data.index(b"\n", start):]


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutant=mutants())
# Mutants that crashed or hung the reader before it was hardened, kept as they were found.
@example(mutant=_with_value(b"product_set", b"9" * 5_000))  # int() refuses more than 4,300 digits
@example(mutant=_with_value(b"product_set", b"[" * 3_000 + b"]" * 3_000))  # RecursionError
@example(mutant=_with_value(b"product_set", b'{"k":*a}'))  # an alias without its anchor
@example(mutant=("LC-0001.yaml", ALIAS_BOMB + GOOD_RECORD.encode("utf-8")))
@example(mutant=_with_value(b"vi", "Chè\x00\x07\x1b[31m\u2028".encode()))  # control characters
# Found by `make fuzz` (10 minutes): a complex key ("? id: …") left the Vietnamese reason unfilled.
@example(mutant=("LC-0001.yaml", b"? " + GOOD_RECORD.encode("utf-8")))
def test_a_mutated_record_is_a_located_problem_never_a_crash(fuzz_folder, mutant):
    check_mutant(fuzz_folder, mutant)


@pytest.mark.parametrize("name, data", SEEDS, ids=[name for name, _ in SEEDS])
def test_the_seeds_are_clean_records(fuzz_folder, name, data):
    """Mutations start from valid records: what the fuzzer finds is what the mutation broke."""
    _, errors = check_mutant(fuzz_folder, (name, data))
    assert errors == []


# -- `make fuzz`: the same check for minutes, fresh seeds -------------------------------------------------

def fuzz_for_the_budget(fuzz_folder):
    failures = {}  # (exception, where) -> (smallest mutant so far, message, file:line)
    counts = {"mutants": 0, "slowest": 0.0}

    def recorded(mutant):
        counts["mutants"] += 1
        try:
            counts["slowest"] = max(counts["slowest"], check_mutant(fuzz_folder, mutant)[0])
        except BaseException as exc:  # noqa: BLE001 - recorded, then raised again for Hypothesis
            if isinstance(exc, KeyboardInterrupt):
                raise
            function, where = _where(exc)
            key = (type(exc).__name__, function)
            # Hypothesis ends on the smallest failing example: the last one recorded under its key.
            failures[key] = (mutant, f"{type(exc).__name__}: {str(exc)[:300]}", where)
            raise

    first_seed = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(2 ** 32))
    stop = time.monotonic() + FUZZ_MINUTES * 60
    rounds = 0
    while time.monotonic() < stop:
        run = settings(max_examples=ROUND_EXAMPLES, database=None, deadline=None, derandomize=False,
                       suppress_health_check=list(HealthCheck), print_blob=False)(given(mutant=mutants())(recorded))
        try:
            seed(first_seed + rounds)(run)()
        except BaseException as exc:  # noqa: BLE001 - each failure is in `failures`; the next round goes on
            if isinstance(exc, KeyboardInterrupt):
                raise
        rounds += 1
    report = [f"make fuzz: {counts['mutants']} mutants in {rounds} rounds from FUZZ_SEED={first_seed}, "
              f"slowest passing validation {counts['slowest']:.3f} s, {len(failures)} distinct failures"]
    if failures:
        FAILURES_DIR.mkdir(parents=True, exist_ok=True)
    for number, ((error, _), ((name, data), message, where)) in enumerate(sorted(failures.items()), 1):
        saved = FAILURES_DIR / f"{number:02d}-{error}-{name}"
        saved.write_bytes(data)
        shown = data if len(data) <= 300 else data[:150] + b" ... " + data[-150:]
        report.append(f"{number}. {message}\n   at {where}\n   input {name} ({len(data)} bytes, saved as "
                      f"{shown_path(saved)}): {shown!r}")
    print("\n".join(report), file=sys.stderr)
    assert not failures, "\n".join(report)


# Collected only by `make fuzz` (FUZZ_MINUTES set): `make test` runs the fixed budget above, and a
# test that would only skip there is not defined at all.
if FUZZ_MINUTES:
    test_fuzz_for_the_budget = fuzz_for_the_budget


def _where(exc):
    """(what tells one bug from another, 'file:line (function)') of the innermost frame of the
    project's own code, else of the test. In ocop/ one bug is one function (a RecursionError stops
    on any line of it); in the test, one assertion."""
    frames = []
    tb = exc.__traceback__
    while tb:
        frames.append((Path(tb.tb_frame.f_code.co_filename), tb.tb_lineno, tb.tb_frame.f_code.co_name))
        tb = tb.tb_next
    ours = [frame for frame in frames if (REPO / "ocop") in frame[0].parents]
    file, line, function = (ours or frames or [(Path("?"), 0, "?")])[-1]
    shown = file.relative_to(REPO).as_posix() if ours else file.name
    return f"{shown}:{function}" if ours else f"{shown}:{line}", f"{shown}:{line} ({function})"
