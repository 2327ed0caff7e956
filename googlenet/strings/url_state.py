"""Strings of links that restore a view (ui/url_state.py)."""

EN = {
    "url.bad": "This link's {values} is not a choice this page has: the default is shown instead.",
    "url.share": "Link to this view",
    "url.share.help": "The address that opens this page with the choices you see now, in any browser.",
    "url.share.qr": "The same link as a QR code: a phone's camera opens it.",
    "url.share.caption": "Copy it with the icon at its right. It opens this page with these choices: {names}; "
                         "and the language (and the lesson and presentation view, when they are on).",
}

ZH = {
    "url.bad": "链接中的 {values} 不是本页可选的值：已改为显示默认值。",
    "url.share": "本视图的链接",
    "url.share.help": "在任何浏览器中打开本页、并带有你现在看到的这些选择的地址。",
    "url.share.qr": "同一链接的二维码：用手机相机扫描即可打开。",
    "url.share.caption": "用右侧的图标复制。它打开本页并带有这些选择：{names}；"
                         "还有语言（以及开启时的课程和演示视图）。",
}
