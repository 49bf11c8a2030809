"""Do the same work on many items with every processor the machine gives: the reading of a
records folder, which is a few minutes' CPU at 20,000 records and the same for each record.

The items are cut into batches (``BATCH`` items at most). This process and as many forked
children as there are other processors (at most ``MOST_PROCESSES`` in all, and only where each gets
``SMALLEST_RUN`` items: below that, starting a process costs more than it saves) take the batches
one at a time, each the next one not yet taken, until none is left. A child sends each batch's
results back pickled through a pipe as soon as it is done; this process takes in what has come
between two batches of its own. So the unpickling of the children's results, the one part only
this process can do, is done while they still work, and whoever is faster takes more batches: no
process waits for another while work is left. The results come back in the items' order: the
same list as ``[function(item) for item in items]``. A child sees everything this process had read
(the country's units, the dataset's settings) without reading it again.

A child that fails, for any reason (killed, out of memory, a result that cannot be pickled), sends
no more: this process then does every batch that did not come back whole, so the outcome is the
same, only slower. Where processes cannot be forked (Windows), or the machine has one processor,
everything is done here.

``Forked`` is the one child: a task done beside this process, its result sent back (the site's
build prepares its fresh folder with it while it reads the records, ocop.site.spare).
"""

import os
import pickle
import signal
import struct

MOST_PROCESSES = 4  # past this, the pickled results cost this process more than the work it leaves
SMALLEST_RUN = 200  # items per process at least (a fork and its pipe cost some 10 ms)
# Items per batch: a batch's results (some 1 KB a record) fit in a pipe's 64 KiB, so a child seldom
# waits for this process to read them, and the last batch, which one process finishes while the
# others stop, is a few milliseconds of work.
BATCH = 50
MOST_BATCHES = 16_384  # their numbers, 4 bytes each, are written into a pipe before anyone reads it
RESULTS_PIPE = 1 << 20  # bytes a child may send ahead of this process's reading (Linux's most, unprivileged)
_FRAME = struct.Struct("<II")  # a sent batch: its number and the length of its pickle, then the pickle


def processors() -> int:
    """The processors this process may run on (a container's share, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def map_in_processes(function, items: list, keep=lambda result: result) -> list:
    """``[keep(function(item)) for item in items]``, the work shared with forked children. ``keep(result)``
    is what is kept of each result as soon as it is made, and what a child sends back: the part the
    caller needs (small to hold, small to pickle)."""
    runs = min(processors(), MOST_PROCESSES, len(items) // SMALLEST_RUN) if hasattr(os, "fork") else 1
    if runs < 2:
        return [keep(function(item)) for item in items]
    # A few items (a test's) still make batches for all; a million make no more than a pipe holds.
    size = max(1, min(BATCH, len(items) // (runs * 8)), -(-len(items) // MOST_BATCHES))
    batches = [items[start:start + size] for start in range(0, len(items), size)]
    done = [None] * len(batches)  # each batch's results, once made here or received whole

    def work(number):
        return [keep(function(item)) for item in batches[number]]

    claims = _Claims(len(batches))
    children = []
    try:
        for _ in range(runs - 1):
            children.append(_Helper(work, claims, [child.pipe for child in children]))
        claims.close_writer()
        while (number := claims.next()) is not None:
            done[number] = work(number)
            for child in children:
                child.take_in(done, wait=False)
        for child in children:
            child.take_in(done, wait=True)
    finally:
        claims.close()
        for child in children:
            child.stop()
    # Batches a child took and did not send back whole: done here.
    return [result for number, results in enumerate(done)
            for result in (results if results is not None else work(number))]


class _Claims:
    """Which batch is next: the numbers of all batches, written into a pipe before any child is forked;
    each process reads one number at a time (a read of 4 bytes from a pipe is whole, never shared), so
    every batch is taken by exactly one process. An empty pipe with no writer left says: none left."""

    def __init__(self, count: int):
        self.read_end, self.write_end = os.pipe()
        try:  # the pipe holds them all: MOST_BATCHES fill the 64 KiB of any pipe
            _write_all(self.write_end, b"".join(number.to_bytes(4, "little") for number in range(count)))
        except BaseException:
            self.close()
            raise

    def close_writer(self):
        if self.write_end is not None:
            os.close(self.write_end)
            self.write_end = None

    def next(self):
        data = os.read(self.read_end, 4)
        return int.from_bytes(data, "little") if len(data) == 4 else None

    def close(self):
        self.close_writer()
        if self.read_end is not None:
            os.close(self.read_end)
            self.read_end = None


def _grow_pipe(fd: int, size: int):
    """Make a pipe hold ``size`` bytes where Linux lets it (F_SETPIPE_SZ); elsewhere it keeps its own
    (64 KiB at least)."""
    if size <= 65536:
        return
    import fcntl  # here: a module of Unix only

    if hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
        except OSError:
            pass


class _Child:
    """A forked child that runs ``body(pipe)``, what it writes to the pipe going back to this process,
    and ends: with status 0 when the body returned, 1 whatever else stopped it. OSError when no
    process can be forked."""

    def __init__(self, body, others_pipes=(), pipe_size=0):
        read_end, write_end = os.pipe()
        _grow_pipe(write_end, pipe_size)
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if self.pid == 0:  # the child: never returns
            status = 1
            try:
                signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C or a stop ends it at once
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.close(read_end)
                for pipe in others_pipes:  # other children's: not this one's to hold open
                    os.close(pipe)
                body(write_end)
                status = 0
            except BaseException:  # noqa: BLE001 - whatever stops it, the parent does the work itself
                pass
            finally:
                os._exit(status)  # no teardown: the parent's open files and exit handlers are not its own
        os.close(write_end)
        self.pipe = read_end
        self.done = False

    def _reap(self) -> int:
        """Wait for the child's end (its pipe read to the end); its status."""
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        self._close()
        return status

    def stop(self):
        """Make sure the child is gone and its pipe closed (this process stopped before collecting it)."""
        if not self.done:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.done = True
        self._close()

    def _close(self):
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None


def _write_all(fd: int, data: bytes):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Helper(_Child):
    """A forked child taking batches until none is left, sending each one's results back as it is done;
    ``take_in`` puts what it sent into ``done``."""

    def __init__(self, work, claims: _Claims, others_pipes=()):
        def body(pipe):
            claims.close_writer()  # else the claims pipe never says "none left"
            while (number := claims.next()) is not None:
                data = pickle.dumps(work(number), protocol=pickle.HIGHEST_PROTOCOL)
                _write_all(pipe, _FRAME.pack(number, len(data)) + data)

        super().__init__(body, others_pipes, RESULTS_PIPE)
        os.set_blocking(self.pipe, False)
        self.received = bytearray()

    def take_in(self, done: list, wait: bool):
        """Read what the child has sent, putting each whole batch into ``done``; with ``wait``, until it
        ends. A batch cut short (the child stopped half-way) or that cannot be unpickled is left out."""
        if self.pipe is None:
            return
        if wait:
            os.set_blocking(self.pipe, True)
        while True:
            try:
                chunk = os.read(self.pipe, 1 << 20)
            except BlockingIOError:  # nothing more for now
                return
            except OSError:
                chunk = b""
            if not chunk:  # the child has ended: what it sent is all there is
                self._reap()
                return
            self.received += chunk
            self._unpack(done)

    def _unpack(self, done: list):
        received, start = self.received, 0
        while len(received) - start >= _FRAME.size:
            number, length = _FRAME.unpack_from(received, start)
            end = start + _FRAME.size + length
            if end > len(received):
                break
            try:
                done[number] = pickle.loads(received[start + _FRAME.size:end])
            except Exception:  # noqa: BLE001 - made here instead
                pass
            start = end
        del received[:start]


class Forked(_Child):
    """``task()`` done by a forked child, which sends back what it returns (pickled through a pipe) and
    ends; ``result()`` waits for it. OSError when no process can be forked."""

    def __init__(self, task, others_pipes=()):
        super().__init__(lambda pipe: _write_all(pipe, pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL)),
                         others_pipes)

    def result(self):
        """What the task returned, or None when the child did not send it whole (it failed, was
        killed, or returned what cannot be pickled)."""
        chunks = []
        try:
            while chunk := os.read(self.pipe, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        status = self._reap()
        if status != 0 or not chunks:
            return None
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - cut short: the parent does the work itself
            return None
