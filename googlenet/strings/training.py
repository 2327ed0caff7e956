"""The training lab (app_pages/training.py): train a small Inception net on handwritten digits, with and without
auxiliary classifiers."""
EN = {
    "train.intro": (
        "The paper attaches two **auxiliary classifiers** to the middle of GoogLeNet and adds their losses with "
        "weight 0.3. The paper gives three reasons: the middle layers should already tell the classes apart, "
        "extra gradient should reach the middle of a deep network (against **vanishing gradients**), and the "
        "heads regularise. "
        "Does that help? Find out yourself: train a small Inception network on handwritten digits — {n_mnist:,} real "
        "**MNIST** digits (28×28 pixels, the data set of the seed articles) or scikit-learn's {n_digits:,} *digits* "
        "(8×8 pixels, quick) — once with and once without auxiliary heads, right here on the computer that runs "
        "this app. Each data set keeps a fifth of its digits aside for testing. Below the settings, the seed articles' "
        "other experiments run live too: the softmax before the loss, and plain vs residual networks."),
    # settings
    "train.settings": "1 · Settings",
    "train.preset": "Network",
    "train.preset.googlenet_small": "Small GoogLeNet",
    "train.preset.seed_mnist": "The seed articles' MNIST net",
    "train.preset.googlenet_small.caption": (
        "{stem} → {depth} Inception block(s) (same `Inception` class as GoogLeNet, 64 channels "
        "each, {size}×{size}) → global average pooling → linear layer. {params:,} parameters in the trunk; auxiliary heads after "
        "block(s) {taps}."),
    "train.preset.googlenet_small.caption_noaux": (
        "{stem} → {depth} Inception block(s) (same `Inception` class as GoogLeNet, 64 channels "
        "each, {size}×{size}) → global average pooling → linear layer. {params:,} parameters in the trunk; with one block there is "
        "no middle for an auxiliary head to listen to."),
    "train.stem.digits": "Stem conv 3×3 (32 channels)",
    "train.stem.mnist": "Stem conv 3×3 (32 channels) → max pool → conv 3×3 (32) → max pool (28×28 → 7×7, like GoogLeNet's stem)",
    "train.preset.seed_mnist.caption.mnist": (
        "As published, on MNIST's own 28×28 pictures: conv 5×5 (10) → 24×24 → max pool → 12×12 → Inception-A (88 "
        "channels) → conv 5×5 (20) → 8×8 → max pool → 4×4 → Inception-A → flatten 88×4×4 = 1,408 → linear 10. No "
        "BatchNorm. {params:,} parameters; the optional auxiliary head listens after the first Inception-A block."),
    "train.preset.seed_mnist.caption.digits": (
        "As published: conv 5×5 (10) → max pool → Inception-A (88 channels) → conv 5×5 (20) → max pool → Inception-A "
        "→ flatten 88×4×4 = 1,408 → linear 10, on digits upsampled from 8×8 to 28×28. No BatchNorm. {params:,} "
        "parameters; the optional auxiliary head listens after the first Inception-A block."),
    "train.data": "Data set",
    "train.data.help": (
        "Real MNIST: the handwritten digits the seed articles train on, 28×28 grey pictures. The 8×8 digits are "
        "far smaller pictures, so a run takes a few seconds."),
    "train.data.option.mnist": "Real MNIST ({n:,} digits, 28×28)",
    "train.data.option.digits": "8×8 digits (quick, {n:,} digits)",
    "train.data.mnist": "MNIST 28×28",
    "train.data.digits": "8×8 digits",
    "train.data.sizes": "{data} · {n_train:,} training / {n_test:,} test",
    "train.depth": "Inception blocks (depth)",
    "train.depth.help": "More blocks = a deeper network. Try 8 blocks without BatchNorm to see gradients vanish.",
    "train.depth.seed_help": "The seed articles' network always has two Inception-A blocks and no BatchNorm.",
    "train.aux": "Auxiliary classifiers",
    "train.aux.none_help": "A network with a single Inception block has no earlier block for an auxiliary classifier to listen to: choose 2 or more blocks.",
    "train.aux.help": (
        "Extra small classifiers on intermediate blocks; their loss counts 0.3 each: total = main + 0.3 × "
        "(aux1 + aux2)."),
    "train.bn": "BatchNorm",
    "train.bn.help": "BatchNorm after every convolution (as in torchvision's GoogLeNet). The 2014 paper had none.",
    "train.epochs": "Epochs",
    "train.epochs.help": "One epoch = every training digit seen once.",
    "train.lr": "Learning rate (Adam)",
    "train.lr.help": "Starting learning rate; it decreases smoothly to zero over the run (cosine schedule).",
    "train.more": "More settings",
    "train.seed": "Random seed",
    "train.seed.help": (
        "Same seed, same settings → exactly the same run. Change it to see how much runs vary by "
        "chance."),
    "train.batch": "Batch size",
    "train.max_steps": "Stop after this many steps (0 = full run)",
    "train.max_steps.help": "For a quick demonstration: end the run early.",
    "train.start": "Start training",
    "train.stop": "Stop",
    "train.compare": "Run both: with and without aux",
    "train.compare.help": "Two runs with the same settings and seed, one with auxiliary classifiers and one without.",
    "train.load": "Load weights saved earlier",
    "train.load.upload": "Weights file (.pt) downloaded from this page",
    "train.load.ok": "Loaded run #{n}: {label}. Test accuracy, recomputed now: {acc}.",
    # live
    "train.live.title": "Training run #{n}: {label}",
    "train.progress": "Step {step} of {total} · epoch {epoch} · loss {loss:.3f} · {elapsed:.1f} s",
    "train.live.loss": "Loss",
    "train.live.accuracy": "Accuracy",
    "train.live.accuracy.caption": "Training batches: mean of the last 10 steps. Test set: measured after each epoch.",
    "train.live.done": "Run #{n} finished: {acc} test accuracy in {elapsed:.1f} s.",
    "train.series.total": "total loss",
    "train.series.main": "main loss",
    "train.series.train_acc": "training batches",
    "train.series.test_acc": "test set",
    "train.stopped": "Run #{n} was stopped at step {step} of {total}. What it learnt so far is kept below.",
    "train.stopped.not_evaluated": (
        "Run #{n} was stopped at step {step} of {total}. Its curves are kept below, but the network could not be "
        "evaluated on the test set."),
    "train.not_evaluated": "Run #{n} was stopped before it could be evaluated on the test set: nothing to show here.",
    # results
    "train.results": "2 · Results",
    "train.pick": "Run to inspect",
    "train.metric.data": (
        "Run #{n}: trained on **{n_train:,}** pictures of **{data}**, tested on **{n_test:,}** others it never saw."),
    "train.metric.test_acc": "Test accuracy",
    "train.metric.time": "Training time",
    "train.metric.steps": "Steps",
    "train.metric.params": "Parameters",
    "train.metric.params.help": (
        "Parameters of the network itself; the auxiliary heads add {aux:,} more, used only in "
        "training."),
    "train.status.running": "running",
    "train.status.done": "finished",
    "train.status.stopped": "stopped early",
    "train.status.loaded": "loaded from file",
    "train.status.not_evaluated": "not evaluated",
    "train.label.small": "{depth} block(s) · aux {aux} · BN {bn} · {data}",
    "train.label.seed": "seed MNIST net · aux {aux} · {data}",
    "train.label.stat": "{acc} · {status}",
    "train.on": "on",
    "train.off": "off",
    "train.history.title": "All runs of this session",
    "train.history.caption": "Curves of every run, for comparison. Dashed lines: runs with auxiliary classifiers.",
    "train.history.clear": "Clear history",
    "train.history.csv": "Download every run (CSV)",
    "train.history.csv.help": (
        "One row per training step of every run: its settings (network, data set, learning rate, seed ...), the "
        "losses, the batch accuracy, the test accuracy at each epoch's end and the final test accuracy."),
    "train.chart.loss": "Main loss (smoothed)",
    "train.chart.test_acc": "Test accuracy",
    "train.chart.step": "training step",
    "train.chart.epoch": "epoch",
    "train.chart.no_test": "measured at the end of each epoch:\nnone yet",
    "train.chart.run": "run",
    "train.history.table.run": "Run",
    "train.history.table.settings": "Settings",
    "train.history.table.data": "Data (images)",
    "train.history.table.acc": "Test accuracy",
    "train.history.table.time": "Time (s)",
    "train.history.table.status": "Status",
    # the honest verdict
    "train.verdict.title": "With or without auxiliary classifiers?",
    "train.verdict.none": (
        "No pair to compare yet: run the same settings once with auxiliary classifiers and once without "
        "(or press \u201cRun both\u201d)."),
    "train.verdict.numbers": (
        "Run #{a} (with aux) reached **{acc_with:.1f}%** test accuracy, run #{b} (without) **{acc_without:.1f}%**: "
        "a difference of **{diff:+.1f} percentage points**. Final main loss: {loss_with:.3f} with aux, "
        "{loss_without:.3f} without."),
    "train.verdict.same": (
        "On this problem the auxiliary classifiers made **no real difference**: a gap under {threshold:.0f} point "
        "is well within what two runs can differ by through chance alone (change the seed and watch)."),
    "train.verdict.aux_better": (
        "Here the run **with** auxiliary classifiers did better. One pair of runs is thin evidence: repeat with "
        "another seed before you believe it."),
    "train.verdict.aux_worse": (
        "Here the run **without** auxiliary classifiers did better: the extra heads did not help. One pair of runs "
        "is thin evidence: repeat with another seed before you believe it."),
    "train.verdict.grad": (
        "Early in training, the gradient reaching the first block ({block}) was **{ratio:.1f}×** as large with "
        "auxiliary classifiers as without."),
    "train.why.title": "When do auxiliary classifiers help? (depth, BatchNorm, ReLU)",
    "train.why.body": (
        "- **Depth.** The paper's network has 22 layers with weights; the loss at the top is far from the first "
        "layers. In the default network here (3 Inception blocks) the top is only a few layers away from every "
        "weight, so the single loss reaches them well.\n"
        "- **BatchNorm.** It rescales every layer's output, so signals and gradients neither shrink nor blow up "
        "from layer to layer. The 2014 GoogLeNet had no BatchNorm (it came out a few months later).\n"
        "- **ReLU.** Where a ReLU is active it passes the gradient on unchanged (slope 1); sigmoid and tanh squash it "
        "at every layer.\n"
        "- **Adam** scales each weight's step by that weight's own gradient history, so even tiny gradients give "
        "steps of normal size: it hides vanishing gradients.\n"
        "- The GoogLeNet authors themselves found, in **Inception v3** (\u201cRethinking the Inception "
        "Architecture\u201d, arXiv 2015, CVPR 2016), that the auxiliary classifiers did not speed up early training and helped only "
        "a little at the end: they act mainly as **regularisers**.\n\n"
        "To see the problem they were meant to fight: switch BatchNorm **off**, set **8** Inception blocks, and "
        "compare the gradient chart with and without auxiliary classifiers."),
    # gradients
    "train.grad.title": "Where do the gradients shrink?",
    "train.grad.caption": (
        "L2 norm of the gradient over all parameters of each block (logarithmic scale), averaged over the first and "
        "the last fifth of the run. The gradient flows from right (the output) to left (the input)."),
    "train.grad.early": "run #{n}, first fifth of training",
    "train.grad.late": "run #{n}, last fifth of training",
    "train.grad.partner": "run #{n} (aux {aux}), first fifth",
    "train.grad.ylabel": "gradient norm",
    "train.grad.phase.early": "in the first fifth of training",
    "train.grad.phase.late": "in the last fifth of training",
    "train.grad.vanish": (
        "In run #{n}, {phase}, the gradient reaching {block} was **{factor:,.0f}× smaller** than at {last}: "
        "the signal shrinks on its way back through the blocks — vanishing gradients."),
    "train.grad.recovery": (
        "Nearer the input it grows again — at {first} it is {recovery:,.0f}× larger than at {block}: the "
        "auxiliary classifiers feed their own gradient into the blocks they listen to."),
    "train.grad.dead": (
        "In run #{n}, {phase}, no gradient at all reached {block}, although {last} got one: the signal died on "
        "its way back through the blocks — vanishing gradients in the extreme."),
    "train.grad.grow": (
        "In run #{n}, {phase}, the gradient reaching {block} was **{factor:,.0f}× larger** than at {last}: it "
        "grows on its way back through the blocks instead of vanishing."),
    "train.grad.flat": (
        "In run #{n} the gradients of every block from {block} to {last} stay within a factor {factor:.1f} of "
        "the last one's, in the first and in the last fifth of training: no vanishing gradients here."),
    "train.grad.none": "This run has no gradient record (it was loaded from a file).",
    "train.grad.no_steps": "Run #{n} was stopped before its first training step: no gradients were recorded.",
    # confusion
    "train.confusion.title": "Confusion matrix (test set)",
    "train.confusion.caption": (
        "Rows: the true digit; columns: what the network answered. The diagonal holds the correct "
        "answers."),
    "train.confusion.true": "true digit",
    "train.confusion.pred": "predicted digit",
    "train.confusion.count": "test digits",
    "train.confusion.worst": "Most frequent mistake: a {true} taken for a {pred} ({count}×).",
    "train.confusion.perfect": "No mistakes on the {n} test digits.",
    # try it
    "train.try.title": "3 · Try the trained network",
    "train.try.caption": (
        "With run #{n} ({data}). The network sees the {size}×{size} picture shown beside the prediction, in the data "
        "set's 0–{max} scale."),
    "train.try.test_tab": "A digit from the test set",
    "train.try.upload_tab": "Your own picture",
    "train.try.index": "Test digit number",
    "train.try.truth": "True label: **{label}**",
    "train.try.prediction": "Prediction: **{label}** ({p:.0%} sure)",
    "train.try.probs": "Probability of each digit",
    "train.try.upload": "A picture of one digit (dark on light or light on dark)",
    "train.try.upload.help.digits": (
        "Cropped to the ink, scaled to 32×32, then every 4×4 block counted — the same recipe as the data "
        "set."),
    "train.try.upload.help.mnist": (
        "Cropped to the ink, scaled to fit a 20×20 box (aspect ratio kept), then placed in 28×28 with its centre of "
        "mass in the middle — MNIST's own recipe."),
    "train.try.yours": "Your picture",
    "train.try.seen": "What the network sees ({size}×{size})",
    "train.try.empty": "No digit found in this picture (it is one flat colour).",
    # weights
    "train.save.title": "4 · Save and load weights",
    "train.save.download": "Download weights of run #{n} (.pt)",
    "train.save.caption": (
        "A PyTorch state_dict with the settings needed to rebuild the network. Load it again later "
        "below (files are read with weights_only=True: only numbers, never code)."),
    "train.none_yet": (
        "No run yet: choose the settings and press \u201cStart training\u201d. A default run takes about "
        "5–30 seconds on the 8×8 digits and about 25–60 seconds on MNIST, depending on how busy the computer that "
        "runs this app is."),
    # checkpoint errors
    "train.ckpt.empty": "The weights file is empty.",
    "train.ckpt.too_big": (
        "The weights file is too big ({size_mb:.0f} MB); files from this page are far below {limit_mb} "
        "MB."),
    "train.ckpt.not_checkpoint": "This is not a PyTorch weights file (or it is damaged), so it could not be read.",
    "train.ckpt.unsafe": (
        "Refused: this file contains objects other than plain weights, and loading them could run code on the "
        "computer that runs this app. Only weights files downloaded from this page can be loaded."),
    "train.ckpt.not_ours": (
        "This PyTorch file was not saved by the training lab (the settings needed to rebuild the network are "
        "missing)."),
    "train.ckpt.bad_config": "The settings stored in this weights file are invalid (field \u201c{field}\u201d).",
    "train.ckpt.not_finite": "The weights in this file contain invalid numbers (NaN or infinity).",
    "train.ckpt.mismatch": "The weights in this file do not fit the network its settings describe.",
    "train.ckpt.wrong_data": "These weights belong to a network for {saved}; here a network for {wanted} is needed.",
    "train.ckpt.other_data": (
        "This weights file says its network is for {saved}, but its weights fit the network for {fits}: the file "
        "does not hold together, so it is refused."),
    # residual presets and the softmax switch (issue 14)
    "train.preset.resnet_small": "Small residual net",
    "train.preset.seed_resnet": "The seed article's residual net",
    "train.resnet_stem.digits": "Stem conv 3×3 (16 channels)",
    "train.resnet_stem.mnist": "Stem conv 3×3 (16 channels) → max pool → conv 3×3 (16) → max pool (28×28 → 7×7)",
    "train.preset.resnet_small.caption": (
        "{stem} → {depth} residual block(s) (two 3×3 convolutions each, 16 channels, {size}×{size}, no BatchNorm) → "
        "global average pooling → linear layer. {params:,} parameters. Each block computes F(x) = conv(ReLU(conv(x))) "
        "and outputs **y = ReLU(F(x) + x)**: the block's input x is added back to what its layers made of it (an "
        "identity shortcut), so its layers only have to learn the change F(x). Shortcuts off: the plain net "
        "y = ReLU(F(x)), with the very same layers and weights."),
    "train.preset.seed_resnet.caption.mnist": (
        "As published, on MNIST's own 28×28 pictures: conv 5×5 (16) → 24×24 → max pool → 12×12 → residual block "
        "(16 channels) → conv 5×5 (32) → 8×8 → max pool → 4×4 → residual block (32 channels) → flatten 32×4×4 = 512 "
        "→ linear 10. No BatchNorm. {params:,} parameters. Each residual block computes F(x) = conv 3×3(ReLU(conv "
        "3×3(x))) and outputs **y = ReLU(F(x) + x)**: its input x is added back to what its layers made of it (an "
        "identity shortcut). Shortcuts off: the plain net y = ReLU(F(x)), with the same weights."),
    "train.preset.seed_resnet.caption.digits": (
        "As published: conv 5×5 (16) → max pool → residual block (16 channels) → conv 5×5 (32) → max pool → residual "
        "block (32 channels) → flatten 32×4×4 = 512 → linear 10, on digits upsampled from 8×8 to 28×28. No "
        "BatchNorm. {params:,} parameters. Each residual block computes F(x) = conv 3×3(ReLU(conv 3×3(x))) and "
        "outputs **y = ReLU(F(x) + x)**: its input x is added back to what its layers made of it (an identity "
        "shortcut). Shortcuts off: the plain net y = ReLU(F(x)), with the same weights."),
    "train.depth.resnet": "Residual blocks (depth)",
    "train.depth.resnet_help": (
        "More blocks = a deeper network. The experiment “Plain vs residual” below compares a deep plain net, "
        "the same net with shortcuts and a shallower plain net."),
    "train.depth.seed_resnet_help": "The seed article's residual network always has two residual blocks and no BatchNorm.",
    "train.aux.residual_help": (
        "The residual nets have no auxiliary classifiers: like ResNet, they train with a single loss at the "
        "output."),
    "train.bn.residual_help": (
        "The residual nets here have no BatchNorm (the seed article's has none either), so that a run takes "
        "seconds and the difference the shortcuts make shows on its own. He et al.'s ResNet has BatchNorm after "
        "every convolution."),
    "train.shortcuts": "Shortcuts (y = F(x) + x)",
    "train.shortcuts.help": (
        "On: every residual block adds its input to its output, y = ReLU(F(x) + x) (identity shortcuts, He et al. "
        "2015). Off: the plain net y = ReLU(F(x)) — the very same layers and weights, only the addition is "
        "missing. The shortcuts add no parameters."),
    "train.softmax_bug": "Softmax before the loss (the articles' bug)",
    "train.softmax_bug.help": (
        "The bug in one of the seed articles' code: a softmax on the network's outputs, which then go into "
        "CrossEntropyLoss — and CrossEntropyLoss applies a (log-)softmax itself. The second softmax gets numbers "
        "squeezed into 0…1, so the probability it gives the right digit can never get close to 1: the loss can "
        "never go below log(e + 9) − 1 = {floor:.3f} (instead of 0), and the gradients usually shrink. For the same "
        "outputs the prediction (the largest output) is the same with or without the softmax: what the bug changes "
        "is the training. On: train with the bug."),
    "train.label.resnet": "residual net · {depth} block(s) · shortcuts {shortcuts} · {data}",
    "train.label.seed_resnet": "seed residual net · shortcuts {shortcuts} · {data}",
    "train.label.softmax_bug": "softmax bug",
    "train.explainers.left_out": (
        "Training lab run(s) {runs}: not offered here — a residual net has no Inception blocks for this page to "
        "show."),
}

ZH = {
    "train.intro": (
        "论文在 GoogLeNet 的中间部位接了两个**辅助分类器**，把它们的损失乘以 0.3 加进总损失。论文给出三个理由："
        "让中间层本身就能区分各个类别；给深层网络的中间部分补充梯度（对抗**梯度消失**）；起正则化作用。"
        "这样做真的有用吗？自己动手试一试：就在运行本应用的这台电脑上，用手写数字——{n_mnist:,} 张真实的 **MNIST** "
        "数字（28×28 像素，参考文章使用的数据集），或 scikit-learn 的 {n_digits:,} 张 *digits*（8×8 像素，训练快）——"
        "训练一个小型 Inception 网络，一次带辅助分类器，一次不带。每个数据集都留出五分之一的数字用于测试。在设置下方，"
        "参考文章中的其他实验也可以现场运行：损失之前的 softmax，以及普通网络与残差网络。"),
    "train.settings": "1 · 设置",
    "train.preset": "网络",
    "train.preset.googlenet_small": "小型 GoogLeNet",
    "train.preset.seed_mnist": "参考文章中的 MNIST 网络",
    "train.preset.googlenet_small.caption": (
        "{stem} → {depth} 个 Inception 模块（与 GoogLeNet 使用同一个 `Inception` 类，每个 64 个通道，"
        "{size}×{size}）→ 全局平均池化 → 全连接层。主干共 {params:,} 个参数；辅助分类器接在第 {taps} 个模块之后。"),
    "train.preset.googlenet_small.caption_noaux": (
        "{stem} → {depth} 个 Inception 模块（与 GoogLeNet 使用同一个 `Inception` 类，每个 64 个通道，"
        "{size}×{size}）→ 全局平均池化 → 全连接层。主干共 {params:,} 个参数；只有一个模块时没有“中间”，无处接辅助分类器。"),
    "train.stem.digits": "开头的卷积 3×3（32 个通道）",
    "train.stem.mnist": "开头的卷积 3×3（32 个通道）→ 最大池化 → 卷积 3×3（32）→ 最大池化（28×28 → 7×7，与 GoogLeNet 的开头（stem）相似）",
    "train.preset.seed_mnist.caption.mnist": (
        "与原文一致，直接用 MNIST 原本的 28×28 图片：卷积 5×5（10）→ 24×24 → 最大池化 → 12×12 → Inception-A（88 个通道）→ "
        "卷积 5×5（20）→ 8×8 → 最大池化 → 4×4 → Inception-A → 展平 88×4×4 = 1,408 → 全连接 10。没有 BatchNorm。"
        "共 {params:,} 个参数；可选的辅助分类器接在第一个 Inception-A 模块之后。"),
    "train.preset.seed_mnist.caption.digits": (
        "与原文一致：卷积 5×5（10）→ 最大池化 → Inception-A（88 个通道）→ 卷积 5×5（20）→ 最大池化 → Inception-A → "
        "展平 88×4×4 = 1,408 → 全连接 10；数字先从 8×8 放大到 28×28。没有 BatchNorm。共 {params:,} 个参数；"
        "可选的辅助分类器接在第一个 Inception-A 模块之后。"),
    "train.data": "数据集",
    "train.data.help": "真实 MNIST：参考文章训练用的手写数字，28×28 的灰度图片。8×8 数字的图片小得多，训练一次只要几秒。",
    "train.data.option.mnist": "真实 MNIST（{n:,} 个数字，28×28）",
    "train.data.option.digits": "8×8 数字（快速，{n:,} 个数字）",
    "train.data.mnist": "MNIST 28×28",
    "train.data.digits": "8×8 数字",
    "train.data.sizes": "{data} · 训练 {n_train:,} 张 / 测试 {n_test:,} 张",
    "train.depth": "Inception 模块数（深度）",
    "train.depth.help": "模块越多，网络越深。关掉 BatchNorm、设为 8 个模块，就能看到梯度消失。",
    "train.depth.seed_help": "参考文章中的网络固定有两个 Inception-A 模块，没有 BatchNorm。",
    "train.aux": "辅助分类器",
    "train.aux.none_help": "只有一个 Inception 模块的网络没有更早的模块可供辅助分类器挂接：请选择 2 个或更多模块。",
    "train.aux.help": "接在中间模块上的小分类器，每个的损失按 0.3 计入：总损失 = 主损失 + 0.3 × (aux1 + aux2)。",
    "train.bn": "BatchNorm",
    "train.bn.help": "每个卷积之后加 BatchNorm（torchvision 版 GoogLeNet 的做法）。2014 年的论文没有它。",
    "train.epochs": "训练轮数（epoch）",
    "train.epochs.help": "一轮 = 每张训练图片都看过一遍。",
    "train.lr": "学习率（Adam）",
    "train.lr.help": "初始学习率；训练过程中按余弦曲线平滑地降到零。",
    "train.more": "更多设置",
    "train.seed": "随机种子",
    "train.seed.help": "种子和设置都相同 → 训练过程完全相同。换一个种子，看看仅凭偶然结果会相差多少。",
    "train.batch": "批大小（batch size）",
    "train.max_steps": "训练到第几步就停（0 = 完整训练）",
    "train.max_steps.help": "用于快速演示：提前结束训练。",
    "train.start": "开始训练",
    "train.stop": "停止",
    "train.compare": "两种都跑：带和不带辅助分类器",
    "train.compare.help": "用相同的设置和种子训练两次，一次带辅助分类器，一次不带。",
    "train.load": "加载之前保存的权重",
    "train.load.upload": "从本页下载的权重文件（.pt）",
    "train.load.ok": "已加载，记为第 {n} 次训练：{label}。刚刚重新计算的测试准确率：{acc}。",
    "train.live.title": "第 {n} 次训练：{label}",
    "train.progress": "第 {step}/{total} 步 · 第 {epoch} 轮 · 损失 {loss:.3f} · {elapsed:.1f} 秒",
    "train.live.loss": "损失",
    "train.live.accuracy": "准确率",
    "train.live.accuracy.caption": "训练批次：最近 10 步的平均。测试集：每轮结束时测一次。",
    "train.live.done": "第 {n} 次训练完成：测试准确率 {acc}，用时 {elapsed:.1f} 秒。",
    "train.series.total": "总损失",
    "train.series.main": "主损失",
    "train.series.train_acc": "训练批次",
    "train.series.test_acc": "测试集",
    "train.stopped": "第 {n} 次训练在第 {step}/{total} 步被停止。已经学到的内容保留在下方。",
    "train.stopped.not_evaluated": "第 {n} 次训练在第 {step}/{total} 步被停止。它的曲线保留在下方，但网络没能在测试集上评估。",
    "train.not_evaluated": "第 {n} 次训练在测试集上评估之前就被停止了：这里没有可显示的内容。",
    "train.results": "2 · 结果",
    "train.pick": "查看哪一次训练",
    "train.metric.data": "第 {n} 次训练：用 **{data}** 的 **{n_train:,}** 张图片训练，在另外 **{n_test:,}** 张从未见过的图片上测试。",
    "train.metric.test_acc": "测试准确率",
    "train.metric.time": "训练用时",
    "train.metric.steps": "步数",
    "train.metric.params": "参数量",
    "train.metric.params.help": "网络本身的参数；辅助分类器另有 {aux:,} 个参数，只在训练时使用。",
    "train.status.running": "训练中",
    "train.status.done": "已完成",
    "train.status.stopped": "提前停止",
    "train.status.loaded": "从文件加载",
    "train.status.not_evaluated": "未评估",
    "train.label.small": "{depth} 个模块 · 辅助分类器{aux} · BN {bn} · {data}",
    "train.label.seed": "参考文章 MNIST 网络 · 辅助分类器{aux} · {data}",
    "train.label.stat": "{acc} · {status}",
    "train.on": "开",
    "train.off": "关",
    "train.history.title": "本次会话的全部训练",
    "train.history.caption": "所有训练的曲线，便于对比。虚线：带辅助分类器的训练。",
    "train.history.clear": "清空记录",
    "train.history.csv": "下载全部训练（CSV）",
    "train.history.csv.help": "每次训练的每一步一行：它的设置（网络、数据集、学习率、种子……）、损失、批次准确率、每轮结束时的测试准确率和最终测试准确率。",
    "train.chart.loss": "主损失（平滑后）",
    "train.chart.test_acc": "测试准确率",
    "train.chart.step": "训练步数",
    "train.chart.epoch": "轮数",
    "train.chart.no_test": "每轮结束时测量：\n还没有",
    "train.chart.run": "训练",
    "train.history.table.run": "训练",
    "train.history.table.settings": "设置",
    "train.history.table.data": "数据（图片数）",
    "train.history.table.acc": "测试准确率",
    "train.history.table.time": "用时（秒）",
    "train.history.table.status": "状态",
    "train.verdict.title": "带还是不带辅助分类器？",
    "train.verdict.none": "还没有可以对比的一对：用相同设置各训练一次，一次带辅助分类器、一次不带（或者点“两种都跑”）。",
    "train.verdict.numbers": (
        "第 {a} 次（带辅助分类器）测试准确率 **{acc_with:.1f}%**，第 {b} 次（不带）**{acc_without:.1f}%**："
        "相差 **{diff:+.1f} 个百分点**。最终主损失：带辅助分类器 {loss_with:.3f}，不带 {loss_without:.3f}。"),
    "train.verdict.same": "在这个问题上，辅助分类器**没有带来实质差别**：不到 {threshold:.0f} 个百分点的差距，完全在两次训练仅凭偶然就可能出现的范围内（换个种子试试）。",
    "train.verdict.aux_better": "这一次**带**辅助分类器的训练更好。但只有一对训练，证据很单薄：换个种子再试一次，再下结论。",
    "train.verdict.aux_worse": "这一次**不带**辅助分类器的训练反而更好：额外的分类器没有帮上忙。只有一对训练，证据很单薄：换个种子再试一次，再下结论。",
    "train.verdict.grad": "训练初期，传到第一个模块（{block}）的梯度，带辅助分类器时是不带时的 **{ratio:.1f} 倍**。",
    "train.why.title": "辅助分类器什么时候有用？（深度、BatchNorm、ReLU）",
    "train.why.body": (
        "- **深度。** 论文中的网络有 22 个带参数的层，顶部的损失离最前面的层很远。这里的默认网络（3 个 Inception 模块）"
        "顶部离每个参数都只有几层，单一的损失就能很好地传到它们。\n"
        "- **BatchNorm。** 它把每一层的输出重新缩放，信号和梯度在层与层之间既不会越来越小，也不会越来越大。"
        "2014 年的 GoogLeNet 还没有 BatchNorm（它在几个月后才提出）。\n"
        "- **ReLU。** ReLU 激活的地方梯度原样传回（斜率为 1）；sigmoid 和 tanh 则在每一层都把梯度压小。\n"
        "- **Adam** 按每个参数自己的梯度历史来缩放步长，所以即使梯度很小，步长也是正常大小：它掩盖了梯度消失。\n"
        "- GoogLeNet 的作者们自己在 **Inception v3**（《Rethinking the Inception Architecture》，arXiv 2015，CVPR 2016）中发现，"
        "辅助分类器并没有加快训练初期的收敛，只在训练末期略有帮助：它们主要起**正则化**作用。\n\n"
        "想看看它们本来要对付的问题：把 BatchNorm **关掉**，设为 **8** 个 Inception 模块，"
        "再对比带和不带辅助分类器时的梯度图。"),
    "train.grad.title": "梯度在哪里变小？",
    "train.grad.caption": "每个模块全部参数上梯度的 L2 范数（对数坐标），分别取训练最初五分之一和最后五分之一的平均。梯度从右（输出）流向左（输入）。",
    "train.grad.early": "第 {n} 次，训练最初五分之一",
    "train.grad.late": "第 {n} 次，训练最后五分之一",
    "train.grad.partner": "第 {n} 次（辅助分类器{aux}），最初五分之一",
    "train.grad.ylabel": "梯度范数",
    "train.grad.phase.early": "最初五分之一",
    "train.grad.phase.late": "最后五分之一",
    "train.grad.vanish": "在第 {n} 次训练的{phase}，传到 {block} 的梯度**只有 {last} 处的 {factor:,.0f} 分之一**：信号在逐层反向传播时越来越弱——这就是梯度消失。",
    "train.grad.recovery": "再往输入一侧，梯度又变大了——{first} 处的梯度是 {block} 处的 {recovery:,.0f} 倍：辅助分类器把自己的梯度送进了它们所接的模块。",
    "train.grad.dead": "在第 {n} 次训练的{phase}，{last} 有梯度，却没有任何梯度传到 {block}：信号在逐层反向传播时完全消失了——这是最极端的梯度消失。",
    "train.grad.grow": "在第 {n} 次训练的{phase}，传到 {block} 的梯度是 {last} 处的 **{factor:,.0f} 倍**：梯度在逐层反向传播时不但没有消失，反而变大了。",
    "train.grad.flat": "第 {n} 次训练中，无论在训练的最初五分之一还是最后五分之一，从 {block} 到 {last} 的每个模块的梯度都在最后一个模块梯度的 1/{factor:.1f} 到 {factor:.1f} 倍之间：这里没有梯度消失。",
    "train.grad.none": "这次训练没有梯度记录（它是从文件加载的）。",
    "train.grad.no_steps": "第 {n} 次训练在第一步之前就被停止了：没有记录到梯度。",
    "train.confusion.title": "混淆矩阵（测试集）",
    "train.confusion.caption": "行：真实数字；列：网络的回答。对角线上是答对的。",
    "train.confusion.true": "真实数字",
    "train.confusion.pred": "预测数字",
    "train.confusion.count": "测试图片数",
    "train.confusion.worst": "最常见的错误：把 {true} 认成 {pred}（{count} 次）。",
    "train.confusion.perfect": "{n} 张测试图片全部认对。",
    "train.try.title": "3 · 试一试训练好的网络",
    "train.try.caption": "使用第 {n} 次训练的网络（{data}）。网络看到的是预测结果旁边这张 {size}×{size} 的图，取值范围与数据集相同（0–{max}）。",
    "train.try.test_tab": "测试集中的数字",
    "train.try.upload_tab": "你自己的图片",
    "train.try.index": "测试图片编号",
    "train.try.truth": "真实标签：**{label}**",
    "train.try.prediction": "预测：**{label}**（把握 {p:.0%}）",
    "train.try.probs": "每个数字的概率",
    "train.try.upload": "一张只有一个数字的图片（浅底深字或深底浅字都可以）",
    "train.try.upload.help.digits": "先裁剪到笔迹，缩放到 32×32，再数每个 4×4 小块里的笔迹像素——与数据集的做法相同。",
    "train.try.upload.help.mnist": "先裁剪到笔迹，缩放到能放进 20×20 的方框（保持长宽比），再放进 28×28，使笔迹的质心位于正中——MNIST 自己的做法。",
    "train.try.yours": "你的图片",
    "train.try.seen": "网络看到的（{size}×{size}）",
    "train.try.empty": "这张图片里找不到数字（整张图是同一种颜色）。",
    "train.save.title": "4 · 保存与加载权重",
    "train.save.download": "下载第 {n} 次训练的权重（.pt）",
    "train.save.caption": "PyTorch 的 state_dict，附带重建网络所需的设置。以后可以在下方重新加载（读取时使用 weights_only=True：只读数字，绝不执行代码）。",
    "train.none_yet": "还没有训练：选好设置，点“开始训练”。默认设置训练一次，在 8×8 数字上大约需要 5–30 秒，在 MNIST 上大约需要 25–60 秒，取决于运行本应用的电脑有多忙。",
    "train.ckpt.empty": "权重文件是空的。",
    "train.ckpt.too_big": "权重文件太大（{size_mb:.0f} MB）；本页保存的文件远小于 {limit_mb} MB。",
    "train.ckpt.not_checkpoint": "这不是 PyTorch 权重文件（或者文件已损坏），无法读取。",
    "train.ckpt.unsafe": "已拒绝：这个文件里除了权重还有其他对象，加载它们可能在运行本应用的电脑上执行代码。只能加载从本页下载的权重文件。",
    "train.ckpt.not_ours": "这个 PyTorch 文件不是训练实验室保存的（缺少重建网络所需的设置）。",
    "train.ckpt.bad_config": "这个权重文件里保存的设置无效（字段“{field}”）。",
    "train.ckpt.not_finite": "这个文件中的权重含有无效数值（NaN 或无穷大）。",
    "train.ckpt.mismatch": "这个文件中的权重与其设置所描述的网络不匹配。",
    "train.ckpt.wrong_data": "这些权重属于用于{saved}的网络；这里需要用于{wanted}的网络。",
    "train.ckpt.other_data": "这个权重文件说它的网络用于{saved}，但其中的权重符合用于{fits}的网络：文件前后矛盾，因此拒绝加载。",
    "train.preset.resnet_small": "小型残差网络",
    "train.preset.seed_resnet": "参考文章中的残差网络",
    "train.resnet_stem.digits": "开头的卷积 3×3（16 个通道）",
    "train.resnet_stem.mnist": "开头的卷积 3×3（16 个通道）→ 最大池化 → 卷积 3×3（16）→ 最大池化（28×28 → 7×7）",
    "train.preset.resnet_small.caption": (
        "{stem} → {depth} 个残差模块（每个有两个 3×3 卷积，16 个通道，{size}×{size}，没有 BatchNorm）→ 全局平均池化 → "
        "全连接层。共 {params:,} 个参数。每个模块计算 F(x) = conv(ReLU(conv(x)))，输出 **y = ReLU(F(x) + x)**："
        "模块的输入 x 被加回到它的各层由 x 算出的结果上（恒等捷径），所以它的各层只需学习变化量 F(x)。关掉捷径连接："
        "就是普通网络 y = ReLU(F(x))，各层和权重完全相同。"),
    "train.preset.seed_resnet.caption.mnist": (
        "与原文一致，直接用 MNIST 原本的 28×28 图片：卷积 5×5（16）→ 24×24 → 最大池化 → 12×12 → 残差模块（16 个通道）→ "
        "卷积 5×5（32）→ 8×8 → 最大池化 → 4×4 → 残差模块（32 个通道）→ 展平 32×4×4 = 512 → 全连接 10。没有 BatchNorm。"
        "共 {params:,} 个参数。每个残差模块计算 F(x) = conv 3×3(ReLU(conv 3×3(x)))，输出 **y = ReLU(F(x) + x)**："
        "它的输入 x 被加回到它的各层由 x 算出的结果上（恒等捷径）。关掉捷径连接：就是普通网络 y = ReLU(F(x))，权重相同。"),
    "train.preset.seed_resnet.caption.digits": (
        "与原文一致：卷积 5×5（16）→ 最大池化 → 残差模块（16 个通道）→ 卷积 5×5（32）→ 最大池化 → 残差模块（32 个通道）"
        "→ 展平 32×4×4 = 512 → 全连接 10；数字先从 8×8 放大到 28×28。没有 BatchNorm。共 {params:,} 个参数。每个残差"
        "模块计算 F(x) = conv 3×3(ReLU(conv 3×3(x)))，输出 **y = ReLU(F(x) + x)**：它的输入 x 被加回到它的各层由 x "
        "算出的结果上（恒等捷径）。关掉捷径连接：就是普通网络 y = ReLU(F(x))，权重相同。"),
    "train.depth.resnet": "残差模块数（深度）",
    "train.depth.resnet_help": "模块越多，网络越深。下面的实验“普通网络与残差网络”比较一个深的普通网络、加上捷径连接的同一个网络和一个较浅的普通网络。",
    "train.depth.seed_resnet_help": "参考文章中的残差网络固定有两个残差模块，没有 BatchNorm。",
    "train.aux.residual_help": "残差网络没有辅助分类器：和 ResNet 一样，它们只用输出端的一个损失来训练。",
    "train.bn.residual_help": (
        "这里的残差网络没有 BatchNorm（参考文章中的也没有），这样训练一次只要几秒，捷径连接带来的差别也能单独显现出来。"
        "He 等人的 ResNet 在每个卷积之后都有 BatchNorm。"),
    "train.shortcuts": "捷径连接（y = F(x) + x）",
    "train.shortcuts.help": (
        "开：每个残差模块把它的输入加到输出上，y = ReLU(F(x) + x)（恒等捷径，He 等人，2015）。关：普通网络 "
        "y = ReLU(F(x))——各层和权重完全相同，只是少了这次相加。捷径连接不增加参数。"),
    "train.softmax_bug": "损失之前做 softmax（文章的错误）",
    "train.softmax_bug.help": (
        "一篇参考文章代码中的错误：先对网络的输出做 softmax，再送进 CrossEntropyLoss——而 CrossEntropyLoss 自己就会做一次"
        "（log-）softmax。第二次 softmax 拿到的是被压进 0…1 的数，所以它给正确数字的概率永远无法接近 1：损失永远不会"
        "低于 log(e + 9) − 1 = {floor:.3f}（而不是 0），梯度通常也会变小。对同样的输出，加不加 softmax，预测结果（最大的那个输出）都一样：这个错误改变的是训练。"
        "开：带着这个错误训练。"),
    "train.label.resnet": "残差网络 · {depth} 个模块 · 捷径连接{shortcuts} · {data}",
    "train.label.seed_resnet": "参考文章残差网络 · 捷径连接{shortcuts} · {data}",
    "train.label.softmax_bug": "softmax 错误",
    "train.explainers.left_out": "训练实验室的训练 {runs}：这里不提供——残差网络没有可供本页展示的 Inception 模块。",
}
