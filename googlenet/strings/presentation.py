"""Strings of the presentation view (ui/presentation.py)."""

EN = {
    "present.switch": "Presentation view",
    "present.switch.help": "For a projector: hides the sidebar and secondary controls, sets larger type and "
                           "uses the whole width. A link with ?present=1 opens it.",
    "present.exit": "Leave presentation",
}

ZH = {
    "present.switch": "演示视图",
    "present.switch.help": "用于投影：隐藏侧边栏和次要控件，放大字号并使用整个宽度。带 ?present=1 的链接直接打开它。",
    "present.exit": "退出演示",
}
