EN = {
    "common.app_title": "GoogLeNet Explorer",
    "common.language": "Language",
}
ZH = {
    "common.app_title": "GoogLeNet 探索器",
    "common.language": "语言",
}
