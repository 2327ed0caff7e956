"""Strings of the lessons page's concept checks (googlenet/concept_checks_lessons.py)."""

EN = {
    "cc.lessons_saving.q": "Step {n} of the 45-minute lesson: a 5×5 convolution from {cin} to {cout} channels on "
                           "{side}×{side}, first without and then with a {reduce}-channel 1×1 convolution before it. "
                           "How many times fewer multiply-adds with the 1×1? (one decimal)",
    "cc.lessons_saving.explain": "Without: 5·5·{side}·{side}·{cin}·{cout} = {naive:,}. With: "
                                 "1·1·{side}·{side}·{cin}·{reduce} = {one:,} plus 5·5·{side}·{side}·{reduce}·{cout} = "
                                 "{five:,}, together {reduced:,}. {naive:,} ÷ {reduced:,} = {ratio:.2f}.",
    "cc.lessons_saving.mistake.only_5x5": "{value} compares with the 5×5 convolution alone: the 1×1 reduction "
                                          "costs multiply-adds too.",
    "cc.lessons_saving.mistake.only_1x1": "{value} compares with the 1×1 reduction alone: the 5×5 convolution after "
                                          "it still runs.",
    "cc.lessons_channel.q": "Step {n} of the 90-minute lesson opens Inception {block}, branch {branch}, channel "
                            "{channel}. The four branches are concatenated in order; counting from 0, which channel "
                            "of the block's output is it?",
    "cc.lessons_channel.explain": "The branches before branch {branch} fill {parts} = {start} channels, so branch "
                                  "{branch} starts at channel {start}: {start} + {channel} = {answer_n} (of {total}).",
    "cc.lessons_channel.mistake.forgot_offset": "{value} is its number inside the branch: the branches before it "
                                                "come first in the concatenation.",
    "cc.lessons_channel.mistake.one_based": "{value} counts from 1: channels are numbered from 0.",
    "cc.lessons_channel.mistake.after_own": "{value} adds the branch's own channels too: it starts where the "
                                            "branches before it end.",
}

ZH = {
    "cc.lessons_saving.q": "45 分钟课程的第 {n} 步：在 {side}×{side} 上把 {cin} 个通道做 5×5 卷积得到 {cout} 个通道，"
                           "先不加、再在前面加一个 {reduce} 个通道的 1×1 卷积。加了 1×1 之后，乘加次数少了多少倍？"
                           "（保留一位小数）",
    "cc.lessons_saving.explain": "不加：5·5·{side}·{side}·{cin}·{cout} = {naive:,}。加上：1·1·{side}·{side}·{cin}·"
                                 "{reduce} = {one:,}，再加 5·5·{side}·{side}·{reduce}·{cout} = {five:,}，合计 "
                                 "{reduced:,}。{naive:,} ÷ {reduced:,} = {ratio:.2f}。",
    "cc.lessons_saving.mistake.only_5x5": "{value} 只和 5×5 卷积比较了：1×1 降维也要花乘加次数。",
    "cc.lessons_saving.mistake.only_1x1": "{value} 只和 1×1 降维比较了：其后的 5×5 卷积仍然要算。",
    "cc.lessons_channel.q": "90 分钟课程的第 {n} 步打开 Inception {block} 的分支 {branch}、通道 {channel}。四个分支按顺序"
                            "拼接；从 0 开始数，它是该模块输出的第几个通道？",
    "cc.lessons_channel.explain": "分支 {branch} 之前的分支占 {parts} = {start} 个通道，所以分支 {branch} 从第 {start} "
                                  "个通道开始：{start} + {channel} = {answer_n}（共 {total} 个）。",
    "cc.lessons_channel.mistake.forgot_offset": "{value} 是它在分支内的编号：拼接时它之前的分支排在前面。",
    "cc.lessons_channel.mistake.one_based": "{value} 是从 1 开始数的：通道从 0 开始编号。",
    "cc.lessons_channel.mistake.after_own": "{value} 把该分支自己的通道也加上了：它从之前各分支结束的地方开始。",
}
