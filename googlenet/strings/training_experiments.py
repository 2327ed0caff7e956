"""The training lab's experiments (ui/training_experiments.py): auxiliary heads on/off, the softmax before
CrossEntropyLoss, plain vs residual (He et al. 2015, ../shared/reference/CONCEPTS.md 9), and the per-block gradient
norms over the steps. Every verdict sentence here is picked by googlenet.digits.analysis from the runs' numbers."""
EN = {
    "trainexp.title": "The articles' experiments, run live",
    "trainexp.intro": (
        "Each button trains the runs of one experiment one after the other, with the settings above (data set, "
        "epochs, learning rate, batch size, seed, step limit). What the runs show is computed from their numbers "
        "below, under \u201cResults\u201d."),
    "trainexp.choose": "Experiment",
    "trainexp.tab.aux": "Auxiliary classifiers",
    "trainexp.tab.softmax": "Softmax before the loss",
    "trainexp.tab.residual": "Plain vs residual",
    "trainexp.name.aux": "Auxiliary classifiers on/off",
    "trainexp.name.softmax": "Softmax before the loss",
    "trainexp.name.residual": "Plain vs residual",
    "trainexp.progress": "Experiment \u201c{name}\u201d: run {i} of {n}.",
    # aux heads
    "trainexp.aux.body": (
        "GoogLeNet's auxiliary classifiers were meant to feed extra gradient into the middle of a deep network. "
        "Two runs, identical but for the auxiliary heads: compare their test accuracy and, in the gradient view "
        "over the steps, how much gradient the early blocks get."),
    "trainexp.aux.deep": "On the deep net without BatchNorm ({depth} Inception blocks)",
    "trainexp.aux.deep.help": (
        "Trains the small GoogLeNet with {depth} Inception blocks and BatchNorm off instead of the network chosen "
        "above: there the gradient reaching the first blocks is expected to be weak (the gradient view shows whether "
        "it is), so the auxiliary heads' own gradient can show."),
    # softmax before CrossEntropyLoss
    "trainexp.softmax.body": (
        "One of the seed articles applies a softmax to the network's outputs before `CrossEntropyLoss`, which "
        "applies a (log-)softmax itself. Two runs with the settings above, one with the right loss and one with the "
        "bug. With the bug the loss starts at ln 10 = {uniform:.3f} like the right one, but it can never go below "
        "log(e + 9) − 1 = **{floor:.3f}** (all probability on the right digit), and its gradients are usually smaller (the ratio is measured below)."),
    "trainexp.softmax.button": "Run both: right loss and softmax bug",
    "trainexp.softmax.button.help": (
        "Two runs with the same settings and seed: the loss on the network's raw outputs, and the loss on their "
        "softmax."),
    # plain vs residual
    "trainexp.residual.body": (
        "He et al. (2015) found that a deeper *plain* network reaches a **higher training error** than a shallower "
        "one. That is not overfitting (overfitting is a low training error with a high test error): the deeper "
        "net is harder to optimise, although it could do at least as well by passing its input on through the "
        "extra layers. They called it **degradation**, and noted that vanishing gradients had largely been dealt "
        "with by normalised initialisation and BatchNorm. Identity shortcuts, y = F(x) + x, removed it."),
    "trainexp.residual.trio": (
        "Here in miniature, on the small residual net without BatchNorm: {deep} blocks plain, the same {deep} blocks "
        "with shortcuts, and {shallow} blocks plain. The training loss is what shows degradation."),
    "trainexp.residual.seed_pair": (
        "With the seed article's residual net chosen above, the experiment is a pair: the net without and with its "
        "shortcuts. Its depth is fixed, so there is no shallower net to compare with: choose the small residual "
        "net for the three runs that can show degradation."),
    "trainexp.residual.button": "Run plain vs residual ({n} runs)",
    "trainexp.residual.button.help": "The runs one after the other, with the same data, schedule and seed.",
    # results: charts
    "trainexp.chart.loss": "Training loss (main loss, smoothed)",
    "trainexp.chart.test_acc": "Test accuracy",
    "trainexp.chart.floor": "lowest loss possible with the bug ({floor:.3f})",
    "trainexp.chart.guess": "guessing: ln 10 = {value:.3f}",
    "trainexp.run.correct": "#{n} right loss",
    "trainexp.run.buggy": "#{n} softmax bug",
    "trainexp.run.plain": "#{n} plain, {depth} block(s)",
    "trainexp.run.residual": "#{n} residual, {depth} block(s)",
    # results: softmax
    "trainexp.softmax.title": "Softmax before the loss: what did the bug do?",
    "trainexp.softmax.caption": (
        "The two losses are not measured alike: the buggy one is the cross-entropy of probabilities, fenced in "
        "above the dotted line. Test accuracy counts the same predictions either way."),
    "trainexp.softmax.numbers": (
        "Run #{a} (right loss) ended at a training loss of **{loss_correct:.3f}**, run #{b} (softmax bug) at "
        "**{loss_buggy:.3f}**; the buggy run's lowest batch loss was {lowest:.3f}, never below its floor "
        "{floor:.3f}. Test accuracy: **{acc_correct:.1f}%** with the right loss, **{acc_buggy:.1f}%** with the bug "
        "({gap:+.1f} percentage points)."),
    "trainexp.softmax.buggy_worse": "The bug **cost accuracy**: the right loss ended {gap:.1f} points ahead.",
    "trainexp.softmax.buggy_better": (
        "Here the run **with the bug** ended {gap:.1f} points ahead: the bug did not cost accuracy in this pair of "
        "runs. One pair is thin evidence: repeat with another seed before you believe it."),
    "trainexp.softmax.buggy_slower": (
        "Both ended less than {threshold:.0f} point apart, but the bug **slowed learning**: at the first "
        "measurement (end of the first epoch) the right loss had {first_correct:.1f}%, the buggy one "
        "{first_buggy:.1f}%."),
    "trainexp.softmax.buggy_faster": (
        "Both ended less than {threshold:.0f} point apart; at the first measurement (end of the first epoch) the "
        "buggy run was even ahead: {first_buggy:.1f}% against {first_correct:.1f}% with the right loss."),
    "trainexp.softmax.same": (
        "On this problem the bug made **no real difference to the accuracy**: less than {threshold:.0f} point "
        "apart at the end and at the first measurement."),
    "trainexp.softmax.why": (
        "Why the accuracy can survive: the largest output stays the largest after a softmax, so the predictions "
        "can still be right. What the bug breaks is the loss: it cannot go below {floor:.3f} — even a perfectly "
        "sure right answer still costs that much — so the loss no longer tells how well the network has learnt."),
    "trainexp.softmax.grad": (
        "In the first fifth of training the mean gradient norm of the blocks was **{ratio:.2f}×** as large with "
        "the right loss as with the bug."),
    # results: plain vs residual
    "trainexp.residual.title": "Plain vs residual: degradation?",
    "trainexp.residual.caption": (
        "Left: the training loss (on the training digits themselves, logarithmic scale), where degradation shows. "
        "Right: the test accuracy."),
    "trainexp.residual.numbers": (
        "Final training loss (main loss, mean of the last 10 steps): deep plain net #{a} ({deep} blocks) "
        "**{loss_plain:.3f}**, the same net with shortcuts #{b} **{loss_residual:.3f}**, shallower plain net #{c} "
        "({shallow} blocks) **{loss_shallow:.3f}**. Test accuracy: {acc_a}, {acc_b}, {acc_c}."),
    "trainexp.residual.numbers_pair": (
        "Final training loss (main loss, mean of the last 10 steps): plain net #{a} **{loss_plain:.3f}**, the same "
        "net with shortcuts #{b} **{loss_residual:.3f}**. Test accuracy: {acc_a}, {acc_b}."),
    "trainexp.residual.degradation": (
        "**Degradation**: the deeper plain net ended with a *higher training loss* than the shallower one "
        "({loss_plain:.3f} against {loss_shallow:.3f}), although it could have done at least as well. This is the "
        "loss on the training digits themselves, not overfitting: the deeper plain net is harder to optimise."),
    "trainexp.residual.removed": (
        "With identity shortcuts the same deep net reached {loss_residual:.3f}, no longer above the shallower "
        "net's: **y = F(x) + x removed the degradation**."),
    "trainexp.residual.reduced": (
        "With shortcuts the deep net's training loss fell to {loss_residual:.3f} but stayed above the shallower "
        "net's: in this run the shortcuts reduced the degradation without removing it."),
    "trainexp.residual.kept": (
        "With shortcuts the deep net did not train clearly better ({loss_residual:.3f}): in this run the "
        "shortcuts did not remove the degradation."),
    "trainexp.residual.no_degradation": (
        "**No degradation in these runs**: the deeper plain net's training loss ({loss_plain:.3f}) was not clearly "
        "higher than the shallower one's ({loss_shallow:.3f}; losses less than {margin:.2f} apart count as equal). "
        "He et al. saw it between far deeper nets (56 against 20 layers on CIFAR-10): try more blocks, or a full run."),
    "trainexp.residual.no_shallow": (
        "Without a shallower plain net to compare with, these runs cannot show degradation; they show whether the "
        "shortcuts helped."),
    "trainexp.residual.better": (
        "The shortcuts lowered the deep net's final training loss clearly ({loss_plain:.3f} → "
        "{loss_residual:.3f})."),
    "trainexp.residual.not_better": (
        "The shortcuts did not lower the deep net's final training loss by more than {margin:.2f} ({loss_plain:.3f} "
        "→ {loss_residual:.3f})."),
    "trainexp.residual.grad_vanish": (
        "Early in training, the deep plain net's gradient at its first block was **{ratio:,.0f}× smaller** than at "
        "its last block: without BatchNorm, the gradient vanishes in this miniature. He et al. trained with "
        "BatchNorm, which keeps the gradients healthy, and still found degradation: that is why they named the "
        "problem degradation, not vanishing gradients."),
    "trainexp.residual.grad_ok": (
        "Early in training, the deep plain net's gradient at its last block was {ratio:.2g}× that at its first "
        "block: under {vanish:.0f}×, no vanishing gradient."),
    "trainexp.residual.grad_ok_degraded": (
        "So its degradation is not vanishing gradients, as He et al. found."),
    # gradient norms over the steps
    "trainexp.gradseries.title": "Each block's gradient over the steps",
    "trainexp.gradseries.caption": (
        "Run #{n}: the gradient norm of every block at every training step (each point the mean of the last 10 steps, "
        "logarithmic scale). Dark lines: blocks near the input; light lines: near the output."),
    "trainexp.gradseries.aux_caption": (
        "Runs #{a} (with auxiliary classifiers) and #{b} (without), side by side on the same axis: the gradient norm "
        "of every block at every step (each point the mean of the last 10 steps, logarithmic scale). Dark lines: blocks near the "
        "input. The auxiliary heads feed their own gradient into the block they listen to and every block before "
        "it."),
    "trainexp.gradseries.panel": "run #{n} · aux {aux}",
    "trainexp.gradseries.run": "run #{n}",
    "trainexp.gradseries.ylabel": "gradient norm",
}

ZH = {
    "trainexp.title": "参考文章中的实验，现场运行",
    "trainexp.intro": (
        "每个按钮依次训练一个实验的各次运行，使用上面的设置（数据集、训练轮数、学习率、批大小、随机种子、步数上限）。"
        "这些运行说明了什么，由它们的数值计算得出，显示在下面的“结果”中。"),
    "trainexp.choose": "实验",
    "trainexp.tab.aux": "辅助分类器",
    "trainexp.tab.softmax": "损失之前的 softmax",
    "trainexp.tab.residual": "普通网络与残差网络",
    "trainexp.name.aux": "辅助分类器开/关",
    "trainexp.name.softmax": "损失之前的 softmax",
    "trainexp.name.residual": "普通网络与残差网络",
    "trainexp.progress": "实验“{name}”：第 {i} 次运行，共 {n} 次。",
    "trainexp.aux.body": (
        "GoogLeNet 的辅助分类器本意是给深层网络的中间部分补充梯度。两次运行，除辅助分类器外完全相同：比较它们的测试准确率，"
        "并在按训练步显示的梯度图中比较前面的模块得到多少梯度。"),
    "trainexp.aux.deep": "在没有 BatchNorm 的深层网络上（{depth} 个 Inception 模块）",
    "trainexp.aux.deep.help": (
        "不用上面选的网络，而是训练有 {depth} 个 Inception 模块、关掉 BatchNorm 的小型 GoogLeNet：在那里到达前几个模块的"
        "梯度预计会很弱（梯度图会显示是否如此），辅助分类器自己的梯度就可能显现出来。"),
    "trainexp.softmax.body": (
        "一篇参考文章在 `CrossEntropyLoss` 之前对网络的输出做了 softmax，而 CrossEntropyLoss 自己就会做一次（log-）softmax。"
        "用上面的设置训练两次，一次用正确的损失，一次带着这个错误。带着错误时，损失和正确的一样从 ln 10 = {uniform:.3f} 开始，"
        "但永远不会低于 log(e + 9) − 1 = **{floor:.3f}**（全部概率都在正确数字上时），梯度通常也更小（下面给出实测的比值）。"),
    "trainexp.softmax.button": "两种都跑：正确的损失和 softmax 错误",
    "trainexp.softmax.button.help": "用相同的设置和种子训练两次：一次在网络的原始输出上算损失，一次在它们的 softmax 上算损失。",
    "trainexp.residual.body": (
        "He 等人（2015）发现，更深的*普通*网络的**训练误差反而比浅的更高**。这不是过拟合（过拟合是训练误差低、测试误差高）："
        "更深的网络更难优化，尽管它只要让多出来的层把输入原样传下去，就至少能做得一样好。他们称之为**退化**，并指出梯度消失"
        "已基本由规范化的初始化和 BatchNorm 解决。恒等捷径 y = F(x) + x 消除了退化。"),
    "trainexp.residual.trio": (
        "这里是它的缩小版，用没有 BatchNorm 的小型残差网络：{deep} 个模块的普通网络、加上捷径连接的同样 {deep} 个模块，"
        "以及 {shallow} 个模块的普通网络。显示退化的是训练损失。"),
    "trainexp.residual.seed_pair": (
        "上面选的是参考文章中的残差网络，所以这个实验是一对运行：不带和带捷径连接的该网络。它的深度是固定的，没有更浅的网络"
        "可比：请选择小型残差网络，才能训练能显示退化的三次运行。"),
    "trainexp.residual.button": "运行普通网络与残差网络（{n} 次运行）",
    "trainexp.residual.button.help": "依次运行，数据、训练安排和种子都相同。",
    "trainexp.chart.loss": "训练损失（主损失，平滑后）",
    "trainexp.chart.test_acc": "测试准确率",
    "trainexp.chart.floor": "带错误时可能的最低损失（{floor:.3f}）",
    "trainexp.chart.guess": "瞎猜：ln 10 = {value:.3f}",
    "trainexp.run.correct": "#{n} 正确的损失",
    "trainexp.run.buggy": "#{n} softmax 错误",
    "trainexp.run.plain": "#{n} 普通网络，{depth} 个模块",
    "trainexp.run.residual": "#{n} 残差网络，{depth} 个模块",
    "trainexp.softmax.title": "损失之前的 softmax：这个错误造成了什么？",
    "trainexp.softmax.caption": "两种损失的度量方式不同：带错误的损失是概率的交叉熵，被限制在点线之上。测试准确率在两种情况下统计的是同样的预测。",
    "trainexp.softmax.numbers": (
        "运行 #{a}（正确的损失）最后的训练损失为 **{loss_correct:.3f}**，运行 #{b}（softmax 错误）为 **{loss_buggy:.3f}**；"
        "带错误的运行中最低的批次损失是 {lowest:.3f}，从未低于它的下限 {floor:.3f}。测试准确率：正确的损失 "
        "**{acc_correct:.1f}%**，带错误 **{acc_buggy:.1f}%**（相差 {gap:+.1f} 个百分点）。"),
    "trainexp.softmax.buggy_worse": "这个错误**降低了准确率**：正确的损失最后领先 {gap:.1f} 个百分点。",
    "trainexp.softmax.buggy_better": (
        "这里**带错误**的运行最后领先 {gap:.1f} 个百分点：在这一对运行中，这个错误没有降低准确率。只有一对运行，证据很薄："
        "换一个种子重复一次再下结论。"),
    "trainexp.softmax.buggy_slower": (
        "两者最后相差不到 {threshold:.0f} 个百分点，但这个错误**让学习变慢了**：在第一次测量时（第一轮结束时），正确的损失"
        "达到 {first_correct:.1f}%，带错误的只有 {first_buggy:.1f}%。"),
    "trainexp.softmax.buggy_faster": (
        "两者最后相差不到 {threshold:.0f} 个百分点；在第一次测量时（第一轮结束时），带错误的运行甚至领先：{first_buggy:.1f}%，"
        "正确的损失为 {first_correct:.1f}%。"),
    "trainexp.softmax.same": "在这个问题上，这个错误**对准确率没有实质影响**：最后和第一次测量时都相差不到 {threshold:.0f} 个百分点。",
    "trainexp.softmax.why": (
        "为什么准确率可以不受影响：softmax 之后最大的输出仍然最大，所以预测仍可能是对的。这个错误破坏的是损失本身：它无法低于 "
        "{floor:.3f}——即使是完全有把握的正确答案也仍然要付出这么多损失——所以损失不再反映网络学得有多好。"),
    "trainexp.softmax.grad": "在训练的最初五分之一，各模块梯度范数的平均值，用正确的损失时是带错误时的 **{ratio:.2f}** 倍。",
    "trainexp.residual.title": "普通网络与残差网络：有没有退化？",
    "trainexp.residual.caption": "左：训练损失（就在训练数字本身上，对数坐标），退化就显示在这里。右：测试准确率。",
    "trainexp.residual.numbers": (
        "最后的训练损失（主损失，最后 10 步的平均）：深的普通网络 #{a}（{deep} 个模块）**{loss_plain:.3f}**，加上捷径连接的"
        "同一个网络 #{b} **{loss_residual:.3f}**，较浅的普通网络 #{c}（{shallow} 个模块）**{loss_shallow:.3f}**。"
        "测试准确率：{acc_a}、{acc_b}、{acc_c}。"),
    "trainexp.residual.numbers_pair": (
        "最后的训练损失（主损失，最后 10 步的平均）：普通网络 #{a} **{loss_plain:.3f}**，加上捷径连接的同一个网络 #{b} "
        "**{loss_residual:.3f}**。测试准确率：{acc_a}、{acc_b}。"),
    "trainexp.residual.degradation": (
        "**退化**：更深的普通网络最后的*训练损失*比较浅的更高（{loss_plain:.3f} 对 {loss_shallow:.3f}），尽管它本可以至少"
        "做得一样好。这是训练数字本身上的损失，不是过拟合：更深的普通网络更难优化。"),
    "trainexp.residual.removed": (
        "加上恒等捷径后，同一个深层网络达到 {loss_residual:.3f}，不再高于较浅网络的损失：**y = F(x) + x 消除了退化**。"),
    "trainexp.residual.reduced": (
        "加上捷径连接后，深层网络的训练损失降到 {loss_residual:.3f}，但仍高于较浅网络的：在这次运行中，捷径连接减轻了退化，"
        "但没有消除它。"),
    "trainexp.residual.kept": "加上捷径连接后，深层网络没有明显训练得更好（{loss_residual:.3f}）：在这次运行中，捷径连接没有消除退化。",
    "trainexp.residual.no_degradation": (
        "**这几次运行没有出现退化**：更深的普通网络的训练损失（{loss_plain:.3f}）并不明显高于较浅的（{loss_shallow:.3f}；"
        "相差不到 {margin:.2f} 的损失算作相等）。He 等人是在深得多的网络之间看到退化的（在 CIFAR-10 上 56 层对 20 层）："
        "试试更多的模块，或者完整地训练一次。"),
    "trainexp.residual.no_shallow": "没有较浅的普通网络可比，这些运行无法显示退化；它们只显示捷径连接有没有帮助。",
    "trainexp.residual.better": "捷径连接明显降低了深层网络最后的训练损失（{loss_plain:.3f} → {loss_residual:.3f}）。",
    "trainexp.residual.not_better": (
        "捷径连接没有让深层网络最后的训练损失降低超过 {margin:.2f}（{loss_plain:.3f} → {loss_residual:.3f}）。"),
    "trainexp.residual.grad_vanish": (
        "训练初期，深的普通网络第一个模块的梯度只有最后一个模块的 **1/{ratio:,.0f}**：没有 BatchNorm，梯度在这个缩小版中"
        "消失了。He 等人用了 BatchNorm 训练，梯度保持正常，却仍然发现了退化：所以他们把这个问题称为退化，"
        "而不是梯度消失。"),
    "trainexp.residual.grad_ok": (
        "训练初期，深的普通网络最后一个模块的梯度是第一个模块的 {ratio:.2g} 倍：不到 {vanish:.0f} 倍，没有梯度消失。"),
    "trainexp.residual.grad_ok_degraded": "所以它的退化不是梯度消失造成的，这与 He 等人的发现一致。",
    "trainexp.gradseries.title": "每个模块的梯度随训练步的变化",
    "trainexp.gradseries.caption": (
        "运行 #{n}：每个模块在每个训练步的梯度范数（每个点是最近 10 步的平均，对数坐标）。深色的线：靠近输入的模块；浅色的线：靠近输出的模块。"),
    "trainexp.gradseries.aux_caption": (
        "运行 #{a}（带辅助分类器）和 #{b}（不带）并排，坐标轴相同：每个模块在每个训练步的梯度范数（每个点是最近 10 步的平均，对数坐标）。"
        "深色的线：靠近输入的模块。辅助分类器把自己的梯度送进它所接的模块以及之前的每个模块。"),
    "trainexp.gradseries.panel": "运行 #{n} · 辅助分类器{aux}",
    "trainexp.gradseries.run": "运行 #{n}",
    "trainexp.gradseries.ylabel": "梯度范数",
}
