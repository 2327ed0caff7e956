EN = {
    "common.app_title": "GoogLeNet Explorer",
    "common.language": "语言 / Language",
    "common.block": "Inception {name}",
    "common.weights_found": "Pretrained ImageNet weights: found ({path}).",
    "common.weights_missing": "Pretrained ImageNet weights: not found. Pages that classify images need them; everything else works. To fetch them once (needs internet), run:",
}
ZH = {
    "common.app_title": "GoogLeNet 探索器",
    "common.language": "语言 / Language",
    "common.block": "Inception {name}",
    "common.weights_found": "ImageNet 预训练权重：已找到（{path}）。",
    "common.weights_missing": "ImageNet 预训练权重：未找到。图像分类相关页面需要它，其余页面都能正常使用。联网后运行一次下面的命令即可获取：",
}
