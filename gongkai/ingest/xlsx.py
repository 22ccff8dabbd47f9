"""Reader for Excel workbooks: `.xlsx` (openpyxl) and old binary `.xls` (xlrd).

One `Page` per visible worksheet; `Page.number` is the sheet's 1-based position in the workbook (hidden
and very-hidden sheets and chart sheets are skipped, so numbers may have gaps). Each sheet's used range
becomes one `Grid` named after the sheet (`Grid.name`), `ruled=True`:

- the range is the smallest rectangle holding every non-empty cell (a merged range counts with its whole
  area); empty rows and columns are dropped only at its edges, empty rows inside stay (as rows of empty
  cells) so row positions keep their meaning;
- every position of the rectangle is a cell (empty ones have text ""), except positions covered by a
  merged range, which appears once at its top-left with rowspan/colspan;
- text above the table (the title, 编制单位, 单位：元) stays in the grid as rows; recognising it is not the
  reader's job;
- `GridCell.line` is the sheet row number (1-based, as Excel shows it), `line_end` the last row of a
  vertically merged cell;
- values are rendered as the user sees them: the cell's number format is applied (`#,##0.00` → `1,234.50`,
  `0.0%` → `12.5%`, integers stay integers, dates as the format says); formulas show their cached result
  (a workbook never recalculated after being written by a program has none: such cells read as "").

openpyxl runs in read-only mode (about twice as fast and a fraction of the memory of normal mode on big
sheets); read-only mode does not report merged ranges, so they are taken from the sheet XML directly.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gongkai.ingest import cell_text, read_bytes, sha256_hex
from gongkai.ingest.base import Grid, GridCell, Page, RawDocument, ReadError

__all__ = ["read_xlsx", "read_xls", "format_value", "grid_from_cells"]


# --------------------------------------------------------------------------- number formats

_SECTION_SPLIT = re.compile(r'("[^"]*"|\\.|\[[^\]]*\]|;)')
_CONDITION = re.compile(r"\[\s*[<>=]")
_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|yyyy|yy|e|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|aaaa|aaa|hh|h|ss|s'
    r"|AM/PM|A/P|上午/下午|\.0+|.",
    re.IGNORECASE | re.DOTALL,
)
_WEEKDAYS_CN = "一二三四五六日"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Built-in formats whose look depends on the locale: shown as Excel shows them in zh-CN.
_LOCALE_DATES = {
    "mm-dd-yy": "yyyy/m/d",
    "m/d/yy h:mm": "yyyy/m/d h:mm",
    "d-mmm-yy": "d-mmm-yy",
}


def _split_sections(fmt: str) -> list[str]:
    sections, cur = [], []
    for part in _SECTION_SPLIT.split(fmt):
        if part == ";":
            sections.append("".join(cur))
            cur = []
        elif part:
            cur.append(part)
    sections.append("".join(cur))
    return sections


def general(value: float | int) -> str:
    """Excel's "General" format: integers as integers, other numbers with up to 15 significant digits."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:
        mant, exp = text.split("e")
        text = f"{mant}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    return text


def _tokenise(section: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = n if j < 0 else j
            tokens.append(("lit", section[i + 1: j]))
            i = j + 1
        elif ch == "\\":
            tokens.append(("lit", section[i + 1: i + 2]))
            i += 2
        elif ch in "_*":  # padding to the width of the next char / fill with it: nothing to show
            i += 2
        elif ch == "[":
            j = section.find("]", i)
            j = n if j < 0 else j
            content = section[i + 1: j]
            if content.startswith("$"):  # [$¥-804] currency/locale: show the symbol part
                symbol = content[1:].split("-")[0]
                if symbol:
                    tokens.append(("lit", symbol))
            i = j + 1  # colours, conditions, [DBNum1], locale ids: not shown
        elif section.startswith("G/通用格式", i):
            tokens.append(("general", ""))
            i += 6
        elif section[i: i + 7].lower() == "general":
            tokens.append(("general", ""))
            i += 7
        elif ch in "0#?":
            tokens.append(("ph", ch))
            i += 1
        elif ch in ".,%@":
            tokens.append((ch, ch))
            i += 1
        elif ch in "Ee" and section[i + 1: i + 2] in ("+", "-"):
            tokens.append(("exp", section[i + 1]))
            i += 2
        else:
            tokens.append(("lit", ch))
            i += 1
    return tokens


def _round(value: float | int, places: int) -> Decimal:
    d = Decimal(value) if isinstance(value, int) else Decimal(repr(float(value)))
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _format_number_section(value: float | int, section: str) -> str:
    """`value` is already non-negative unless the section is the only one (sign added by the caller)."""
    tokens = _tokenise(section)
    if any(k == "general" for k, _ in tokens):
        return "".join(general(value) if k == "general" else t for k, t in tokens if k in ("general", "lit"))
    phs = [i for i, (k, _) in enumerate(tokens) if k == "ph"]
    if not phs:  # text format "@" shows the number as General; else literal only (accounting zero "-")
        return "".join(general(value) if k == "@" else t for k, t in tokens if k in ("lit", "%", "@"))
    pct = sum(1 for k, _ in tokens if k == "%")
    if pct:
        value = value * (100 ** pct)
    exp_at = next((i for i, (k, _) in enumerate(tokens) if k == "exp"), None)
    end = exp_at if exp_at is not None else len(tokens)
    dot_at = next((i for i, (k, _) in enumerate(tokens[:end]) if k == "."), None)
    int_end = dot_at if dot_at is not None else end
    int_phs = [i for i in phs if i < int_end]
    dec_phs = [i for i in phs if int_end < i < end]
    grouping = any(k == "," and int_phs and int_phs[0] < i < int_phs[-1] for i, (k, _) in enumerate(tokens))
    if int_phs:  # commas right after the last integer placeholder scale by 1000 each
        j = int_phs[-1] + 1
        while j < int_end and tokens[j][0] == ",":
            value = value / 1000
            j += 1
    if exp_at is not None:
        mantissa_digits = len(dec_phs)
        text = f"{float(value):.{mantissa_digits}E}"
        mant, exp = text.split("E")
        sign = exp[0] if exp[0] == "-" or tokens[exp_at][1] == "+" else ""
        exp_digits = sum(1 for k, _ in tokens[exp_at + 1:] if k == "ph")
        return f"{mant}E{sign}{abs(int(exp)):0{max(exp_digits, 1)}d}"

    rounded = _round(value, len(dec_phs))
    digits = f"{abs(rounded):f}"
    int_digits, _, frac_digits = digits.partition(".")
    int_digits = int_digits.lstrip("0")
    frac_digits = frac_digits.ljust(len(dec_phs), "0")

    # integer part
    out: list[str] = []
    first_ph = int_phs[0] if int_phs else int_end
    if grouping:
        zeros = sum(1 for i in int_phs if tokens[i][1] == "0")
        d = int_digits.rjust(zeros, "0")
        grouped = f"{int(d):,}" if d else ""
        if d and len(d) > len(str(int(d))):  # keep leading zeros the format asks for
            grouped = d[: len(d) - len(str(int(d)))] + grouped
        out.extend(t for k, t in tokens[:first_ph] if k == "lit")
        out.append(grouped)
        out.extend(t for k, t in tokens[int_phs[-1] + 1: int_end] if k == "lit")
    else:
        pieces: list[str] = []
        remaining = int_digits
        for i in range(int_end - 1, -1, -1):
            kind, t = tokens[i]
            if kind == "ph":
                if i == first_ph:
                    pieces.append(remaining or ("0" if t == "0" else ""))
                    remaining = ""
                elif remaining:
                    pieces.append(remaining[-1])
                    remaining = remaining[:-1]
                elif t == "0":
                    pieces.append("0")
            elif kind in ("lit", "%"):
                pieces.append(t)
        out.extend(reversed(pieces))
    # decimal part
    if dot_at is not None:
        frac_out = list(frac_digits)
        kinds = [tokens[i][1] for i in dec_phs]
        for pos in range(len(frac_out) - 1, -1, -1):  # optional trailing zeros go
            if frac_out[pos] == "0" and kinds[pos] in "#?":
                frac_out[pos] = "" if kinds[pos] == "#" else " "
            else:
                break
        out.append(".")
        k = 0
        for kind, t in tokens[dot_at + 1: end]:
            if kind == "ph":
                out.append(frac_out[k])
                k += 1
            elif kind in ("lit", "%"):
                out.append(t)
    else:
        out.extend(t for kind, t in tokens[int_end:end] if kind in ("lit", "%"))
    return "".join(out)


def _format_datetime(value: dt.datetime | dt.date | dt.time, section: str) -> str:
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 30), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    section = _LOCALE_DATES.get(section.strip().lower(), section)
    if section.strip().lower() in ("general", "g/通用格式", "@", ""):
        section = ""
    raw = _DATE_TOKEN.findall(section)
    kinds: list[str] = []
    for tok in raw:
        low = tok.lower()
        if low[:1] in "ymdhse" and low.strip("ymdhse") == "" and len(set(low)) == 1:
            kinds.append(low[0])
        elif low.startswith("aaa"):
            kinds.append("a")
        elif low in ("am/pm", "a/p", "上午/下午"):
            kinds.append("ampm")
        else:
            kinds.append("lit")
    if not any(k in "ymdhsea" for k in kinds if len(k) == 1):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != dt.time(0) else value.strftime("%Y-%m-%d")
    twelve = "ampm" in kinds
    out: list[str] = []
    for i, (tok, kind) in enumerate(zip(raw, kinds)):
        n = len(tok)
        if kind in ("y", "e"):
            out.append(str(value.year) if (n > 2 or kind == "e") else f"{value.year % 100:02d}")
        elif kind == "m":
            prev = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] not in ("lit",)), None)
            nxt = next((kinds[j] for j in range(i + 1, len(kinds)) if kinds[j] not in ("lit",)), None)
            if (prev == "h" or nxt == "s") and n <= 2:
                out.append(f"{value.minute:02d}" if n == 2 else str(value.minute))
            elif n == 1:
                out.append(str(value.month))
            elif n == 2:
                out.append(f"{value.month:02d}")
            elif n == 3:
                out.append(_MONTHS[value.month - 1][:3])
            elif n == 4:
                out.append(_MONTHS[value.month - 1])
            else:
                out.append(_MONTHS[value.month - 1][0])
        elif kind == "d":
            if n == 1:
                out.append(str(value.day))
            elif n == 2:
                out.append(f"{value.day:02d}")
            elif n == 3:
                out.append(_DAYS[value.weekday()][:3])
            else:
                out.append(_DAYS[value.weekday()])
        elif kind == "a":
            out.append(("星期" if n >= 4 else "") + _WEEKDAYS_CN[value.weekday()])
        elif kind == "h":
            hour = value.hour % 12 or 12 if twelve else value.hour
            out.append(f"{hour:02d}" if n >= 2 else str(hour))
        elif kind == "s":
            out.append(f"{value.second:02d}" if n >= 2 else str(value.second))
        elif kind == "ampm":
            pm = value.hour >= 12
            low = tok.lower()
            if low == "上午/下午":
                out.append("下午" if pm else "上午")
            elif low == "a/p":
                out.append("P" if pm else "A")
            else:
                out.append("PM" if pm else "AM")
        else:  # literal
            if tok.startswith('"'):
                out.append(tok[1:-1] if tok.endswith('"') and len(tok) > 1 else tok[1:])
            elif tok.startswith("\\"):
                out.append(tok[1:])
            elif tok.startswith("["):
                content = tok[1:-1]
                if content.startswith("$"):
                    out.append(content[1:].split("-")[0])
            elif tok[:1] in "_*":
                pass
            elif tok.startswith(".0"):
                frac = f"{value.microsecond / 1e6:.{len(tok) - 1}f}"
                out.append(frac[1:])
            else:
                out.append(tok)
    return "".join(out)


def format_value(value, number_format: str | None = "General") -> str:
    """The text Excel shows for a cell value under a number format (before whitespace clean-up)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = number_format or "General"
    sections = _split_sections(fmt)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _format_datetime(value, sections[0])
    if isinstance(value, dt.timedelta):
        total = int(value.total_seconds())
        sign = "-" if total < 0 else ""
        total = abs(total)
        return f"{sign}{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
    if not isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, Decimal):
        value = float(value)
    try:
        conditional = any(_CONDITION.search(s) for s in sections)
        if len(sections) == 1 or conditional:
            section = sections[0]
            text = _format_number_section(abs(value), section)
            if value < 0 and not conditional and re.search(r"[1-9]", text):
                text = "-" + text
            return text
        if value > 0 or (value == 0 and len(sections) == 2):
            return _format_number_section(value, sections[0])
        if value < 0:
            return _format_number_section(-value, sections[1])
        return _format_number_section(value, sections[2])
    except (ValueError, InvalidOperation, OverflowError, IndexError):
        return general(value)


# --------------------------------------------------------------------------- cells → grid

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (1-based, inclusive)
MAX_CELLS = 5_000_000  # a used range larger than this is refused (a stray value far away, usually)


def grid_from_cells(cells: dict[tuple[int, int], str], merges: list[Merge], page: int,
                    name: str | None) -> Grid | None:
    """A sheet's used range as a Grid (None for a sheet with no text). Keys are 1-based (row, col)."""
    anchors: dict[tuple[int, int], Merge] = {}
    covered: set[tuple[int, int]] = set()
    for r1, c1, r2, c2 in merges:
        area = {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        if area & covered or any(a in area for a in anchors):
            continue  # overlapping merges (invalid): keep the first
        anchors[(r1, c1)] = (r1, c1, r2, c2)
        covered |= area - {(r1, c1)}
    boxes = []
    for (r, c), text in cells.items():
        if not text or (r, c) in covered:  # text under a merge is not shown
            continue
        boxes.append(anchors.get((r, c), (r, c, r, c)))
    if not boxes:
        return None
    top, left = min(b[0] for b in boxes), min(b[1] for b in boxes)
    bottom, right = max(b[2] for b in boxes), max(b[3] for b in boxes)
    if (bottom - top + 1) * (right - left + 1) > MAX_CELLS:
        raise ReadError(f"工作表“{name}”的使用区域过大（{bottom - top + 1}行×{right - left + 1}列），无法读取；"
                        "请删除远处的零散内容后另存")

    # merged ranges reaching over the edges (they are empty, or they would set the edges): clip them
    spans: dict[tuple[int, int], tuple[int, int, str]] = {}
    hidden: set[tuple[int, int]] = set()
    for (r1, c1), (_, _, r2, c2) in anchors.items():
        cr1, cc1, cr2, cc2 = max(r1, top), max(c1, left), min(r2, bottom), min(c2, right)
        if cr1 > cr2 or cc1 > cc2:
            continue
        text = cells.get((r1, c1), "") if (cr1, cc1) == (r1, c1) else ""
        spans[(cr1, cc1)] = (cr2 - cr1 + 1, cc2 - cc1 + 1, text)
        hidden |= {(r, c) for r in range(cr1, cr2 + 1) for c in range(cc1, cc2 + 1)} - {(cr1, cc1)}

    rows: list[list[GridCell]] = []
    for r in range(top, bottom + 1):
        row: list[GridCell] = []
        for c in range(left, right + 1):
            if (r, c) in hidden:
                continue
            rowspan, colspan, text = spans.get((r, c), (1, 1, cells.get((r, c), "")))
            row.append(GridCell(text=text, row=r - top, col=c - left, rowspan=rowspan, colspan=colspan,
                                line=r, line_end=r + rowspan - 1 if rowspan > 1 else None))
        rows.append(row)
    return Grid(rows=rows, page=page, ruled=True, name=name)


# --------------------------------------------------------------------------- .xlsx

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+[0-9]+)(?::([A-Za-z]+[0-9]+))?"')
_REF_RE = re.compile(r"([A-Za-z]+)([0-9]+)")


def _ref(ref: str) -> tuple[int, int]:
    m = _REF_RE.fullmatch(ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _merges_from_xml(xml: bytes) -> list[Merge]:
    merges = []
    for a, b in _MERGE_RE.findall(xml):
        r1, c1 = _ref(a.decode())
        r2, c2 = _ref(b.decode()) if b else (r1, c1)
        merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return merges


def _sheet_merges(wb, ws, data: bytes) -> list[Merge]:
    """Merged ranges of a read-only sheet, from its XML (read-only openpyxl does not report them)."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if path is not None and archive is not None:
        try:
            with archive.open(path) as src:
                return _merges_from_xml(src.read())
        except (KeyError, OSError, ValueError):
            pass
    # private attributes gone (another openpyxl version): ask a normal-mode workbook
    import openpyxl

    full = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheet = full[ws.title]
    return [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]


def read_xlsx(path: str | os.PathLike, *, data: bytes | None = None) -> RawDocument:
    """Read an .xlsx/.xlsm workbook: one Page per visible worksheet, the used range as a Grid."""
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    spath = os.fspath(path)
    if data is None:
        data = read_bytes(spath)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise ReadError(f"XLSX文件已损坏或格式不正确，无法读取：{spath}（{type(exc).__name__}）") from None
    pages: list[Page] = []
    try:
        for index, name in enumerate(wb.sheetnames, 1):
            ws = wb[name]
            if not isinstance(ws, ReadOnlyWorksheet) or ws.sheet_state != "visible":
                continue
            ws.reset_dimensions()  # the stored <dimension> may be wrong; read what is there
            cells: dict[tuple[int, int], str] = {}
            for r, row in enumerate(ws.iter_rows(), 1):
                for c, cell in enumerate(row, 1):
                    value = cell.value
                    if value is None:
                        continue
                    fmt = getattr(cell, "number_format", "General")
                    text = cell_text(format_value(value, fmt))
                    if text:
                        cells[(r, c)] = text
            grid = grid_from_cells(cells, _sheet_merges(wb, ws, data), index, name)
            pages.append(Page(number=index, blocks=[grid] if grid else []))
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"XLSX文件已损坏或格式不正确，无法读取：{spath}（{type(exc).__name__}）") from None
    finally:
        wb.close()
    return RawDocument(path=spath, sha256=sha256_hex(data), format="xlsx", pages=pages)


# --------------------------------------------------------------------------- .xls


def read_xls(path: str | os.PathLike, *, data: bytes | None = None) -> RawDocument:
    """Read an old binary .xls workbook (BIFF, via xlrd) into the same shape as `read_xlsx`."""
    spath = os.fspath(path)
    if data is None:
        data = read_bytes(spath)
    try:
        import xlrd
    except ImportError:
        raise ReadError("暂不支持旧版 .xls 文件，请另存为 .xlsx") from None
    try:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
            formatted = True
        except NotImplementedError:
            book = xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
            formatted = False
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ReadError("文件设有打开密码（已加密），请去除密码后另存为 .xlsx 再读取") from None
        raise ReadError(f"XLS文件已损坏或格式不正确，无法读取：{spath}") from None
    except Exception:
        raise ReadError(f"XLS文件已损坏或格式不正确，无法读取：{spath}") from None

    def number_format(xf_index: int) -> str:
        if not formatted:
            return "General"
        try:
            return book.format_map[book.xf_list[xf_index].format_key].format_str
        except (IndexError, KeyError, AttributeError):
            return "General"

    pages: list[Page] = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if getattr(sheet, "visibility", 0) != 0:
            continue
        cells: dict[tuple[int, int], str] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.row_len(r)):
                cell = sheet.cell(r, c)
                ctype, value = cell.ctype, cell.value
                if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if ctype == xlrd.XL_CELL_TEXT:
                    text = value
                elif ctype == xlrd.XL_CELL_NUMBER:
                    text = format_value(value, number_format(cell.xf_index))
                elif ctype == xlrd.XL_CELL_DATE:
                    try:
                        when = xlrd.xldate_as_datetime(value, book.datemode)
                        text = format_value(when, number_format(cell.xf_index))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        text = general(value)
                elif ctype == xlrd.XL_CELL_BOOLEAN:
                    text = "TRUE" if value else "FALSE"
                elif ctype == xlrd.XL_CELL_ERROR:
                    text = xlrd.error_text_from_code.get(value, "#ERR")
                else:
                    text = str(value)
                text = cell_text(text)
                if text:
                    cells[(r + 1, c + 1)] = text
        merges = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in getattr(sheet, "merged_cells", [])]
        grid = grid_from_cells(cells, merges, index + 1, sheet.name)
        pages.append(Page(number=index + 1, blocks=[grid] if grid else []))
    return RawDocument(path=spath, sha256=sha256_hex(data), format="xls", pages=pages)
