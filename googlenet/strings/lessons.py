"""Strings of lesson mode: the lessons page (app_pages/lessons.py) and the lesson bar (ui/lesson_bar.py)."""

EN = {
    "lessons.intro": "A lesson is an ordered list of steps across the pages. Each step opens its page in the state "
                     "the lesson sets (a block, a branch, a preset …), with a note for the teacher and a question "
                     "for the class. Start one below; the bar at the top of every page then moves through it. Turn "
                     "on the presentation view in the sidebar for a projector.",
    "lessons.length": "{minutes} minutes · {steps} steps",
    "lessons.col.n": "Step",
    "lessons.col.page": "Page",
    "lessons.col.step": "What the class sees",
    "lessons.col.url": "Address",
    "lessons.col.params": "Choices in its link",
    "lessons.start": "Start the lesson",
    "lessons.link": "Or share this link: {link}",
    "lessons.broken": "The lesson file {file} cannot be used: {why}",
    "lessons.none": "No lesson found in {folder}.",
    "lessons.own.title": "Write your own lesson",
    "lessons.own.body": "A lesson is one TOML file in `{folder}`; its file name (without .toml) is its id in "
                        "links. Give it a title, its length in minutes, a summary, and one `[[steps]]` table per "
                        "step: the page (its address, e.g. `inception_lab`), the link choices that set its state, "
                        "a title, a note for the teacher and a question for the class, each in English (`en`) and "
                        "Chinese (`zh`). A mistake in a file is shown on this page, naming the step and the field.",
    "lessons.own.params": "The choices each page takes in its link (and so in a lesson step):",
    "lessons.own.global": "Every link also carries the language (lang=en or zh); ?present=1 opens the presentation "
                          "view, and ?lesson=<id>&step=<n> starts a lesson at step n.",
    "lesson.bar.title": "**{lesson}** · step {n} of {total}: {step}",
    "lesson.prev": "Previous",
    "lesson.next": "Next",
    "lesson.finish": "Finish",
    "lesson.leave": "Leave",
    "lesson.question": "Question for the class:",
    "lesson.note": "Teacher's note",
    "lesson.finished": "Lesson finished: {lesson}.",
    "lesson.bad_link": "This link's lesson {lesson}, step {step} is not one the app has: the page opens without a "
                       "lesson.",
}

ZH = {
    "lessons.intro": "一节课是跨越各个页面的一串有序步骤。每一步都按课程设定的状态打开对应页面（某个模块、某个分支、"
                     "某个预设……），并附有给教师的提示和给全班的提问。在下面开始一节课；之后每个页面顶部的课程栏会带你"
                     "一步步走下去。投影时请在侧边栏打开演示视图。",
    "lessons.length": "{minutes} 分钟 · {steps} 步",
    "lessons.col.n": "步骤",
    "lessons.col.page": "页面",
    "lessons.col.step": "全班看到的内容",
    "lessons.col.url": "地址",
    "lessons.col.params": "链接中的选择",
    "lessons.start": "开始这节课",
    "lessons.link": "或者分享这个链接：{link}",
    "lessons.broken": "课程文件 {file} 无法使用：{why}",
    "lessons.none": "在 {folder} 中没有找到课程。",
    "lessons.own.title": "编写你自己的课程",
    "lessons.own.body": "一节课就是 `{folder}` 中的一个 TOML 文件；文件名（去掉 .toml）就是它在链接中的标识。给它一个"
                        "标题、以分钟计的时长、一段简介，每一步写一个 `[[steps]]` 表：页面（它的地址，例如 "
                        "`inception_lab`）、设定其状态的链接选择、标题、给教师的提示和给全班的提问，每项都要有英文"
                        "（`en`）和中文（`zh`）。文件中的错误会显示在本页，并指明是哪一步、哪个字段。",
    "lessons.own.params": "每个页面在链接中（因而也在课程步骤中）接受的选择：",
    "lessons.own.global": "每个链接还带有语言（lang=en 或 zh）；?present=1 打开演示视图，?lesson=<标识>&step=<n> "
                          "从第 n 步开始一节课。",
    "lesson.bar.title": "**{lesson}** · 第 {n} 步，共 {total} 步：{step}",
    "lesson.prev": "上一步",
    "lesson.next": "下一步",
    "lesson.finish": "结束",
    "lesson.leave": "退出",
    "lesson.question": "课堂提问：",
    "lesson.note": "教师提示",
    "lesson.finished": "课程结束：{lesson}。",
    "lesson.bad_link": "链接中的课程 {lesson} 第 {step} 步在本应用中不存在：页面将不带课程打开。",
}
