"""Messages about the pretrained weights (googlenet.weights): what failed and the one command that fixes it."""
EN = {
    "weights.no_file": "There is no weights file at {path}. Fetch the weights once with `{command}` (or `{venv_command}`), or set {env} to the path of a googlenet-1378be20.pth file.",
    "weights.env_no_file": "{env} points to {path}, but there is no file there. Fix the path, or unset {env} and fetch the weights with `{command}` (or `{venv_command}`).",
    "weights.missing": "The pretrained weights are not on this computer (looked for {path}) and downloading is off. Fetch them once with `{command}` (or `{venv_command}`), or set {env} to the path of a googlenet-1378be20.pth file.",
    "weights.download_failed": "Downloading the pretrained weights failed ({reason}). Fetch them on a computer with internet using `{command}` (or `{venv_command}`), or set {env} to the path of a googlenet-1378be20.pth file.",
    "weights.download_timeout": "Downloading the pretrained weights got no answer for {timeout} seconds (no internet?). Fetch them once with `{command}` (or `{venv_command}`), or set {env} to the path of a googlenet-1378be20.pth file.",
    "weights.invalid": "{path} is not a valid GoogLeNet checkpoint ({reason}). Fetch the official weights with `{command}` (or `{venv_command}`), or set {env} to the path of a googlenet-1378be20.pth file.",
    "weights.status_found": "Pretrained weights found: {path}",
    "weights.status_missing": "Pretrained weights are missing (expected at {path}). Fetch them with `{command}`, or set {env} to a weights file.",
    "weights.saved": "Weights ready: {path}",
}
ZH = {
    "weights.no_file": "在 {path} 找不到权重文件。请运行一次 `{command}`（或 `{venv_command}`）下载权重，或者把环境变量 {env} 设为 googlenet-1378be20.pth 文件的路径。",
    "weights.env_no_file": "环境变量 {env} 指向 {path}，但那里没有文件。请改正路径，或者取消 {env} 并运行 `{command}`（或 `{venv_command}`）下载权重。",
    "weights.missing": "这台电脑上还没有预训练权重（查找位置：{path}），而且下载已关闭。请运行一次 `{command}`（或 `{venv_command}`）下载权重，或者把环境变量 {env} 设为 googlenet-1378be20.pth 文件的路径。",
    "weights.download_failed": "预训练权重下载失败（{reason}）。请在能上网的电脑上运行 `{command}`（或 `{venv_command}`），或者把环境变量 {env} 设为 googlenet-1378be20.pth 文件的路径。",
    "weights.download_timeout": "下载预训练权重时 {timeout} 秒内没有任何响应（没有联网？）。请运行一次 `{command}`（或 `{venv_command}`）下载权重，或者把环境变量 {env} 设为 googlenet-1378be20.pth 文件的路径。",
    "weights.invalid": "{path} 不是有效的 GoogLeNet 权重文件（{reason}）。请运行 `{command}`（或 `{venv_command}`）下载官方权重，或者把环境变量 {env} 设为 googlenet-1378be20.pth 文件的路径。",
    "weights.status_found": "已找到预训练权重：{path}",
    "weights.status_missing": "缺少预训练权重（应位于 {path}）。请运行 `{command}` 下载，或者把环境变量 {env} 设为权重文件的路径。",
    "weights.saved": "权重已就绪：{path}",
}
