"""Graphviz DOT text for the whole network and for one Inception block, built from the model config.

Pure strings (no rendering here): the app hands them to st.graphviz_chart. Labels that need a
language are passed in by the caller, so this module stays free of UI concerns.
"""
from __future__ import annotations

from .costs import stage_shapes
from .model import AUX_TAPS, INCEPTION_CONFIG, InceptionSpec
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
ROW_STARTS = ("maxpool2", "inception4a", "maxpool4")


def network_dot(variant: str = "paper", input_size: int = 224, labels: dict | None = None) -> str:
    """The whole network in four rows: every stage with its output size, and the two aux heads below
    the blocks they listen to. `labels` overrides the words in NETWORK_LABELS (the app passes translated ones).
    """
    words = {**NETWORK_LABELS, **(labels or {})}
    shapes = stage_shapes(variant, input_size)
    lines = ['digraph googlenet {', '  rankdir=TB; nodesep=0.18; ranksep=0.35; newrank=true;',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=15, margin="0.08,0.05"];',
             '  edge [arrowsize=0.7];',
             _node("input", f"{words['input']}\\n{input_size} x {input_size} x 3", "input")]
    rows: list[list[str]] = [["input"]]
    names = [n for n in ("conv1", "maxpool1", "lrn1", "conv2", "conv3", "lrn2", "maxpool2",
                         "inception3a", "inception3b", "maxpool3", "inception4a", "inception4b",
                         "inception4c", "inception4d", "inception4e", "maxpool4", "inception5a",
                         "inception5b", "avgpool", "fc") if n in shapes]
    for name in names:
        shape = _shape(shapes[name])
        if name.startswith("inception"):
            spec = INCEPTION_CONFIG[name]
            label, kind = (f"Inception {name[-2:]}\\n{shape}\\n"
                           f"{spec.n1x1} | {spec.n3x3} | {spec.n5x5} | {spec.pool_proj}"), "inception"
        elif name.startswith("conv"):
            label, kind = f"{name}\\n{shape}", "conv"
        elif name.startswith("maxpool"):
            label, kind = f"{words['max_pool']}\\n{shape}", "pool"
        elif name.startswith("lrn"):
            label, kind = f"LRN\\n{shape}", "norm"
        elif name == "avgpool":
            label, kind = f"{words['gap']}\\n{shape}", "pool"
        else:
            label, kind = f"{words['head']}\\n{shape}", "head"
        lines.append(_node(name, label, kind))
        if name in ROW_STARTS:
            rows.append([])
        rows[-1].append(name)
    lines.append(_node("softmax", words["softmax"], "head"))
    rows[-1].append("softmax")
    order = [n for row in rows for n in row]
    for row in rows:
        lines.append("  {rank=same; " + " ".join(f'"{n}";' for n in row) + "}")
    for a, b in zip(order, order[1:]):
        # The edge from a row's end to the next row's start must not pull the rows apart sideways.
        lines.append(f'  "{a}" -> "{b}"' + (" [constraint=false];" if b in ROW_STARTS else ";"))
    for upper, lower in zip(rows, rows[1:]):
        # Row starts stacked on the left, one rank apart, leaving room for an aux head in between.
        lines.append(f'  "{upper[0]}" -> "{lower[0]}" [style=invis, weight=20, minlen=2];')
    for aux, tap in AUX_TAPS.items():
        lines.append(_node(aux, f"{aux}: {words['aux']}", "aux"))
        lines.append(f'  "{tap}" -> "{aux}" [style=dashed];')
    lines.append("}")
    return "\n".join(lines)


INCEPTION_LABELS = {"input": "input", "conv": "conv", "reduce": "reduce", "proj": "proj",
                    "max_pool": "max pool", "stride1": "stride 1", "concat": "concatenate (channels)"}


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
    conv, red, proj, pool, stride1 = (words[k] for k in ("conv", "reduce", "proj", "max_pool", "stride1"))
    word_in, concat = words["input"], words["concat"]
    c, s = spec.in_channels, size
    b4_out = spec.pool_proj if bottleneck else c
    if narrow:
        red, proj = f"\\n({red})", f"\\n({proj})"
    else:
        red, proj = f" ({red})", f" ({proj})"
    lines = ['digraph inception {', f'  rankdir=TB; nodesep={0.12 if narrow else 0.35}; ranksep=0.35;',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=13];',
             f'  in [label="{title}\\n{word_in} {s} x {s} x {c}", fillcolor="#ffffff"];']
    branches = [
        [("b1a", f"1x1 {conv}\\n{c} -> {spec.n1x1}")],
        ([("b2a", f"1x1 {conv}{red}\\n{c} -> {spec.n3x3_reduce}"),
          ("b2b", f"3x3 {conv}\\n{spec.n3x3_reduce} -> {spec.n3x3}")] if bottleneck else
         [("b2b", f"3x3 {conv}\\n{c} -> {spec.n3x3}")]),
        ([("b3a", f"1x1 {conv}{red}\\n{c} -> {spec.n5x5_reduce}"),
          ("b3b", f"{kernel5}x{kernel5} {conv}\\n{spec.n5x5_reduce} -> {spec.n5x5}")] if bottleneck else
         [("b3b", f"{kernel5}x{kernel5} {conv}\\n{c} -> {spec.n5x5}")]),
        ([("b4a", f"3x3 {pool}\\n{stride1}"),
          ("b4b", f"1x1 {conv}{proj}\\n{c} -> {spec.pool_proj}")]
         if bottleneck else [("b4a", f"3x3 {pool}\\n{stride1}\\n{c} -> {c}")]),
    ]
    out = spec.n1x1 + spec.n3x3 + spec.n5x5 + b4_out
    lines.append(f'  out [label="{concat}\\n{s} x {s} x {out}", fillcolor="#d1e7dd"];')
    for colour, steps in zip(BRANCH_COLOURS.values(), branches):
        prev = "in"
        for node, label in steps:
            lines.append(f'  {node} [label="{label}", fillcolor="{colour}33", color="{colour}", penwidth=2];')
            lines.append(f"  {prev} -> {node};")
            prev = node
        lines.append(f"  {prev} -> out;")
    lines.append("}")
    return "\n".join(lines)
