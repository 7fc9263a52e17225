"""Parent side: a notebook cell's IPython syntax rewritten into the Python IPython itself runs.

IPython turns `%time x = f()` into `get_ipython().run_line_magic('time', 'x = f()')`, a cell
starting with `%%capture` into `get_ipython().run_cell_magic('capture', '', body)`, `!ls` into
`get_ipython().system('ls')`, `files = !ls` into `files = get_ipython().getoutput('ls')` and
`np.dot?` into a `pinfo` magic. The same rewriting is done here, line for line (line numbers stay
the cell's own), so the child's stand-in shell (shell.py) decides at run time what runs and what
is skipped with a note. The student's text only ever becomes string literals (repr); nothing here
runs it.
"""
from __future__ import annotations

import io
import re
import tokenize

_LINE_MAGIC = re.compile(r"(?P<indent>[ \t]*)%(?P<name>%?\w+)[ \t]*(?P<rest>.*)")  # %%x past line 1: a line magic
_SHELL = re.compile(r"(?P<indent>[ \t]*)(?P<bangs>!!?)(?P<rest>.*)")
_ASSIGNED = re.compile(r"(?P<indent>[ \t]*)(?P<target>[A-Za-z_][\w.\[\]'\"]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)[ \t]*=[ \t]*"
                       r"(?:%(?P<name>\w+)[ \t]*(?P<rest>.*)|!(?P<command>.*))")
_HELP = re.compile(r"(?P<indent>[ \t]*)(?P<before>\?\??)?(?P<target>%{0,2}[A-Za-z_*][\w*]*(?:\.[A-Za-z_*][\w*]*)*)"
                   r"(?P<after>\?\??)?[ \t]*")
_CELL_MAGIC = re.compile(r"%%(?P<name>\w+)[ \t]*(?P<rest>[^\n]*)\n?")


def to_python(cell: str) -> str:
    """The cell as the Python IPython would run, with the same number of lines."""
    lines = cell.split("\n")
    blank = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if blank == len(lines):
        return cell
    indent = lines[blank][:len(lines[blank]) - len(lines[blank].lstrip())]
    if indent:  # a cell indented as a whole runs dedented, as in IPython
        lines = [line[len(indent):] if line.startswith(indent) else line for line in lines]
        cell = "\n".join(lines)
    if lines[blank].startswith("%%"):
        return "\n" * blank + _cell_magic("\n".join(lines[blank:]))
    starts = _statement_starts(cell)
    return "\n".join(_line(line) if number in starts else line for number, line in enumerate(lines, 1))


def _cell_magic(text: str) -> str:
    match = _CELL_MAGIC.match(text)
    if match is None:  # "%%" alone: IPython's own error; keep it a syntax error with its line
        return text
    body = text[match.end():]
    call = f"get_ipython().run_cell_magic({match['name']!r}, {match['rest'].strip()!r}, {body!r})"
    return call + "\n" * body.count("\n")


def _line(line: str) -> str:
    """One logical line's IPython escape rewritten, or the line unchanged."""
    match = _ASSIGNED.fullmatch(line)
    if match and match["command"] is not None:
        return f"{match['indent']}{match['target']} = get_ipython().getoutput({match['command'].strip()!r})"
    if match:
        return f"{match['indent']}{match['target']} = {_magic_call(match['name'], match['rest'])}"
    match = _LINE_MAGIC.fullmatch(line)
    if match:
        return match["indent"] + _magic_call(match["name"], match["rest"])
    match = _SHELL.fullmatch(line)
    if match:
        method = "getoutput" if match["bangs"] == "!!" else "system"
        return f"{match['indent']}get_ipython().{method}({match['rest'].strip()!r})"
    match = _HELP.fullmatch(line)
    if match and bool(match["before"]) != bool(match["after"]):
        magic = "pinfo2" if (match["before"] or match["after"]) == "??" else "pinfo"
        return match["indent"] + _magic_call(magic, match["target"])
    return line


def _magic_call(name: str, rest: str) -> str:
    return f"get_ipython().run_line_magic({name!r}, {rest.strip()!r})"


def _statement_starts(cell: str) -> set[int]:
    """Numbers of the lines where a new statement begins (not inside brackets or strings).

    Python's tokenizer reads IPython escapes as stray operators or error tokens and goes on; where
    it gives up, every later line counts as a possible start.
    """
    starts, depth, last = {1}, 0, 1
    try:
        for token in tokenize.generate_tokens(io.StringIO(cell).readline):
            last = token.end[0]
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth = max(0, depth - 1)
            elif token.type == tokenize.NEWLINE or token.type == tokenize.NL and depth == 0:
                starts.add(token.end[0] + 1)
    except (tokenize.TokenError, SyntaxError):
        starts.update(range(last + 1, cell.count("\n") + 2))
    return starts
