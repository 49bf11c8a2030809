"""What a build is doing while it runs, and what it made when it is done.

A build of 20,000 products runs for minutes; without a word the officer cannot
tell a slow build from a stuck one. Above ``LONG_BUILD`` products the product
loop says how far it is: on a terminal one bar rewritten in place, elsewhere (CI
logs, a file) a log line every 10 %. At the end one line says what was made and
how much of it was already there unchanged (an rsync or a CDN only moves the rest).
"""

import logging

LONG_BUILD = 500  # products; a smaller build is over before a progress line would help
BAR_WIDTH = 30
LOG_NAME = "ocop.site.progress"


def vi_number(n: int) -> str:
    """1.500: Vietnamese groups thousands with a dot."""
    return f"{n:,}".replace(",", ".")


def en_number(n: int) -> str:
    return f"{n:,}"


def build_log() -> logging.Logger:
    """The logger of these lines, shown by default as Pelican's own "Done: Processed…" is (its other
    info lines need -v), and silenced with the rest by ``pelican -q``.

    Pelican drops a message it has logged before in the same process; under ``pelican -r`` each
    rebuild must still say what it made (and warn again), so that filter is taken off this logger."""
    log = logging.getLogger(LOG_NAME)
    quiet = logging.getLogger().level > logging.WARNING
    log.setLevel(logging.NOTSET if quiet else logging.INFO)
    if hasattr(log, "disable_filter"):  # pelican.log.LimitLogger, the class of every logger once Pelican runs
        log.disable_filter()
    return log


def _on_live_display(stream) -> bool:
    """Pelican draws a "Generating…" spinner on a terminal and buffers what is written to stderr meanwhile
    until a newline: a bar rewritten with \\r would stay invisible, so log lines are shown instead."""
    return hasattr(stream, "rich_proxied_file")


class Progress:
    """Counts the steps of a loop of ``total`` items and shows how far it is when ``total`` is above
    ``threshold``: a bar on ``stream`` when it is a terminal, else ``log.info`` lines at each tenth."""

    def __init__(self, total: int, log: logging.Logger | None = None, stream=None, threshold: int = LONG_BUILD,
                 words=("Sản phẩm", "Products")):
        self.total = total
        self.done = 0
        self.log = log or build_log()
        self.stream = stream
        self.words = words
        self.active = total > threshold
        isatty = getattr(stream, "isatty", None)
        self.bar = bool(self.active and isatty is not None and isatty() and not _on_live_display(stream))
        self._tenths_shown = 0
        self._percent_drawn = None

    def over(self, items):
        """Each item of ``items``, counted as done when the loop asks for the next one."""
        try:
            for item in items:
                yield item
                self.step()
        finally:
            self.close()

    def percent(self) -> int:
        return self.done * 100 // self.total if self.total else 100

    def step(self, count: int = 1):
        self.done += count
        if not self.active:
            return
        if self.bar:
            if self.percent() != self._percent_drawn:
                self._draw()
            return
        tenths = self.done * 10 // self.total
        if tenths > self._tenths_shown:
            self._tenths_shown = tenths
            self.log.info(self.line())

    def line(self, percent: int | None = None) -> str:
        """``Sản phẩm 150/1.500 (10 %) / Products 150/1,500 (10%)``."""
        shown = self._tenths_shown * 10 if percent is None else percent
        vi, en = self.words
        return (f"{vi} {vi_number(self.done)}/{vi_number(self.total)} ({shown} %) / "
                f"{en} {en_number(self.done)}/{en_number(self.total)} ({shown}%)")

    def _draw(self):
        percent = self.percent()
        filled = BAR_WIDTH * percent // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        vi, en = self.words
        self.stream.write(f"\r{vi} / {en} [{bar}] {vi_number(self.done)}/{vi_number(self.total)} ({percent} %)")
        self.stream.flush()
        self._percent_drawn = percent

    def close(self):
        """End the bar's line, so that what is printed next starts on a line of its own."""
        if self.bar and self._percent_drawn is not None:
            self.stream.write("\n")
            self.stream.flush()
            self._percent_drawn = None


class BuildTally:
    """What the plugin put in the site: files written with new bytes, files that were already there
    with the same bytes (left in place, or taken from the previous site), and among them the pages and
    QR codes; photos are counted per source photo (each is several widths and formats)."""

    def __init__(self):
        self.written = 0
        self.unchanged = 0
        self.pages = 0
        self.qr_codes = 0
        self.photos = 0

    def file(self, path: str, changed: bool):
        if changed:
            self.written += 1
        else:
            self.unchanged += 1
        if path.endswith(".html"):
            self.pages += 1
        elif path.endswith("/qr.svg"):  # one code, also written as qr.png
            self.qr_codes += 1

    def kept(self, paths):
        """The files of a product skipped as unchanged."""
        for path in paths:
            self.file(path, changed=False)

    def summary(self, products: int) -> str:
        return (f"Đã dựng {vi_number(products)} sản phẩm: {vi_number(self.pages)} trang, "
                f"{vi_number(self.qr_codes)} mã QR, {vi_number(self.photos)} ảnh; ghi mới "
                f"{vi_number(self.written)} tệp, {vi_number(self.unchanged)} tệp không đổi. / "
                f"Built {_en(products, 'product')}: {_en(self.pages, 'page')}, {_en(self.qr_codes, 'QR code')}, "
                f"{_en(self.photos, 'photo')}; {_en(self.written, 'file')} written, "
                f"{en_number(self.unchanged)} unchanged.")


def _en(count: int, word: str) -> str:
    return f"{en_number(count)} {word}{'' if count == 1 else 's'}"
