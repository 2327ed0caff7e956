"""The key idea of each network on the CNN family page (googlenet.family: FamilyMember.idea_key)."""

EN = {
    "family.idea.alexnet": (
        "Showed in 2012 that a deep convolutional network trained on ImageNet beats hand-made features: ReLU "
        "activations that train much faster than tanh, dropout against overfitting in the huge fully connected "
        "layers, local response normalisation, and training split across two GPUs."
    ),
    "family.idea.vgg16": (
        "Uses nothing but small 3x3 convolutions, stacked. Two 3x3 layers see the same 5x5 receptive field as one 5x5"
        " layer, with fewer weights (18 vs 25 per channel pair) and an extra ReLU in between. Simple and deep, but "
        "its fully connected layers hold most of its 138M parameters."
    ),
    "family.idea.googlenet": (
        "Inception modules: 1x1, 3x3 and 5x5 convolutions and a max-pooling branch side by side, concatenated; 1x1 "
        "convolutions cut the channels before the 3x3 and 5x5 and after the pooling (the bottleneck). Global average "
        "pooling replaces big fully connected layers; two auxiliary classifiers help in training. This row: "
        "torchvision's version (BatchNorm, 3x3 in branch 3)."
    ),
    "family.idea.inception_v3": (
        "Factorises convolutions further: an n x n becomes a 1 x n then an n x 1 (two 3x3s in place of a 5x5 came "
        "earlier, with BN-Inception). Adds label smoothing, RMSProp and BatchNorm in its one auxiliary classifier, "
        "now seen as a regulariser (BatchNorm itself came with BN-Inception, 2015). Input 299x299."
    ),
    "family.idea.resnet18": (
        "Deeper plain networks trained worse: a higher training error (degradation), even with BatchNorm keeping the "
        "gradients alive. Residual blocks output y = F(x) + x, so \"change nothing\" is just F = 0 and depth helps "
        "again (152 layers on ImageNet). ResNet-18: pairs of 3x3 convolutions."
    ),
    "family.idea.resnet50": (
        "The same residual idea, y = F(x) + x, with bottleneck blocks: a 1x1 convolution reduces the channels, a 3x3 "
        "works on the thin tensor, and another 1x1 restores them — the same 1x1 reduction GoogLeNet uses, inside a "
        "residual block."
    ),
    "family.idea.mobilenet_v1": (
        "Built for phones: after the first layer every convolution is depthwise separable — a 3x3 filter per channel,"
        " then a 1x1 convolution mixing the channels. A width multiplier α and a resolution multiplier ρ trade "
        "accuracy for cost. No residual connections. Not in torchvision: built here from the paper's Table 1; "
        "accuracy from the paper."
    ),
    "family.idea.mobilenet_v2": (
        "Keeps v1's depthwise separable convolutions inside inverted residual blocks: a 1x1 convolution widens a thin"
        " tensor, a depthwise 3x3 filters it, and a 1x1 projects it back through a linear bottleneck with no ReLU, so"
        " little information is lost; a shortcut joins the thin ends. Uses ReLU6."
    ),
    # Howard et al. 2019 (arXiv 1905.02244), abstract: hardware-aware NAS and NetAdapt, "then subsequently improved
    # through novel architecture advances" (section 6.1 redesigns the expensive layers by hand).
    "family.idea.mobilenet_v3_large": (
        "Its blocks were found by neural architecture search (NAS) under a phone latency budget, then refined by "
        "hand. It adds the cheap "
        "h-swish activation and squeeze-and-excitation, which re-weights channels using a summary of the whole "
        "feature map."
    ),
}

ZH = {
    "family.idea.alexnet": (
        "2012 年证明了在 ImageNet 上训练的深度卷积网络胜过手工设计的特征："
        "ReLU 激活比 tanh 训练快得多，dropout 抑制庞大全连接层的过拟合，"
        "还使用了局部响应归一化（LRN），并把训练拆分到两块 GPU 上。"
    ),
    "family.idea.vgg16": (
        "只用小小的 3×3 卷积层层堆叠。两个 3×3 卷积的感受野与一个 5×5 卷积相同，"
        "但参数更少（每对通道 18 个对 25 个），中间还多了一次 ReLU。结构简单、网络很深，"
        "但 1.38 亿参数量大部分都在全连接层里。"
    ),
    "family.idea.googlenet": (
        "Inception 模块：1×1、3×3、5×5 卷积和一个最大池化分支并行，沿通道拼接；"
        "在 3×3 和 5×5 之前、池化之后用 1×1卷积降维（瓶颈结构）。全局平均池化取代庞大的全连接层；"
        "两个辅助分类器在训练时起辅助作用。这一行：torchvision 的版本（带 BatchNorm，"
        "第三个分支为 3×3）。"
    ),
    "family.idea.inception_v3": (
        "进一步分解卷积：n×n 换成 1×n 再接 n×1（用两个 3×3 代替 5×5 更早，"
        "出现在 BN-Inception 中）。加入标签平滑、RMSProp，并在唯一的辅助分类器中加入批量归一化，"
        "这时辅助分类器被看作正则化手段（BatchNorm 本身随 BN-Inception 于 2015 年出现）。"
        "输入 299×299。"
    ),
    "family.idea.resnet18": (
        "更深的普通网络反而训练得更差：训练误差更高（退化问题），即使 BatchNorm 已让梯度能够传下去。"
        "残差模块输出 y = F(x) + x，于是“什么都不改”只需 F = 0，"
        "加深重新有益（ImageNet 上 152 层）。ResNet-18：成对的 3×3 卷积。"
    ),
    "family.idea.resnet50": (
        "同样的残差思想 y = F(x) + x，但使用瓶颈结构的模块：先用 1×1卷积降维，"
        "在变薄的特征图上做 3×3 卷积，再用 1×1卷积恢复通道数——与 GoogLeNet 相同的 1×1 降维，"
        "放进了残差模块。"
    ),
    "family.idea.mobilenet_v1": (
        "为手机而设计：除第一层外，每个卷积都是深度可分离卷积——每个通道一个 3×3 卷积核，"
        "再用 1×1卷积混合通道。宽度乘子 α 和分辨率乘子 ρ 用准确率换取更低的代价。没有残差连接。"
        "torchvision 中没有它：这里按论文表 1 搭建；准确率取自论文。"
    ),
    "family.idea.mobilenet_v2": (
        "在倒残差模块中沿用 v1 的深度可分离卷积：先用 1×1卷积把薄的张量扩宽，再用逐通道的 3×3 卷积处理它，"
        "最后用 1×1卷积经过不带 ReLU 的线性瓶颈投影回去，尽量少丢失信息；捷径连接在两端较薄的张量之间。"
        "使用 ReLU6。"
    ),
    "family.idea.mobilenet_v3_large": (
        "模块结构由神经架构搜索（NAS）在手机延迟预算下找到，再经人工改进。它加入了计算便宜的 h-swish 激活函数，"
        "以及 squeeze-and-excitation（SE）：用整张特征图的汇总信息为各个通道重新分配权重。"
    ),
}
