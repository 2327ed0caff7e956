"""One glossary for the whole app: every technical term, its English and its Chinese, one word per concept.

The Chinese column (`zh`) is the word the app uses — CONCEPTS.md §8 where it names one. Where
《动手学深度学习》(d2l-zh, 2nd ed., zh.d2l.ai) says something else, that word is `d2l`: a student who reads
both should recognise it, so a string may use it *next to* the app's word ("池化（d2l 称汇聚）"), never
alone. `avoid` lists words the app must not use for the concept (other translations that would make one
concept look like two). `also` lists spellings that are the same word (a space, a code name).

Definitions are strings (googlenet/strings/glossary.py, keys "glossary.def.<key>"); the terms themselves
are data, here, because they *are* the two-language table. tests/test_glossary.py scans every Chinese string
against this list.

d2l-zh words checked against the book's chapters (zh.d2l.ai, 2nd ed.): 6.3 填充和步幅, 6.5 汇聚层
(最大汇聚层/平均汇聚层), 6.2 特征映射和感受野, 7.4 含并行连结的网络 (GoogLeNet: "Inception块", 四条并行
路径, 在通道维度上连结), 7.5 批量规范化, 4.6 暂退法 (Dropout), 7.6 残差网络, 13.1 图像增广, 3.x 迭代周期
(epoch) / 批量大小.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str                      # short id; the definition is the string "glossary.def.<key>"
    en: str                       # the English term the app uses
    zh: str                       # the Chinese term the app uses
    d2l: str = ""                 # d2l-zh's word where it differs (allowed only beside `zh`)
    also: tuple[str, ...] = ()    # other spellings of the same word (same concept, not another word)
    avoid: tuple[str, ...] = ()   # words the app must not use for this concept
    d2l_common_word: bool = False  # d2l's word is an everyday word too (路径 = a file path): not scanned
    en_pattern: str = ""          # regex: an English string that matches it must use this term in Chinese


TERMS: tuple[Term, ...] = (
    # --- convolution and its settings
    Term("convolution", "convolution", "卷积"),
    Term("kernel", "kernel (filter)", "卷积核", avoid=("滤波器",)),
    Term("channel", "channel", "通道"),
    Term("feature_map", "feature map", "特征图", d2l="特征映射", en_pattern=r"feature maps?\b"),
    Term("padding", "padding", "填充", avoid=("补零填充",)),
    # Stride: d2l-zh's 步幅. 步长 (PyTorch's Chinese docs) is also an optimiser's step size: one word, two concepts.
    Term("stride", "stride", "步幅", en_pattern=r"\bstrides?\b(?!\s*=)"),
    Term("receptive_field", "receptive field", "感受野", avoid=("接受野", "感受域"), en_pattern=r"receptive field"),
    Term("one_by_one", "1×1 convolution", "1×1卷积", also=("1×1 卷积",)),
    Term("fully_convolutional", "fully convolutional network", "全卷积网络"),
    # --- pooling (d2l-zh 2nd ed. says 汇聚; older texts and §8 say 池化)
    Term("pooling", "pooling", "池化", d2l="汇聚", avoid=("汇合",)),
    Term("max_pooling", "max pooling", "最大池化", d2l="最大汇聚"),
    Term("average_pooling", "average pooling", "平均池化", d2l="平均汇聚"),
    Term("global_average_pooling", "global average pooling", "全局平均池化", d2l="全局平均汇聚",
         en_pattern=r"global average pool"),
    # --- the Inception module
    Term("inception_module", "Inception module", "Inception 模块", d2l="Inception块",
         also=("Inception模块",), avoid=("Inception 块",)),
    Term("naive_module", "naive Inception module", "朴素 Inception 模块", also=("朴素版",)),
    Term("branch", "branch", "分支", d2l="路径", d2l_common_word=True),
    Term("concatenation", "concatenation", "拼接", d2l="连结", avoid=("级联", "串联"), en_pattern=r"concatenat"),
    Term("dimension_reduction", "dimension reduction", "降维", en_pattern=r"dimension reduction"),
    Term("bottleneck", "bottleneck", "瓶颈结构", also=("瓶颈",)),
    Term("pool_projection", "pool projection", "池化投影"),
    Term("auxiliary_classifier", "auxiliary classifier", "辅助分类器", avoid=("辅助分类头", "辅助头"),
         en_pattern=r"auxiliary classifier"),
    # --- layers and normalisation
    Term("fully_connected", "fully connected layer", "全连接层", also=("全连接",), avoid=("稠密层", "密集层"),
         en_pattern=r"fully connected"),
    Term("relu", "ReLU", "ReLU", d2l="修正线性单元"),
    Term("activation", "activation", "激活"),
    Term("softmax", "softmax", "softmax", also=("Softmax",)),
    Term("logit", "logit", "logit"),
    Term("dropout", "dropout", "Dropout", d2l="暂退法", also=("dropout",), avoid=("随机失活",)),
    Term("batch_norm", "batch normalisation (BatchNorm)", "批量归一化", d2l="批量规范化",
         also=("BatchNorm", "BN"), avoid=("批归一化", "批标准化", "批量标准化"), en_pattern=r"batch ?norm"),
    Term("lrn", "local response normalisation (LRN)", "局部响应归一化", also=("LRN",), en_pattern=r"\bLRN\b|local response"),
    Term("normalisation", "normalisation (input: mean and std per channel)", "归一化", d2l="标准化"),
    # --- counting cost
    Term("weight", "weight", "权重", avoid=("权值",)),
    Term("bias", "bias", "偏置"),
    Term("parameter_count", "parameter count", "参数量", avoid=("参数数量",)),
    Term("multiply_adds", "multiply-adds", "乘加次数", also=("计算量", "乘加"), avoid=("乘累加",)),
    Term("flops", "FLOPs (torchvision's metadata: multiply-adds)", "FLOPs"),
    Term("tensor", "tensor", "张量"),
    # --- measuring accuracy
    Term("top5_error", "top-5 error", "Top-5 错误率", also=("top-5 错误率",), avoid=("前五错误率", "前 5 错误率"),
         en_pattern=r"top-5 error"),
    Term("top1_accuracy", "top-1 accuracy", "Top-1 准确率"),
    Term("ilsvrc", "ILSVRC (ImageNet Large Scale Visual Recognition Challenge)",
         "ILSVRC（ImageNet 大规模视觉识别挑战赛）"),
    Term("crop", "crop", "裁剪"),
    Term("centre_crop", "centre crop", "中心裁剪"),
    Term("data_augmentation", "data augmentation", "数据增强", d2l="图像增广"),
    # --- training
    Term("training", "training", "训练"),
    Term("pretrained_weights", "pretrained weights", "预训练权重", en_pattern=r"pretrained weights"),
    Term("loss", "loss", "损失"),
    Term("gradient", "gradient", "梯度"),
    Term("backpropagation", "backpropagation", "反向传播"),
    Term("forward_pass", "forward pass", "前向传播"),
    Term("vanishing_gradient", "vanishing gradient", "梯度消失", avoid=("梯度弥散",), en_pattern=r"vanishing gradient"),
    Term("learning_rate", "learning rate", "学习率"),
    Term("sgd", "stochastic gradient descent (SGD)", "随机梯度下降"),
    Term("momentum", "momentum", "动量"),
    Term("epoch", "epoch", "轮", d2l="迭代周期"),
    Term("batch_size", "batch size", "批大小", d2l="批量大小"),
    Term("overfitting", "overfitting", "过拟合"),
    Term("regularisation", "regularisation", "正则化"),
    Term("label_smoothing", "label smoothing", "标签平滑", en_pattern=r"label smoothing"),
    Term("test_set", "test set", "测试集"),
    Term("confusion_matrix", "confusion matrix", "混淆矩阵"),
    # --- looking inside
    Term("ablation", "ablation", "消融", en_pattern=r"\bablation"),
    Term("heatmap", "heatmap", "热力图", en_pattern=r"heat ?map"),
    Term("grad_cam", "Grad-CAM (gradient-weighted class activation mapping)", "Grad-CAM（梯度加权类激活映射）"),
    # --- the family
    Term("nin", "Network in Network (NiN)", "网络中的网络（NiN）"),
    Term("residual_connection", "residual connection", "残差连接", en_pattern=r"residual connection"),
    Term("identity_shortcut", "identity shortcut", "恒等捷径"),
    Term("degradation", "degradation (deeper plain nets train worse)", "退化"),
    Term("depthwise_separable", "depthwise separable convolution", "深度可分离卷积", en_pattern=r"depthwise separable"),
    Term("inverted_residual", "inverted residual", "倒残差"),
    Term("linear_bottleneck", "linear bottleneck", "线性瓶颈"),
)

BY_KEY: dict[str, Term] = {term.key: term for term in TERMS}


def term(key: str) -> Term:
    return BY_KEY[key]


def zh(key: str) -> str:
    """The app's Chinese word for a concept, e.g. zh("pooling") == "池化"."""
    return BY_KEY[key].zh


def avoided_words() -> dict[str, str]:
    """{word the app must not use: the key of the concept it names}."""
    return {word: t.key for t in TERMS for word in t.avoid}


@dataclass(frozen=True)
class Problem:
    string_key: str   # the i18n key of the Chinese string
    word: str         # what it says
    term_key: str     # the concept
    use: str          # the app's word for it


def _without_app_words(text: str, t: Term) -> str:
    """`text` with the app's own word(s) for `t` blanked, so a d2l/avoid word inside them isn't counted."""
    for word in (t.zh, *t.also):
        text = text.replace(word, "\0")
    return text


def wording_problems(strings: dict[str, str]) -> list[Problem]:
    """Chinese strings that break the glossary: an avoided word, or d2l's word without the app's beside it.

    `strings` maps i18n keys to Chinese text (googlenet.i18n.tables()["zh"])."""
    found: list[Problem] = []
    for key, text in strings.items():
        for t in TERMS:
            rest = _without_app_words(text, t)
            for word in t.avoid:
                if word in rest:
                    found.append(Problem(key, word, t.key, t.zh))
            if t.d2l and not t.d2l_common_word and t.d2l in rest and not any(
                    w in text for w in (t.zh, *t.also)):
                found.append(Problem(key, t.d2l, t.key, t.zh))
    return found


def translation_problems(en: dict[str, str], zh: dict[str, str]) -> list[Problem]:
    """Strings whose English names a concept (Term.en_pattern) while the Chinese uses none of its words
    (`zh`, `also`, or `d2l`): the concept was translated with another word, or left out."""
    import re

    found: list[Problem] = []
    for key, english in en.items():
        if key not in zh:
            continue
        for t in TERMS:
            if t.en_pattern and re.search(t.en_pattern, english, re.IGNORECASE):
                words = (t.zh, *t.also, *((t.d2l,) if t.d2l else ()))
                if not any(w in zh[key] for w in words):
                    found.append(Problem(key, re.search(t.en_pattern, english, re.IGNORECASE).group(0), t.key, t.zh))
    return found


def definition_key(term_: Term) -> str:
    return f"glossary.def.{term_.key}"


def search(query: str, definitions: dict[str, dict[str, str]] | None = None) -> list[Term]:
    """The terms whose English, Chinese, d2l word, other spellings or definition (either language) contain
    `query`, case-insensitively; every term for an empty query. `definitions` defaults to the app's tables."""
    needle = query.strip().casefold()
    if not needle:
        return list(TERMS)
    if definitions is None:
        from .i18n import tables

        definitions = tables()
    found = []
    for term_ in TERMS:
        words = [term_.key, term_.en, term_.zh, term_.d2l, *term_.also,
                 *(definitions[lang].get(definition_key(term_), "") for lang in definitions)]
        if any(needle in w.casefold() for w in words):
            found.append(term_)
    return found
