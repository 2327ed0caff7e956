"""Concept checks ("Check yourself" at the foot of every page): questions, options, feedback on named mistakes, and
the explanations. Every number is a placeholder filled from googlenet.concept_checks (computed, never typed)."""

EN = {
    "cc.title": "Check yourself",
    "cc.intro": "Predict first, then check: every answer below is computed from the model, not typed in.",
    "cc.your_answer": "Your prediction",
    "cc.placeholder": "a number, then Enter",
    "cc.not_a_number": "“{text}” is not a number; write it like 1,024 or 6.6.",
    "cc.answer_first": "Answer first: the explanation appears once you have.",
    "cc.right": "Right!",
    "cc.too_small": "{value} is too small.",
    "cc.too_big": "{value} is too big.",
    "cc.answer": "**Answer:** {answer}",
    "cc.computing": "Computing the answer…",

    # home
    "cc.home_passes.q": "The paper's headline result, a top-5 error of {error}%, came from an ensemble. How many "
                        "forward passes per test image did it take?",
    "cc.home_passes.explain": "{models} models × {crops} crops = {answer} passes per image for {error}% (paper, "
                              "Table 3). One model on one crop: {single}%; one model on {crops} crops: "
                              "{crops_error}%; {models} models on one crop each: {models_error}%.",
    "cc.home_passes.mistake.one_pass": "One pass (one model, one crop) gives {single}% in the paper's Table 3, not "
                                       "{error}%.",
    "cc.home_passes.mistake.crops_only": "{value} is one model on {crops} crops ({crops_error}%); the headline also "
                                         "averages {models} models.",
    "cc.home_passes.mistake.models_only": "{value} is {models} models on one crop each ({models_error}%); each of "
                                          "them also saw {crops} crops.",
    "cc.home_params.q": "How many parameters has torchvision's GoogLeNet — the network whose pretrained weights "
                        "this app loads, without its two auxiliary classifiers? In millions, one decimal.",
    "cc.home_params.explain": "Counted layer by layer on the model: {exact:,} parameters (BatchNorm's included). "
                              "The paper's variant (biases instead of BatchNorm, 5×5 convolutions in branch 3) has "
                              "{paper:,}; with torchvision's two auxiliary classifiers it would be {with_aux:,}.",
    "cc.home_params.mistake.paper_table": "{value} million is the paper's Table 1 added up as printed ({table_sum:,}): "
                                          "a rounded table of the 2014 network, not the model these weights belong to.",
    "cc.home_params.mistake.paper_variant": "{value} million is the paper's variant counted exactly ({paper:,}): "
                                            "biases instead of BatchNorm, 5×5 convolutions in branch 3. "
                                            "torchvision's model differs.",
    "cc.home_params.mistake.with_aux": "{value} million counts the two auxiliary classifiers too ({with_aux:,}): they "
                                       "serve only in training, and torchvision drops them when it loads the weights.",
    "cc.home_params.mistake.alexnet": "{value} million is AlexNet ({alexnet:,}). GoogLeNet is far smaller.",

    # history
    "cc.history_bn.q": "How many BatchNorm layers has GoogLeNet as the 2014 paper describes it?",
    "cc.history_bn.explain": "Counted on the paper's variant: {answer}. BatchNorm arrived in February 2015 with "
                             "BN-Inception (“Inception v2”). torchvision's GoogLeNet has {torchvision}, one after every "
                             "convolution: its weights were trained later (ported from TF-slim's inception_v1), for "
                             "that variant.",
    "cc.history_bn.mistake.torchvision": "{value} is torchvision's GoogLeNet, with BatchNorm after each convolution. "
                                         "The 2014 network had none: BatchNorm was published in 2015.",
    "cc.history_two_3x3.q": "BN-Inception (2015) replaced each 5×5 convolution by two 3×3 convolutions in a row "
                            "(C channels in and out at each step). What percentage of the 5×5 convolution's weights "
                            "do the two 3×3 need? One decimal.",
    "cc.history_two_3x3.explain": "A 5×5 convolution has {five}·C·C weights, two 3×3 have 2·{three}·C·C: {pct}% of "
                                  "that. Together they still see a {field}×{field} patch (receptive field computed "
                                  "layer by layer), with one more ReLU in between.",
    "cc.history_two_3x3.mistake.one_3x3": "{value}% is one 3×3 convolution: it sees only 3×3. Two in a row are "
                                          "needed to see 5×5.",
    "cc.history_two_3x3.mistake.sides": "{value}% compares the kernel sides (3 + 3 against 5): weights grow with "
                                        "the kernel's area, k·k.",
    "cc.history_two_3x3.mistake.inverse": "{value}% is the 5×5 measured against the two 3×3: the other way round.",

    # architecture
    "cc.arch_4e_channels.q": "Inception 4e receives {in_channels} channels. Its branches: #1×1 {n1x1}; #3×3 reduce "
                             "{n3x3_reduce} → #3×3 {n3x3}; #5×5 reduce {n5x5_reduce} → #5×5 {n5x5}; pool proj "
                             "{pool_proj}. How many channels does 4e output?",
    "cc.arch_4e_channels.explain": "{n1x1} + {n3x3} + {n5x5} + {pool_proj} = {out}: the four branches' outputs are "
                                   "concatenated along the channel axis. The reduce layers sit inside their branches; "
                                   "their outputs never reach the concatenation. The model's 4e output: {shape} "
                                   "(channels × H × W).",
    "cc.arch_4e_channels.mistake.added_reduces": "{value} adds the reduce layers ({n3x3_reduce}, {n5x5_reduce}) "
                                                 "too: they feed the #3×3 and #5×5 convolutions and are not part "
                                                 "of the output.",
    "cc.arch_4e_channels.mistake.input_channels": "{value} is 4e's input. A block's output width is set by its "
                                                  "branches, not by its input.",
    "cc.arch_4e_channels.mistake.naive_pool": "{value} lets the pool branch pass all {in_channels} input channels "
                                              "through: that is the naive module. With its 1×1 projection the pool "
                                              "branch gives {pool_proj}.",
    "cc.arch_4e_channels.mistake.input_plus": "{value} passes the input on beside the branches. Inception's output "
                                              "is the four branches only.",
    "cc.arch_gap_weights.q": "inception5b outputs {c} feature maps of {h}×{w}. GoogLeNet averages each map to one "
                             "number (global average pooling) before its last linear layer to {classes} classes. If "
                             "it flattened the maps instead, how many weights would that linear layer need (biases "
                             "aside)?",
    "cc.arch_gap_weights.explain": "{c}·{h}·{w} inputs × {classes} outputs = {flat:,} weights: {times:.0f}× the "
                                   "{gap:,} the real layer needs after global average pooling, and {vs_network:.1f}× "
                                   "the whole network ({network:,} parameters).",
    "cc.arch_gap_weights.mistake.with_gap": "{value} is the layer GoogLeNet really has, after global average pooling "
                                            "({c} numbers in). Flattened, each of the {h}×{w} positions brings its "
                                            "own {c} numbers.",
    "cc.arch_gap_weights.mistake.one_side": "{value} counts one side of the map only: a {h}×{w} map has {h}·{w} "
                                            "positions.",
    "cc.arch_gap_weights.mistake.no_classes": "{value} is the number of inputs ({c}·{h}·{w}); each of the "
                                              "{classes} outputs needs its own weight for every input.",
    "cc.arch_depth.q": "Counting only layers with parameters (convolutions and the linear layer) along the longest "
                       "path from the input to the output, how many layers deep is GoogLeNet?",
    "cc.arch_depth.explain": "{stem} stem convolutions (conv1, conv2, conv3) + {blocks} blocks × 2 (a 1×1 reduce, "
                             "then a 3×3 or 5×5; parallel branches lie side by side, not one after another) + 1 linear "
                             "layer = {layers}, found by walking the model. With the pooling layers: {with_pools}. The "
                             "network holds {convs} convolutions in all.",
    "cc.arch_depth.mistake.with_pools": "{value} counts the pooling layers too; “22 layers” counts only layers with "
                                        "parameters.",
    "cc.arch_depth.mistake.every_conv": "{value} counts every convolution ({convs}) and the linear layer, but a "
                                        "block's four branches run side by side: depth is the longest path.",
    "cc.arch_depth.mistake.blocks_once": "{value} counts each Inception block as one layer; its deepest branch has "
                                         "two convolutions in a row.",

    # inception_lab
    "cc.lab_padding.q": "Branch 3 of the paper's Inception module runs a 5×5 convolution, stride 1, on a "
                        "{side}×{side} map. What padding keeps the output {side}×{side}, so that it can be "
                        "concatenated with the other branches?",
    "cc.lab_padding.explain": "Output side = (H + 2p − k)/s + 1 = ({side} + 2·{p} − {k})/1 + 1 = {side}, so "
                              "p = (k − 1)/2 = {p}. The paper variant's model has padding={p} on that convolution.",
    "cc.lab_padding.mistake.kernel": "Padding {value} gives an output of {out}: the padding is added on both sides, "
                                     "so half of k − 1 on each side is enough.",
    "cc.lab_padding.mistake.k_minus_1": "Padding {value} gives {out}: k − 1 is what both sides need together, not "
                                        "each side.",
    "cc.lab_padding.mistake.three_by_three": "Padding {value} is the 3×3 convolution's; here it gives {out}.",
    "cc.lab_padding.mistake.none": "Without padding the 5×5 convolution loses 2 pixels on each side: {out}×{out}, "
                                   "which cannot be concatenated with {side}×{side} maps.",
    "cc.lab_branch_macs.q": "In 3a ({c} channels in, {side}×{side}) the 3×3 branch is a 1×1 conv {c}→{old} (#3×3 "
                            "reduce), then a 3×3 conv {old}→{o}. Change the reduce from {old} to {r}: how many "
                            "multiply-adds does the branch cost now?",
    "cc.lab_branch_macs.explain": "1×1: 1·1·{c}·{r}·{side}·{side} = {reduce_part:,}; 3×3: "
                                  "3·3·{r}·{o}·{side}·{side} = {conv_part:,}; together {macs:,} (with the reduce of "
                                  "{old}: {old_macs:,}).",
    "cc.lab_branch_macs.mistake.forgot_area": "{value} is the cost of one output position: multiply by the "
                                              "{side}·{side} positions of the map.",
    "cc.lab_branch_macs.mistake.input_channels": "{value} gives the 3×3 conv all {c} input channels; it sees only "
                                                 "the {r} channels of the reduce.",
    "cc.lab_branch_macs.mistake.forgot_reduce": "{value} is the 3×3 conv alone; the 1×1 reduce costs "
                                                "{reduce_part:,} too.",
    "cc.lab_branch_macs.mistake.old_reduce": "{value} is the branch with the old reduce of {old}.",
    "cc.lab_branch_macs.mistake.forgot_kernel": "{value} leaves out the 3·3 of the 3×3 kernel: every output sums "
                                                "over 3·3·{r} inputs.",
    "cc.lab_1x1_params.q": "How many weights (biases aside) has the 1×1 conv {c}→{r} (3a's #5×5 reduce), working "
                           "on a {side}×{side} map?",
    "cc.lab_1x1_params.explain": "1·1·{c}·{r} = {params:,}: one weight per input channel per output channel. The "
                                 "map's size changes the work ({macs:,} multiply-adds), not the weights.",
    "cc.lab_1x1_params.mistake.times_area": "{value} is the multiply-add count: the same {params:,} weights are "
                                            "used again at each of the {side}·{side} positions.",
    "cc.lab_1x1_params.mistake.kernel_25": "{value} is a 5×5 convolution's count; the reduce is 1×1: one weight "
                                           "per pair of channels.",
    "cc.lab_1x1_params.mistake.with_biases": "{value} includes the {r} biases; the question leaves them aside.",

    # spot_the_bug
    "cc.bug_aux_softmax.q": "An article's auxiliary classifier ends with nn.Softmax, and its output goes into "
                            "nn.CrossEntropyLoss. What goes wrong?",
    "cc.bug_aux_softmax.opt.fine": "Nothing: cross-entropy needs probabilities.",
    "cc.bug_aux_softmax.opt.double": "Softmax is applied twice: CrossEntropyLoss applies log-softmax itself, so the "
                                     "loss can no longer reach 0 and its gradients almost vanish.",
    "cc.bug_aux_softmax.opt.crash": "PyTorch raises an error.",
    "cc.bug_aux_softmax.opt.eval_only": "Only the predictions at test time suffer.",
    "cc.bug_aux_softmax.explain": "Computed with {classes} classes: a confident, right prediction costs "
                                  "{loss_raw:.4f} on raw logits but {loss_twice:.2f} after the extra softmax; with the "
                                  "bug the loss never goes below {floor:.2f}, however right the network is. For a "
                                  "confidently wrong prediction the gradient is {shrink:.1e} times smaller: the head "
                                  "hardly learns. Return raw logits.",
    "cc.bug_aux_softmax.mistake.fine": "CrossEntropyLoss expects raw logits and applies log-softmax itself; given "
                                       "probabilities, it applies a second softmax.",
    "cc.bug_aux_softmax.mistake.crash": "No error: the shapes are right, so the mistake is silent. That is what "
                                        "makes it dangerous.",
    "cc.bug_aux_softmax.mistake.eval_only": "It hurts training: the auxiliary heads exist only for training, and "
                                            "their loss is what goes wrong.",
    "cc.bug_inception_a.q": "In an article's Inception-A block the 3×3 branch starts from branch5x5_1's output "
                            "instead of branch3x3_1's. What happens?",
    "cc.bug_inception_a.opt.crash": "RuntimeError: the channel counts do not match.",
    "cc.bug_inception_a.opt.silent": "It runs with the right output shape, but branch3x3_1 is never used: its "
                                     "weights never learn.",
    "cc.bug_inception_a.opt.fewer_channels": "It runs, but the block outputs fewer channels.",
    "cc.bug_inception_a.opt.same": "No difference: the two 1×1 convolutions do the same job.",
    "cc.bug_inception_a.explain": "Computed: both 1×1 convolutions output {reduce_5} channels, so the wiring fits "
                                  "and nothing is raised; the block outputs {out_channels} channels, as intended. "
                                  "After a backward pass branch3x3_1 has no gradient: its {unused_params} parameters "
                                  "never change, and the 3×3 path shares its input with the 5×5 path.",
    "cc.bug_inception_a.mistake.crash": "Both 1×1 convolutions output {reduce_5} channels, so the shapes fit: no "
                                        "error. Bugs that do not crash are the ones to look for.",
    "cc.bug_inception_a.mistake.fewer_channels": "The output has {out_channels} channels, as intended: only where "
                                                 "the 3×3 path starts has changed.",
    "cc.bug_inception_a.mistake.same": "Same kind of job, different weights: with the bug branch3x3_1 gets no "
                                       "gradient ({unused_params} parameters never learn) and the two paths share "
                                       "one input.",

    # family
    "cc.family_alexnet.q": "Counted on torchvision's models: AlexNet has how many times as many parameters as "
                           "GoogLeNet? One decimal.",
    "cc.family_alexnet.explain": "AlexNet {alexnet:,} ÷ GoogLeNet {googlenet:,} = {times:.1f}. The paper says "
                                 "“{claim} times fewer”, against its own 2014 counts. VGG-16 has {times_vgg:.1f} times as "
                                 "many as GoogLeNet.",
    "cc.family_alexnet.mistake.paper_claim": "{value} is the paper's claim. Counted on the models torchvision ships "
                                             "it is {times:.1f}.",
    "cc.family_alexnet.mistake.vgg": "{value} is VGG-16 ({vgg:,} parameters) against GoogLeNet; AlexNet has fewer.",
    "cc.family_fc_share.q": "Which keeps the larger share of its parameters in fully connected (linear) layers: "
                            "GoogLeNet or MobileNet v2?",
    "cc.family_fc_share.opt.googlenet": "GoogLeNet",
    "cc.family_fc_share.opt.mobilenet_v2": "MobileNet v2",
    "cc.family_fc_share.opt.same": "About the same",
    "cc.family_fc_share.explain": "Counted layer by layer: GoogLeNet {googlenet:.1f}%, MobileNet v2 "
                                  "{mobilenet_v2:.1f}%. MobileNet v2's convolutions are so cheap that its single "
                                  "final linear layer is a large part of a small total.",
    "cc.family_fc_share.mistake.googlenet": "Later networks did not push this share further down: GoogLeNet "
                                            "{googlenet:.1f}%, MobileNet v2 {mobilenet_v2:.1f}%.",
    "cc.family_fc_share.mistake.same": "They differ a lot: GoogLeNet {googlenet:.1f}%, MobileNet v2 "
                                       "{mobilenet_v2:.1f}%.",

    # classify
    "cc.classify_top5.q": "torchvision's GoogLeNet: top-1 accuracy {top1}%, top-5 accuracy {top5}% on ImageNet's "
                          "validation photos (its weights' metadata). For what percentage of the photos is the right "
                          "class among the five best guesses but not the first? Two decimals.",
    "cc.classify_top5.explain": "Top-5 counts a photo as right when the true class is anywhere among the five "
                                "highest scores; top-1 only when it is the first. {top5}% − {top1}% = {share:.2f}% of "
                                "the photos are right in top-5 only.",
    "cc.classify_top5.mistake.top5": "{value}% is the top-5 accuracy itself: it includes the {top1}% whose first "
                                     "guess is right.",
    "cc.classify_top5.mistake.top5_error": "{value}% is the top-5 error: photos whose class is not among the five "
                                           "at all.",
    "cc.classify_top5.mistake.top1_error": "{value}% is the top-1 error: it also counts photos whose class is not "
                                           "among the five at all.",
    "cc.classify_top5.mistake.top1": "{value}% is the top-1 accuracy: the first guess is right.",
    "cc.classify_shift.q": "Add 5 to every one of the 1000 logits. What happens to the probabilities (softmax)?",
    "cc.classify_shift.opt.all_rise": "They all rise.",
    "cc.classify_shift.opt.unchanged": "Nothing: they stay the same.",
    "cc.classify_shift.opt.top_rises": "The largest one rises the most.",
    "cc.classify_shift.opt.sum_changes": "They no longer add up to 1.",
    "cc.classify_shift.explain": "softmax(z + 5) = e⁵·e^z / (e⁵·Σe^z) = softmax(z): the factor e⁵ ≈ {exp5:.0f} "
                                 "cancels. Computed on 1000 random logits: the largest change is {change:.1e} "
                                 "(rounding). Only the differences between logits matter.",
    "cc.classify_shift.mistake.all_rise": "They cannot all rise: they always add up to 1. e⁵ multiplies every term, "
                                          "above and below the fraction bar.",
    "cc.classify_shift.mistake.top_rises": "Every exponential is multiplied by the same e⁵, so their ratios stay "
                                           "the same.",
    "cc.classify_shift.mistake.sum_changes": "Softmax always divides by the sum, so the probabilities add up to 1 "
                                             "whatever the logits.",

    # preprocessing
    "cc.prep_eval.q": "“Resize the short side to {resize}, cut out the centre {crop}×{crop}”: where does this step "
                      "come from?",
    "cc.prep_eval.opt.paper_training": "The paper's training recipe.",
    "cc.prep_eval.opt.eval": "torchvision's evaluation transform for these weights.",
    "cc.prep_eval.opt.both": "Training and evaluation alike.",
    "cc.prep_eval.opt.any_size": "The network accepts nothing but {crop}×{crop}.",
    "cc.prep_eval.explain": "It is the evaluation transform torchvision ships with the weights: applied twice to the "
                            "same picture it gives the same tensor (checked just now), nothing random. The paper "
                            "trained on random crops covering 8–100% of the image, aspect ratio 3/4–4/3, with "
                            "photometric distortions.",
    "cc.prep_eval.mistake.paper_training": "The paper trained on random crops (8–100% of the area, aspect ratio "
                                           "3/4–4/3) with photometric distortions; a fixed centre crop would show the "
                                           "network the same view in every epoch.",
    "cc.prep_eval.mistake.both": "Training uses random crops; a fixed centre crop, with nothing random in it, is "
                                 "for evaluation.",
    "cc.prep_eval.mistake.any_size": "Thanks to global average pooling GoogLeNet also runs on other sizes (try the "
                                     "architecture page's input size); {crop}×{crop} is the size the weights were "
                                     "evaluated at.",
    "cc.prep_crop.q": "A {w}×{h} photo goes through “resize the short side to {resize}” and a centre crop of "
                      "{crop}×{crop}. What percentage of the photo's width ends up in the crop? One decimal.",
    "cc.prep_crop.explain": "The short side {h} becomes {resize}, so the width {w} becomes {new_w}; the crop keeps "
                            "{crop} of those {new_w} columns: {answer}%. The strips left and right are never seen.",
    "cc.prep_crop.mistake.no_resize": "{value}% is {crop} of the original {w} columns, but the photo is resized "
                                      "first (width {w} → {new_w}).",
    "cc.prep_crop.mistake.height": "{value}% is the share of the height ({crop} of {new_h}).",
    "cc.prep_crop.mistake.area": "{value}% is the share of the area; the question asks about the width.",

    # feature_maps
    "cc.fm_branch_start.q": "inception4c concatenates its branches in the order #1×1 ({n1x1}), #3×3 ({n3x3}), "
                            "#5×5 ({n5x5}), pool proj ({pool_proj}); its #3×3 reduce has {n3x3_reduce}. Counting "
                            "from 0, which is the first channel of branch 3 (#5×5)?",
    "cc.fm_branch_start.explain": "Branch 3 comes after the #1×1 and #3×3 outputs: {n1x1} + {n3x3} = "
                                  "{start}. It owns channels {start}…{stop} (the end not included).",
    "cc.fm_branch_start.mistake.used_reduce": "{value} adds the #3×3 reduce ({n3x3_reduce}); the reduce's output "
                                              "stays inside its branch. The #3×3 output ({n3x3}) is what is "
                                              "concatenated.",
    "cc.fm_branch_start.mistake.one_based": "{value} counts from 1; PyTorch counts channels from 0.",
    "cc.fm_branch_start.mistake.end": "{value} is where branch 3 ends (the first pool proj channel).",
    "cc.fm_branch_start.mistake.second": "{value} is where branch 2 (#3×3) starts.",
    "cc.fm_side.q": "A {input}×{input} picture goes in. How many pixels per side has each feature map of "
                    "inception4c?",
    "cc.fm_side.explain": "{input} / {jump} = {side}: conv1 and the max pools before 4c have stride 2 each, {jump} "
                          "together; the Inception blocks keep the size. Read from the model's shapes.",
    "cc.fm_side.mistake.one_less": "{value} is the size in blocks 3a and 3b; another max pool comes before 4a.",
    "cc.fm_side.mistake.one_more": "{value} is the size of 5a and 5b; 4c comes before the last max pool.",
    "cc.fm_side.mistake.input": "The Inception blocks keep the size, but conv1 and the max pools do not.",

    # receptive_field
    "cc.rf_pool1.q": "conv1 is a {k1}×{k1} convolution with stride {s1}; maxpool1 after it is {pool_k}×{pool_k} "
                     "with stride {pool_s}. How many input pixels per side can one output of maxpool1 see?",
    "cc.rf_pool1.explain": "conv1: field {rf1}, neighbouring outputs {jump1} pixels apart. maxpool1 spans {pool_k} "
                           "conv1 outputs: rf_out = rf_in + (k − 1)·jump_in = {rf1} + ({pool_k} − 1)·{jump1} = {rf}.",
    "cc.rf_pool1.mistake.no_jump": "{value} = {rf1} + ({pool_k} − 1): but neighbouring conv1 outputs are {jump1} "
                                   "pixels apart, so each extra step widens the view by {jump1}.",
    "cc.rf_pool1.mistake.multiplied": "{value} multiplies; fields add up: rf_in + (k − 1)·jump_in.",
    "cc.rf_pool1.mistake.kernel_sum": "{value} adds the pool's whole kernel; the field grows by (k − 1)·jump.",
    "cc.rf_two_3x3.q": "Two 3×3 convolutions, stride 1, one after the other. How many input pixels per side can one "
                       "output of the second see?",
    "cc.rf_two_3x3.explain": "Each 3×3 adds 3 − 1 = 2 pixels to the field: 1 + 2 + 2 = {rf}. Three in a row see "
                             "{three}×{three}. This is the idea behind VGG's stacks and BN-Inception's two 3×3 in "
                             "place of one 5×5.",
    "cc.rf_two_3x3.mistake.sum": "{value} adds the kernel sides, but the two windows overlap: each 3×3 adds only "
                                 "2 pixels.",
    "cc.rf_two_3x3.mistake.product": "{value} multiplies; at stride 1 fields grow by adding k − 1 per layer.",

    # ablation
    "cc.abl_block_off.q": "On this page, switch off all four branches of inception 3b. What does the network then "
                          "do with different photos?",
    "cc.abl_block_off.opt.bypass": "It skips 3b and still recognises the photos, a little worse.",
    "cc.abl_block_off.opt.same_prediction": "Every photo gets the same prediction.",
    "cc.abl_block_off.opt.random": "The predictions become random, different for every photo.",
    "cc.abl_block_off.opt.small_drop": "Accuracy drops a little; the other blocks make up for it.",
    "cc.abl_block_off.explain": "3b's output is all zeros, and there is no path around a block: everything after it "
                                "no longer depends on the photo. Computed with GoogLeNet (random weights, this page's "
                                "switch): two very different pictures differ by up to {intact_diff:.2f} in their "
                                "logits when the network is intact, by {off_diff:.1g} with {block} off: the same top "
                                "class (#{class}) for both.",
    "cc.abl_block_off.mistake.bypass": "GoogLeNet has no path around a block (ResNet's skip connections came later): "
                                       "3b's zeros are all 4a gets.",
    "cc.abl_block_off.mistake.random": "Nothing random is left: with 3b silent, what follows gets the same zeros for "
                                       "every photo and computes the same thing.",
    "cc.abl_block_off.mistake.small_drop": "Not a little: every later layer becomes independent of the image, so "
                                           "every photo gets the same prediction.",
    "cc.abl_channels.q": "inception4a outputs {out} channels. Its 3×3 branch is a 1×1 reduce to {n3x3_reduce} "
                         "channels, then a 3×3 conv to {n3x3}. Switch that branch off: how many of the {out} output "
                         "channels go dark?",
    "cc.abl_channels.explain": "Only the branch's output reaches the concatenation: channels {first}…{last} "
                               "({off} of {total}) become zero. The reduce's {n3x3_reduce} channels are inside the "
                               "branch.",
    "cc.abl_channels.mistake.reduce": "{value} is the reduce layer's width, inside the branch. The branch's output, "
                                      "#3×3, is what goes dark.",
    "cc.abl_channels.mistake.both": "{value} adds the reduce; only the #3×3 output ({n3x3}) is part of 4a's output.",

    # gradcam
    "cc.cam_weights.q": "Grad-CAM adds up a layer's feature maps, each with a weight. What is a map's weight?",
    "cc.cam_weights.opt.activation_mean": "The map's own average activation.",
    "cc.cam_weights.opt.gradient_mean": "The gradient of the class score with respect to the map, averaged over the "
                                        "map.",
    "cc.cam_weights.opt.fc_weight": "The last linear layer's weight for the class.",
    "cc.cam_weights.opt.probability": "The class's probability.",
    "cc.cam_weights.explain": "α_k = the mean over the map of ∂y_c/∂A_k; the heat map is ReLU(Σ α_k·A_k). Computed "
                              "at inception5b ({channels} maps of {side}×{side}), right before global average "
                              "pooling: there the α_k equal the linear layer's weights for the class ÷ {side}·{side} "
                              "(largest difference {max_diff:.1e}), so there Grad-CAM matches the original CAM up to "
                              "a constant factor and the ReLU. At earlier layers only the gradient gives the weights.",
    "cc.cam_weights.mistake.activation_mean": "That weight would not depend on the class: every class would get the "
                                              "same heat map.",
    "cc.cam_weights.mistake.fc_weight": "Only at the last block: there, computed, α_k equal the linear layer's "
                                        "weights ÷ {side}·{side}. Other layers have no such weights; the gradient "
                                        "generalises them.",
    "cc.cam_weights.mistake.probability": "One number for the whole layer cannot weigh the maps differently.",
    "cc.cam_cell.q": "At inception5b the Grad-CAM map is {side}×{side}, stretched over the {input}×{input} picture. "
                     "How many input pixels apart are the centres of two neighbouring cells?",
    "cc.cam_cell.explain": "The strides before 5b multiply to {jump}: neighbouring cells are {jump} pixels apart "
                           "({side} × {jump} = {input}). Each cell's receptive field is far larger ({rf}×{rf}, more "
                           "than the picture), but its centre moves in steps of {jump}.",
    "cc.cam_cell.mistake.map_side": "{value} is the map's side; the question asks for a distance in input pixels.",
    "cc.cam_cell.mistake.field": "{value} is the receptive field: how far a cell can see, not how far apart cells "
                                 "are.",
    "cc.cam_cell.mistake.four": "{value} is the spacing at 4e; the max pool before 5a doubles it.",

    # training
    "cc.train_total.q": "In a training step the main classifier's loss is {main} and each auxiliary classifier's "
                        "loss is {aux}. What total loss does backpropagation start from? Two decimals.",
    "cc.train_total.explain": "total = main + {w}·(aux1 + aux2) = {main} + {w}·({aux} + {aux}) = {total:.2f}. The "
                              "paper adds the auxiliary losses with this discount weight; at test time the heads do "
                              "not run.",
    "cc.train_total.mistake.one_aux": "{value} counts one auxiliary head; GoogLeNet has {heads}, after 4a and 4d.",
    "cc.train_total.mistake.unweighted": "{value} adds the auxiliary losses at full weight; the paper discounts them "
                                         "by {w}.",
    "cc.train_total.mistake.weighted_all": "{value} discounts the main loss as well; only the auxiliary losses are "
                                           "multiplied by {w}.",
    "cc.train_total.mistake.average": "{value} averages the three; the paper adds them, the auxiliary ones times "
                                      "{w}.",
    "cc.train_eval.q": "A trained GoogLeNet classifies a photo (eval mode). What do the auxiliary classifiers "
                       "contribute?",
    "cc.train_eval.opt.averaged": "Their predictions are averaged with the main one.",
    "cc.train_eval.opt.nothing": "Nothing: they do not run.",
    "cc.train_eval.opt.weighted": "They are added with weight {w}.",
    "cc.train_eval.opt.vote": "The three classifiers vote.",
    "cc.train_eval.explain": "Computed on the model: in training mode a forward pass runs {train_ran} auxiliary heads "
                             "and returns {train_outputs} outputs; in eval mode it runs {eval_ran} and returns "
                             "{eval_outputs}, the main logits. The heads exist only to help training.",
    "cc.train_eval.mistake.averaged": "In eval mode they do not even run: computed, {eval_ran} heads run and the "
                                      "model returns only the main logits.",
    "cc.train_eval.mistake.weighted": "That weight belongs to the training loss; at test time the heads do not run.",
    "cc.train_eval.mistake.vote": "In eval mode only the main classifier runs.",
    "cc.glossary_word.q": "One concept, one word: which Chinese word does this app use for “{en}” (the branches' "
                          "outputs joined along the channel axis)?",
    "cc.glossary_word.opt.zh": "{zh}",
    "cc.glossary_word.opt.d2l": "{d2l}",
    "cc.glossary_word.opt.avoid0": "{avoid0}",
    "cc.glossary_word.opt.avoid1": "{avoid1}",
    "cc.glossary_word.explain": "The app writes {zh}. 《动手学深度学习》 (d2l-zh, 2nd ed.) writes {d2l}: the app may put it "
                                "beside {zh}, never alone. {avoid0} and {avoid1} are avoided: in Chinese texts they "
                                "also name other things, and one concept should have one word.",
    "cc.glossary_word.mistake.d2l": "{d2l} is d2l-zh's word: good to recognise, but the app writes {zh} (with {d2l} "
                                    "beside it at most).",
    "cc.glossary_word.mistake.avoid0": "The app avoids {avoid0}: it also names other things, and one concept should "
                                       "have one word.",
    "cc.glossary_word.mistake.avoid1": "The app avoids {avoid1}: it also names other things, and one concept should "
                                       "have one word.",
}

ZH = {
    "cc.title": "自我检测",
    "cc.intro": "先预测，再核对：下面每个答案都由模型计算得出，而不是手写的。",
    "cc.your_answer": "你的预测",
    "cc.placeholder": "输入一个数，然后按 Enter",
    "cc.not_a_number": "“{text}”不是一个数；请写成 1,024 或 6.6 这样的形式。",
    "cc.answer_first": "先作答：作答后才会显示解释。",
    "cc.right": "正确！",
    "cc.too_small": "{value} 太小了。",
    "cc.too_big": "{value} 太大了。",
    "cc.answer": "**答案**：{answer}",
    "cc.computing": "正在计算答案…",

    # home
    "cc.home_passes.q": "论文的标志性结果——top-5 错误率 {error}%——来自一个集成。每张测试图片需要多少次前向传播？",
    "cc.home_passes.explain": "{models} 个模型 × {crops} 个裁剪 = 每张图片 {answer} 次前向传播，得到 {error}%（论文"
                              "表 3）。一个模型、一个裁剪：{single}%；一个模型、{crops} 个裁剪：{crops_error}%；"
                              "{models} 个模型、各一个裁剪：{models_error}%。",
    "cc.home_passes.mistake.one_pass": "一次前向传播（一个模型、一个裁剪）在论文表 3 中得到 {single}%，而不是 "
                                       "{error}%。",
    "cc.home_passes.mistake.crops_only": "{value} 是一个模型在 {crops} 个裁剪上（{crops_error}%）；标志性结果还对 "
                                         "{models} 个模型取了平均。",
    "cc.home_passes.mistake.models_only": "{value} 是 {models} 个模型各用一个裁剪（{models_error}%）；每个模型还看了 "
                                          "{crops} 个裁剪。",
    "cc.home_params.q": "torchvision 的 GoogLeNet（本应用加载其预训练权重的网络，不含两个辅助分类器）有多少参数？"
                        "以百万为单位，保留一位小数。",
    "cc.home_params.explain": "在模型上逐层数出：{exact:,} 个参数（含 BatchNorm 的参数）。论文版本（用偏置而不用 "
                              "BatchNorm，分支 3 为 5×5 卷积）有 {paper:,} 个；加上 torchvision 的两个辅助分类器则为 "
                              "{with_aux:,} 个。",
    "cc.home_params.mistake.paper_table": "{value} 百万是按印刷数值把论文表 1 加起来的结果（{table_sum:,}）："
                                          "那是 2014 年网络的一张取整过的表，不是这些权重所属的模型。",
    "cc.home_params.mistake.paper_variant": "{value} 百万是论文版本的精确计数（{paper:,}）：用偏置而不用 "
                                            "BatchNorm，分支 3 为 5×5 卷积。torchvision 的模型与之不同。",
    "cc.home_params.mistake.with_aux": "{value} 百万把两个辅助分类器也算进去了（{with_aux:,}）：它们只在训练中使用，"
                                       "torchvision 加载权重时会去掉它们。",
    "cc.home_params.mistake.alexnet": "{value} 百万是 AlexNet（{alexnet:,}）。GoogLeNet 要小得多。",

    # history
    "cc.history_bn.q": "按 2014 年论文描述的 GoogLeNet 有多少个 BatchNorm 层？",
    "cc.history_bn.explain": "在论文版本上数出：{answer} 个。BatchNorm 于 2015 年 2 月随 BN-Inception（“Inception "
                             "v2”）出现。torchvision 的 GoogLeNet 有 {torchvision} 个，每个卷积之后一个：它的权重是后来"
                             "训练的（移植自 TF-slim 的 inception_v1），对应的就是这个版本。",
    "cc.history_bn.mistake.torchvision": "{value} 是 torchvision 的 GoogLeNet，每个卷积之后都有 BatchNorm。2014 "
                                         "年的网络一个也没有：BatchNorm 是 2015 年才发表的。",
    "cc.history_two_3x3.q": "BN-Inception（2015）把每个 5×5 卷积换成了两个相继的 3×3 卷积（每一步输入、输出都是 C "
                            "个通道）。两个 3×3 需要的权重是 5×5 卷积的百分之多少？保留一位小数。",
    "cc.history_two_3x3.explain": "一个 5×5 卷积有 {five}·C·C 个权重，两个 3×3 有 2·{three}·C·C 个：为前者的 "
                                  "{pct}%。两者合起来仍能看到 {field}×{field} 的区域（感受野逐层算出），中间还多了一个 "
                                  "ReLU。",
    "cc.history_two_3x3.mistake.one_3x3": "{value}% 是一个 3×3 卷积：它只能看到 3×3。要看到 5×5 需要两个相继的。",
    "cc.history_two_3x3.mistake.sides": "{value}% 比较的是卷积核的边长（3 + 3 对 5）：权重随卷积核的面积 k·k 增长。",
    "cc.history_two_3x3.mistake.inverse": "{value}% 是以两个 3×3 为基准衡量 5×5：方向反了。",

    # architecture
    "cc.arch_4e_channels.q": "Inception 4e 接收 {in_channels} 个通道。它的分支：#1×1 {n1x1}；#3×3 降维 "
                             "{n3x3_reduce} → #3×3 {n3x3}；#5×5 降维 {n5x5_reduce} → #5×5 {n5x5}；池化投影 "
                             "{pool_proj}。4e 输出多少个通道？",
    "cc.arch_4e_channels.explain": "{n1x1} + {n3x3} + {n5x5} + {pool_proj} = {out}：四个分支的输出沿通道维拼接。"
                                   "降维层位于各自的分支内部，它们的输出不会进入拼接。模型中 4e 的输出：{shape}"
                                   "（通道 × H × W）。",
    "cc.arch_4e_channels.mistake.added_reduces": "{value} 把降维层（{n3x3_reduce}、{n5x5_reduce}）也加进去了：它们"
                                                 "为 #3×3 和 #5×5 卷积提供输入，不属于输出。",
    "cc.arch_4e_channels.mistake.input_channels": "{value} 是 4e 的输入。一个模块的输出宽度由它的分支决定，而不是由"
                                                  "输入决定。",
    "cc.arch_4e_channels.mistake.naive_pool": "{value} 让池化分支把全部 {in_channels} 个输入通道直接传过去：那是朴素"
                                              "模块。有了 1×1 投影，池化分支输出 {pool_proj} 个。",
    "cc.arch_4e_channels.mistake.input_plus": "{value} 把输入也放在分支旁边一起传下去了。Inception 的输出只有四个"
                                              "分支。",
    "cc.arch_gap_weights.q": "inception5b 输出 {c} 张 {h}×{w} 的特征图。GoogLeNet 先把每张图平均成一个数（全局平均"
                             "池化），再接最后一个到 {classes} 个类别的线性层。如果改为把特征图展平，这个线性层需要多少"
                             "个权重（不计偏置）？",
    "cc.arch_gap_weights.explain": "{c}·{h}·{w} 个输入 × {classes} 个输出 = {flat:,} 个权重：是全局平均池化之后真实"
                                   "线性层所需 {gap:,} 个的 {times:.0f} 倍，也是整个网络（{network:,} 个参数）的 "
                                   "{vs_network:.1f} 倍。",
    "cc.arch_gap_weights.mistake.with_gap": "{value} 是 GoogLeNet 真正有的那一层，在全局平均池化之后（输入 {c} 个数）。"
                                            "展平的话，{h}×{w} 个位置中的每一个都带来自己的 {c} 个数。",
    "cc.arch_gap_weights.mistake.one_side": "{value} 只算了特征图的一条边：{h}×{w} 的图有 {h}·{w} 个位置。",
    "cc.arch_gap_weights.mistake.no_classes": "{value} 是输入的个数（{c}·{h}·{w}）；{classes} 个输出中的每一个都"
                                              "需要为每个输入配一个自己的权重。",
    "cc.arch_depth.q": "只数带参数的层（卷积和线性层），沿着从输入到输出最长的路径，GoogLeNet 有多少层深？",
    "cc.arch_depth.explain": "开头（stem）的 {stem} 个卷积（conv1、conv2、conv3）+ {blocks} 个模块 × 2（一个 1×1 降维，再一个 "
                             "3×3 或 5×5；并行的分支是并排的，不是前后相接）+ 1 个线性层 = {layers}，由遍历模型得出。"
                             "算上池化层：{with_pools}。网络里共有 {convs} 个卷积。",
    "cc.arch_depth.mistake.with_pools": "{value} 把池化层也算进去了；“22 层”只数带参数的层。",
    "cc.arch_depth.mistake.every_conv": "{value} 数了每一个卷积（{convs} 个）和线性层，但一个模块的四个分支是并排"
                                        "运行的：深度是最长的那条路径。",
    "cc.arch_depth.mistake.blocks_once": "{value} 把每个 Inception 模块算作一层；它最深的分支有两个相继的卷积。",

    # inception_lab
    "cc.lab_padding.q": "论文 Inception 模块的分支 3 在 {side}×{side} 的特征图上做步幅为 1 的 5×5 卷积。用多大的填充"
                        "才能让输出保持 {side}×{side}，从而能与其他分支拼接？",
    "cc.lab_padding.explain": "输出边长 = (H + 2p − k)/s + 1 = ({side} + 2·{p} − {k})/1 + 1 = {side}，所以 "
                              "p = (k − 1)/2 = {p}。论文版本的模型在这个卷积上的设置正是 padding={p}。",
    "cc.lab_padding.mistake.kernel": "填充 {value} 得到的输出为 {out}：填充加在两侧，所以每侧只需 k − 1 的一半。",
    "cc.lab_padding.mistake.k_minus_1": "填充 {value} 得到 {out}：k − 1 是两侧合计所需，而不是每一侧。",
    "cc.lab_padding.mistake.three_by_three": "填充 {value} 是 3×3 卷积用的；在这里得到 {out}。",
    "cc.lab_padding.mistake.none": "不填充时，5×5 卷积每侧损失 2 个像素：{out}×{out}，无法与 {side}×{side} 的特征图"
                                   "拼接。",
    "cc.lab_branch_macs.q": "在 3a 中（输入 {c} 个通道，{side}×{side}），3×3 分支先是 1×1 卷积 {c}→{old}（#3×3 降维），"
                            "再是 3×3 卷积 {old}→{o}。把降维从 {old} 改为 {r}：这个分支现在需要多少次乘加？",
    "cc.lab_branch_macs.explain": "1×1：1·1·{c}·{r}·{side}·{side} = {reduce_part:,}；3×3："
                                  "3·3·{r}·{o}·{side}·{side} = {conv_part:,}；合计 {macs:,}（降维为 {old} 时："
                                  "{old_macs:,}）。",
    "cc.lab_branch_macs.mistake.forgot_area": "{value} 是一个输出位置的计算量：还要乘以特征图的 {side}·{side} 个位置。",
    "cc.lab_branch_macs.mistake.input_channels": "{value} 让 3×3 卷积看到全部 {c} 个输入通道；它只看到降维输出的 "
                                                 "{r} 个通道。",
    "cc.lab_branch_macs.mistake.forgot_reduce": "{value} 只是 3×3 卷积本身；1×1 降维也要 {reduce_part:,}。",
    "cc.lab_branch_macs.mistake.old_reduce": "{value} 是降维仍为 {old} 时的分支。",
    "cc.lab_branch_macs.mistake.forgot_kernel": "{value} 漏掉了 3×3 卷积核的 3·3：每个输出要对 3·3·{r} 个输入求和。",
    "cc.lab_1x1_params.q": "1×1 卷积 {c}→{r}（3a 的 #5×5 降维）作用在 {side}×{side} 的特征图上，它有多少个权重"
                           "（不计偏置）？",
    "cc.lab_1x1_params.explain": "1·1·{c}·{r} = {params:,}：每个输入通道对每个输出通道一个权重。特征图的大小改变的是"
                                 "计算量（{macs:,} 次乘加），而不是权重。",
    "cc.lab_1x1_params.mistake.times_area": "{value} 是乘加次数：同样的 {params:,} 个权重在 {side}·{side} 个位置上"
                                            "重复使用。",
    "cc.lab_1x1_params.mistake.kernel_25": "{value} 是 5×5 卷积的数目；降维是 1×1：每对通道一个权重。",
    "cc.lab_1x1_params.mistake.with_biases": "{value} 包含了 {r} 个偏置；题目不计偏置。",

    # spot_the_bug
    "cc.bug_aux_softmax.q": "某篇文章的辅助分类器以 nn.Softmax 结尾，其输出再送入 nn.CrossEntropyLoss。哪里出了问题？",
    "cc.bug_aux_softmax.opt.fine": "没有问题：交叉熵需要的就是概率。",
    "cc.bug_aux_softmax.opt.double": "softmax 被做了两次：CrossEntropyLoss 自己会做 log-softmax，于是损失再也降不到 "
                                     "0，梯度几乎消失。",
    "cc.bug_aux_softmax.opt.crash": "PyTorch 会报错。",
    "cc.bug_aux_softmax.opt.eval_only": "只有测试时的预测受影响。",
    "cc.bug_aux_softmax.explain": "用 {classes} 个类别计算：一个自信且正确的预测，在原始 logits 上的损失为 "
                                  "{loss_raw:.4f}，多做一次 softmax 后为 {loss_twice:.2f}；有这个错误时，无论网络多么"
                                  "正确，损失都不会低于 {floor:.2f}。对一个自信但错误的预测，梯度只有原来的 "
                                  "1/{shrink:.1e}：这个分类头几乎学不到东西。应当返回原始 logits。",
    "cc.bug_aux_softmax.mistake.fine": "CrossEntropyLoss 期望原始 logits，并自己做 log-softmax；给它概率，它就会再做"
                                       "一次 softmax。",
    "cc.bug_aux_softmax.mistake.crash": "不会报错：形状是对的，所以这个错误是无声的。这正是它危险的地方。",
    "cc.bug_aux_softmax.mistake.eval_only": "它损害的是训练：辅助分类器只为训练而存在，出问题的正是它们的损失。",
    "cc.bug_inception_a.q": "某篇文章的 Inception-A 模块中，3×3 分支从 branch5x5_1 的输出开始，而不是 branch3x3_1 的。"
                            "会发生什么？",
    "cc.bug_inception_a.opt.crash": "RuntimeError：通道数对不上。",
    "cc.bug_inception_a.opt.silent": "能运行，输出形状也正确，但 branch3x3_1 从未被使用：它的权重永远学不到东西。",
    "cc.bug_inception_a.opt.fewer_channels": "能运行，但模块输出的通道变少了。",
    "cc.bug_inception_a.opt.same": "没有区别：两个 1×1 卷积做的是同一件事。",
    "cc.bug_inception_a.explain": "计算结果：两个 1×1 卷积都输出 {reduce_5} 个通道，所以连线是合得上的，不会报错；"
                                  "模块按预期输出 {out_channels} 个通道。反向传播之后 branch3x3_1 没有梯度：它的 "
                                  "{unused_params} 个参数永远不变，3×3 路径和 5×5 路径共用同一个输入。",
    "cc.bug_inception_a.mistake.crash": "两个 1×1 卷积都输出 {reduce_5} 个通道，形状合得上：不会报错。要找的正是"
                                        "这种不会崩溃的错误。",
    "cc.bug_inception_a.mistake.fewer_channels": "输出按预期有 {out_channels} 个通道：变的只是 3×3 路径的起点。",
    "cc.bug_inception_a.mistake.same": "做的是同一类事，但权重不同：有这个错误时 branch3x3_1 得不到梯度（"
                                       "{unused_params} 个参数永远学不到东西），两条路径共用一个输入。",

    # family
    "cc.family_alexnet.q": "在 torchvision 的模型上数：AlexNet 的参数量是 GoogLeNet 的多少倍？保留一位小数。",
    "cc.family_alexnet.explain": "AlexNet {alexnet:,} ÷ GoogLeNet {googlenet:,} = {times:.1f}。论文说“少 {claim} 倍”，"
                                 "那是与它自己 2014 年的计数相比。VGG-16 的参数量是 GoogLeNet 的 {times_vgg:.1f} 倍。",
    "cc.family_alexnet.mistake.paper_claim": "{value} 是论文的说法。在 torchvision 提供的模型上数，是 {times:.1f}。",
    "cc.family_alexnet.mistake.vgg": "{value} 是 VGG-16（{vgg:,} 个参数）与 GoogLeNet 之比；AlexNet 的参数更少。",
    "cc.family_fc_share.q": "GoogLeNet 和 MobileNet v2，哪一个把更大比例的参数放在全连接（线性）层中？",
    "cc.family_fc_share.opt.googlenet": "GoogLeNet",
    "cc.family_fc_share.opt.mobilenet_v2": "MobileNet v2",
    "cc.family_fc_share.opt.same": "差不多",
    "cc.family_fc_share.explain": "逐层数出：GoogLeNet {googlenet:.1f}%，MobileNet v2 {mobilenet_v2:.1f}%。MobileNet "
                                  "v2 的卷积非常省，以至于它唯一的最后一个线性层在不大的总数中占了很大一块。",
    "cc.family_fc_share.mistake.googlenet": "后来的网络并没有把这个比例压得更低：GoogLeNet {googlenet:.1f}%，"
                                            "MobileNet v2 {mobilenet_v2:.1f}%。",
    "cc.family_fc_share.mistake.same": "两者相差很大：GoogLeNet {googlenet:.1f}%，MobileNet v2 {mobilenet_v2:.1f}%。",

    # classify
    "cc.classify_top5.q": "torchvision 的 GoogLeNet 在 ImageNet 验证集照片上：top-1 准确率 {top1}%，top-5 准确率 "
                          "{top5}%（来自其权重的元数据）。对百分之多少的照片，正确类别在五个最佳猜测之中、却不是第一个？"
                          "保留两位小数。",
    "cc.classify_top5.explain": "只要真实类别出现在得分最高的五个之中，top-5 就算对；top-1 只在它排第一时才算对。"
                                "{top5}% − {top1}% = {share:.2f}% 的照片只在 top-5 下算对。",
    "cc.classify_top5.mistake.top5": "{value}% 就是 top-5 准确率本身：其中包括第一个猜测就对的 {top1}%。",
    "cc.classify_top5.mistake.top5_error": "{value}% 是 top-5 错误率：类别根本不在五个之中的照片。",
    "cc.classify_top5.mistake.top1_error": "{value}% 是 top-1 错误率：它也包括类别根本不在五个之中的照片。",
    "cc.classify_top5.mistake.top1": "{value}% 是 top-1 准确率：第一个猜测就对。",
    "cc.classify_shift.q": "给 1000 个 logits 中的每一个都加 5。概率（softmax）会怎样？",
    "cc.classify_shift.opt.all_rise": "全部上升。",
    "cc.classify_shift.opt.unchanged": "不变：保持原样。",
    "cc.classify_shift.opt.top_rises": "最大的那个上升得最多。",
    "cc.classify_shift.opt.sum_changes": "它们的和不再是 1。",
    "cc.classify_shift.explain": "softmax(z + 5) = e⁵·e^z / (e⁵·Σe^z) = softmax(z)：因子 e⁵ ≈ {exp5:.0f} 被约掉了。"
                                 "在 1000 个随机 logits 上计算：最大的变化为 {change:.1e}（舍入误差）。只有 logits "
                                 "之间的差才起作用。",
    "cc.classify_shift.mistake.all_rise": "它们不可能全部上升：它们的和总是 1。e⁵ 同时乘在分数线上下的每一项上。",
    "cc.classify_shift.mistake.top_rises": "每个指数都乘上了同一个 e⁵，所以它们之间的比例不变。",
    "cc.classify_shift.mistake.sum_changes": "softmax 总是除以总和，所以无论 logits 是多少，概率之和都是 1。",

    # preprocessing
    "cc.prep_eval.q": "“把短边缩放到 {resize}，裁出中间的 {crop}×{crop}”：这一步来自哪里？",
    "cc.prep_eval.opt.paper_training": "论文的训练方法。",
    "cc.prep_eval.opt.eval": "torchvision 为这些权重提供的评估变换。",
    "cc.prep_eval.opt.both": "训练和评估都一样用它。",
    "cc.prep_eval.opt.any_size": "网络只接受 {crop}×{crop} 的输入。",
    "cc.prep_eval.explain": "它是 torchvision 随权重提供的评估变换：对同一张图片做两次，得到相同的张量（刚刚核对过），"
                            "其中没有任何随机成分。论文训练时用的是随机裁剪，覆盖图像面积的 8–100%，宽高比 "
                            "3/4–4/3，并加上光度扭曲。",
    "cc.prep_eval.mistake.paper_training": "论文训练时用随机裁剪（面积的 8–100%，宽高比 3/4–4/3）并加光度扭曲；"
                                           "固定的中心裁剪会让网络每个 epoch 都看到同一个画面。",
    "cc.prep_eval.mistake.both": "训练用随机裁剪；固定的、没有任何随机成分的中心裁剪是用于评估的。",
    "cc.prep_eval.mistake.any_size": "得益于全局平均池化，GoogLeNet 也能处理其他尺寸（试试架构页的输入尺寸）；"
                                     "{crop}×{crop} 是这些权重评估时所用的尺寸。",
    "cc.prep_crop.q": "一张 {w}×{h} 的照片经过“把短边缩放到 {resize}”和 {crop}×{crop} 的中心裁剪。照片宽度的百分之"
                      "多少进入了裁剪结果？保留一位小数。",
    "cc.prep_crop.explain": "短边 {h} 变为 {resize}，所以宽度 {w} 变为 {new_w}；裁剪保留这 {new_w} 列中的 {crop} 列："
                            "{answer}%。左右两侧的条带永远不会被看到。",
    "cc.prep_crop.mistake.no_resize": "{value}% 是原始 {w} 列中的 {crop} 列，但照片要先缩放（宽度 {w} → {new_w}）。",
    "cc.prep_crop.mistake.height": "{value}% 是高度所占的比例（{new_h} 中的 {crop}）。",
    "cc.prep_crop.mistake.area": "{value}% 是面积所占的比例；题目问的是宽度。",

    # feature_maps
    "cc.fm_branch_start.q": "inception4c 按 #1×1（{n1x1}）、#3×3（{n3x3}）、#5×5（{n5x5}）、池化投影（{pool_proj}）"
                            "的顺序拼接各分支；它的 #3×3 降维有 {n3x3_reduce} 个通道。从 0 开始数，分支 3（#5×5）的第一个"
                            "通道是第几个？",
    "cc.fm_branch_start.explain": "分支 3 排在 #1×1 和 #3×3 的输出之后：{n1x1} + {n3x3} = {start}。它占据通道 "
                                  "{start}…{stop}（不含末端）。",
    "cc.fm_branch_start.mistake.used_reduce": "{value} 加上了 #3×3 降维（{n3x3_reduce}）；降维的输出留在分支内部。"
                                              "参与拼接的是 #3×3 的输出（{n3x3}）。",
    "cc.fm_branch_start.mistake.one_based": "{value} 是从 1 开始数的；PyTorch 的通道从 0 开始数。",
    "cc.fm_branch_start.mistake.end": "{value} 是分支 3 结束的位置（第一个池化投影通道）。",
    "cc.fm_branch_start.mistake.second": "{value} 是分支 2（#3×3）开始的位置。",
    "cc.fm_side.q": "输入一张 {input}×{input} 的图片。inception4c 的每张特征图每边有多少像素？",
    "cc.fm_side.explain": "{input} / {jump} = {side}：conv1 和 4c 之前的最大池化步幅各为 2，合起来为 {jump}；"
                          "Inception 模块保持尺寸不变。从模型的形状中读出。",
    "cc.fm_side.mistake.one_less": "{value} 是 3a、3b 模块中的尺寸；4a 之前还有一个最大池化。",
    "cc.fm_side.mistake.one_more": "{value} 是 5a、5b 的尺寸；4c 位于最后一个最大池化之前。",
    "cc.fm_side.mistake.input": "Inception 模块保持尺寸不变，但 conv1 和最大池化不是。",

    # receptive_field
    "cc.rf_pool1.q": "conv1 是步幅为 {s1} 的 {k1}×{k1} 卷积；其后的 maxpool1 是步幅为 {pool_s} 的 "
                     "{pool_k}×{pool_k} 池化。maxpool1 的一个输出每边能看到多少个输入像素？",
    "cc.rf_pool1.explain": "conv1：感受野 {rf1}，相邻输出相距 {jump1} 个像素。maxpool1 覆盖 {pool_k} 个 conv1 输出："
                           "rf_out = rf_in + (k − 1)·jump_in = {rf1} + ({pool_k} − 1)·{jump1} = {rf}。",
    "cc.rf_pool1.mistake.no_jump": "{value} = {rf1} + ({pool_k} − 1)：但相邻的 conv1 输出相距 {jump1} 个像素，所以"
                                   "每多一步，视野就宽 {jump1}。",
    "cc.rf_pool1.mistake.multiplied": "{value} 是相乘的结果；感受野是相加的：rf_in + (k − 1)·jump_in。",
    "cc.rf_pool1.mistake.kernel_sum": "{value} 加上了池化的整个卷积核；感受野增加的是 (k − 1)·jump。",
    "cc.rf_two_3x3.q": "两个步幅为 1 的 3×3 卷积前后相接。第二个卷积的一个输出每边能看到多少个输入像素？",
    "cc.rf_two_3x3.explain": "每个 3×3 给感受野增加 3 − 1 = 2 个像素：1 + 2 + 2 = {rf}。三个相接能看到 "
                             "{three}×{three}。这正是 VGG 堆叠 3×3 以及 BN-Inception 用两个 3×3 代替一个 5×5 的思路。",
    "cc.rf_two_3x3.mistake.sum": "{value} 是把卷积核边长相加，但两个窗口是重叠的：每个 3×3 只增加 2 个像素。",
    "cc.rf_two_3x3.mistake.product": "{value} 是相乘的结果；步幅为 1 时，感受野每层增加 k − 1。",

    # ablation
    "cc.abl_block_off.q": "在本页关掉 inception 3b 的全部四个分支。网络对不同的照片会怎样？",
    "cc.abl_block_off.opt.bypass": "它跳过 3b，仍能识别照片，只是差一点。",
    "cc.abl_block_off.opt.same_prediction": "每张照片都得到相同的预测。",
    "cc.abl_block_off.opt.random": "预测变得随机，每张照片都不同。",
    "cc.abl_block_off.opt.small_drop": "准确率略有下降；其他模块会弥补。",
    "cc.abl_block_off.explain": "3b 的输出全为零，而模块之外没有别的路径：它之后的一切都不再依赖照片。用 GoogLeNet "
                                "计算（随机权重，本页的开关）：两张截然不同的图片，在网络完整时 logits 最多相差 "
                                "{intact_diff:.2f}，关掉 {block} 后相差 {off_diff:.1g}：两者的最高类别相同（#{class}）。",
    "cc.abl_block_off.mistake.bypass": "GoogLeNet 没有绕过模块的路径（ResNet 的跳跃连接是后来才有的）：4a 得到的只有 "
                                       "3b 的零。",
    "cc.abl_block_off.mistake.random": "没有任何随机成分了：3b 沉默之后，后面的层对每张照片得到的都是同样的零，计算出"
                                       "同样的结果。",
    "cc.abl_block_off.mistake.small_drop": "不是一点点：之后的每一层都与图像无关了，所以每张照片都得到相同的预测。",
    "cc.abl_channels.q": "inception4a 输出 {out} 个通道。它的 3×3 分支先用 1×1 降维到 {n3x3_reduce} 个通道，再用 "
                         "3×3 卷积得到 {n3x3} 个。关掉这个分支：{out} 个输出通道中有多少个变暗？",
    "cc.abl_channels.explain": "只有分支的输出进入拼接：通道 {first}…{last}（{total} 个中的 {off} 个）变为零。降维的 "
                               "{n3x3_reduce} 个通道在分支内部。",
    "cc.abl_channels.mistake.reduce": "{value} 是降维层的宽度，在分支内部。变暗的是分支的输出 #3×3。",
    "cc.abl_channels.mistake.both": "{value} 加上了降维；只有 #3×3 的输出（{n3x3}）属于 4a 的输出。",

    # gradcam
    "cc.cam_weights.q": "Grad-CAM 把一层的特征图加权相加。每张特征图的权重是什么？",
    "cc.cam_weights.opt.activation_mean": "这张特征图自身的平均激活值。",
    "cc.cam_weights.opt.gradient_mean": "类别得分对这张特征图的梯度，在图上取平均。",
    "cc.cam_weights.opt.fc_weight": "最后一个线性层中该类别的权重。",
    "cc.cam_weights.opt.probability": "该类别的概率。",
    "cc.cam_weights.explain": "α_k = ∂y_c/∂A_k 在特征图上的平均；热力图为 ReLU(Σ α_k·A_k)。在 inception5b 上计算"
                              "（{channels} 张 {side}×{side} 的特征图），它紧接全局平均池化：那里的 α_k 等于线性层中"
                              "该类别的权重 ÷ {side}·{side}（最大差异 {max_diff:.1e}），所以在那里 Grad-CAM 与原始的 "
                              "CAM 只差一个常数因子和 ReLU。在更早的层，只有梯度能给出这些权重。",
    "cc.cam_weights.mistake.activation_mean": "这样的权重与类别无关：每个类别都会得到同一张热力图。",
    "cc.cam_weights.mistake.fc_weight": "只在最后一个模块成立：经计算，那里的 α_k 等于线性层的权重 ÷ "
                                        "{side}·{side}。其他层没有这样的权重；梯度是它的推广。",
    "cc.cam_weights.mistake.probability": "整层只有一个数，无法给各张特征图不同的权重。",
    "cc.cam_cell.q": "在 inception5b，Grad-CAM 图是 {side}×{side}，拉伸覆盖在 {input}×{input} 的图片上。相邻两个格子"
                     "的中心相距多少个输入像素？",
    "cc.cam_cell.explain": "5b 之前的步幅相乘为 {jump}：相邻格子相距 {jump} 个像素（{side} × {jump} = {input}）。每个"
                           "格子的感受野要大得多（{rf}×{rf}，比图片还大），但它的中心以 {jump} 为步长移动。",
    "cc.cam_cell.mistake.map_side": "{value} 是特征图的边长；题目问的是以输入像素计的距离。",
    "cc.cam_cell.mistake.field": "{value} 是感受野：一个格子能看多远，而不是格子之间相距多远。",
    "cc.cam_cell.mistake.four": "{value} 是 4e 的间距；5a 之前的最大池化把它加倍了。",

    # training
    "cc.train_total.q": "在一个训练步中，主分类器的损失是 {main}，每个辅助分类器的损失是 {aux}。反向传播从多大的总"
                        "损失开始？保留两位小数。",
    "cc.train_total.explain": "总损失 = 主损失 + {w}·(aux1 + aux2) = {main} + {w}·({aux} + {aux}) = {total:.2f}。"
                              "论文以这个折扣权重加上辅助损失；测试时辅助分类器不运行。",
    "cc.train_total.mistake.one_aux": "{value} 只算了一个辅助分类器；GoogLeNet 有 {heads} 个，在 4a 和 4d 之后。",
    "cc.train_total.mistake.unweighted": "{value} 把辅助损失按全权重相加；论文把它们乘以 {w}。",
    "cc.train_total.mistake.weighted_all": "{value} 把主损失也打了折扣；只有辅助损失乘以 {w}。",
    "cc.train_total.mistake.average": "{value} 是三者的平均；论文是把它们相加，辅助损失乘以 {w}。",
    "cc.train_eval.q": "训练好的 GoogLeNet 对一张照片做分类（eval 模式）。辅助分类器起什么作用？",
    "cc.train_eval.opt.averaged": "它们的预测与主分类器的取平均。",
    "cc.train_eval.opt.nothing": "没有作用：它们不运行。",
    "cc.train_eval.opt.weighted": "它们以权重 {w} 加进来。",
    "cc.train_eval.opt.vote": "三个分类器投票。",
    "cc.train_eval.explain": "在模型上计算：训练模式下一次前向传播运行 {train_ran} 个辅助分类器，返回 "
                             "{train_outputs} 个输出；eval 模式下运行 {eval_ran} 个，返回 {eval_outputs} 个，即主 "
                             "logits。辅助分类器只是为了帮助训练。",
    "cc.train_eval.mistake.averaged": "在 eval 模式下它们根本不运行：经计算，运行的辅助分类器为 {eval_ran} 个，模型"
                                      "只返回主 logits。",
    "cc.train_eval.mistake.weighted": "这个权重属于训练损失；测试时辅助分类器不运行。",
    "cc.train_eval.mistake.vote": "在 eval 模式下只有主分类器运行。",
    "cc.glossary_word.q": "一个概念，一个词：本应用用哪个中文词表示“{en}”（各分支的输出沿通道维连在一起）？",
    "cc.glossary_word.opt.zh": "{zh}",
    "cc.glossary_word.opt.d2l": "{d2l}",
    "cc.glossary_word.opt.avoid0": "{avoid0}",
    "cc.glossary_word.opt.avoid1": "{avoid1}",
    "cc.glossary_word.explain": "本应用写作{zh}。《动手学深度学习》（d2l-zh，第 2 版）写作{d2l}：本应用可以把它放在{zh}"
                                "旁边，但不单独使用。{avoid0}和{avoid1}不用：在中文文献中它们还指别的东西，"
                                "而一个概念应当只有一个词。",
    "cc.glossary_word.mistake.d2l": "{d2l}是 d2l-zh 的用词：认得它很好，但本应用写作{zh}（最多把{d2l}放在旁边）。",
    "cc.glossary_word.mistake.avoid0": "本应用不用{avoid0}：它还指别的东西，而一个概念应当只有一个词。",
    "cc.glossary_word.mistake.avoid1": "本应用不用{avoid1}：它还指别的东西，而一个概念应当只有一个词。",
}
