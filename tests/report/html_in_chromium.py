#!/usr/bin/python3
"""Checks the HTML report of the bundled NPA example (examples/npa/events.jsonl
with rules/npa.yaml), made by the built accord.

  self-contained  the file fetches nothing: no script, style sheet, image,
                  frame or object element, and no http(s):// or // address in
                  an attribute or the style sheet (in text a person reads it
                  may appear). First shown a page that does fetch, which it
                  must reject.
  chromium        Debian's headless Chromium opens it. From the DOM Chromium
                  built (--dump-dom), what a person would see must agree with
                  the JSON report of the same run: the summary's numbers,
                  every violation's message, an SVG timeline per matter (at
                  most 12) with its title. A screenshot (1280x2000) must be a
                  real picture; it is kept in the work folder as
                  report-example.png, and with ACCORD_UPDATE_GOLDENS=1 also
                  copied to docs/images/report-example.png in the source tree.
                  Skipped (exit 77) when Chromium is not installed.

    /usr/bin/python3 tests/report/html_in_chromium.py --check chromium \\
        --accord build/x/cli/accord --source-dir . --work-dir /tmp/html

Exit status 0 when the report passes, 1 otherwise, 77 when skipped.
"""

import argparse
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

RULES = "rules/npa.yaml"
EVENTS = "examples/npa/events.jsonl"
MAX_TIMELINES = 12  # html_report.cpp draws at most this many matters

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

FETCHING_ELEMENTS = {"script", "link", "img", "iframe", "frame", "object", "embed", "audio",
                     "video", "source", "base", "image", "use", "foreignobject"}
ADDRESS = re.compile(r"(https?:)?//[^\s\"'<>]", re.IGNORECASE)


class Page(html.parser.HTMLParser):
    """The elements, attributes, style sheet and visible text of a page."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.attributes, self.styles, self.texts = [], [], [], []
        self.open_style = False
        self.svgs = []  # each: {"role", "title", "desc"}
        self.current_svg = None
        self.in_title = self.in_desc = False
        self.card_numbers = {}
        self.card = None
        self.in_number = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        self.attributes.extend(attrs)
        attributes = dict(attrs)
        if tag == "style":
            self.open_style = True
        elif tag == "svg" and attributes.get("role") == "img":
            self.current_svg = {"title": "", "desc": ""}
            self.svgs.append(self.current_svg)
        elif tag == "title" and self.current_svg is not None:
            self.in_title = True
        elif tag == "desc" and self.current_svg is not None:
            self.in_desc = True
        if "card" in attributes.get("class", "").split():
            self.card = attributes.get("id")
        if attributes.get("class") == "number" and self.card:
            self.in_number = True

    def handle_endtag(self, tag):
        if tag == "style":
            self.open_style = False
        elif tag == "svg":
            self.current_svg = None
        elif tag == "title":
            self.in_title = False
        elif tag == "desc":
            self.in_desc = False
        elif tag == "div" and self.in_number:
            self.in_number = False

    def handle_data(self, data):
        if self.open_style:
            self.styles.append(data)
            return
        self.texts.append(data)
        if self.in_number:
            self.card_numbers[self.card] = self.card_numbers.get(self.card, "") + data
        if self.current_svg is not None and self.in_title:
            self.current_svg["title"] += data
        if self.current_svg is not None and self.in_desc:
            self.current_svg["desc"] += data

    def text(self):
        return re.sub(r"\s+", " ", "".join(self.texts))


def fetching(page_text):
    """What in a page would fetch something: a list of findings."""
    page = Page(page_text)
    found = [f"<{tag}>" for tag in page.elements if tag in FETCHING_ELEMENTS]
    found += [f"{name}={value!r}" for name, value in page.attributes
              if value and (ADDRESS.search(value) or name in ("src", "href", "srcset", "xlink:href"))]
    style = "".join(page.styles) + "".join(v or "" for n, v in page.attributes if n == "style")
    found += [f"style: {m}" for m in re.findall(r"url\(|@import|@font-face", style, re.IGNORECASE)]
    found += [f"style: {m.group(0)}" for m in ADDRESS.finditer(style)]
    return found


def run_accord(args, fmt):
    command = [args.accord, "check", "--rules", RULES, "--format", fmt, "--fail-on", "never", EVENTS]
    done = subprocess.run(command, cwd=args.source_dir, capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        sys.exit(f"accord check --format {fmt} exited with {done.returncode}:\n{done.stderr}")
    return done.stdout


def check_self_contained(args):
    fetches = fetching('<html><body><p>See https://example.org</p>'
                       '<img src="https://example.org/x.png"><style>p{background:url(x.png)}</style>')
    if len(fetches) != 3:
        print(f"the check missed what a page that fetches does: {fetches}")
        return 1
    found = fetching(run_accord(args, "html"))
    if found:
        print("the HTML report would fetch:\n  " + "\n  ".join(found))
        return 1
    print("the HTML report fetches nothing")
    return 0


def png_size_and_rows(path):
    """A PNG's width, height and how many of its scanlines differ."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour, 1)
    stride = 1 + width * channels * depth // 8
    pixels = zlib.decompress(b"".join(chunks))
    # Filtered rows: identical filtered rows mean identical (or trivially
    # shifted) content, enough to tell a blank page from a drawn one.
    rows = {pixels[i:i + stride] for i in range(0, len(pixels), stride)}
    return width, height, len(rows)


def chromium(args, profile, *extra):
    command = [args.chromium] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + list(extra)
    return subprocess.run(command, capture_output=True, text=True, timeout=25)


def check_in_chromium(args):
    program = args.chromium or shutil.which("chromium")
    if not program:
        print("skipped: chromium is not installed (apt-get install chromium)")
        return 77
    args.chromium = program
    os.makedirs(args.work_dir, exist_ok=True)
    report_path = os.path.abspath(os.path.join(args.work_dir, "report.html"))
    with open(report_path, "w", encoding="utf-8") as f:
        f.write(run_accord(args, "html"))
    expected = json.loads(run_accord(args, "json"))
    problems = []

    with tempfile.TemporaryDirectory() as profile:
        dom = chromium(args, profile, "--dump-dom", f"file://{report_path}")
    if dom.returncode != 0 or "<html" not in dom.stdout:
        print(f"chromium --dump-dom failed ({dom.returncode}):\n{dom.stderr[-2000:]}")
        return 1
    page = Page(dom.stdout)
    text = page.text()

    summary = expected["summary"]
    cards = {"card-violations": summary["violations"], "card-pending": summary["pending"],
             "card-errors": summary["errors"], "card-events": summary["events"],
             "card-rules": len({v["rule"] for v in expected["violations"]})}
    for card, number in cards.items():
        shown = page.card_numbers.get(card, "").strip()
        if shown != str(number):
            problems.append(f"the summary card {card} shows {shown!r}, the JSON report says {number}")
    headline = (f"{summary['violations']} violations: {cards['card-rules']} of {summary['rules']} rules broken, "
                f"in {summary['events']} events, judged as of {expected['as_of'][:10]}.")
    if headline not in text:
        problems.append(f"the headline {headline!r} is not on the page")
    for violation in expected["violations"]:
        if violation["message"] not in text:
            problems.append(f"the message {violation['message']!r} is not on the page")

    matters = {json.dumps(v.get("key", {}), sort_keys=True) for v in expected["violations"]}
    timelines = min(len(matters), MAX_TIMELINES)
    if len(page.svgs) != timelines:
        problems.append(f"{len(page.svgs)} SVG timelines (role=img) drawn, expected {timelines}")
    for svg in page.svgs:
        if not svg["title"].startswith("Timeline: ") or not svg["desc"].strip():
            problems.append(f"a timeline without a title and a description: {svg}")
    if not any("org DRA" in svg["title"] and "regional-offices" in svg["title"] for svg in page.svgs):
        problems.append("no timeline for the matter org DRA, subject regional-offices")

    shot = os.path.abspath(os.path.join(args.work_dir, "report-example.png"))
    if os.path.exists(shot):
        os.remove(shot)
    with tempfile.TemporaryDirectory() as profile:
        taken = chromium(args, profile, f"--screenshot={shot}", "--window-size=1280,2000",
                         "--hide-scrollbars", f"file://{report_path}")
    if taken.returncode != 0 or not os.path.exists(shot):
        print(f"chromium --screenshot failed ({taken.returncode}):\n{taken.stderr[-2000:]}")
        return 1
    width, height, rows = png_size_and_rows(shot)
    if (width, height) != (1280, 2000):
        problems.append(f"the screenshot is {width}x{height}, not 1280x2000")
    if rows < 200:
        problems.append(f"the screenshot has only {rows} distinct rows: is the page blank?")

    if problems:
        print("The HTML report as Chromium shows it:\n  " + "\n  ".join(problems))
        print(f"The page is {report_path}, the screenshot {shot}")
        return 1
    if os.environ.get("ACCORD_UPDATE_GOLDENS") == "1":
        target = os.path.join(args.source_dir, "docs", "images", "report-example.png")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(shot, target)
        print(f"{target} rewritten")
    print(f"Chromium shows the summary, {len(expected['violations'])} messages and {len(page.svgs)} "
          f"timelines; screenshot: {shot}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", choices=["self-contained", "chromium"], required=True)
    parser.add_argument("--accord", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--work-dir", default=tempfile.gettempdir())
    parser.add_argument("--chromium", default="", help="the Chromium program (default: chromium on PATH)")
    args = parser.parse_args()
    args.source_dir = os.path.abspath(args.source_dir)
    if args.check == "self-contained":
        return check_self_contained(args)
    return check_in_chromium(args)


if __name__ == "__main__":
    sys.exit(main())
