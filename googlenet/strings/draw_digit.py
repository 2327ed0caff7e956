"""Draw a digit (ui/draw_digit.py): a canvas, the drawing prepared like MNIST, the network's answer."""
EN = {
    "draw.instructions": (
        "Draw one digit (0–9) with the mouse or a finger. The network answers each time you lift the pen."),
    "draw.clear": "Clear the canvas",
    "draw.empty": "Draw a digit on the canvas: the network's answer appears here.",
    "draw.no_canvas": "The drawing canvas could not be loaded ({error}).",
    "draw.prediction": "Prediction: **{digit}** ({p:.1%})",
    "draw.top3": "The three most likely digits",
    "draw.top3.digit": "Digit",
    "draw.top3.p": "Probability",
    "draw.seen": "What the network sees (28×28)",
    "draw.seen.help": (
        "Prepared like MNIST: cut to the ink, scaled so that its longer side is 20 pixels, and placed in a "
        "28×28 square with its centre of mass in the middle; ink bright on black. Each square here is one pixel."),
    "draw.not_digit": (
        "This does not look like a digit: {share:.0%} of the 28×28 pixels are ink, more than the {limit:.0%} "
        "this app allows (no digit among 5,000 MNIST digits has more than {mnist_max:.0%}). The network still "
        "answers, because it always picks one of the ten digits."),
    "draw.time": "Prepared and classified in {ms:.0f} ms.",
    "draw.maps.title": "Feature maps of the Inception blocks for your drawing",
    "draw.maps.caption": (
        "**{name}**: {c} channels of {h}×{w}; the {k} channels with the largest mean activation, each stretched "
        "to its own range (dark = low, yellow = high)."),
}

ZH = {
    "draw.instructions": "用鼠标或手指写一个数字（0–9）。每次抬笔，网络都会给出答案。",
    "draw.clear": "清空画布",
    "draw.empty": "在画布上写一个数字：网络的答案会显示在这里。",
    "draw.no_canvas": "无法加载画布（{error}）。",
    "draw.prediction": "预测：**{digit}**（{p:.1%}）",
    "draw.top3": "可能性最大的三个数字",
    "draw.top3.digit": "数字",
    "draw.top3.p": "概率",
    "draw.seen": "网络看到的（28×28）",
    "draw.seen.help": (
        "按 MNIST 的方式处理：裁剪到笔迹，缩放到较长的一边为 20 像素，再放进 28×28 的方块，使笔迹的质心位于正中；"
        "黑底亮字。这里的每个小方块就是一个像素。"),
    "draw.not_digit": (
        "这看起来不像数字：28×28 的像素中有 {share:.0%} 是笔迹，超过了本应用允许的 {limit:.0%}"
        "（5,000 个 MNIST 数字中，没有一个超过 {mnist_max:.0%}）。网络仍然会回答，因为它总是从十个数字中选一个。"),
    "draw.time": "处理和分类用时 {ms:.0f} 毫秒。",
    "draw.maps.title": "你写的数字在各个 Inception 模块中的特征图",
    "draw.maps.caption": (
        "**{name}**：{c} 个 {h}×{w} 的通道；这里是平均激活最大的 {k} 个通道，每个按自身的范围拉伸"
        "（暗 = 低，黄 = 高）。"),
}
