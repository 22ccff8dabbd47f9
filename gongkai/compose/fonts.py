"""The CJK fonts used for charts and PDF text: Noto Sans SC / Noto Serif SC (SIL OFL 1.1), shipped inside the
PyPI package `pylopdf-fonts-zh-cn` and located with importlib.resources — never downloaded at run time."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

PACKAGE = "pylopdf_fonts_zh_cn"
SANS = "NotoSansSC-Regular.otf"
SERIF = "NotoSerifSC-Regular.otf"


class FontMissing(RuntimeError):
    """The font package is not installed; the message is Chinese and meant for the user."""


@cache
def font_path(name: str = SANS) -> Path:
    """Filesystem path of one of the bundled fonts (SANS or SERIF)."""
    try:
        entry = resources.files(PACKAGE).joinpath(name)
    except ModuleNotFoundError:
        raise FontMissing("缺少中文字体组件 pylopdf-fonts-zh-cn（请重新安装 gongkai：pip install -e .）") from None
    path = Path(str(entry))
    if not path.is_file():
        raise FontMissing(f"中文字体文件缺失：{name}（请重新安装 pylopdf-fonts-zh-cn）")
    return path


def sans() -> Path:
    return font_path(SANS)


def serif() -> Path:
    return font_path(SERIF)


@cache
def matplotlib_family() -> str:
    """Register the bundled fonts with matplotlib and return the family name to use for charts."""
    from matplotlib import font_manager

    for path in (sans(), serif()):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(sans())).get_name()
