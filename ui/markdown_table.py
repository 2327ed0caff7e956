"""Small tables as Markdown: they wrap long text (a grid cell cuts it off) and need no pandas."""
from __future__ import annotations


def markdown_table(header: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """A GitHub-style Markdown table; columns in `right` are right-aligned (numbers)."""
    align = ["---:" if i in right else ":---" for i in range(len(header))]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in lines)


def markdown_rows(table: str) -> list[list[str]]:
    """The cells of a table markdown_table wrote, header first (the alignment row left out)."""
    lines = [line for line in table.splitlines() if line.startswith("|")]
    rows = [[cell.strip().replace("\\|", "|") for cell in line.strip("|").split(" | ")] for line in lines]
    return [rows[0], *rows[2:]] if rows else []
