#!/usr/bin/env python3
"""Reference timings for the xlsx benchmark: openpyxl reading a hazard log sheet, and writing
a workbook with the same cells. Called by `cargo bench --bench perf`; prints `read_ms=` and
`write_ms=` lines (the median of three runs each).

Usage: openpyxl_reference.py EXPORTED.xlsx OUT.xlsx
"""
import statistics
import sys
import time

import openpyxl


def read(path):
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book["Hazard Log"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def write(rows, path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hazard Log"
    for row in rows:
        sheet.append(row)
    book.save(path)


def median_ms(work):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    exported, out = sys.argv[1], sys.argv[2]
    rows = read(exported)
    print(f"rows={len(rows)}")
    print(f"read_ms={median_ms(lambda: read(exported)):.1f}")
    print(f"write_ms={median_ms(lambda: write(rows, out)):.1f}")


if __name__ == "__main__":
    main()
