"""`grader new NAME`: a starting assignment with one example of every question kind and option."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import click

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def scaffold(name: str, root: Path) -> list[Path]:
    """Write assignments/NAME.yaml and solutions/NAME.py under `root`; refuse to overwrite."""
    if not _NAME.fullmatch(name):
        raise click.UsageError(f"`{name}` is not a usable assignment name: letters, digits, _ and -, "
                               "starting with a letter")
    targets = {root / "assignments" / f"{name}.yaml": "assignment.yaml",
               root / "solutions" / f"{name}.py": "solution.py.tmpl"}
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise click.UsageError(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; "
                               "nothing was written")
    for path, template in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = resources.files(__package__).joinpath(template).read_text(encoding="utf-8")
        path.write_text(text.replace("__NAME__", name), encoding="utf-8")
    return list(targets)


@click.command("new")
@click.argument("name")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="The course folder that holds assignments/ and solutions/.")
def new_command(name: str, root: Path) -> None:
    """Scaffold assignments/NAME.yaml and solutions/NAME.py with a commented example of every kind and option."""
    for path in scaffold(name, root):
        click.echo(f"wrote {path}")
    click.echo(f"next: edit them, then `grader validate {root / 'assignments' / (name + '.yaml')}`")
