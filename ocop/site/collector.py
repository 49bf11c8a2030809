"""Keep Python's cyclic garbage collector out of the way of a build.

A build holds hundreds of thousands of long-lived objects (the records, their facts, the memory of
unchanged pages) and makes millions of short-lived ones (the views each page is rendered from). With
the default thresholds the collector walks the long-lived ones again and again: about a fifth of a
rebuild of 5,000 products, measured with the collector off (scripts/bench_site.py). Once the records
are loaded they are moved out of its sight (``gc.freeze``), and it runs less often; both are undone
when the build ends, so that a long-running ``pelican -r`` collects as before between builds.
"""

import gc

from ..common.collector import FEWER_COLLECTIONS


class QuietCollector:
    def __init__(self):
        self.before = None

    def start(self):
        """At the start of a build (again after a build that failed: undo what it left)."""
        self.end()
        self.before = gc.get_threshold()
        gc.set_threshold(*FEWER_COLLECTIONS)

    def loaded(self):
        """The long-lived objects are made: leave them out of every later collection."""
        gc.freeze()

    def end(self):
        if self.before is not None:
            gc.unfreeze()
            gc.set_threshold(*self.before)
            self.before = None


COLLECTOR = QuietCollector()
