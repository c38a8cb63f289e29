#!/usr/bin/env python3
"""Reads Hazard Workshop through AT-SPI, as Orca does, and checks what a screen-reader user needs.

    screen_reader_check.py enable          turn the screen-reader flag on (org.a11y.Status)
    screen_reader_check.py check --pid N   read the app with process id N and check it

`check` fails (exit 1) when: the frame is unnamed; a focusable node has no name; a name holds an
icon-font glyph; the hazard table is missing, has no rows or no selected row; a combo box has no
value; fewer than all 25 matrix cells are named with likelihood, severity, rating and count; the
pane tabs are not page tabs with one selected per strip. It then drives one flow through the
accessibility interface: click another hazard's row (the Action interface), wait until that row
is selected, and read the hazard's name and ratings back from the details pane.

Needs python3-pyatspi (Debian). Every D-Bus call has a timeout, and the whole run a deadline, so
it never hangs CI.
"""

import argparse
import re
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402
import pyatspi  # noqa: E402

# A screen reader's calls are answered within this, or the app is reported as not answering.
CALL_TIMEOUT_MS = 4000
MAX_NODES = 20000
# Private Use Area: where icon fonts (Material Icons) put their glyphs.
ICON_GLYPH = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
CELL_NAME = re.compile(
    r"^Likelihood (?P<likelihood>[A-Za-z ]+), severity (?P<severity>[A-Za-z ]+): "
    r"rating (?P<rating>[1-5]), (?P<count>\d+) hazards?$"
)


def enable_screen_reader():
    """Sets org.a11y.Status IsEnabled and ScreenReaderEnabled, as Orca does at start."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    for prop in ("IsEnabled", "ScreenReaderEnabled"):
        bus.call_sync(
            "org.a11y.Bus",
            "/org/a11y/bus",
            "org.freedesktop.DBus.Properties",
            "Set",
            GLib.Variant("(ssv)", ("org.a11y.Status", prop, GLib.Variant("b", True))),
            None,
            Gio.DBusCallFlags.NONE,
            CALL_TIMEOUT_MS,
            None,
        )


class Node:
    """One accessible, read once: role, name, states, and the live object for actions."""

    def __init__(self, acc, depth):
        self.acc = acc
        self.depth = depth
        self.role = acc.getRoleName()
        self.name = acc.name or ""
        states = acc.getState()
        self.focusable = states.contains(pyatspi.STATE_FOCUSABLE)
        self.focused = states.contains(pyatspi.STATE_FOCUSED)
        self.selected = states.contains(pyatspi.STATE_SELECTED)
        self.children = []

    def describe(self):
        return f"{self.role} {self.name!r}"


def read_tree(acc, depth=0, budget=None):
    """The subtree under `acc`; nodes that vanish while being read are skipped."""
    budget = budget if budget is not None else [MAX_NODES]
    node = Node(acc, depth)
    budget[0] -= 1
    if budget[0] <= 0:
        return node
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
            if child is not None:
                node.children.append(read_tree(child, depth + 1, budget))
        except GLib.Error:
            continue
    return node


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        try:
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == pid:
                return app
        except GLib.Error:
            continue
    return None


def read_app(pid, deadline, ready, partial=False):
    """Waits (retrying) until the app is on the bus and `ready(tree)` holds; returns the tree.
    With `partial`, a tree that never got ready is returned at the deadline (if one was read)."""
    last_problem = "the app is not on the accessibility bus"
    last_tree = None
    while time.monotonic() < deadline:
        try:
            app = find_app(pid)
            if app is not None:
                tree = read_tree(app)
                last_tree = tree
                problem = ready(tree)
                if problem is None:
                    return tree
                last_problem = problem
        except GLib.Error as err:
            last_problem = f"AT-SPI error: {err}"
        time.sleep(0.5)
    if partial and last_tree is not None and frames(last_tree):
        print(f"screen reader: still {last_problem} at the deadline; checking what is there")
        return last_tree
    raise TimeoutError(last_problem)


def frames(tree):
    return [n for n in walk(tree) if n.role == "frame"]


def tables(tree):
    return [n for n in walk(tree) if n.role == "table" and n.name.startswith("Hazards")]


def rows_of(table):
    """The hazard rows (the header row holds column headers, not cells)."""
    return [
        n for n in walk(table) if n.role == "table row" and any(c.role == "table cell" for c in n.children)
    ]


def tree_ready(tree):
    if not frames(tree):
        return "no frame yet"
    if not tables(tree):
        return "no hazard table yet"
    return None


def combo_value(node):
    """What a combo box is set to: its text, or the name of its selected child (as Orca reads)."""
    try:
        text = node.acc.queryText()
        value = text.getText(0, -1)
        if value.strip():
            return value
    except NotImplementedError:
        pass
    try:
        selection = node.acc.querySelection()
        for i in range(selection.nSelectedChildren):
            child = selection.getSelectedChild(i)
            if child is not None and (child.name or "").strip():
                return child.name
    except NotImplementedError:
        pass
    for child in node.children:
        if child.selected and child.name.strip():
            return child.name
    return ""


def check_tree(tree):
    """Every rule, as (passed, message) pairs."""
    results = []
    nodes = list(walk(tree))
    results.append((True, f"{len(nodes)} accessible objects read"))

    named_frames = [n for n in frames(tree) if "Hazard Workshop" in n.name]
    results.append(
        (
            bool(named_frames),
            "the frame is named with the project and app: "
            + (repr(named_frames[0].name) if named_frames else "no named frame"),
        )
    )

    unnamed = [n for n in nodes if n.focusable and not n.name.strip()]
    results.append(
        (
            not unnamed,
            "every focusable object has a name"
            + ("" if not unnamed else ": unnamed " + ", ".join(n.role for n in unnamed[:10])),
        )
    )

    glyphs = [n for n in nodes if ICON_GLYPH.search(n.name)]
    results.append(
        (
            not glyphs,
            "no icon glyph inside a name"
            + ("" if not glyphs else ": " + ", ".join(repr(n.name) for n in glyphs[:5])),
        )
    )

    table = tables(tree)
    rows = rows_of(table[0]) if table else []
    selected = [r for r in rows if r.selected]
    results.append((bool(table), "the hazard list is a table: " + (table[0].name if table else "none")))
    results.append((len(rows) > 1, f"the table has rows ({len(rows)} exposed)"))
    results.append(
        (
            len(selected) == 1,
            "the table has one selected row"
            + (f": {selected[0].name!r}" if len(selected) == 1 else f" (found {len(selected)})"),
        )
    )
    headers = [n for n in walk(table[0]) if n.role == "column header"] if table else []
    # In a narrow pane the least needed columns give way (the row's name still reads every cell),
    # so the count depends on the window: ID and Name are always there.
    names = [h.name for h in headers]
    results.append(
        (
            3 <= len(headers) <= 7 and any(n.startswith("ID") for n in names) and any(n.startswith("Name") for n in names),
            f"the table has {len(headers)} column headers, ID and Name among them: {names!r}",
        )
    )

    combos = [n for n in nodes if n.role == "combo box"]
    empty = [n for n in combos if not combo_value(n).strip()]
    results.append(
        (
            bool(combos) and not empty,
            f"every combo box exposes its value ({len(combos)} combo boxes)"
            + ("" if not empty else ": no value on " + ", ".join(repr(n.name) for n in empty)),
        )
    )

    cells = {}
    for n in nodes:
        m = CELL_NAME.match(n.name)
        if m:
            cells[(m["likelihood"], m["severity"])] = n
    results.append(
        (
            len(cells) == 25,
            f"{len(cells)} of 25 matrix cells are named with likelihood, severity, rating and count",
        )
    )

    tab_lists = [n for n in nodes if n.role == "page tab list"]
    tabs = [n for n in nodes if n.role == "page tab"]
    bad_lists = [
        t for t in tab_lists if sum(1 for c in t.children if c.role == "page tab" and c.selected) != 1
    ]
    results.append(
        (
            bool(tabs) and bool(tab_lists) and not bad_lists,
            f"pane tabs are page tabs ({len(tabs)} in {len(tab_lists)} strips), one selected per strip",
        )
    )
    return results


RISKS = ("Initial risk", "Residual risk")


def details_of(tree):
    panes = [n for n in walk(tree) if n.role == "panel" and n.name == "Hazard details pane"]
    return list(walk(panes[0])) if panes else []


def cell_names(row):
    return [c.name for c in row.children if c.role == "table cell"]


def drive_selection(pid, tree, deadline):
    """Clicks another row through AT-SPI and reads the hazard back from the details pane."""
    results = []
    rows = rows_of(tables(tree)[0])
    target = next((r for r in rows if not r.selected and r.name.strip()), None)
    if target is None:
        return [(False, "there is no other row to select")]
    try:
        action = target.acc.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        index = names.index("click") if "click" in names else 0
        action.doAction(index)
    except (NotImplementedError, GLib.Error) as err:
        return [(False, f"the row {target.name!r} cannot be clicked through AT-SPI: {err}")]
    wanted = target.name

    def selected_now(tree):
        table = tables(tree)
        if not table:
            return "the table vanished"
        selected = [row.name for row in rows_of(table[0]) if row.selected]
        # AT-SPI delivers the old row's state change separately: wait until
        # the wanted row is the only one selected, not merely one of two.
        if selected == [wanted]:
            return None
        return f"the row {wanted!r} is not the only selected row yet (selected: {selected!r})"

    try:
        tree = read_app(pid, deadline, selected_now)
    except TimeoutError as err:
        return [(False, f"selecting a row through AT-SPI: {err}")]
    results.append((True, f"selected through AT-SPI: {wanted!r}"))

    row = next(r for r in rows_of(tables(tree)[0]) if r.name == wanted)
    cells = cell_names(row)
    hazard_id, hazard_name = cells[0], cells[1]
    nodes = list(walk(tree))
    name_fields = [n for n in nodes if n.role == "entry" and n.name == "Hazard name"]
    shown = ""
    if name_fields:
        try:
            text = name_fields[0].acc.queryText()
            shown = text.getText(0, -1)
        except NotImplementedError:
            shown = ""
    results.append(
        (
            shown == hazard_name,
            f"the details pane reads back the name of {hazard_id}: {shown!r} (row says {hazard_name!r})",
        )
    )
    in_details = [n.name for n in details_of(tree)]
    for stage in RISKS:
        in_row = next((c for c in cells if c.startswith(stage + ":")), None)
        # The row says "Initial risk: rating 3 (Undesirable)"; the editor says
        # "Initial assessment: rating 3 (Undesirable)".
        said = in_row.split(":", 1)[1].strip() if in_row else None
        word = stage.split()[0]
        shown = [d for d in in_details if d.startswith(word) and d.endswith(": " + str(said))]
        results.append(
            (
                said is not None and bool(shown),
                f"{stage.lower()} of {hazard_id} read back from the details pane: "
                + (repr(shown[0]) if shown else f"not found (row says {in_row!r})"),
            )
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("enable")
    check = sub.add_parser("check")
    check.add_argument("--pid", type=int, required=True)
    check.add_argument("--timeout", type=float, default=60.0, help="seconds for the whole check")
    check.add_argument("--dump", action="store_true", help="print the tree as read")
    args = parser.parse_args()

    if args.command == "enable":
        enable_screen_reader()
        return 0

    Atspi.set_timeout(CALL_TIMEOUT_MS, CALL_TIMEOUT_MS * 2)
    deadline = time.monotonic() + args.timeout
    try:
        # Wait for the table at most half the time: without one, report everything else.
        tree = read_app(args.pid, time.monotonic() + args.timeout / 2, tree_ready, partial=True)
    except TimeoutError as err:
        print(f"screen reader: FAIL the app could not be read through AT-SPI: {err}")
        return 1
    if args.dump:
        for n in walk(tree):
            flags = ("F" if n.focusable else "-") + ("S" if n.selected else "-")
            print(f"{'  ' * n.depth}{flags} {n.describe()}")
    results = check_tree(tree)
    if tables(tree) and rows_of(tables(tree)[0]):
        results += drive_selection(args.pid, tree, deadline)
    failed = [message for ok, message in results if not ok]
    for ok, message in results:
        print(f"screen reader: {'ok  ' if ok else 'FAIL'} {message}")
    print(f"screen reader: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
