"""Strings of the page "What a channel wants to see" (app_pages/channel_vis.py)."""
EN = {
    "cvis.intro": "Pick one channel of one branch of an Inception block. The app then **paints a picture that makes "
                  "that channel as active as it can**: it starts from faint noise and changes the picture, step by "
                  "step, in the direction that raises the channel's mean activation (feature visualisation, Olah et "
                  "al., Distill 2017). Beside it: the pieces of real photos that excite the same channel most.",
    "cvis.untrained": "**No pretrained weights: this is the untrained network.** Its channels have learned nothing, "
                      "so these pictures mean nothing about ImageNet — they only show how the method works.",
    "cvis.block": "Block",
    "cvis.part": "Branch",
    "cvis.part.branch1": "Branch 1 · 1×1",
    "cvis.part.branch2": "Branch 2 · 1×1 → 3×3",
    "cvis.part.branch3": "Branch 3 · 1×1 → 3×3 (“5×5”)",
    "cvis.part.branch4": "Branch 4 · 3×3 max pool → 1×1",
    "cvis.part.output": "Whole block (concatenated output)",
    "cvis.channel": "Channel (within the branch)",
    "cvis.channel.help": "Channels are numbered 0, 1, 2, … inside each branch; the concatenated number is shown below.",
    "cvis.steps": "Optimisation steps",
    "cvis.steps.help": "More steps: a clearer picture, and a longer wait. 256 is the default here.",
    "cvis.size": "Picture size (pixels)",
    "cvis.diversity": "Diversity (3 pictures)",
    "cvis.diversity.help": "Three pictures of the same channel at once, with a penalty when they look alike: a channel "
                           "may respond to several different things.",
    "cvis.names": "**Here:** {block} · {part} · channel {channel}  \n"
                  "**Concatenated output:** channel {concat} of {total}  \n"
                  "**Microscope / Lucid name:** {micro}, channel {lucid}",
    "cvis.names.lucid_none": "(none: that branch is narrower there)",
    "cvis.names.whole": "**Here:** {block} · concatenated output · channel {channel} of {total} = {part} channel "
                        "{within}  \n**Microscope / Lucid name:** {micro}, channel {lucid}",
    "cvis.microscope.title": "Microscope and these weights",
    "cvis.microscope.note": "OpenAI Microscope and the Lucid library call this block **{micro}** (and the stem "
                            "conv1, conv2, conv3 “conv2d0, conv2d1, conv2d2”); their channel numbers count through "
                            "the four branches in the same order (1×1, 3×3, 5×5, pool). **But their network is not "
                            "this one.** Microscope shows Google's original TensorFlow GoogLeNet (no BatchNorm, 5×5 "
                            "convolutions); torchvision's weights, which this app loads, were trained separately "
                            "(TF-slim's inception_v1, with BatchNorm). Separately trained networks learn their "
                            "features in a different order, so a neuron number from Microscope does not point to the "
                            "same feature here: only the names and the numbering carry over. In mixed4a even the "
                            "numbering differs: there its 3×3 branch has {lucid_4a} channels, here {ours_4a}.",
    "cvis.start": "Start",
    "cvis.stop": "Stop",
    "cvis.progress": "Step {done} of {total} · objective {value:.3g} · {seconds:.0f} s",
    "cvis.progress.grid": "Step {done} of {total} · {seconds:.0f} s",
    "cvis.queued": "Waiting for a free core: other visualisations are running on this server ({seconds:.0f} s)",
    "cvis.ready.title": "What it wants to see",
    "cvis.press_start": "Press **Start** to paint this channel's picture ({steps} steps at {size}×{size} pixels; "
                        "a minute or less for the early blocks, longer for the late ones).",
    "cvis.result.caption": "Synthetic picture that maximises {block} {part} channel {channel} (Microscope: {micro}; "
                           "picture {n} of {count})",
    "cvis.result.numbers": "Mean activation reached: {objective} · {steps} steps in {seconds:.1f} s",
    "cvis.result.cached": "Served from the disk cache (computed once before with these weights and settings).",
    "cvis.result.stopped": "Stopped after {done} of {total} steps: an unfinished picture (not kept in the cache).",
    "cvis.result.error": "The visualisation failed: {reason}",
    "cvis.result.note": "The objective is the channel's mean value before its final ReLU, over all positions, for a "
                        "slightly moved, scaled and turned copy of the picture at each step — so the pattern repeats "
                        "everywhere and survives small shifts.",
    "cvis.grid.title": "A whole branch side by side",
    "cvis.grid.intro": "The first channels of a branch (or of all four) at once: compare what the 1×1, 3×3, “5×5” "
                       "and pool branches of the same block look for. Each picture is kept in the cache on its own.",
    "cvis.grid.count": "Channels per branch",
    "cvis.grid.all": "All four branches",
    "cvis.grid.start": "Start the grid",
    "cvis.grid.press_start": "Press **Start the grid** to paint {count} pictures.",
    "cvis.grid.caption": "{part} · channel {channel} ({micro})",
    "cvis.grid.row": "**{part}**",
    "cvis.patches.title": "Its strongest patches in real photos",
    "cvis.patches.intro": "Every sample photo and every photo uploaded here in this session goes through the network "
                          "once; the positions where this channel responds most are cut out with their receptive "
                          "field (the input pixels that position can see). Deep blocks see fields larger than the "
                          "photo, so their patch is most of the photo.",
    "cvis.patches.upload": "Add photos (they stay for this session)",
    "cvis.patches.count": "{n} photos: {samples} samples, {uploads} uploaded in this session (on any page; the last {keep} are kept)",
    "cvis.patches.caption": "{photo} · position ({row}, {col}) · activation {value:.3g}",
    "cvis.patches.none": "This channel stays silent (0) on every photo.",
    "cvis.patches.heat_title": "{photo}: {block} {part} channel {channel} ({micro})",
    "cvis.patches.legend": "activation",
    "cvis.patches.heat_caption": "Where the channel responds in its strongest photo: the map laid over the photo in "
                                 "the viridis colour map (dark = silent, yellow = strongest; the bar on the right gives "
                                 "the activation).",
    "cvis.patches.box_caption": "The strongest patch's receptive field in its photo (yellow box).",
}

ZH = {
    "cvis.intro": "选一个 Inception 模块中某个分支的一个通道。应用会**画出一张让这个通道尽可能活跃的图**：从淡淡的噪声开始，"
                  "一步一步地朝着提高该通道平均激活的方向修改图片（特征可视化，Olah 等，Distill 2017）。旁边是真实照片中最能激发"
                  "同一通道的图块。",
    "cvis.untrained": "**没有预训练权重：这是未训练的网络。** 它的通道什么也没学到，所以这些图对 ImageNet 毫无意义——"
                      "它们只展示方法本身如何工作。",
    "cvis.block": "模块",
    "cvis.part": "分支",
    "cvis.part.branch1": "分支 1 · 1×1",
    "cvis.part.branch2": "分支 2 · 1×1 → 3×3",
    "cvis.part.branch3": "分支 3 · 1×1 → 3×3（“5×5”）",
    "cvis.part.branch4": "分支 4 · 3×3 最大池化 → 1×1",
    "cvis.part.output": "整个模块（拼接后的输出）",
    "cvis.channel": "通道（分支内编号）",
    "cvis.channel.help": "通道在每个分支内编号为 0、1、2……；拼接后的编号显示在下方。",
    "cvis.steps": "优化步数",
    "cvis.steps.help": "步数越多，图越清晰，等待也越久。这里默认 256 步。",
    "cvis.size": "图片大小（像素）",
    "cvis.diversity": "多样性（3 张图）",
    "cvis.diversity.help": "同一个通道同时画三张图，图彼此相像时会受到惩罚：一个通道可能对几种不同的东西都有反应。",
    "cvis.names": "**本应用：** {block} · {part} · 通道 {channel}  \n"
                  "**拼接后的输出：** 第 {concat} 个通道（共 {total} 个）  \n"
                  "**Microscope / Lucid 名称：** {micro}，通道 {lucid}",
    "cvis.names.lucid_none": "（无：那里的这个分支更窄）",
    "cvis.names.whole": "**本应用：** {block} · 拼接后的输出 · 通道 {channel}（共 {total} 个）= {part} 通道 "
                        "{within}  \n**Microscope / Lucid 名称：** {micro}，通道 {lucid}",
    "cvis.microscope.title": "Microscope 与这些权重",
    "cvis.microscope.note": "OpenAI Microscope 和 Lucid 库把这个模块叫作 **{micro}**（把主干的 conv1、conv2、conv3 叫作"
                            "“conv2d0、conv2d1、conv2d2”）；它们的通道编号按同样的顺序（1×1、3×3、5×5、池化）依次数过四个分支。"
                            "**但它们的网络不是这一个。** Microscope 展示的是 Google 最初的 TensorFlow 版 GoogLeNet（没有批量归一化，"
                            "5×5 卷积）；本应用加载的 torchvision 权重是另外训练的（TF-slim 的 inception_v1，带批量归一化）。"
                            "分别训练的网络学到特征的顺序各不相同，所以 Microscope 里的神经元编号在这里并不指向同一个特征："
                            "能沿用的只有名称和编号方式。在 mixed4a 中连编号方式都不同：那里的 3×3 分支有 {lucid_4a} 个通道，"
                            "这里有 {ours_4a} 个。",
    "cvis.start": "开始",
    "cvis.stop": "停止",
    "cvis.progress": "第 {done} 步，共 {total} 步 · 目标值 {value:.3g} · {seconds:.0f} 秒",
    "cvis.progress.grid": "第 {done} 步，共 {total} 步 · {seconds:.0f} 秒",
    "cvis.queued": "等待空闲的处理器核心：这台服务器上正在运行其他可视化（{seconds:.0f} 秒）",
    "cvis.ready.title": "它想看到什么",
    "cvis.press_start": "按 **开始** 画出这个通道的图（{steps} 步，{size}×{size} 像素；靠前的模块一分钟以内，靠后的模块更久）。",
    "cvis.result.caption": "让 {block} {part} 通道 {channel} 最活跃的合成图（Microscope：{micro}；第 {n} 张，共 {count} 张）",
    "cvis.result.numbers": "达到的平均激活：{objective} · {steps} 步，用时 {seconds:.1f} 秒",
    "cvis.result.cached": "来自磁盘缓存（之前已用同样的权重和设置算过一次）。",
    "cvis.result.stopped": "在第 {done} 步（共 {total} 步）停止：一张未完成的图（不存入缓存）。",
    "cvis.result.error": "可视化失败：{reason}",
    "cvis.result.note": "目标值是该通道在最后一个 ReLU 之前、所有位置上的平均值；每一步用的是图片经过轻微平移、缩放和旋转后的副本"
                        "——所以图案在各处重复，并且经得起小的位移。",
    "cvis.grid.title": "整个分支并排",
    "cvis.grid.intro": "一次画出一个分支（或全部四个分支）的前几个通道：比较同一模块的 1×1、3×3、“5×5”和池化分支各自在找什么。"
                       "每张图都单独存入缓存。",
    "cvis.grid.count": "每个分支的通道数",
    "cvis.grid.all": "全部四个分支",
    "cvis.grid.start": "开始画网格",
    "cvis.grid.press_start": "按 **开始画网格** 画出 {count} 张图。",
    "cvis.grid.caption": "{part} · 通道 {channel}（{micro}）",
    "cvis.grid.row": "**{part}**",
    "cvis.patches.title": "真实照片中最强的图块",
    "cvis.patches.intro": "每张示例照片和本次会话中在这里上传的每张照片都会通过网络一次；把这个通道反应最强的位置连同它的感受野"
                          "（该位置能看到的输入像素）一起剪下来。深层模块的感受野比照片还大，所以它们的图块是照片的大部分。",
    "cvis.patches.upload": "添加照片（在本次会话中保留）",
    "cvis.patches.count": "{n} 张照片：{samples} 张示例，{uploads} 张是本次会话中上传的（在任何页面上传的都算；保留最近的 {keep} 张）",
    "cvis.patches.caption": "{photo} · 位置 ({row}, {col}) · 激活 {value:.3g}",
    "cvis.patches.none": "这个通道在每张照片上都保持沉默（0）。",
    "cvis.patches.heat_title": "{photo}：{block} {part} 通道 {channel}（{micro}）",
    "cvis.patches.legend": "激活",
    "cvis.patches.heat_caption": "通道在它最强的那张照片上的反应位置：特征图以 viridis 色图叠加在照片上（深色 = 沉默，黄色 = 最强；"
                                 "右侧的色条给出激活值）。",
    "cvis.patches.box_caption": "最强图块的感受野在其照片中的位置（黄框）。",
}
