"""Concept checks of the Classroom page (googlenet/concept_checks_classroom.py)."""
EN = {
    "cc.class_numbers.q": "The teacher publishes a {w}×{h} phone photo; the class photo store keeps it at {sw}×{sh} "
                          "(long side {side}). How many numbers does GoogLeNet receive from it?",
    "cc.class_numbers.explain": "The evaluation transform resizes the short side to {resize} and cuts out the centre "
                                "{crop}×{crop}; each pixel has {channels} channels (red, green, blue), which the first "
                                "convolution takes in: {channels} × {crop} × {crop} = {answer} numbers, whatever the "
                                "size of the photo.",
    "cc.class_numbers.mistake.no_channels": "{value} counts pixels; each pixel brings {channels} numbers (red, green, "
                                            "blue).",
    "cc.class_numbers.mistake.resized": "{value} is a {resize}×{resize} picture; after the resize the centre "
                                        "{crop}×{crop} is cut out, and only that is fed in.",
    "cc.class_numbers.mistake.stored": "{value} is every number of the stored {sw}×{sh} photo; the network sees only "
                                       "the {crop}×{crop} crop.",
    "cc.class_shrink.q": "Before it is stored, the {w}×{h} class photo is shrunk to {sw}×{sh}. What does that change "
                         "in what GoogLeNet sees?",
    "cc.class_shrink.opt.same_view": "Practically nothing: both become the same size before the same centre crop.",
    "cc.class_shrink.opt.smaller_view": "The network sees a smaller part of the photo.",
    "cc.class_shrink.opt.more_detail": "The original would give the network {w} columns of detail instead of {sw}.",
    "cc.class_shrink.opt.smaller_input": "The network's input becomes smaller than {crop}×{crop}.",
    "cc.class_shrink.explain": "Resizing the short side to {resize} turns both {w}×{h} and {sw}×{sh} into "
                               "{new_w}×{new_h}; the centre {crop}×{crop} keeps {share}% of the width in both cases. "
                               "Only the resampling differs slightly.",
    "cc.class_shrink.mistake.smaller_view": "The crop covers the same share of the photo ({share}% of its width): "
                                            "both versions are {new_w}×{new_h} before the crop.",
    "cc.class_shrink.mistake.more_detail": "The preprocessing shrinks either version to {new_w}×{new_h} first: the "
                                           "extra columns are averaged away before the network sees anything.",
    "cc.class_shrink.mistake.smaller_input": "The input is always {crop}×{crop}: the resize and the crop make it so, "
                                             "whatever size the stored photo has.",
}
ZH = {
    "cc.class_numbers.q": "教师发布一张 {w}×{h} 的手机照片；班级照片存储把它保存为 {sw}×{sh}（长边 {side}）。GoogLeNet "
                          "从它那里接收多少个数？",
    "cc.class_numbers.explain": "评估变换把短边缩放到 {resize}，再裁出中间的 {crop}×{crop}；每个像素有 {channels} 个通道"
                                "（红、绿、蓝），由第一个卷积层接收：{channels} × {crop} × {crop} = {answer} 个数，与照片"
                                "的尺寸无关。",
    "cc.class_numbers.mistake.no_channels": "{value} 数的是像素；每个像素带来 {channels} 个数（红、绿、蓝）。",
    "cc.class_numbers.mistake.resized": "{value} 是一张 {resize}×{resize} 的图片；缩放之后还要裁出中间的 {crop}×{crop}，"
                                        "送入网络的只有这一块。",
    "cc.class_numbers.mistake.stored": "{value} 是保存的 {sw}×{sh} 照片的全部数值；网络只看到 {crop}×{crop} 的裁剪结果。",
    "cc.class_shrink.q": "保存之前，这张 {w}×{h} 的班级照片被缩小为 {sw}×{sh}。这会改变 GoogLeNet 看到的内容吗？",
    "cc.class_shrink.opt.same_view": "几乎没有改变：两者在同样的中心裁剪之前都会变成同样的尺寸。",
    "cc.class_shrink.opt.smaller_view": "网络看到的是照片中更小的一部分。",
    "cc.class_shrink.opt.more_detail": "原图能给网络 {w} 列的细节，而不是 {sw} 列。",
    "cc.class_shrink.opt.smaller_input": "网络的输入会小于 {crop}×{crop}。",
    "cc.class_shrink.explain": "把短边缩放到 {resize} 后，{w}×{h} 和 {sw}×{sh} 都变成 {new_w}×{new_h}；两种情况下，中间的 "
                               "{crop}×{crop} 都保留宽度的 {share}%。只有重采样略有不同。",
    "cc.class_shrink.mistake.smaller_view": "裁剪覆盖照片的比例相同（宽度的 {share}%）：两个版本在裁剪之前都是 "
                                            "{new_w}×{new_h}。",
    "cc.class_shrink.mistake.more_detail": "预处理会先把任何一个版本缩小到 {new_w}×{new_h}：多出来的列在网络看到任何东西之前"
                                           "就被平均掉了。",
    "cc.class_shrink.mistake.smaller_input": "输入总是 {crop}×{crop}：缩放和裁剪保证了这一点，与保存的照片尺寸无关。",
}
