"""Cells of the spreadsheets the project writes (CSV and XLSX): text stays text.

Records come from pull requests, so their text is hostile. A spreadsheet that
opens a CSV reads a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a
formula: ``=HYPERLINK(…)`` sends whoever clicks it, with the data it quotes, to
any address, and older Excel runs commands through DDE. Tab and carriage
return are on the list too because spreadsheets skip them before looking for
the formula sign. The rule is OWASP's ("CSV Injection"): such a text cell is
written with a leading single quote, Excel's own "this is text" mark. It is
decided here once, for every CSV and XLSX writer (exports.products_csv, the
report's CSV and Excel in cli/report.py). JSON is not a spreadsheet: its values
stay exact.

Only text is touched: numbers and dates are passed to the writers as numbers
and dates, so a negative number or a score stays a number.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value) -> bool:
    """Text that a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A value for a CSV row: dangerous text gets the leading quote (the csv module still quotes the
    cell where it must). A CSV cell has no type, so the quote is the only way to say "text"; tools that
    are not spreadsheets show it, which is the price OWASP accepts."""
    return "'" + value if starts_like_formula(value) else value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def text_stays_text(sheet) -> None:
    """Every text cell of an openpyxl worksheet stays a string cell.

    openpyxl turns a ``str`` assigned to a cell into a formula when it begins with ``=`` (and into an
    error value when it reads ``#REF!``, ``#N/A``…). An XLSX cell, unlike a CSV one, has a type: a string
    cell (data_type "s") is shown by Excel and LibreOffice exactly as written and never calculated, so
    the text is kept without an added quote, and a reader of the file gets the record's text. Where
    the text starts like a formula the cell also gets Excel's quotePrefix style, the mark Excel itself
    sets when someone types a leading quote: editing that cell in Excel then keeps it text instead of
    turning it into a formula on Enter. Call it once the sheet is filled, before saving."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if starts_like_formula(cell.value):
                    cell.quotePrefix = True
