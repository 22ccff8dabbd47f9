"""Configuration: [tool.gongkai] in pyproject.toml, or gongkai.toml, found from the working directory up.

Keys: select, ignore (rule code prefixes), profile, format, and per-rule options under [tool.gongkai.options]
(e.g. low_confidence = 0.9, rounded = true, strict_rounding = true, and the 绩效 scoring keys documented with their
rules). The precision options (see gongkai.audit.precision): `strict_rounding` reports 尾差 (gaps that rounding of
the printed figures explains) at the rule's own severity instead of info; `rounded` treats 元 tables as rounded
too; `low_confidence` is the OCR confidence below which a figure or label is an uncertain reading.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

KNOWN = {"select", "ignore", "profile", "format", "options"}


class ConfigError(Exception):
    """Bad configuration; the message is Chinese."""


def find_config(start: Path | None = None) -> tuple[dict, Path | None]:
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        for name in ("gongkai.toml", "pyproject.toml"):
            path = folder / name
            if not path.is_file():
                continue
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                at = re.search(r"line (\d+), column (\d+)", str(exc))
                where = f"第 {at.group(1)} 行第 {at.group(2)} 列附近" if at else "不是 UTF-8 编码的 TOML 文件"
                raise ConfigError(f"配置文件格式错误：{path}（{where}）") from exc
            section = data if name == "gongkai.toml" else data.get("tool", {}).get("gongkai")
            if section is None:
                continue
            unknown = set(section) - KNOWN
            if unknown:
                raise ConfigError(f"配置文件 {path} 中有未知的设置项：{'、'.join(sorted(unknown))}")
            return section, path
    return {}, None
