EN = {
    "home.title": "GoogLeNet Explorer",
    "home.subtitle": "See how an Inception network works: its code, its cost, its feature maps, its predictions.",
    "home.intro": (
        "GoogLeNet (also called Inception v1) won the ImageNet classification challenge (ILSVRC) in 2014. "
        "Its trick was the **Inception module**: four branches look at the same input with different "
        "filter sizes, and cheap **1×1 convolutions** shrink the number of channels before the expensive "
        "3×3 and 5×5 ones. A **global average pool** replaces the huge fully connected layers of earlier "
        "networks, and two **auxiliary classifiers** help train the middle of the network."
    ),
    "home.metric.year": "ILSVRC 2014",
    "home.metric.year.value": "1st place",
    "home.metric.top5": "Top-5 error",
    "home.metric.layers": "Layers with weights",
    "home.metric.layers.help": "22 layers with parameters, 27 if pooling layers are counted.",
    "home.metric.params": "Parameters",
    "home.metric.params.delta": "AlexNet: ~60M",
    "home.diagram.title": "The whole network, drawn from the model's configuration",
    "home.diagram.caption": (
        "Each green box is an Inception block: output size, then the channels of its four branches "
        "(1×1 | 3×3 | 5×5 | pool projection). Dashed: the two auxiliary classifiers, used only in training."
    ),
    "home.diagram.variant": "Variant",
    "home.variant.paper": "Paper (2014)",
    "home.variant.torchvision": "torchvision",
    "home.path.title": "A guided path",
    "home.path.intro": "Follow the pages in this order: structure first, then cost, then what the network sees.",
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
        "GoogLeNet（又称 Inception v1）在 2014 年赢得了 ImageNet 图像分类竞赛（ILSVRC）。"
        "它的关键是 **Inception 模块**：四个分支用不同大小的卷积核同时观察同一个输入，"
        "并在昂贵的 3×3 和 5×5 卷积之前先用廉价的 **1×1 卷积** 减少通道数（降维）。"
        "**全局平均池化** 取代了早期网络中庞大的全连接层，两个 **辅助分类器** 帮助训练网络的中间部分。"
    ),
    "home.metric.year": "ILSVRC 2014",
    "home.metric.year.value": "第一名",
    "home.metric.top5": "Top-5 错误率",
    "home.metric.layers": "带参数的层数",
    "home.metric.layers.help": "带参数的层共 22 层，把池化层也算上是 27 层。",
    "home.metric.params": "参数量",
    "home.metric.params.delta": "AlexNet：约 6000 万",
    "home.diagram.title": "整个网络的结构图（由模型配置自动生成）",
    "home.diagram.caption": (
        "绿色方框是 Inception 模块：先是输出尺寸，再是四个分支的通道数"
        "（1×1 | 3×3 | 5×5 | 池化投影）。虚线连接的是两个辅助分类器，只在训练时使用。"
    ),
    "home.diagram.variant": "版本",
    "home.variant.paper": "论文原版（2014）",
    "home.variant.torchvision": "torchvision 版",
    "home.path.title": "学习路线",
    "home.path.intro": "建议按下面的顺序浏览：先看结构，再看计算量，最后看网络“看到”了什么。",
    "home.path.step": "第 {n} 步",
    "home.label.input": "输入",
    "home.label.max_pool": "最大池化",
    "home.label.gap": "全局平均池化",
    "home.label.head": "Dropout + 全连接层",
    "home.label.softmax": "Softmax（1000 类）",
    "home.label.aux": "辅助分类器（仅训练时）",
}
