"""Do the same work on many items with every processor the machine gives: the reading of a
records folder, which is a few minutes' CPU at 20,000 records and the same for each record.

The items are split into as many runs as there are processors (at most ``MOST_PROCESSES``, each
run at least ``SMALLEST_RUN`` items: below that, starting a process costs more than it saves).
This process does the first run; each other run is done by a child forked from it, which sends its
results back pickled through a pipe, so a child sees everything this process had read (the
country's units, the dataset's settings) without reading it again. The results come back in the
items' order: the same list as ``[function(item) for item in items]``.

A child that fails, for any reason (killed, out of memory, a result that cannot be pickled), sends
nothing: this process then does that run itself, so the outcome is the same, only slower. Where
processes cannot be forked (Windows), or the machine has one processor, everything is done here.

``Forked`` is the one child: a task done beside this process, its result sent back (the site's
build prepares its fresh folder with it while it reads the records, ocop.site.spare).
"""

import os
import pickle
import signal

MOST_PROCESSES = 4  # past this, the pickled results cost this process more than the work it leaves
SMALLEST_RUN = 200  # items per process at least (a fork and its pipe cost some 10 ms)


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
    size = -(-len(items) // runs)  # ceiling: the first run, this process's, is never the short one
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    children = []
    try:
        for chunk in chunks[1:]:
            children.append(Forked(lambda chunk=chunk: [keep(function(item)) for item in chunk],
                                   [child.pipe for child in children]))
        results = [keep(function(item)) for item in chunks[0]]
        for child, chunk in zip(children, chunks[1:]):
            sent = child.result()
            results.extend(sent if sent is not None else [keep(function(item)) for item in chunk])
    finally:
        for child in children:
            child.stop()
    return results


class Forked:
    """``task()`` done by a forked child, which sends back what it returns (pickled through a pipe) and
    ends; ``result()`` waits for it. OSError when no process can be forked."""

    def __init__(self, task, others_pipes=()):
        read_end, write_end = os.pipe()
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
                data = pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view):]
                status = 0
            except BaseException:  # noqa: BLE001 - whatever stops it, the parent does the work itself
                pass
            finally:
                os._exit(status)  # no teardown: the parent's open files and exit handlers are not its own
        os.close(write_end)
        self.pipe = read_end
        self.done = False

    def result(self):
        """What the task returned, or None when the child did not send it whole (it failed, was
        killed, or returned what cannot be pickled)."""
        chunks = []
        try:
            while chunk := os.read(self.pipe, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        self._close()
        if status != 0 or not chunks:
            return None
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # noqa: BLE001 - cut short: the parent does the work itself
            return None

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
