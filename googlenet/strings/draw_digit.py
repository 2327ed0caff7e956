"""Draw a digit (ui/draw_digit.py): a canvas, the drawing prepared like the network's digits, its answer; the
training lab's Draw tab, its downloads (the runs' curves as a picture) and its refusals of bad weights files."""
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
    "draw.seen": "What the network sees ({size}×{size})",
    "draw.seen.help.mnist": (
        "Prepared like MNIST: cut to the ink, scaled so that its longer side is 20 pixels, and placed in a "
        "28×28 square with its centre of mass in the middle; ink bright on black. Each square here is one pixel."),
    "draw.seen.help.digits": (
        "Prepared like the 8×8 digits this network learnt from: cut to the ink, centred in a square, scaled to a "
        "32×32 black-and-white bitmap, and each 4×4 block replaced by its number of ink pixels (0–16). "
        "Each square here is one of the 8×8 pixels."),
    "draw.not_digit": (
        "This does not look like a digit: {share:.0%} of the 28×28 pixels are ink, more than the {limit:.0%} "
        "this app allows (no digit among 5,000 MNIST digits has more than {mnist_max:.0%}). The network still "
        "answers, because it always picks one of the ten digits."),
    "draw.not_digit.digits": (
        "This does not look like a digit: prepared like MNIST (28×28), {share:.0%} of its pixels would be ink, "
        "more than the {limit:.0%} this app allows (no digit among 5,000 MNIST digits has more than "
        "{mnist_max:.0%}). The network still answers, because it always picks one of the ten digits."),
    "draw.unsure": (
        "The network is unsure: its top answer has only {p:.0%}, below {limit:.0%}, so the other nine digits "
        "together get more probability than the one it picked. Runner-up: {second} ({p2:.0%}). Read the answer "
        "as a guess; a larger, clearer digit usually helps."),
    "draw.time": "Prepared and classified in {ms:.0f} ms.",
    "draw.maps.title": "Feature maps of the Inception blocks for your drawing",
    "draw.maps.caption": (
        "**{name}**: {c} channels of {h}×{w}; the {k} channels with the largest mean activation, each stretched "
        "to its own range (dark = low, yellow = high)."),
    "draw.maps.none": "This network has no Inception blocks, so there are no Inception feature maps to show.",
    # The training lab's Draw tab (ui/training_try.py)
    "train_draw.tab": "Draw a digit",
    # The training lab's downloads (ui/training_downloads.py, ui/charts_training_png.py)
    "train_png.button": "Download every run's curves (PNG)",
    "train_png.help": (
        "One picture of every run's loss and accuracy per training step, its legend naming each run's number "
        "and settings: for a class to compare runs side by side."),
    "train_png.title": "Training runs: loss and accuracy per step",
    "train_png.loss": "Training loss (main classifier, smoothed)",
    "train_png.accuracy": "Accuracy",
    "train_png.step": "Training step",
    "train_png.loss_axis": "Loss (log scale)",
    "train_png.acc_axis": "Accuracy (%)",
    "train_png.batch": "batches, smoothed",
    "train_png.test": "test set, end of each epoch",
    "train_png.style": (
        "Lines: accuracy on the training batches, smoothed; dots: on the test set at the end of each epoch.\n"
        "Dashed: a run with auxiliary classifiers."),
    "train_png.no_steps": "#{n} (loaded from a file: no curves)",
    "train_png.final": "final test accuracy {acc}",
    # Bad weights files in the training lab (ui/training_weights.py)
    "train_weights.kept": "Your other runs are kept: {n} in the history.",
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
    "draw.seen": "网络看到的（{size}×{size}）",
    "draw.seen.help.mnist": (
        "按 MNIST 的方式处理：裁剪到笔迹，缩放到较长的一边为 20 像素，再放进 28×28 的方块，使笔迹的质心位于正中；"
        "黑底亮字。这里的每个小方块就是一个像素。"),
    "draw.seen.help.digits": (
        "按这个网络学过的 8×8 数字的方式处理：裁剪到笔迹，在正方形中居中，缩放成 32×32 的黑白位图，"
        "再把每个 4×4 的小块换成其中笔迹像素的个数（0–16）。这里的每个小方块就是 8×8 中的一个像素。"),
    "draw.not_digit": (
        "这看起来不像数字：28×28 的像素中有 {share:.0%} 是笔迹，超过了本应用允许的 {limit:.0%}"
        "（5,000 个 MNIST 数字中，没有一个超过 {mnist_max:.0%}）。网络仍然会回答，因为它总是从十个数字中选一个。"),
    "draw.not_digit.digits": (
        "这看起来不像数字：按 MNIST 的方式处理（28×28）后，有 {share:.0%} 的像素是笔迹，超过了本应用允许的 "
        "{limit:.0%}（5,000 个 MNIST 数字中，没有一个超过 {mnist_max:.0%}）。网络仍然会回答，"
        "因为它总是从十个数字中选一个。"),
    "draw.unsure": (
        "网络没有把握：它的首选答案只有 {p:.0%}，低于 {limit:.0%}，也就是说其余九个数字加起来的概率比它选的这个还大。"
        "第二选择：{second}（{p2:.0%}）。请把这个答案当作猜测；把数字写得大一些、清楚一些通常会有帮助。"),
    "draw.time": "处理和分类用时 {ms:.0f} 毫秒。",
    "draw.maps.title": "你写的数字在各个 Inception 模块中的特征图",
    "draw.maps.caption": (
        "**{name}**：{c} 个 {h}×{w} 的通道；这里是平均激活最大的 {k} 个通道，每个按自身的范围拉伸"
        "（暗 = 低，黄 = 高）。"),
    "draw.maps.none": "这个网络没有 Inception 模块，因此没有 Inception 特征图可以显示。",
    # 训练实验室的“写数字”标签页（ui/training_try.py）
    "train_draw.tab": "写一个数字",
    # 训练实验室的下载（ui/training_downloads.py, ui/charts_training_png.py）
    "train_png.button": "下载全部训练的曲线（PNG）",
    "train_png.help": "一张图画出每次训练在每个训练步的损失和准确率，图例写明每次训练的编号和设置：方便全班并排比较。",
    "train_png.title": "各次训练：每一步的损失和准确率",
    "train_png.loss": "训练损失（主分类器，平滑后）",
    "train_png.accuracy": "准确率",
    "train_png.step": "训练步数",
    "train_png.loss_axis": "损失（对数坐标）",
    "train_png.acc_axis": "准确率（%）",
    "train_png.batch": "训练批次，平滑后",
    "train_png.test": "测试集，每轮结束时",
    "train_png.style": "线：训练批次上的准确率（平滑后）；圆点：每轮结束时测试集上的准确率。\n虚线：带辅助分类器的训练。",
    "train_png.no_steps": "#{n}（从文件加载：没有曲线）",
    "train_png.final": "最终测试准确率 {acc}",
    # 训练实验室中的坏权重文件（ui/training_weights.py）
    "train_weights.kept": "你的其他训练结果都还在：历史记录中有 {n} 个。",
}
