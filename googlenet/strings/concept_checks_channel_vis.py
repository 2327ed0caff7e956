"""Concept checks of the page "What a channel wants to see" (googlenet/concept_checks_channel_vis.py)."""
EN = {
    "cc.cvis_microscope.q": "OpenAI Microscope names a channel “{micro}, channel {index}”: a number counted through the "
                            "concatenated output of block {block}, whose branches have {w1}, {w2}, {w3} and {w4} "
                            "channels in that order. Which channel of its branch is it (counting from 0)?",
    "cc.cvis_microscope.explain": "{index} − {start} = {channel}: channel {channel} of branch {branch} (branch 1 "
                                  "fills 0–{last1}, branch 2 starts at {start}). Same numbering here — but not the "
                                  "same weights, so not the same feature as in Microscope.",
    "cc.cvis_microscope.mistake.not_split": "{value} is the number in the concatenated output; within its branch the "
                                            "earlier branches' {start} channels come off.",
    "cc.cvis_microscope.mistake.one_based": "{value} counts from 1; channels are numbered from 0, so it is {answer}.",
    "cc.cvis_microscope.mistake.with_reduce": "{value} also subtracts the 3×3 branch's {reduce} reduce channels: the "
                                              "1×1 reduction happens inside the branch and never reaches the "
                                              "concatenated output.",
    "cc.cvis_truncation.q": "To visualise a channel of block {block}'s branch {branch} on a {size}×{size} picture, the "
                            "optimiser runs only the stem and that one branch. What percentage of a whole forward "
                            "pass's multiply-adds is that? One decimal.",
    "cc.cvis_truncation.explain": "Stem {stem:,} + branch {branch:,} (on its {side}×{side} map) = {pct:.1f}% of "
                                  "{total:,} multiply-adds. The cheap target still pays for the stem, the costliest "
                                  "part of the network; a channel of block 5b would need almost the whole pass.",
    "cc.cvis_truncation.mistake.no_stem": "{value}% is the branch alone; its input has to be computed first, by the "
                                          "stem ({stem_pct:.1f}%).",
    "cc.cvis_truncation.mistake.stem_only": "{value}% is the stem alone; the branch itself adds {branch_pct:.1f}%.",
    "cc.cvis_truncation.mistake.one_of_nine": "{value}% would be one block of {blocks} if all cost the same; they do "
                                              "not, and the stem comes first.",
}

ZH = {
    "cc.cvis_microscope.q": "OpenAI Microscope 把一个通道称为“{micro}，通道 {index}”：这个编号是在模块 {block} 拼接后的输出中"
                            "依次数出来的，该模块各分支依次有 {w1}、{w2}、{w3}、{w4} 个通道。它是所在分支的第几个通道（从 0 数起）？",
    "cc.cvis_microscope.explain": "{index} − {start} = {channel}：分支 {branch} 的通道 {channel}（分支 1 占 0 到 {last1}，"
                                  "分支 2 从 {start} 开始）。这里的编号方式相同——但权重不同，所以不是 Microscope 中的同一个特征。",
    "cc.cvis_microscope.mistake.not_split": "{value} 是拼接后输出中的编号；在分支内要减去前面分支的 {start} 个通道。",
    "cc.cvis_microscope.mistake.one_based": "{value} 是从 1 数起的；通道从 0 编号，所以是 {answer}。",
    "cc.cvis_microscope.mistake.with_reduce": "{value} 还减去了 3×3 分支的 {reduce} 个降维通道：1×1 降维发生在分支内部，"
                                              "从不进入拼接后的输出。",
    "cc.cvis_truncation.q": "要在 {size}×{size} 的图片上可视化模块 {block} 分支 {branch} 的一个通道，优化器只运行主干和这一个分支。"
                            "这占完整一次前向传播乘加次数的百分之几？保留一位小数。",
    "cc.cvis_truncation.explain": "主干 {stem:,} + 分支 {branch:,}（在它的 {side}×{side} 特征图上）= {total:,} 次乘加中的 "
                                  "{pct:.1f}%。便宜的目标仍要付出主干的代价，而主干是网络中最贵的部分；5b 模块的通道则几乎需要整次前向传播。",
    "cc.cvis_truncation.mistake.no_stem": "{value}% 只是这个分支；它的输入必须先由主干算出（{stem_pct:.1f}%）。",
    "cc.cvis_truncation.mistake.stem_only": "{value}% 只是主干；分支本身还要再加 {branch_pct:.1f}%。",
    "cc.cvis_truncation.mistake.one_of_nine": "{value}% 是假如 {blocks} 个模块代价都相同时的一个模块；实际并不相同，而且主干在最前面。",
}
