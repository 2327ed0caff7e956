"""The key idea of each network on the CNN family page (googlenet.family: FamilyMember.idea_key)."""

EN = {
    "family.idea.alexnet": (
        "Showed in 2012 that a deep convolutional network trained on ImageNet beats hand-made features: "
        "ReLU activations that train much faster than tanh, dropout against overfitting in the huge fully "
        "connected layers, local response normalisation, and training split across two GPUs."
    ),
    "family.idea.vgg16": (
        "Uses nothing but small 3x3 convolutions, stacked. Two 3x3 layers see the same 5x5 receptive field "
        "as one 5x5 layer, with fewer weights (18 vs 25 per channel pair) and an extra ReLU in between. "
        "Simple and deep, but its fully connected layers hold most of its 138M parameters."
    ),
    "family.idea.googlenet": (
        "The Inception module runs 1x1, 3x3 and 5x5 convolutions and a max-pooling branch side by side and "
        "concatenates them; 1x1 convolutions cut the channels before the 3x3 and 5x5 convolutions and after "
        "the pooling (the bottleneck), so the network gets deeper and wider at a low cost. Global average "
        "pooling replaces the big fully connected layers. Two auxiliary classifiers, used only in training, "
        "were meant to add gradient signal in the middle. The row counts torchvision's version "
        "(BatchNorm, 3x3 in the third branch)."
    ),
    "family.idea.inception_v3": (
        "Factorises convolutions further: an n x n becomes a 1 x n followed by an n x 1, cutting computation "
        "while keeping the receptive field (the two 3x3s in place of a 5x5 came earlier, with BN-Inception). "
        "Adds label smoothing, RMSProp training and BatchNorm in the auxiliary classifier (BatchNorm itself "
        "arrived with BN-Inception, 2015); its one auxiliary classifier is now seen mainly as a regulariser. "
        "Input 299x299."
    ),
    "family.idea.resnet18": (
        "He et al. saw that a deeper plain network trained *worse*: more layers gave a higher training error "
        "(degradation), although BatchNorm and careful initialisation already kept the gradients alive. "
        "Residual connections fix it: each block learns a correction F(x) and outputs y = F(x) + x, so "
        "\"change nothing\" is easy to learn (F = 0) and extra depth helps again, up to 152 layers on ImageNet. "
        "ResNet-18 is the small version, with pairs of 3x3 convolutions."
    ),
    "family.idea.resnet50": (
        "The same residual idea, y = F(x) + x, with bottleneck blocks: a 1x1 convolution reduces the channels, "
        "a 3x3 works on the thin tensor, and another 1x1 restores them — the same 1x1 reduction GoogLeNet "
        "uses, inside a residual block."
    ),
    "family.idea.mobilenet_v1": (
        "Built for phones: after the first layer, every convolution is depthwise separable — one 3x3 filter "
        "per channel, then a 1x1 convolution that mixes the channels — far cheaper than a full 3x3 "
        "convolution. A width multiplier α thins every layer and a resolution multiplier ρ shrinks the "
        "input, trading accuracy for cost. No residual connections. Not in torchvision: built here from "
        "the paper's Table 1; accuracy from the paper."
    ),
    "family.idea.mobilenet_v2": (
        "Keeps v1's depthwise separable convolutions inside inverted residual blocks: a 1x1 convolution "
        "widens a thin tensor, a depthwise 3x3 filters it, and a 1x1 projects it back through a linear "
        "bottleneck with no ReLU, so little information is lost; a shortcut joins the thin ends. Uses ReLU6."
    ),
    "family.idea.mobilenet_v3_large": (
        "Its blocks were found by neural architecture search (NAS) under a phone latency budget. It adds the "
        "cheap h-swish activation and squeeze-and-excitation, which re-weights channels using a summary "
        "of the whole feature map."
    ),
}

ZH = {
    "family.idea.alexnet": (
        "2012 年证明了在 ImageNet 上训练的深度卷积网络胜过手工设计的特征：ReLU 激活比 tanh 训练快得多，"
        "dropout 抑制庞大全连接层的过拟合，还使用了局部响应归一化（LRN），并把训练拆分到两块 GPU 上。"
    ),
    "family.idea.vgg16": (
        "只用小小的 3×3 卷积层层堆叠。两个 3×3 卷积的感受野与一个 5×5 卷积相同，但参数更少"
        "（每对通道 18 个对 25 个），中间还多了一次 ReLU。结构简单、网络很深，"
        "但 1.38 亿参数量大部分都在全连接层里。"
    ),
    "family.idea.googlenet": (
        "Inception 模块让 1×1、3×3、5×5 卷积和一个最大池化分支并行，再把结果沿通道拼接；"
        "在 3×3 和 5×5 卷积之前、以及池化之后，用 1×1卷积降维（瓶颈结构），网络因此能以很低的代价变得更深更宽。"
        "全局平均池化取代了庞大的全连接层。两个只在训练时使用的辅助分类器，本意是在网络中部补充梯度信号。"
        "这一行统计的是 torchvision 的版本（带 BatchNorm，第三个分支用 3×3）。"
    ),
    "family.idea.inception_v3": (
        "进一步分解卷积：一个 n×n 换成 1×n 后接 n×1，感受野不变而计算量更小"
        "（用两个 3×3 代替一个 5×5 更早，出现在 BN-Inception 中）。"
        "加入了标签平滑、RMSProp 训练，以及辅助分类器里的批量归一化（BatchNorm 本身随 BN-Inception 于 2015 年出现）；"
        "它唯一的辅助分类器这时主要被看作正则化手段。输入为 299×299。"
    ),
    "family.idea.resnet18": (
        "He 等人发现，更深的普通网络反而训练得*更差*：层数更多，训练误差反而更高（退化问题），"
        "尽管 BatchNorm 和精心的初始化已经让梯度能够传下去。"
        "残差连接解决了它：每个模块只学习一个修正量 F(x)，输出 y = F(x) + x，"
        "于是“什么都不改”很容易学到（F = 0），加深网络重新带来收益，在 ImageNet 上可达 152 层。"
        "ResNet-18 是小型版本，由成对的 3×3 卷积组成。"
    ),
    "family.idea.resnet50": (
        "同样的残差思想 y = F(x) + x，但使用瓶颈结构的模块：先用 1×1卷积降维，"
        "在变薄的特征图上做 3×3 卷积，再用 1×1卷积恢复通道数——与 GoogLeNet 相同的 1×1 降维，放进了残差模块。"
    ),
    "family.idea.mobilenet_v1": (
        "为手机而设计：除第一层外，每个卷积都是深度可分离卷积——每个通道单独一个 3×3 卷积核，"
        "再用 1×1卷积混合通道——比完整的 3×3 卷积便宜得多。宽度乘子 α 让每一层变窄，"
        "分辨率乘子 ρ 缩小输入，用准确率换取更低的代价。没有残差连接。"
        "torchvision 中没有它：这里按论文表 1 搭建；准确率取自论文。"
    ),
    "family.idea.mobilenet_v2": (
        "在倒残差模块中沿用 v1 的深度可分离卷积：先用 1×1卷积把薄的张量扩宽，再用逐通道的 3×3 卷积处理它，"
        "最后用 1×1卷积经过不带 ReLU 的线性瓶颈投影回去，尽量少丢失信息；捷径连接在两端较薄的张量之间。使用 ReLU6。"
    ),
    "family.idea.mobilenet_v3_large": (
        "模块结构由神经架构搜索（NAS）在手机延迟预算下找到。它加入了计算便宜的 h-swish 激活函数，"
        "以及 squeeze-and-excitation（SE）：用整张特征图的汇总信息为各个通道重新分配权重。"
    ),
}
