"""The link every headline number gets, and the home page's "The numbers, reconciled" section."""
EN = {
    "reconciled.link": "Why do sources give different numbers? The numbers, reconciled",
    "reconciled.title": "The numbers, reconciled",
    "reconciled.intro": (
        "Books, blogs and this app give GoogLeNet different numbers. Most are right: each one counts "
        "something else. Here they are side by side — published (the paper, Szegedy et al. 2015), computed "
        "(from this app's model) and shipped (torchvision's weights metadata) — with the reason they differ."
    ),
    "reconciled.top5.title": "Top-5 error: {headline}%, {single}% or {tv_err}%?",
    "reconciled.top5.body": (
        "**{headline}%** is the competition entry: **{models} networks** (the same architecture trained "
        "{models} times, one of them wider) averaged, each looking at **{crops} crops** of every image "
        "(4 scales × 3 squares × 6 crops × 2 mirror images). Table 3 of the paper shows what each step bought:"
    ),
    "reconciled.top5.col.models": "Networks",
    "reconciled.top5.col.crops": "Crops per image",
    "reconciled.top5.col.cost": "Forward passes per image",
    "reconciled.top5.col.error": "Top-5 error",
    "reconciled.top5.after": (
        "One network on one crop — what this app does when it classifies your photo — makes **{single}%** in "
        "the paper. torchvision's pretrained GoogLeNet, one network on one 224×224 centre crop of a 256 resize, "
        "reaches {tv_top5}% top-5 accuracy, i.e. **{tv_err}% top-5 error** (top-1 accuracy {tv_top1}%), "
        "read from its weights' metadata. Those are not the paper's weights (they were ported from TF-slim's "
        "inception_v1, a re-implementation trained with BatchNorm), and the paper does not say how its single "
        "crop was taken: the two numbers are close, but not the same measurement."
    ),
    "reconciled.params.title": "Parameters: ~{table1_m}, {paper_m} or {tv_m}?",
    "reconciled.col.source": "Source",
    "reconciled.col.count": "Count",
    "reconciled.col.what": "What is counted",
    "reconciled.params.row.table1": "Paper, Table 1: the params column summed as printed, read as thousands",
    "reconciled.params.row.table1.what": "{k:,.1f}K × 1000",
    "reconciled.params.row.table1_1024": "The same sum in the column's own unit, K = 1024",
    "reconciled.params.row.table1_1024.what": "{k:,.1f}K × 1024",
    "reconciled.params.row.paper": "Computed: this app's paper variant",
    "reconciled.params.row.paper.what": "LRN, conv biases, 5×5 in branch 3; no auxiliary classifiers",
    "reconciled.params.row.paper_aux": "Computed: paper variant with both auxiliary classifiers",
    "reconciled.params.row.paper_aux.what": "as trained in the paper",
    "reconciled.params.row.tv": "Computed: torchvision's architecture",
    # torchvision's googlenet(weights=...) loads a state dict that has (untrained) aux heads, then drops them
    # unless aux_logits=True; the metadata's num_params counts the network without them.
    "reconciled.params.row.tv.what": "BatchNorm, 3×3 in branch 3; no auxiliary classifiers (as googlenet(weights=…) builds it by default)",
    "reconciled.params.row.tv_meta": "torchvision: the weights' metadata (num_params)",
    "reconciled.params.row.tv_meta.what": "GoogLeNet_Weights.IMAGENET1K_V1",
    "reconciled.params.row.tv_aux": "Computed: torchvision's architecture with auxiliary classifiers",
    "reconciled.params.row.tv_aux.what": "aux_logits=True",
    "reconciled.params.after": (
        "Table 1's params column counts in K = 1024 (block 3a: {p3a:,} weights and biases = {p3a_k:.1f}K, "
        "printed {t3a:g}K). Summed and read as thousands it gives the familiar “about {table1_m}”; in its own unit it "
        "is {t1024:,}, {gap:.1%} below the count from the model, because the published table has small slips "
        "(conv1 is printed {tconv1:g}K; 7×7×3×64 weights + 64 biases = {conv1:,} = {conv1_k:.2f}K). "
        "torchvision's variant is smaller mainly because branch 3 uses a 3×3 convolution where the paper has "
        "5×5. The two auxiliary classifiers add {aux:,} parameters (mostly their 2048 → 1024 fully connected "
        "layers), but they exist only in training."
    ),
    "reconciled.macs.title": "Multiply-adds: {paper_budget}, {paper_g} or {tv_g}?",
    "reconciled.macs.row.budget": "Paper, §1: the design's budget at inference",
    "reconciled.macs.row.budget.what": "“1.5 billion multiply-adds”",
    "reconciled.macs.row.table1": "Paper, Table 1: the ops column summed",
    "reconciled.macs.row.table1.what": "{m:,.0f}M",
    "reconciled.macs.row.paper": "Computed: this app's paper variant",
    "reconciled.macs.row.paper.what": "every convolution and the final fully connected layer, 224×224 input",
    "reconciled.macs.row.tv": "Computed: torchvision's architecture",
    "reconciled.macs.row.tv.what": "the same, with 3×3 in branch 3",
    "reconciled.macs.row.tv_meta": "torchvision: the weights' metadata (“GFLOPS”)",
    "reconciled.macs.row.tv_meta.what": "{g} G",
    "reconciled.macs.after": (
        "torchvision's “GFLOPS” figure is its multiply-add count: {tv_meta} G is the {tv:,} computed here. "
        "(Counted as floating-point operations, one multiply-add is two, so it would be twice that.) The paper "
        "variant's count is higher than Table 1's sum mostly because of conv1: printed {tconv1:g}M, but "
        "7×7×3×64 weights × 112×112 positions = {conv1:,} multiply-adds."
    ),
    "reconciled.alexnet.title": "“{claim}× fewer parameters than AlexNet”?",
    "reconciled.alexnet.body": (
        "The paper (§1) says its entry uses {claim} times fewer parameters than Krizhevsky et al.'s 2012 "
        "network. That network has about {alexnet_m} (their paper's own number), and {alexnet_m} ÷ {claim} = "
        "{implied_m} — fewer than any count above. With the numbers here: {alexnet_m} ÷ ~{table1_m} (Table 1) = "
        "**{r_table1:.1f}×**; torchvision's AlexNet, built here, has {alexnet:,} parameters: **{r_tv:.1f}×** "
        "torchvision's GoogLeNet and **{r_paper:.1f}×** the paper variant. About 9× fewer, then; the paper does "
        "not say how it counted. (torchvision's AlexNet is the single-GPU version of 2014, with slightly "
        "different channel numbers.)"
    ),
    "reconciled.bottleneck.title": "“The 1×1 bottleneck makes the module ten times cheaper”?",
    "reconciled.bottleneck.body": (
        "Ten times holds for one branch: in block 3a, the 5×5 branch needs **{b5:.2f}×** fewer multiply-adds "
        "with its 1×1 reduction to 16 channels. The whole module — four branches, two with no reduction to "
        "make — gets **{low:.1f}×** ({low_block}) to **{high:.1f}×** ({high_block}) cheaper. Block by block "
        "(paper variant; multiply-adds of the naive module ÷ those of the module with 1×1 reductions, on the "
        "same input with the same branch widths):"
    ),
    "reconciled.bottleneck.col.block": "Block",
    "reconciled.bottleneck.col.size": "Size",
    "reconciled.bottleneck.col.module": "Whole module",
    "reconciled.bottleneck.col.b3": "3×3 branch",
    "reconciled.bottleneck.col.b5": "5×5 branch",
    "reconciled.bottleneck.after": (
        "Weights shrink by the same factors (at one size, each weight is used once per output position). "
        "The naive module's pool branch has no 1×1 projection: it costs nothing here, but it passes all its "
        "input channels on, so in a naive network every later block would also get wider inputs."
    ),
}
ZH = {
    "reconciled.link": "为什么不同资料给出的数字不一样？数字对照",
    "reconciled.title": "数字对照",
    "reconciled.intro": (
        "书籍、博客和本应用给出的 GoogLeNet 数字各不相同。它们大多没错：每个数字统计的是不同的东西。"
        "这里把它们并排列出——论文发表的（Szegedy 等人，2015）、由本应用的模型计算的、torchvision 权重元数据给出的"
        "——并说明它们为什么不同。"
    ),
    "reconciled.top5.title": "Top-5 错误率：{headline}%、{single}% 还是 {tv_err}%？",
    "reconciled.top5.body": (
        "**{headline}%** 是参赛结果：**{models} 个网络**（同一结构独立训练 {models} 次，其中一个更宽）取平均，"
        "每个网络看每张图片的 **{crops} 个裁剪**（4 种尺度 × 3 个正方形 × 6 个裁剪 × 2 个镜像）。"
        "论文的表 3 列出了每一步带来的提升："
    ),
    "reconciled.top5.col.models": "网络个数",
    "reconciled.top5.col.crops": "每张图片的裁剪数",
    "reconciled.top5.col.cost": "每张图片的前向传播次数",
    "reconciled.top5.col.error": "Top-5 错误率",
    "reconciled.top5.after": (
        "一个网络、一个裁剪——也就是本应用识别你的照片时的做法——在论文中是 **{single}%**。"
        "torchvision 的预训练 GoogLeNet（一个网络，先缩放到 256，再取 224×224 的中心裁剪）"
        "的 Top-5 准确率为 {tv_top5}%，即 **Top-5 错误率 {tv_err}%**（Top-1 准确率 {tv_top1}%），"
        "读自其权重的元数据。这些并不是论文的权重（它们移植自 TF-slim 的 inception_v1，一个用 BatchNorm 训练的重新实现），"
        "而且论文没有说明它的单个裁剪是怎样取的：两个数字接近，但不是同一种测量。"
    ),
    "reconciled.params.title": "参数量：约 {table1_m}、{paper_m} 还是 {tv_m}？",
    "reconciled.col.source": "来源",
    "reconciled.col.count": "数量",
    "reconciled.col.what": "统计的内容",
    "reconciled.params.row.table1": "论文表 1：参数量一列按印刷值相加，按千读",
    "reconciled.params.row.table1.what": "{k:,.1f}K × 1000",
    "reconciled.params.row.table1_1024": "同一个和，按这一列自己的单位 K = 1024",
    "reconciled.params.row.table1_1024.what": "{k:,.1f}K × 1024",
    "reconciled.params.row.paper": "计算：本应用的论文版",
    "reconciled.params.row.paper.what": "LRN、卷积偏置、分支 3 为 5×5；不含辅助分类器",
    "reconciled.params.row.paper_aux": "计算：论文版，含两个辅助分类器",
    "reconciled.params.row.paper_aux.what": "论文训练时的网络",
    "reconciled.params.row.tv": "计算：torchvision 的结构",
    "reconciled.params.row.tv.what": "BatchNorm、分支 3 为 3×3；不含辅助分类器（googlenet(weights=…) 默认就这样构建）",
    "reconciled.params.row.tv_meta": "torchvision：权重元数据（num_params）",
    "reconciled.params.row.tv_meta.what": "GoogLeNet_Weights.IMAGENET1K_V1",
    "reconciled.params.row.tv_aux": "计算：torchvision 的结构，含辅助分类器",
    "reconciled.params.row.tv_aux.what": "aux_logits=True",
    "reconciled.params.after": (
        "表 1 的参数量一列以 K = 1024 为单位（模块 3a：{p3a:,} 个权重和偏置 = {p3a_k:.1f}K，印刷为 {t3a:g}K）。"
        "各行相加后按千读，就是常说的“约 {table1_m}”；按它自己的单位是 {t1024:,}，比由模型统计的数量少 {gap:.1%}，"
        "因为发表的表格有一些小错误（conv1 印刷为 {tconv1:g}K；7×7×3×64 个权重 + 64 个偏置 = {conv1:,} = {conv1_k:.2f}K）。"
        "torchvision 版更小，主要是因为它的分支 3 用 3×3 卷积，而论文用 5×5。"
        "两个辅助分类器增加 {aux:,} 个参数（大部分在它们 2048 → 1024 的全连接层里），但它们只在训练时存在。"
    ),
    "reconciled.macs.title": "乘加次数：{paper_budget}、{paper_g} 还是 {tv_g}？",
    "reconciled.macs.row.budget": "论文 §1：设计时给推理定的预算",
    "reconciled.macs.row.budget.what": "“15 亿次乘加”",
    "reconciled.macs.row.table1": "论文表 1：计算量一列相加",
    "reconciled.macs.row.table1.what": "{m:,.0f}M",
    "reconciled.macs.row.paper": "计算：本应用的论文版",
    "reconciled.macs.row.paper.what": "所有卷积和最后的全连接层，输入 224×224",
    "reconciled.macs.row.tv": "计算：torchvision 的结构",
    "reconciled.macs.row.tv.what": "同上，分支 3 为 3×3",
    "reconciled.macs.row.tv_meta": "torchvision：权重元数据（“GFLOPS”）",
    "reconciled.macs.row.tv_meta.what": "{g} G",
    "reconciled.macs.after": (
        "torchvision 的“GFLOPS”其实是乘加次数：{tv_meta} G 就是这里算出的 {tv:,}。"
        "（如果按浮点运算次数算，一次乘加是两次运算，数字会翻倍。）论文版的数量比表 1 的和大，"
        "主要是因为 conv1：印刷为 {tconv1:g}M，但 7×7×3×64 个权重 × 112×112 个位置 = {conv1:,} 次乘加。"
    ),
    "reconciled.alexnet.title": "“参数量只有 AlexNet 的 1/{claim}”？",
    "reconciled.alexnet.body": (
        "论文（§1）说它的参赛网络的参数量只有 Krizhevsky 等人 2012 年网络的 1/{claim}。"
        "那个网络约有 {alexnet_m} 个参数（他们论文自己给的数字），{alexnet_m} ÷ {claim} = {implied_m}——比上面任何一个数都少。"
        "用这里的数字：{alexnet_m} ÷ 约 {table1_m}（表 1）= **{r_table1:.1f} 倍**；这里构建的 torchvision AlexNet 有 {alexnet:,} 个参数："
        "是 torchvision GoogLeNet 的 **{r_tv:.1f} 倍**，论文版的 **{r_paper:.1f} 倍**。所以 GoogLeNet 的参数量约为 AlexNet 的 1/9；"
        "论文没有说明它是怎么统计的。（torchvision 的 AlexNet 是 2014 年的单 GPU 版本，通道数略有不同。）"
    ),
    "reconciled.bottleneck.title": "“1×1 瓶颈结构让模块的计算量只有原来的 1/10”？",
    "reconciled.bottleneck.body": (
        "1/10 只对一个分支成立：在模块 3a 中，5×5 分支先用 1×1卷积降维到 16 个通道，乘加次数减少到原来的 "
        "**1/{b5:.2f}**。整个模块——四个分支，其中两个没有可降维的地方——的乘加次数减少到原来的 **1/{low:.1f}**（{low_block}）"
        "到 **1/{high:.1f}**（{high_block}）。逐个模块列出（论文版；朴素模块的乘加次数 ÷ 带 1×1 降维的模块的乘加次数，"
        "输入相同，各分支的输出宽度相同）："
    ),
    "reconciled.bottleneck.col.block": "模块",
    "reconciled.bottleneck.col.size": "尺寸",
    "reconciled.bottleneck.col.module": "整个模块",
    "reconciled.bottleneck.col.b3": "3×3 分支",
    "reconciled.bottleneck.col.b5": "5×5 分支",
    "reconciled.bottleneck.after": (
        "权重按同样的倍数减少（在同一尺寸上，每个权重在每个输出位置用一次）。"
        "朴素模块的池化分支没有 1×1 投影：这里它不花任何乘加，但它把全部输入通道原样传下去，"
        "所以在朴素网络里，之后的每个模块的输入也会更宽。"
    ),
}
