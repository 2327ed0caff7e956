EN = {
    "home.title": "GoogLeNet Explorer",
    "home.subtitle": "See how an Inception network works: its code, its cost, its feature maps, its predictions.",
    "home.intro": (
        "GoogLeNet (also called Inception v1) won the classification task of the ImageNet challenge (ILSVRC) "
        "in 2014. Its building block is the **Inception module**: four branches look at the same input — 1×1, "
        "3×3 and 5×5 convolutions and a 3×3 max pool — and their outputs are concatenated along the channels. "
        "Cheap **1×1 convolutions** cut the number of channels before the expensive 3×3 and 5×5 ones. "
        "**Global average pooling** replaces the huge fully connected layers of earlier networks (one linear "
        "layer remains), and two **auxiliary classifiers**, used only in training, each add a loss in the middle "
        "of the network: the paper meant them to strengthen the gradient there and to regularise; Inception v3 found they act "
        "mostly as regularisers."
    ),
    "home.metric.year": "ILSVRC 2014 classification",
    "home.metric.year.value": "1st place",
    "home.metric.top5": "Top-5 error",
    "home.metric.top5.delta": "{models} models × {crops} crops",
    "home.metric.top5.help": (
        "The competition entry: {models} networks averaged, {crops} crops of every image. One network on one "
        "crop: {single}% (paper, Table 3)."
    ),
    "home.metric.layers": "Layers with parameters",
    "home.metric.layers.help": "{layers} layers with parameters, {with_pools} if pooling layers are counted (paper, §5).",
    "home.metric.params": "Parameters (Table 1)",
    "home.metric.params.help": (
        "The params column of the paper's Table 1, added up and read as thousands. Counted from the model, "
        "the number differs: see “The numbers, reconciled”."
    ),
    "home.metric.params.delta": "AlexNet (2012): ~{alexnet_m}",
    "home.diagram.title": "The whole network, drawn from the model's configuration",
    "home.diagram.caption": (
        "Each green box is an Inception block: output size, then the channels of its four branches "
        "(1×1 | 3×3 | 5×5 — a 3×3 convolution in torchvision's variant | pool projection). Dashed arrows lead to "
        "the two auxiliary classifiers, used only in training."
    ),
    "home.diagram.variant": "Variant",
    "home.variant.paper": "Paper (2014)",
    "home.variant.torchvision": "torchvision",
    "home.path.title": "A guided path",
    "home.path.intro": (
        "The pages in teaching order: why it came about, its structure and cost, bugs to spot, its relatives, "
        "what the network sees, a training run of your own, and the glossary."
    ),
    "home.path.step": "Step {n}",
    "home.label.input": "input",
    "home.label.max_pool": "max pool",
    "home.label.gap": "global average pool",
    "home.label.head": "dropout + linear",
    "home.label.softmax": "softmax (1000 classes)",
    "home.label.aux": "auxiliary classifier (training only)",
}
ZH = {
    "home.title": "GoogLeNet 探索器",
    "home.subtitle": "看清 Inception 网络是怎样工作的：代码、计算量、特征图和预测结果。",
    "home.intro": (
        "GoogLeNet（又称 Inception v1）在 2014 年赢得了 ImageNet 竞赛（ILSVRC）的分类任务。"
        "它的基本单元是 **Inception 模块**：四个分支同时处理同一个输入——1×1、3×3 和 5×5 卷积以及一个 3×3 最大池化——"
        "它们的输出沿通道拼接在一起。廉价的 **1×1卷积** 在昂贵的 3×3 和 5×5 卷积之前减少通道数（降维）。"
        "**全局平均池化** 取代了早期网络中庞大的全连接层（只保留一个全连接层），两个只在训练时使用的 **辅助分类器** "
        "在网络中部各增加一个损失：论文希望借此加强那里的梯度并起正则化作用；Inception v3 发现它们主要起的是正则化作用。"
    ),
    "home.metric.year": "ILSVRC 2014 分类任务",
    "home.metric.year.value": "第一名",
    "home.metric.top5": "Top-5 错误率",
    "home.metric.top5.delta": "{models} 个模型 × {crops} 个裁剪",
    "home.metric.top5.help": "参赛结果：{models} 个网络取平均，每张图片 {crops} 个裁剪。一个网络、一个裁剪：{single}%（论文表 3）。",
    "home.metric.layers": "带参数的层数",
    "home.metric.layers.help": "带参数的层共 {layers} 层，把池化层也算上是 {with_pools} 层（论文 §5）。",
    "home.metric.params": "参数量（论文表 1）",
    "home.metric.params.help": "把论文表 1 的参数量一列相加，并按千读。由模型统计的数量与它不同：见“数字对照”。",
    "home.metric.params.delta": "AlexNet（2012）：约 {alexnet_m}",
    "home.diagram.title": "整个网络的结构图（由模型配置自动生成）",
    "home.diagram.caption": (
        "绿色方框是 Inception 模块：先是输出尺寸，再是四个分支的通道数"
        "（1×1 | 3×3 | 5×5——torchvision 版为 3×3 卷积 | 池化投影）。虚线箭头通向两个辅助分类器，它们只在训练时使用。"
    ),
    "home.diagram.variant": "版本",
    "home.variant.paper": "论文原版（2014）",
    "home.variant.torchvision": "torchvision 版",
    "home.path.title": "学习路线",
    "home.path.intro": "按教学顺序排列的页面：它的由来，它的结构和计算量，找错误，它的家族，网络“看到”了什么，亲手训练一次，最后是术语表。",
    "home.path.step": "第 {n} 步",
    "home.label.input": "输入",
    "home.label.max_pool": "最大池化",
    "home.label.gap": "全局平均池化",
    "home.label.head": "Dropout + 全连接层",
    "home.label.softmax": "Softmax（1000 类）",
    "home.label.aux": "辅助分类器（仅训练时）",
}
