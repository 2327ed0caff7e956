"""The Inception module and 1x1 bottleneck lab (app_pages/inception_lab.py)."""
EN = {
    "lab.intro": (
        "An Inception module runs four branches on the same input and concatenates their outputs. The **naive** "
        "module applies the 3×3 and 5×5 convolutions to all input channels and passes the pooled input on unchanged; "
        "the real one first shrinks the channels with a cheap **1×1 convolution** (the bottleneck) and projects the "
        "pooled channels with another. Type your own channel numbers, or start from a worked example of the source "
        "articles or a block of GoogLeNet, and compare the costs."
    ),
    "lab.preset": "Start from",
    "lab.preset.block": "Inception {name} ({size}×{size} input, as in GoogLeNet)",
    "lab.block": "Inception {name}",
    "lab.preset.worked_example": (
        "Multiply-add example of a source article: {in_ch}×{size}×{size}, 5×5 conv to {out} channels (branch 3 of "
        "{block})"
    ),
    "lab.preset.params_example": (
        "Parameter example of a source article: {in_ch} channels, 5×5 conv to {out} channels (branch 3 of {block})"
    ),
    "lab.preset.help": "Fills in the numbers below; you can change any of them afterwards.",
    "lab.preset.reset": "Reset to the preset",
    "lab.preset.reset.help": "Puts the chosen preset's numbers back into every field.",
    "lab.error.range": "**{field}**: “{text}” cannot be used — enter a whole number from {low} to {high}.",
    "lab.error.empty": "**{field}** is empty — enter a whole number from {low} to {high}.",
    "lab.error.nothing_computed": "Nothing is computed until every field holds an allowed number.",
    "lab.ex.not_a_number": "“{text}” is not a whole number. Type only digits (commas and spaces are fine).",
    "lab.inputs.title": "Your module",
    "lab.in.in_ch": "Input channels C_in",
    "lab.in.size": "Height = width H",
    "lab.in.n1x1": "#1×1",
    "lab.in.n3x3_reduce": "#3×3 reduce",
    "lab.in.n3x3": "#3×3",
    "lab.in.n5x5_reduce": "#5×5 reduce",
    "lab.in.n5x5": "#5×5",
    "lab.in.pool_proj": "Pool proj",
    "lab.branch.branch1": "branch 1: 1×1",
    "lab.branch.branch2": "branch 2: 3×3",
    "lab.branch.branch3": "branch 3: 5×5",
    "lab.branch.branch4": "branch 4: pool",
    "lab.branch.total": "total",
    "lab.compare.title": "Naive vs with 1×1 reductions, branch by branch",
    "lab.col.branch": "Branch",
    "lab.col.shape_naive": "Output, naive",
    "lab.col.shape_bottleneck": "Output, 1×1",
    "lab.col.params_naive": "Weights, naive",
    "lab.col.params_bottleneck": "Weights, 1×1",
    "lab.col.macs_naive": "Mult-adds, naive",
    "lab.col.macs_bottleneck": "Mult-adds, 1×1",
    "lab.col.ratio": "Mult-adds: naive ÷ 1×1",
    "lab.compare.caption": (
        "“1×1” = the module with 1×1 reductions. Weights only (biases left out). In the naive module branch 4 is just the 3×3 max pool: no weights, and it "
        "passes all {in_ch} input channels on, so the output grows to {naive_out} channels instead of "
        "{bottleneck_out}."
    ),
    "lab.metric.naive": "Naive module: multiply-adds",
    "lab.metric.bottleneck": "With 1×1 reductions: multiply-adds",
    "lab.metric.ratio": "Whole module, multiply-adds: saving",
    "lab.metric.ratio.value": "{ratio:.1f}× fewer",
    "lab.metric.ratio.costlier": "Whole module, multiply-adds: extra cost of the 1×1 layers",
    "lab.metric.ratio.costlier.value": "{ratio:.2f}× more",
    "lab.metric.params.delta": "{params:,} weights (no biases)",
    "lab.metric.branches": (
        "The ratio above is for the whole module (multiply-adds, naive ÷ with 1×1 reductions). Branch by branch it "
        "differs: branch 1 {b1:.2f}× (the same 1×1 convolution in both modules), branch 2 (3×3) {b2:.2f}×, branch 3 "
        "(5×5) {b3:.2f}×; the naive branch 4 has no weights at all (table below). A branch's saving is not the "
        "module's."
    ),
    "lab.chart.params": "Weights per branch (no biases)",
    "lab.chart.macs": "Multiply-adds per branch",
    "lab.chart.naive": "naive",
    "lab.chart.bottleneck": "with 1×1 reduce",
    "lab.formula.title": "The formula, with your numbers",
    "lab.formula.branch": "Branch",
    "lab.formula.rule": (
        "A k×k convolution from C_in to C_out channels on an H×W output has k²·C_in·C_out weights and does "
        "k²·H·W·C_in·C_out multiply-adds: each of the C_out·H·W output numbers is a dot product of length k²·C_in."
    ),
    "lab.formula.naive": "Naive (multiply-adds):",
    "lab.formula.bottleneck": "With the 1×1 reduction first (multiply-adds):",
    "lab.formula.naive_params": "Naive (weights):",
    "lab.formula.bottleneck_params": "With the 1×1 reduction first (weights):",
    "lab.formula.naive_value": "Naive, {branch}",
    "lab.formula.bottleneck_value": "With 1×1 reduce, {branch}",
    "lab.formula.no_weights": "The naive branch 4 is only a max pool: no weights, no multiply-adds.",
    "lab.slip.worked_example.title": "Spot the slip: the multiply-add example",
    "lab.slip.worked_example.body": (
        "The source article that works this example (section “1x1 Conv · 计算效果” of a post on GoogLeNet and "
        "ResNet) writes the bottleneck's sum as 1²×{size}²×{in_ch}×{reduce} + 5²×{size}²×{reduce}×**{reduce}** = "
        "**{printed:,}**. Neither side is right. As written, the sum is {as_written:,}; but the 5×5 convolution goes "
        "from {reduce} channels to **{out}**, so the second term is 5²×{size}²×{reduce}×{out} = {correct_term:,} and "
        "the total is {first_term:,} + {correct_term:,} = **{correct:,}**. That is {branch_ratio:.2f}× fewer "
        "multiply-adds than the naive 5×5 convolution's {naive:,} — the article's “one tenth”. It holds for this "
        "branch alone: the whole {block} module gets {module_ratio:.1f}× cheaper. The same paragraph also speaks of "
        "{printed_in_ch} input channels, then computes with {in_ch}. Always check which channel numbers go into each term."
    ),
    "lab.slip.params_example.title": "Spot the slip: the parameter example",
    "lab.slip.params_example.body": (
        "The source article “CNN经典网络模型之GoogleNet论文解读” says: a feature map {in_ch} channels deep, "
        "**{printed_kernels}** kernels of 5×5, {printed_naive:,} weights without a 1×1 reduction and "
        "{printed_reduced:,} with one. But 5×5×{in_ch}×{printed_kernels} = {naive_printed_kernels:,}: it is **{out}** "
        "kernels that give 5×5×{in_ch}×{out} = {naive:,}. The article does not say how many channels the 1×1 keeps; "
        "its own total tells: {printed_reduced:,} ÷ ({in_ch} + 5×5×{out}) = {implied_reduce:g}, the #5×5 reduce of "
        "{blocks}. With it, {in_ch}×{reduce} + 5×5×{reduce}×{out} = {first_term:,} + {correct_term:,} = "
        "**{correct:,}** weights (with {printed_kernels} kernels it would be {reduced_printed_kernels:,}): "
        "{branch_ratio:.1f}× fewer. That is branch 3 alone: the whole {block} module has {module_ratio:.1f}× fewer "
        "weights than its naive version. Biases are left out, as in the article."
    ),
    "lab.list_sep": " and ",
    "lab.verify.title": "Check it on a real PyTorch module",
    "lab.verify.intro": (
        "Builds `googlenet.blocks.Inception` with your numbers (conv + bias + ReLU, 5×5 in branch 3, as in the "
        "paper), pushes one random tensor of shape (1, {in_ch}, {size}, {size}) through it and asks torchinfo to "
        "count the parameters."
    ),
    "lab.verify.button": "Build it and run it",
    "lab.verify.shape": "Output shape (PyTorch)",
    "lab.verify.shape_formula": "Output shape (formula)",
    "lab.verify.params_torchinfo": "Parameters (torchinfo)",
    "lab.verify.params_formula": "Parameters (formula, with biases)",
    "lab.verify.macs": (
        "torchinfo's multiply-adds: {torchinfo:,} = the formula's {formula:,} + {bias:,} bias additions "
        "(torchinfo counts adding a bias as one more operation per output number)."
    ),
    "lab.verify.ok": "They agree: the real module has exactly the shape and the number of parameters the formulas predict.",
    "lab.verify.fail": "They do not agree — the formula and the module differ. Please report this.",
    "lab.verify.too_big": (
        "This module needs {macs:,} multiply-adds; running it on this computer would take too long. Make the "
        "numbers smaller to try it (the limit is {limit:,})."
    ),
    "lab.onebyone.title": "A 1×1 convolution is a fully connected layer applied at every pixel",
    "lab.onebyone.intro": (
        "A tiny example: an input with {cin} channels of {size}×{size} pixels, and a 1×1 convolution to {cout} "
        "channels. At each pixel the {cin} channel values form a vector x, and the convolution computes W·x + b with a "
        "{cout}×{cin} matrix W — the same W "
        "at every pixel. Below, the same numbers computed both ways."
    ),
    "lab.onebyone.x": "Input x, channel {c}",
    "lab.onebyone.w": "Weights W ({cout} × {cin}) and bias b",
    "lab.onebyone.bias": "b",
    "lab.onebyone.conv": "nn.Conv2d({cin}, {cout}, kernel_size=1): output channel {c}",
    "lab.onebyone.matmul": "W @ x + b at every pixel: output channel {c}",
    "lab.onebyone.pixel": "Top-left pixel of output channel 0, by hand:",
    "lab.onebyone.diff": "Largest difference between the two results: {diff:.1e} (only floating-point rounding).",
    "lab.ex.title": "Try it yourself",
    "lab.ex.question.macs": (
        "An Inception module (with 1×1 reductions) gets an input of **{in_ch} channels, {size}×{size}**. Its numbers: "
        "#1×1 {n1x1}, #3×3 reduce {n3x3_reduce}, #3×3 {n3x3}, #5×5 reduce {n5x5_reduce}, #5×5 {n5x5}, pool proj "
        "{pool_proj}. How many **multiply-adds** does **{branch}** need?"
    ),
    "lab.ex.question.params": (
        "An Inception module (with 1×1 reductions) gets an input of **{in_ch} channels, {size}×{size}**. Its numbers: "
        "#1×1 {n1x1}, #3×3 reduce {n3x3_reduce}, #3×3 {n3x3}, #5×5 reduce {n5x5_reduce}, #5×5 {n5x5}, pool proj "
        "{pool_proj}. How many **weights** (parameters, without biases) does **{branch}** have?"
    ),
    "lab.ex.answer": "Your answer",
    "lab.ex.check": "Check my answer",
    "lab.ex.new": "New exercise",
    "lab.ex.right": "Right! {answer:,} is exactly it.",
    "lab.ex.forgot_area": "Not quite: you gave {value:,}, which is the number of weights. Multiply by H×W = {area:,} output positions.",
    "lab.ex.added_area": "Not quite: you gave {value:,}. Weights do not depend on the image size — leave out H×W.",
    "lab.ex.too_small": "Not quite: {value:,} is too small. Did you use every convolution of the branch?",
    "lab.ex.too_big": "Not quite: {value:,} is too big. Check which channel numbers go into each convolution.",
    "lab.ex.no_answer": "Type a number first.",
    "lab.ex.solution": "Worked solution:",
    "lab.ex.hint": "Branch 4's max pool has no weights; count only its 1×1 convolution.",
}

ZH = {
    "lab.intro": (
        "Inception 模块让四个分支处理同一个输入，再把输出拼接起来。**朴素版** 模块直接对全部输入通道做 3×3 和 5×5 卷积，"
        "并把池化后的输入原样传下去；真正的模块会先用廉价的 **1×1卷积** 降维（瓶颈结构），减少通道数，并用另一个 1×1卷积"
        "对池化后的通道做投影。输入你自己的通道数，或者从参考文章的例题或 GoogLeNet 中的某个模块开始，比较两者的计算量。"
    ),
    "lab.preset": "从这里开始",
    "lab.preset.block": "Inception {name}（输入 {size}×{size}，与 GoogLeNet 中相同）",
    "lab.block": "Inception {name}",
    "lab.preset.worked_example": "参考文章的乘加次数例题：{in_ch}×{size}×{size}，5×5 卷积到 {out} 个通道（{block} 的分支 3）",
    "lab.preset.params_example": "参考文章的参数量例题：{in_ch} 个通道，5×5 卷积到 {out} 个通道（{block} 的分支 3）",
    "lab.preset.help": "会填好下面的数字，之后你可以随意修改。",
    "lab.preset.reset": "恢复预设数值",
    "lab.preset.reset.help": "把所选预设的数字重新填回每个输入框。",
    "lab.error.range": "**{field}**：“{text}” 无法使用——请输入 {low} 到 {high} 之间的整数。",
    "lab.error.empty": "**{field}** 为空——请输入 {low} 到 {high} 之间的整数。",
    "lab.error.nothing_computed": "在每个输入框都填入允许范围内的数字之前，不会进行任何计算。",
    "lab.ex.not_a_number": "“{text}” 不是整数。请只输入数字（可以带逗号和空格）。",
    "lab.inputs.title": "你的模块",
    "lab.in.in_ch": "输入通道数 C_in",
    "lab.in.size": "高 = 宽 H",
    "lab.in.n1x1": "#1×1",
    "lab.in.n3x3_reduce": "#3×3 降维",
    "lab.in.n3x3": "#3×3",
    "lab.in.n5x5_reduce": "#5×5 降维",
    "lab.in.n5x5": "#5×5",
    "lab.in.pool_proj": "池化投影",
    "lab.branch.branch1": "分支 1：1×1",
    "lab.branch.branch2": "分支 2：3×3",
    "lab.branch.branch3": "分支 3：5×5",
    "lab.branch.branch4": "分支 4：池化",
    "lab.branch.total": "合计",
    "lab.compare.title": "朴素版与带 1×1 降维的版本：逐个分支对比",
    "lab.col.branch": "分支",
    "lab.col.shape_naive": "输出（朴素）",
    "lab.col.shape_bottleneck": "输出（1×1）",
    "lab.col.params_naive": "权重数（朴素）",
    "lab.col.params_bottleneck": "权重数（1×1）",
    "lab.col.macs_naive": "乘加（朴素）",
    "lab.col.macs_bottleneck": "乘加（1×1）",
    "lab.col.ratio": "乘加：朴素 ÷ 1×1",
    "lab.compare.caption": (
        "“1×1”指带 1×1 降维的模块。只计权重（不含偏置）。朴素版的分支 4 只有 3×3 最大池化：没有权重，并且把全部 {in_ch} 个输入通道原样传下去，"
        "所以输出变成 {naive_out} 个通道，而不是 {bottleneck_out} 个。"
    ),
    "lab.metric.naive": "朴素版模块：乘加次数",
    "lab.metric.bottleneck": "带 1×1 降维：乘加次数",
    "lab.metric.ratio": "整个模块的乘加次数：节省",
    "lab.metric.ratio.value": "减少到 1/{ratio:.1f}",
    "lab.metric.ratio.costlier": "整个模块的乘加次数：1×1 层带来的额外开销",
    "lab.metric.ratio.costlier.value": "增加到 {ratio:.2f} 倍",
    "lab.metric.params.delta": "{params:,} 个权重（不含偏置）",
    "lab.metric.branches": (
        "上面的比值针对整个模块（乘加次数，朴素版 ÷ 带 1×1 降维）。逐个分支来看并不相同：分支 1 为 {b1:.2f} 倍"
        "（两种模块里是同一个 1×1卷积），分支 2（3×3）为 {b2:.2f} 倍，分支 3（5×5）为 {b3:.2f} 倍；朴素版的分支 4 "
        "根本没有权重（见下表）。一个分支的节省不等于整个模块的节省。"
    ),
    "lab.chart.params": "各分支权重数（不含偏置）",
    "lab.chart.macs": "各分支乘加次数",
    "lab.chart.naive": "朴素版",
    "lab.chart.bottleneck": "带 1×1 降维",
    "lab.formula.title": "代入你的数字的公式",
    "lab.formula.branch": "分支",
    "lab.formula.rule": (
        "一个从 C_in 个通道到 C_out 个通道、输出为 H×W 的 k×k 卷积，有 k²·C_in·C_out 个权重，需要 k²·H·W·C_in·C_out 次乘加："
        "C_out·H·W 个输出数字中的每一个，都是一个长度为 k²·C_in 的点积。"
    ),
    "lab.formula.naive": "朴素版（乘加次数）：",
    "lab.formula.bottleneck": "先做 1×1 降维（乘加次数）：",
    "lab.formula.naive_params": "朴素版（权重数）：",
    "lab.formula.bottleneck_params": "先做 1×1 降维（权重数）：",
    "lab.formula.naive_value": "朴素版，{branch}",
    "lab.formula.bottleneck_value": "带 1×1 降维，{branch}",
    "lab.formula.no_weights": "朴素版的分支 4 只是一个最大池化：没有权重，也没有乘加。",
    "lab.slip.worked_example.title": "找找错误：乘加次数例题",
    "lab.slip.worked_example.body": (
        "演算这道例题的参考文章（一篇讲 GoogLeNet 和 ResNet 的文章中“1x1 Conv · 计算效果”一节）把瓶颈结构的求和写成 "
        "1²×{size}²×{in_ch}×{reduce} + 5²×{size}²×{reduce}×**{reduce}** = **{printed:,}**。等号两边都不对。按所写的式子，"
        "和是 {as_written:,}；但 5×5 卷积是从 {reduce} 个通道变成 **{out}** 个通道，所以第二项应为 "
        "5²×{size}²×{reduce}×{out} = {correct_term:,}，总数是 {first_term:,} + {correct_term:,} = **{correct:,}**。"
        "这比朴素 5×5 卷积的 {naive:,} 次乘加少到 1/{branch_ratio:.2f}——也就是文章说的“十分之一”。但这只对这一个分支成立："
        "整个 {block} 模块的计算量减少到 1/{module_ratio:.1f}。同一段还说输入有 {printed_in_ch} 个通道，随后却用 {in_ch} 来计算。"
        "每一项该用哪个通道数，一定要核对清楚。"
    ),
    "lab.slip.params_example.title": "找找错误：参数量例题",
    "lab.slip.params_example.body": (
        "参考文章《CNN经典网络模型之GoogleNet论文解读》说：对一个深度为 {in_ch} 的特征图使用 **{printed_kernels}** 个 "
        "5×5 卷积核，不用 1×1卷积降维需要 {printed_naive:,} 个权重，降维后需要 {printed_reduced:,} 个。但 "
        "5×5×{in_ch}×{printed_kernels} = {naive_printed_kernels:,}：要得到 5×5×{in_ch}×{out} = {naive:,}，"
        "卷积核应是 **{out}** 个。文章没有说 1×1卷积保留多少个通道；它自己的总数给出了答案："
        "{printed_reduced:,} ÷ ({in_ch} + 5×5×{out}) = {implied_reduce:g}，正是 {blocks} 的 #5×5 降维。用它来算，"
        "{in_ch}×{reduce} + 5×5×{reduce}×{out} = {first_term:,} + {correct_term:,} = **{correct:,}** 个权重"
        "（如果是 {printed_kernels} 个卷积核，会是 {reduced_printed_kernels:,}）：减少到 1/{branch_ratio:.1f}。"
        "这只是分支 3：整个 {block} 模块的权重数比朴素版减少到 1/{module_ratio:.1f}。与文章一样，这里不计偏置。"
    ),
    "lab.list_sep": " 和 ",
    "lab.verify.title": "用真正的 PyTorch 模块验证",
    "lab.verify.intro": (
        "用你的数字构建 `googlenet.blocks.Inception`（卷积 + 偏置 + ReLU，分支 3 用 5×5，与论文相同），"
        "让一个形状为 (1, {in_ch}, {size}, {size}) 的随机张量通过它，再让 torchinfo 统计参数量。"
    ),
    "lab.verify.button": "构建并运行",
    "lab.verify.shape": "输出形状（PyTorch）",
    "lab.verify.shape_formula": "输出形状（公式）",
    "lab.verify.params_torchinfo": "参数量（torchinfo）",
    "lab.verify.params_formula": "参数量（公式，含偏置）",
    "lab.verify.macs": (
        "torchinfo 统计的乘加次数：{torchinfo:,} = 公式的 {formula:,} + {bias:,} 次加偏置"
        "（torchinfo 把每个输出数字加一次偏置也算作一次运算）。"
    ),
    "lab.verify.ok": "结果一致：真实模块的输出形状和参数量与公式的预测完全相同。",
    "lab.verify.fail": "结果不一致——公式与模块对不上，请报告这个问题。",
    "lab.verify.too_big": "这个模块需要 {macs:,} 次乘加，在这台电脑上运行太慢。请把数字改小一些再试（上限是 {limit:,}）。",
    "lab.onebyone.title": "1×1卷积就是在每个像素上做一次全连接",
    "lab.onebyone.intro": (
        "一个小例子：输入有 {cin} 个通道、每个通道 {size}×{size} 像素，用 1×1卷积变成 {cout} 个通道。在每个像素上，"
        "{cin} 个通道的值组成向量 x，卷积计算的就是 W·x + b，其中 W 是 {cout}×{cin} 的矩阵——每个像素用的都是同一个 W。下面用两种方法算出同样的数字。"
    ),
    "lab.onebyone.x": "输入 x，通道 {c}",
    "lab.onebyone.w": "权重 W（{cout} × {cin}）和偏置 b",
    "lab.onebyone.bias": "b",
    "lab.onebyone.conv": "nn.Conv2d({cin}, {cout}, kernel_size=1)：输出通道 {c}",
    "lab.onebyone.matmul": "在每个像素上算 W @ x + b：输出通道 {c}",
    "lab.onebyone.pixel": "手算输出通道 0 左上角的像素：",
    "lab.onebyone.diff": "两种结果的最大差异：{diff:.1e}（只是浮点舍入误差）。",
    "lab.ex.title": "自己动手算",
    "lab.ex.question.macs": (
        "一个 Inception 模块（带 1×1 降维）的输入是 **{in_ch} 个通道、{size}×{size}**。它的参数：#1×1 {n1x1}，"
        "#3×3 降维 {n3x3_reduce}，#3×3 {n3x3}，#5×5 降维 {n5x5_reduce}，#5×5 {n5x5}，池化投影 {pool_proj}。"
        "**{branch}** 需要多少次 **乘加**？"
    ),
    "lab.ex.question.params": (
        "一个 Inception 模块（带 1×1 降维）的输入是 **{in_ch} 个通道、{size}×{size}**。它的参数：#1×1 {n1x1}，"
        "#3×3 降维 {n3x3_reduce}，#3×3 {n3x3}，#5×5 降维 {n5x5_reduce}，#5×5 {n5x5}，池化投影 {pool_proj}。"
        "**{branch}** 有多少个 **权重**（参数量，不含偏置）？"
    ),
    "lab.ex.answer": "你的答案",
    "lab.ex.check": "检查答案",
    "lab.ex.new": "换一道题",
    "lab.ex.right": "正确！答案正是 {answer:,}。",
    "lab.ex.forgot_area": "差一点：你给出的 {value:,} 是权重个数。还要乘以 H×W = {area:,} 个输出位置。",
    "lab.ex.added_area": "差一点：你给出的是 {value:,}。权重个数与图像尺寸无关——不要乘 H×W。",
    "lab.ex.too_small": "不对：{value:,} 太小了。这个分支里的每个卷积都算上了吗？",
    "lab.ex.too_big": "不对：{value:,} 太大了。检查一下每个卷积该用哪些通道数。",
    "lab.ex.no_answer": "请先输入一个数字。",
    "lab.ex.solution": "详细解答：",
    "lab.ex.hint": "分支 4 的最大池化没有权重，只计算它的 1×1卷积。",
}
