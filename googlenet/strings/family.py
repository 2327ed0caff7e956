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
        "The Inception module runs 1x1, 3x3 and 5x5 convolutions and a pooling branch side by side and "
        "concatenates them; 1x1 convolutions shrink the channels first (the bottleneck), so the network "
        "gets deeper and wider at a low cost. Global average pooling replaces the big fully connected "
        "layers, and two auxiliary classifiers add gradient signal in the middle during training."
    ),
    "family.idea.inception_v3": (
        "Factorises convolutions: a 5x5 becomes two 3x3s, and an n x n becomes a 1 x n followed by an n x 1, "
        "cutting computation while keeping the receptive field. Adds label smoothing, BatchNorm, and keeps "
        "one auxiliary classifier, now seen mainly as a regulariser."
    ),
    "family.idea.resnet18": (
        "Residual connections: each block learns a correction F(x) and outputs y = F(x) + x. The identity "
        "shortcut lets gradients flow straight back, so together with BatchNorm very deep networks "
        "(152 layers and more) train well. ResNet-18 is the small version, with pairs of 3x3 convolutions."
    ),
    "family.idea.resnet50": (
        "The same residual idea, y = F(x) + x, with bottleneck blocks: a 1x1 convolution reduces the channels, "
        "a 3x3 works on the thin tensor, and another 1x1 restores them — the 1x1 trick from GoogLeNet "
        "inside a residual block."
    ),
    "family.idea.mobilenet_v2": (
        "Built for phones: depthwise separable convolutions (one 3x3 filter per channel, then a 1x1 to mix "
        "channels) cost a fraction of a normal convolution. Inverted residual blocks widen a thin tensor, "
        "filter it, and project it back through a linear bottleneck with no ReLU, so little information is lost."
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
        "Inception 模块让 1×1、3×3、5×5 卷积和一个池化分支并行，再把结果沿通道拼接；"
        "先用 1×1卷积降维（瓶颈结构），网络因此能以很低的代价变得更深更宽。"
        "全局平均池化取代了庞大的全连接层，训练时两个辅助分类器在网络中部补充梯度信号。"
    ),
    "family.idea.inception_v3": (
        "把卷积分解：一个 5×5 换成两个 3×3，一个 n×n 换成 1×n 加 n×1，感受野不变而计算量更小。"
        "此外加入了标签平滑和批归一化（BatchNorm），并保留一个辅助分类器，这时它主要被看作正则化手段。"
    ),
    "family.idea.resnet18": (
        "残差连接：每个模块只学习一个修正量 F(x)，输出 y = F(x) + x。恒等捷径让梯度直接回传，"
        "配合批归一化，极深的网络（152 层甚至更多）也能顺利训练，缓解了梯度消失。"
        "ResNet-18 是小型版本，由成对的 3×3 卷积组成。"
    ),
    "family.idea.resnet50": (
        "同样的残差思想 y = F(x) + x，但使用瓶颈结构的模块：先用 1×1卷积降维，"
        "在变薄的特征图上做 3×3 卷积，再用 1×1卷积恢复通道数——把 GoogLeNet 的 1×1 技巧放进了残差模块。"
    ),
    "family.idea.mobilenet_v2": (
        "为手机而设计：深度可分离卷积（每个通道单独一个 3×3 滤波器，再用 1×1卷积混合通道）"
        "的计算量只有普通卷积的一小部分。倒残差模块先把薄的张量扩宽、做滤波，"
        "再经过不带 ReLU 的线性瓶颈投影回去，尽量少丢失信息。"
    ),
    "family.idea.mobilenet_v3_large": (
        "模块结构由神经架构搜索（NAS）在手机延迟预算下找到。它加入了计算便宜的 h-swish 激活函数，"
        "以及 squeeze-and-excitation（SE）：用整张特征图的汇总信息为各个通道重新分配权重。"
    ),
}
