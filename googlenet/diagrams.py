"""Graphviz DOT text for the whole network and for one Inception block, built from the model config.

Pure strings (no rendering here): the app hands them to st.graphviz_chart. Labels that need a
language are passed in by the caller, so this module stays free of UI concerns.
"""
from __future__ import annotations

from .costs import stage_shapes
from .model import AUX_TAPS, INCEPTION_CONFIG, InceptionSpec

COLOURS = {"conv": "#cfe2ff", "pool": "#e9ecef", "norm": "#fff3cd", "inception": "#d1e7dd",
           "head": "#f8d7da", "aux": "#ffe5d0", "input": "#ffffff"}
BRANCH_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1")


def _shape(shape: tuple) -> str:
    return " x ".join(str(s) for s in (shape[1:] + shape[:1])) if len(shape) == 3 else str(shape[0])


def _node(name: str, label: str, kind: str) -> str:
    return f'  "{name}" [label="{label}", fillcolor="{COLOURS[kind]}"];'


NETWORK_LABELS = {"input": "input", "max_pool": "max pool", "gap": "global avg pool",
                  "head": "dropout + linear", "softmax": "softmax", "aux": "auxiliary classifier (training only)"}


def network_dot(variant: str = "paper", input_size: int = 224, labels: dict | None = None) -> str:
    """The whole network top to bottom: every stage with its output size, and the two aux heads.

    `labels` overrides the words in NETWORK_LABELS (the app passes translated ones).
    """
    words = {**NETWORK_LABELS, **(labels or {})}
    shapes = stage_shapes(variant, input_size)
    lines = ['digraph googlenet {', '  rankdir=TB; nodesep=0.25; ranksep=0.18;',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, width=2.6];',
             '  edge [arrowsize=0.6];',
             _node("input", f"{words['input']}\\n{input_size} x {input_size} x 3", "input")]
    order = ["input"]
    names = [n for n in ("conv1", "maxpool1", "lrn1", "conv2", "conv3", "lrn2", "maxpool2",
                         "inception3a", "inception3b", "maxpool3", "inception4a", "inception4b",
                         "inception4c", "inception4d", "inception4e", "maxpool4", "inception5a",
                         "inception5b", "avgpool", "fc") if n in shapes]
    for name in names:
        shape = _shape(shapes[name])
        if name.startswith("inception"):
            spec = INCEPTION_CONFIG[name]
            label, kind = f"Inception {name[-2:]}\\n{shape}\\n{spec.n1x1} | {spec.n3x3} | {spec.n5x5} | {spec.pool_proj}", "inception"
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
        order.append(name)
    lines.append(_node("softmax", words["softmax"], "head"))
    order.append("softmax")
    lines += [f'  "{a}" -> "{b}";' for a, b in zip(order, order[1:])]
    for aux, tap in AUX_TAPS.items():
        lines.append(_node(aux, f"{aux}\\n{words['aux']}", "aux"))
        lines.append(f'  "{tap}" -> "{aux}" [style=dashed];')
        lines.append(f'  {{rank=same; "{tap}"; "{aux}";}}')
    lines.append("}")
    return "\n".join(lines)


def inception_dot(spec: InceptionSpec, size: int, kernel5: int = 5, title: str = "Inception",
                  concat_label: str = "concatenate (channels)", bottleneck: bool = True) -> str:
    """One Inception block: its four branches side by side with their channel numbers."""
    c, s = spec.in_channels, size
    b4_out = spec.pool_proj if bottleneck else c
    lines = ['digraph inception {', '  rankdir=TB; nodesep=0.35; ranksep=0.35;',
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=13];',
             f'  in [label="{title}\\ninput {s} x {s} x {c}", fillcolor="#ffffff"];']
    branches = [
        [("b1a", f"1x1 conv\\n{c} -> {spec.n1x1}")],
        ([("b2a", f"1x1 conv (reduce)\\n{c} -> {spec.n3x3_reduce}"),
          ("b2b", f"3x3 conv\\n{spec.n3x3_reduce} -> {spec.n3x3}")] if bottleneck else
         [("b2b", f"3x3 conv\\n{c} -> {spec.n3x3}")]),
        ([("b3a", f"1x1 conv (reduce)\\n{c} -> {spec.n5x5_reduce}"),
          ("b3b", f"{kernel5}x{kernel5} conv\\n{spec.n5x5_reduce} -> {spec.n5x5}")] if bottleneck else
         [("b3b", f"{kernel5}x{kernel5} conv\\n{c} -> {spec.n5x5}")]),
        ([("b4a", "3x3 max pool\\nstride 1"), ("b4b", f"1x1 conv (proj)\\n{c} -> {spec.pool_proj}")]
         if bottleneck else [("b4a", f"3x3 max pool\\nstride 1\\n{c} -> {c}")]),
    ]
    out = spec.n1x1 + spec.n3x3 + spec.n5x5 + b4_out
    lines.append(f'  out [label="{concat_label}\\n{s} x {s} x {out}", fillcolor="#d1e7dd"];')
    for colour, steps in zip(BRANCH_COLOURS, branches):
        prev = "in"
        for node, label in steps:
            lines.append(f'  {node} [label="{label}", fillcolor="{colour}33", color="{colour}", penwidth=2];')
            lines.append(f"  {prev} -> {node};")
            prev = node
        lines.append(f"  {prev} -> out;")
    lines.append("}")
    return "\n".join(lines)
