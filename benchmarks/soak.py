"""Memory over a long listen: PSS growth after warm-up, against a bare libVLC player.

The app plays a real Icecast stream on loopback whose ICY title changes every
10 s, and refreshes a news feed every minute that gains two stories (each with
its own picture) per refresh. A bare python-vlc player plays the same stream
alongside as the reference. PSS comes from /proc/<pid>/smaps_rollup (Linux).

    python -m benchmarks.soak                  # 30 minutes, growth measured after 5
    python -m benchmarks.soak --minutes 8 --warmup 3
    python -m benchmarks.soak --trace          # also tracemalloc and Qt object counts

With --trace the app runs under benchmarks/probes/soak_trace.py, which writes a
tracemalloc snapshot and counts of Python and Qt objects every minute; the
largest differences between the end of warm-up and the end are printed.
Tracing itself costs memory, so its PSS figures are not the benchmark's.

The target is on PSS. PSS divides each shared page of a library among the
processes mapping it, so it also moves when other programs that use the same
libraries start or end, without the app doing anything. Beside PSS the soak
prints the growth of anonymous memory (the app's own heap) and of RSS, which
neighbours cannot move: PSS growth the app causes itself is at most its RSS
growth. A PSS growth over target with a small RSS growth came from elsewhere;
run again on a quieter machine before trusting the verdict.
"""

from __future__ import annotations

import argparse
import http.server
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

from benchmarks.common import PYTHON, ROOT, isolated_environment
from tests.playback.icecast import IcecastServer, make_tone_mp3

TARGET_GROWTH_MIB = 10.0
SAMPLE_SECONDS = 10.0
STORIES = 20
NEW_STORIES_PER_MINUTE = 2


def rollup_kib(pid: int) -> dict[str, int]:
    """/proc/<pid>/smaps_rollup as {"Pss": KiB, "Pss_Anon": KiB, …}; empty once it has ended."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    return {
        line.split(":")[0]: int(line.split()[1])
        for line in text.splitlines()[1:]
        if line.endswith(" kB")
    }


def mapping_pss_kib(pid: int) -> dict[str, int]:
    """PSS by mapping name (a library, [heap], or anonymous), from /proc/<pid>/smaps."""
    totals: dict[str, int] = {}
    name = "[anonymous]"
    try:
        lines = Path(f"/proc/{pid}/smaps").read_text().splitlines()
    except OSError:
        return totals
    for line in lines:
        first = line.split(maxsplit=5)
        if "-" in first[0] and ":" not in first[0]:
            name = first[5] if len(first) > 5 else "[anonymous]"
        elif first[0] == "Pss:":
            totals[name] = totals.get(name, 0) + int(first[1])
    return totals


class NewsSite:
    """A feed on loopback that gains stories as minutes pass, each with a picture."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body, kind = site.answer(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def answer(self, path: str) -> tuple[bytes, str]:
        if path == "/news.rss":
            return self._feed(), "application/rss+xml"
        if path.startswith("/pictures/"):
            return _picture(int(path.rsplit("/", 1)[1].split(".")[0])), "image/png"
        return b"", "text/plain"

    def _feed(self) -> bytes:
        minute = int((time.monotonic() - self._started) // 60)
        newest = STORIES + minute * NEW_STORIES_PER_MINUTE
        items = []
        for number in range(newest, newest - STORIES, -1):
            published = formatdate(time.time() - (newest - number) * 600, usegmt=True)
            items.append(
                f"<item><title>Story {number}: the council meets on the budget</title>"
                f"<link>{self.url}/story/{number}</link><guid>{self.url}/story/{number}</guid>"
                f"<pubDate>{published}</pubDate>"
                f"<description>&lt;p&gt;What happened in story {number}, in a few "
                f"sentences of plain news text.&lt;/p&gt;</description>"
                f'<media:thumbnail url="{self.url}/pictures/{number}.png"/></item>'
            )
        return (
            '<?xml version="1.0"?><rss version="2.0" '
            'xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Soak News</title>'
            f"<link>{self.url}/</link><description>News</description>"
            + "".join(items)
            + "</channel></rss>"
        ).encode()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _picture(number: int) -> bytes:
    """A 320x200 PNG, different for every story."""
    import struct
    import zlib

    width, height = 320, 200
    colour = bytes(((number * 37) % 256, (number * 91) % 256, (number * 53) % 256))
    rows = b"".join(b"\0" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        payload = kind + data
        return struct.pack(">I", len(data)) + payload + struct.pack(">I", zlib.crc32(payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@dataclass
class Run:
    name: str
    proc: subprocess.Popen[bytes]
    samples: list[tuple[float, dict[str, int]]] = field(default_factory=list)
    mappings: list[dict[str, int]] = field(default_factory=list)

    def sample(self, elapsed: float) -> None:
        rollup = rollup_kib(self.proc.pid)
        if "Pss" in rollup:
            self.samples.append((elapsed, rollup))

    def latest(self, field_name: str = "Pss") -> float:
        return self.samples[-1][1].get(field_name, 0) / 1024

    def summary(self, warmup: float, field_name: str = "Pss") -> tuple[float, float, float, float]:
        """(MiB at warm-up end, at the end, growth, peak after warm-up) of one rollup field."""
        after = [rollup.get(field_name, 0) / 1024 for at, rollup in self.samples if at >= warmup]
        return after[0], after[-1], after[-1] - after[0], max(after)


def _write_config(env: dict[str, str], stream_url: str, news_url: str) -> None:
    config = Path(env["XDG_CONFIG_HOME"]) / "station-app"
    config.mkdir(parents=True)
    (config / "stations.toml").write_text(
        '[network]\nname = "Soak"\n\n[[feeds]]\ntitle = "News"\n'
        f'url = "{news_url}/news.rss"\n\n'
        '[[stations]]\nid = "soak"\ncall_sign = "WSOK"\n'
        f'streams = ["{stream_url}"]\n'
    )
    (config / "settings.toml").write_text(
        '[player]\nvlc_options = ["--aout=afile", "--audiofile-file=/dev/null"]\n\n'
        "[news]\nrefresh_minutes = 1\n"
    )


def soak(minutes: float, warmup: float, trace: bool) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="station-bench-soak-"))
    workdir.chmod(0o755)  # Icecast drops root and must reach its folder inside
    server = IcecastServer(workdir / "icecast", make_tone_mp3(workdir / "tone.mp3", seconds=60))
    site = NewsSite()
    runs: list[Run] = []
    try:
        server.start()
        env = isolated_environment()
        env["STATION_APP_TRACE_DIR"] = str(workdir / "trace")
        _write_config(env, server.stream_url, site.url)
        entry = ["benchmarks/probes/soak_trace.py"] if trace else ["-m", "station_app"]
        app = [PYTHON, *entry, "--play", "soak"]
        bare = [PYTHON, "-m", "benchmarks.probes.bare_player", server.stream_url, "/dev/null"]
        for name, args in (("app", app), ("bare libVLC player", [*bare, "1000"])):
            proc = subprocess.Popen(args, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
            runs.append(Run(name, proc))
        started = time.monotonic()
        next_title = next_report = 0.0
        title = 0
        while (elapsed := time.monotonic() - started) < minutes * 60:
            if elapsed >= next_title:
                title += 1
                server.set_title(f"Soak Artist - Song number {title}")
                next_title += 10
            for run in runs:
                if run.proc.poll() is not None:
                    raise RuntimeError(f"{run.name} ended during the soak")
                if not run.samples or elapsed - run.samples[-1][0] >= SAMPLE_SECONDS:
                    run.sample(elapsed)
                    if trace and not run.mappings and elapsed >= warmup * 60:
                        run.mappings.append(mapping_pss_kib(run.proc.pid))
            if elapsed >= next_report:
                next_report += 60
                figures = ", ".join(f"{run.name} {run.latest():.1f}" for run in runs if run.samples)
                print(f"  {elapsed / 60:4.1f} min, PSS MiB: {figures}", flush=True)
            time.sleep(1)
        for run in runs:
            run.sample(minutes * 60)
            if trace:
                run.mappings.append(mapping_pss_kib(run.proc.pid))
    finally:
        for run in runs:
            run.proc.send_signal(signal.SIGTERM)
            try:
                run.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                run.proc.kill()
                run.proc.wait()
        site.stop()
        server.stop()
    print(f"== soak: {minutes:g} min, growth measured after {warmup:g} min")
    for run in runs:
        start, end, growth, peak = run.summary(warmup * 60)
        anon_growth = run.summary(warmup * 60, "Pss_Anon")[2]
        rss_growth = run.summary(warmup * 60, "Rss")[2]
        print(
            f"{run.name}: PSS {start:.1f} -> {end:.1f} MiB, growth {growth:+.1f} MiB "
            f"(anonymous {anon_growth:+.1f}, RSS {rss_growth:+.1f}), peak {peak:.1f} MiB"
        )
        if len(run.mappings) == 2:
            before, after = run.mappings
            grown = sorted(((after[k] - before.get(k, 0), k) for k in after), reverse=True)
            for delta, mapping in grown[:6]:
                print(f"    {delta / 1024:+6.1f} MiB {mapping}")
    growth = runs[0].summary(warmup * 60)[2]
    verdict = "ok" if growth <= TARGET_GROWTH_MIB else "MISSED"
    print(
        f"app PSS growth after warm-up: {growth:+.1f} MiB "
        f"(target <= {TARGET_GROWTH_MIB:g} MiB: {verdict})"
    )
    if trace:
        from benchmarks.probes.soak_trace import report

        report(workdir / "trace", warmup)
    shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=30, help="length of the soak")
    parser.add_argument("--warmup", type=float, default=5, help="minutes before growth counts")
    parser.add_argument("--trace", action="store_true", help="tracemalloc and object counts")
    args = parser.parse_args()
    if args.warmup >= args.minutes:
        parser.error("--warmup must be shorter than --minutes")
    soak(args.minutes, args.warmup, args.trace)


if __name__ == "__main__":
    main()
