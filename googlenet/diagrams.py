"""Graphviz DOT text for the whole network and for one Inception block, built from the model config.

Pure strings (no rendering here): the app hands them to st.graphviz_chart. Labels that need a
language are passed in by the caller, so this module stays free of UI concerns.
"""
from __future__ import annotations

from .costs import inception_branches, stage_shapes
from .model import AUX_TAPS, INCEPTION_CONFIG, INPUT_SIZE, STAGE_ORDER, InceptionSpec, short_name
from .viz import BRANCH_COLOURS

COLOURS = {"conv": "#cfe2ff", "pool": "#e9ecef", "norm": "#fff3cd", "inception": "#d1e7dd",
           "head": "#f8d7da", "aux": "#ffe5d0", "input": "#ffffff"}


def _shape(shape: tuple) -> str:
    return " x ".join(str(s) for s in (shape[1:] + shape[:1])) if len(shape) == 3 else str(shape[0])


def _node(name: str, label: str, kind: str) -> str:
    return f'  "{name}" [label="{label}", fillcolor="{COLOURS[kind]}"];'


NETWORK_LABELS = {"input": "input", "max_pool": "max pool", "gap": "global avg pool",
                  "head": "dropout + linear", "softmax": "softmax", "aux": "auxiliary classifier (training only)"}


# The network drawn as four rows (a "snake"), so it fits a wide screen: stem | 3a, 3b | 4a..4e | 5a..softmax.
# A narrow screen (a phone) gets the same boxes in one column ("tall"), like the paper's Figure 3.
ROW_STARTS = ("maxpool2", "inception4a", "maxpool4")
NETWORK_FONT_SIZE = 15   # points, in the SVG's own units: the browser shows it scaled with the drawing


def _stage_node(name: str, shape: tuple, words: dict) -> str:
    """One box of the network diagram: what the stage is, and its output size."""
    size = _shape(shape)
    if name.startswith("inception"):
        widths = " | ".join(str(w) for w in INCEPTION_CONFIG[name].branch_widths().values())
        return _node(name, f"Inception {short_name(name)}\\n{size}\\n{widths}", "inception")
    if name.startswith("conv"):
        return _node(name, f"{name}\\n{size}", "conv")
    if name.startswith("maxpool"):
        return _node(name, f"{words['max_pool']}\\n{size}", "pool")
    if name.startswith("lrn"):
        return _node(name, f"LRN\\n{size}", "norm")
    if name == "avgpool":
        return _node(name, f"{words['gap']}\\n{size}", "pool")
    return _node(name, f"{words['head']}\\n{size}", "head")


def _snake_rows(names: list[str], tall: bool = False) -> list[list[str]]:
    """The stages cut into rows at ROW_STARTS (each stage a row of its own when `tall`), with the input first
    and the softmax last."""
    rows: list[list[str]] = [["input"]]
    for name in names:
        if tall or name in ROW_STARTS:
            rows.append([])
        rows[-1].append(name)
    if tall:
        rows.append([])
    rows[-1].append("softmax")
    return rows


def _snake_edges(rows: list[list[str]]) -> list[str]:
    if all(len(row) == 1 for row in rows):   # one column: the edges alone stack the boxes
        order = [row[0] for row in rows]
        return [f'  "{a}" -> "{b}" [weight=10];' for a, b in zip(order, order[1:])]
    order = [n for row in rows for n in row]
    lines = ["  {rank=same; " + " ".join(f'"{n}";' for n in row) + "}" for row in rows]
    for a, b in zip(order, order[1:]):
        # The edge from a row's end to the next row's start must not pull the rows apart sideways.
        lines.append(f'  "{a}" -> "{b}"' + (" [constraint=false];" if b in ROW_STARTS else ";"))
    for upper, lower in zip(rows, rows[1:]):
        # Row starts stacked on the left, one rank apart, leaving room for an aux head in between.
        lines.append(f'  "{upper[0]}" -> "{lower[0]}" [style=invis, weight=20, minlen=2];')
    return lines


def network_dot(variant: str = "paper", input_size: int = INPUT_SIZE, labels: dict | None = None,
                tall: bool = False) -> str:
    """The whole network in four rows: every stage with its output size, and the two aux heads below
    the blocks they listen to. `labels` overrides the words in NETWORK_LABELS (the app passes translated ones).
    `tall=True`: one column, the aux heads beside the blocks they listen to, their words on two lines (a phone).
    """
    words = {**NETWORK_LABELS, **(labels or {})}
    shapes = stage_shapes(variant, input_size)
    names = [n for n in (*STAGE_ORDER, "avgpool", "fc") if n in shapes]
    lines = ['digraph googlenet {',
             '  rankdir=TB; nodesep=0.25; ranksep=0.22;' if tall else
             '  rankdir=TB; nodesep=0.18; ranksep=0.35; newrank=true;',
             f'  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize={NETWORK_FONT_SIZE}, '
             'margin="0.08,0.05"];',
             '  edge [arrowsize=0.7];',
             _node("input", f"{words['input']}\\n{input_size} x {input_size} x 3", "input")]
    lines += [_stage_node(name, shapes[name], words) for name in names]
    lines.append(_node("softmax", words["softmax"], "head"))
    lines += _snake_edges(_snake_rows(names, tall))
    # Tall: "aux1:" / "auxiliary classifier" / "(training only)" on lines of their own, to keep the column narrow.
    aux_words, gap = (words["aux"].replace(" (", "\\n(").replace("（", "\\n（"), "\\n") if tall else (words["aux"], " ")
    for aux, tap in AUX_TAPS.items():
        lines.append(_node(aux, f"{aux}:{gap}{aux_words}", "aux"))
        lines.append(f'  "{tap}" -> "{aux}" [style=dashed];')
    lines.append("}")
    return "\n".join(lines)


INCEPTION_LABELS = {"input": "input", "conv": "conv", "reduce": "reduce", "proj": "proj",
                    "max_pool": "max pool", "stride1": "stride 1", "concat": "concatenate (channels)"}


def _branch_boxes(spec: InceptionSpec, bottleneck: bool, kernel5: int, words: dict,
                  narrow: bool) -> list[list[tuple[str, str]]]:
    """(node id, label) of every box in each branch, top to bottom, from the convolutions costs counts."""
    note = (lambda word: f"\\n({word})") if narrow else (lambda word: f" ({word})")
    pool = f"3x3 {words['max_pool']}\\n{words['stride1']}"
    boxes = []
    for n, (branch, convs) in enumerate(inception_branches(spec, bottleneck, kernel5).items(), start=1):
        column = [(f"b{n}pool", pool if convs else f"{pool}\\n{spec.in_channels} -> {spec.in_channels}")] \
            if branch == "branch4" else []
        for i, conv in enumerate(convs):
            role = ""
            if len(convs) > 1 and i == 0:
                role = note(words["reduce"])
            elif branch == "branch4":
                role = note(words["proj"])
            column.append((f"b{n}c{i}", f"{conv.kernel}x{conv.kernel} {words['conv']}{role}\\n"
                                        f"{conv.in_ch} -> {conv.out_ch}"))
        boxes.append(column)
    return boxes


def inception_dot(spec: InceptionSpec, size: int, kernel5: int = 5, title: str = "Inception",
                  concat_label: str | None = None, bottleneck: bool = True, labels: dict | None = None,
                  narrow: bool = False) -> str:
    """One Inception block: its four branches side by side with their channel numbers.

    `labels` overrides the words in INCEPTION_LABELS (the app passes translated ones); `concat_label`,
    when given, wins over labels["concat"]. `narrow=True` puts "(reduce)" / "(proj)" on a line of their own
    and packs the branches closer, so the drawing stays legible when it only gets half the page width.
    """
    words = {**INCEPTION_LABELS, **(labels or {})}
    if concat_label is not None:
        words["concat"] = concat_label
    c, s = spec.in_channels, size
    out = sum(spec.branch_widths(bottleneck).values())
    lines = ['digraph inception {', f'  rankdir=TB; nodesep={0.12 if narrow else 0.35}; ranksep=0.35;',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=13];',
             f'  in [label="{title}\\n{words["input"]} {s} x {s} x {c}", fillcolor="#ffffff"];',
             f'  out [label="{words["concat"]}\\n{s} x {s} x {out}", fillcolor="#d1e7dd"];']
    for colour, column in zip(BRANCH_COLOURS.values(), _branch_boxes(spec, bottleneck, kernel5, words, narrow)):
        prev = "in"
        for node, label in column:
            lines.append(f'  {node} [label="{label}", fillcolor="{colour}33", color="{colour}", penwidth=2];')
            lines.append(f"  {prev} -> {node};")
            prev = node
        lines.append(f"  {prev} -> out;")
    lines.append("}")
    return "\n".join(lines)
