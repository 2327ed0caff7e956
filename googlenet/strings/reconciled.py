EN = {
    "reconciled.link": "Why do sources give different numbers? The numbers, reconciled",
}
ZH = {
    "reconciled.link": "为什么不同资料给出的数字不一样？数字对照",
}
