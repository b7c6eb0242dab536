"""Fill a nianbao template as another program would: openpyxl loads the
blank template, writes the values given as JSON and saves a new workbook.

usage: python3 fill_openpyxl.py TEMPLATE OUT VALUES.json
VALUES maps sheet names to {cell: value}; numbers stay numbers."""
import json
import sys

import openpyxl

template, out, values = sys.argv[1:4]
wb = openpyxl.load_workbook(template)
with open(values, encoding="utf-8") as f:
    for sheet, cells in json.load(f).items():
        ws = wb[sheet]
        for cell, value in cells.items():
            ws[cell] = value
wb.save(out)
