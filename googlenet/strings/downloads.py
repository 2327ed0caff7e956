"""The download buttons under charts and tables (ui/downloads.py)."""
EN = {
    "download.png": "PNG",
    "download.csv": "CSV",
    "download.help": "Download this as a file (for slides, handouts or a spreadsheet).",
}

ZH = {
    "download.png": "PNG",
    "download.csv": "CSV",
    "download.help": "下载为文件（用于幻灯片、讲义或电子表格）。",
}
