"""Chinese for the command-line framework's own text: usage errors and the help screens.

Typer (click) prints its usage errors and help headings in English. `ChineseGroup` is the command group
of `gongkai`: it runs the commands with click's error handling off, and shows every usage error
(missing option, unknown option, bad value, unknown command, extra argument…) as one Chinese message
built from the exception's parameter, not from its English text; `ZhContext` translates the help
screens' fixed words (Usage, Options, required, default…).
"""

from __future__ import annotations

import enum
import re
import sys
import typing

import typer
from typer.core import TyperGroup

try:  # typer vendors click from 0.2x on
    from typer._click import Context
    from typer._click import exceptions as cx
except ImportError:  # pragma: no cover - older typer with click installed separately
    from click import Context
    from click import exceptions as cx

CJK = re.compile(r"[\u4e00-\u9fff]")

HELP_WORDS = [  # (pattern, replacement) applied to help screens
    (re.compile(r"^Usage: ", re.M), "用法："),
    (re.compile(r"^Options:$", re.M), "选项："),
    (re.compile(r"^Arguments:$", re.M), "参数："),
    (re.compile(r"^Commands:$", re.M), "命令："),
    (re.compile(r"Show this message and exit\."), "显示本帮助并退出。"),
    (re.compile(r"\[OPTIONS\]"), "[选项]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "命令 [参数]..."),
    (re.compile(r"\[(default: [^\]]*?)?(?:; )?(required)?\]"), lambda m: _extra(m)),
    (re.compile(r"(<list\[Path\]>|<path>) *"), lambda m: _same_width(m, "<路径>")),
    (re.compile(r"<int> *"), lambda m: _same_width(m, "<整数>")),
    (re.compile(r"<float> *"), lambda m: _same_width(m, "<数字>")),
    (re.compile(r"(<list\[str\]>|<str>) *"), lambda m: _same_width(m, "<文字>")),
]


def _same_width(m: re.Match, word: str) -> str:
    """A metavar in Chinese, keeping the help column aligned (a Chinese character is two columns wide)."""
    text = m.group(0)
    spaces = len(text) - len(text.rstrip(" "))
    if not spaces:
        return word
    width = len(word) + len(CJK.findall(word))
    return word + " " * max(1, len(text) - width)


def _extra(m: re.Match) -> str:
    parts = []
    if m.group(1):
        parts.append("默认：" + m.group(1)[len("default: "):])
    if m.group(2):
        parts.append("必填")
    return f"[{'；'.join(parts)}]" if parts else m.group(0)


def zh_help(text: str) -> str:
    for rx, repl in HELP_WORDS:
        text = rx.sub(repl, text)
    return text


class ZhContext(Context):
    def get_help(self) -> str:
        return zh_help(super().get_help())

    def get_usage(self) -> str:
        return zh_help(super().get_usage())


# ---- usage errors ---------------------------------------------------------------------------------


def _name(param) -> str:
    if param is None:
        return "参数"
    opts = list(getattr(param, "opts", []) or [])
    if getattr(param, "param_type_name", "") == "argument":
        return f"参数 {(param.name or '').upper()}"
    return f"选项 {' / '.join(opts) if opts else param.name}"


def _annotation(param):
    """The parameter's declared Python type (typer ≥ 0.2x), without Optional/list."""
    ann = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    for _ in range(3):
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        if typing.get_origin(ann) in (list, typing.Union) or type(ann).__name__ == "UnionType":
            ann = args[0] if args else None
        else:
            break
    return ann


def _expected(param) -> str:
    """What the parameter accepts: its choices, or an integer / a number."""
    ann = _annotation(param)
    ptype = getattr(param, "type", None)
    choices = None
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        choices = [str(m.value) for m in ann]
    elif getattr(ptype, "choices", None):
        choices = [str(c) for c in ptype.choices]
    if choices:
        return "可选：" + "、".join(choices)
    name = ann.__name__ if isinstance(ann, type) else getattr(ptype, "name", "")
    return {"int": "应为整数", "integer": "应为整数", "float": "应为数字"}.get(name, "")


def _own(message: str) -> str:
    """Our own (Chinese) message passed through click, or nothing for click's English text."""
    return message if message and CJK.search(message) else ""


def zh_message(e: cx.ClickException) -> str:
    message = getattr(e, "message", "") or ""
    if isinstance(e, cx.MissingParameter):
        help_text = getattr(e.param, "help", None)
        return f"缺少{_name(e.param)}" + (f"（{help_text}）" if help_text else "")
    if isinstance(e, cx.BadParameter):
        quoted = re.search(r"'([^']*)'", message)
        value = f" 的值 {quoted.group(1)!r} " if quoted else " 的值"
        reason = _own(message) or _expected(e.param)
        return f"{_name(e.param)}{value}无效" + (f"：{reason}" if reason else "")
    if isinstance(e, cx.NoSuchOption):
        hint = "（相近的选项：" + "、".join(sorted(e.possibilities)) + "）" if e.possibilities else ""
        return f"没有选项 {e.option_name}{hint}"
    if isinstance(e, cx.BadOptionUsage):
        m = re.search(r"requires (\d+) arguments", message)
        if m:
            return f"选项 {e.option_name} 需要 {m.group(1)} 个值"
        if "requires an argument" in message:
            return f"选项 {e.option_name} 后面需要一个值"
        if "does not take a value" in message:
            return f"选项 {e.option_name} 不接受值"
        return _own(message) or f"选项 {e.option_name} 的用法不正确"
    if isinstance(e, cx.UsageError):
        m = re.search(r"No such command '(.*)'", message)
        if m:
            names = _commands(e.ctx)
            return f"没有命令 {m.group(1)}" + (f"（可用命令：{'、'.join(names)}）" if names else "")
        m = re.search(r"unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
        if m:
            return f"多余的参数：{m.group(1)}"
        if "Missing command" in message:
            return "缺少命令"
        return _own(message) or "命令行用法不正确"
    if isinstance(e, cx.FileError):
        return f"无法打开文件 {e.filename}"
    return _own(message) or "命令无法执行"


def _commands(ctx) -> list[str]:
    command = getattr(ctx, "command", None)
    return list(command.list_commands(ctx)) if command is not None and hasattr(command, "list_commands") else []


def show(e: cx.ClickException) -> None:
    ctx = getattr(e, "ctx", None)
    lines = []
    if type(e).__name__ == "NoArgsIsHelpError":
        typer.echo(e.format_message(), err=True)
        return
    if ctx is not None and isinstance(e, cx.UsageError):
        lines.append(ctx.get_usage() if isinstance(ctx, ZhContext) else zh_help(ctx.get_usage()))
    lines.append(f"错误：{zh_message(e)}")
    if ctx is not None and isinstance(e, cx.UsageError):
        lines.append(f"用 {ctx.command_path} --help 查看帮助。")
    typer.echo("\n".join(lines), err=True)


class ChineseGroup(TyperGroup):
    """The `gongkai` group: Chinese usage errors and help screens for every command."""

    context_class = ZhContext

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.context_class = ZhContext
        return command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except cx.ClickException as e:
            if not standalone_mode:
                raise
            show(e)
            sys.exit(e.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            typer.echo("已中止。", err=True)
            sys.exit(1)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)
