"""The class photo: the teacher's Classroom page, the class photo in every picture picker, the home page's note."""
EN = {
    "classroom.title": "Classroom: one photo for the whole class",
    "classroom.intro": "The teacher publishes one photo under a short class code. Every student who opens the class "
                       "link (or types the code below) gets that photo as the picture on every page that shows a "
                       "photo, and can still pick a sample or upload their own. The photo stays on this server and "
                       "expires after {hours} hours.",

    # students
    "classroom.join.title": "Students: join a class",
    "classroom.join.code": "Class code",
    "classroom.join.placeholder": "e.g. {example}",
    "classroom.join.button": "Join",
    "classroom.join.ok": "You are in class {code}: its photo is now the picture on every page that shows a photo.",
    "classroom.join.bad": "“{code}” is not a class code: a class code has {length} letters and digits.",
    "classroom.join.gone": "Class {code} has no photo: the code is unknown or its photo has expired. Ask your "
                           "teacher for the current code.",
    "classroom.join.leave": "Leave class {code}",

    # the teacher
    "classroom.teacher.title": "Teacher: publish the class photo",
    "classroom.pin.label": "Teacher PIN",
    "classroom.pin.from_env": "The PIN is the one set in the server's GOOGLENET_TEACHER_PIN environment variable.",
    "classroom.pin.generated": "The PIN was generated and printed once in the terminal that started the app. "
                               "Forgot it? On the server, `python -m googlenet.classroom new-pin` prints a new one "
                               "(or set GOOGLENET_TEACHER_PIN).",
    "classroom.pin.unlock": "Unlock",
    "classroom.pin.ok": "PIN accepted: you can publish the class photo.",
    "classroom.lock": "Lock (forget the PIN in this browser tab)",
    "classroom.upload": "The class photo (jpg, png, webp, bmp, gif, tiff; up to {mb} MB)",
    "classroom.upload.help": "Stored on this server, shrunk to at most {side} pixels on its long side, and deleted "
                             "after {hours} hours.",
    "classroom.publish": "Publish for the class",
    "classroom.publish.replace": "Replace the class photo (same code, same link)",
    "classroom.need_photo": "Choose a photo to publish first.",
    "classroom.published": "Published: class {code} now sees “{name}”.",
    "classroom.code": "Class code",
    "classroom.link": "Class link — send it to the class or show it on the projector:",
    "classroom.qr": "Scan with a phone's camera to open the class link.",
    "classroom.link.note": "Any page of the app works with ?class={code} at the end of its address.",
    "classroom.current": "The class photo now",
    "classroom.photo.caption": "{name} · {w}×{h} pixels as stored · expires at {time} UTC (in {hours} h {minutes} min)",
    "classroom.none": "No class photo is published from this tab yet.",
    "classroom.expired": "The photo of class {code} has expired or was removed; publish a new one.",
    "classroom.unpublish": "Unpublish",
    "classroom.unpublish.help": "Removes the photo from the server; students get their own choice of picture back.",
    "classroom.unpublished": "Class {code}'s photo was removed.",
    "classroom.err.wrong_pin": "Wrong PIN. {left} more tries are allowed in the next {window} seconds.",
    "classroom.err.store": "The class photo store ({path}) cannot be used: {reason}. Set GOOGLENET_DATA_DIR to a "
                           "folder the server may write to.",
    "classroom.err.too_many_tries": "Too many wrong PINs (at most {limit} in {window} seconds). Every PIN is refused "
                                    "for now; try again in {seconds} s.",

    # the class photo in the picture picker (ui/image_input.py) and on the home page
    "classroom.input.option": "The class photo (class {code})",
    "classroom.input.using": "Using the class photo “{name}” of class {code} ({w}×{h} pixels).",
    "classroom.input.gone": "Class {code} has no photo (the code is unknown or the photo has expired): showing your "
                            "own choice of picture.",
    "classroom.input.bad_code": "“{code}” in the link is not a class code; it was ignored.",
    "classroom.home.banner": "Class {code}: your teacher's photo is the picture on every page that shows a photo.",
}
ZH = {
    "classroom.title": "课堂：全班共用一张照片",
    "classroom.intro": "教师用一个简短的班级代码发布一张照片。每个打开班级链接（或在下方输入代码）的学生，都会在每个"
                       "显示照片的页面上把这张照片作为图片，并且仍可以选择示例照片或上传自己的照片。照片保存在这台服务器上，{hours} 小时后过期。",

    "classroom.join.title": "学生：加入班级",
    "classroom.join.code": "班级代码",
    "classroom.join.placeholder": "例如 {example}",
    "classroom.join.button": "加入",
    "classroom.join.ok": "你已加入班级 {code}：它的照片现在是每个显示照片的页面上的图片。",
    "classroom.join.bad": "“{code}”不是班级代码：班级代码由 {length} 个字母和数字组成。",
    "classroom.join.gone": "班级 {code} 没有照片：这个代码不存在，或者它的照片已经过期。请向老师要当前的代码。",
    "classroom.join.leave": "退出班级 {code}",

    "classroom.teacher.title": "教师：发布班级照片",
    "classroom.pin.label": "教师 PIN 码",
    "classroom.pin.from_env": "PIN 码是服务器的环境变量 GOOGLENET_TEACHER_PIN 中设置的那个。",
    "classroom.pin.generated": "PIN 码是自动生成的，并在启动本应用的终端中打印过一次。忘记了？在服务器上运行 "
                               "`python -m googlenet.classroom new-pin` 会打印一个新的（或者设置 "
                               "GOOGLENET_TEACHER_PIN）。",
    "classroom.pin.unlock": "解锁",
    "classroom.pin.ok": "PIN 码正确：你可以发布班级照片了。",
    "classroom.lock": "锁定（在这个浏览器标签页中忘掉 PIN 码）",
    "classroom.upload": "班级照片（jpg、png、webp、bmp、gif、tiff；不超过 {mb} MB）",
    "classroom.upload.help": "保存在这台服务器上，长边缩小到最多 {side} 像素，{hours} 小时后删除。",
    "classroom.publish": "发布给全班",
    "classroom.publish.replace": "替换班级照片（代码和链接不变）",
    "classroom.need_photo": "请先选择要发布的照片。",
    "classroom.published": "已发布：班级 {code} 现在看到的是“{name}”。",
    "classroom.code": "班级代码",
    "classroom.link": "班级链接——发给全班，或在投影上展示：",
    "classroom.qr": "用手机相机扫描，即可打开班级链接。",
    "classroom.link.note": "在本应用任何页面的地址末尾加上 ?class={code} 都可以。",
    "classroom.current": "当前的班级照片",
    "classroom.photo.caption": "{name} · 保存的尺寸为 {w}×{h} 像素 · 过期时间 {time} UTC（还有 {hours} 小时 {minutes} 分钟）",
    "classroom.none": "这个标签页还没有发布班级照片。",
    "classroom.expired": "班级 {code} 的照片已经过期或被移除；请发布一张新的。",
    "classroom.unpublish": "撤下照片",
    "classroom.unpublish.help": "从服务器上删除这张照片；学生恢复使用自己选择的图片。",
    "classroom.unpublished": "班级 {code} 的照片已移除。",
    "classroom.err.wrong_pin": "PIN 码错误。接下来 {window} 秒内还可以再试 {left} 次。",
    "classroom.err.store": "无法使用班级照片存储（{path}）：{reason}。请把 GOOGLENET_DATA_DIR 设为服务器可以写入的文件夹。",
    "classroom.err.too_many_tries": "错误的 PIN 码太多了（{window} 秒内最多 {limit} 次）。现在任何 PIN 码都会被拒绝；"
                                    "请在 {seconds} 秒后再试。",

    "classroom.input.option": "班级照片（班级 {code}）",
    "classroom.input.using": "正在使用班级 {code} 的班级照片“{name}”（{w}×{h} 像素）。",
    "classroom.input.gone": "班级 {code} 没有照片（这个代码不存在，或者照片已经过期）：显示你自己选择的图片。",
    "classroom.input.bad_code": "链接中的“{code}”不是班级代码，已忽略。",
    "classroom.home.banner": "班级 {code}：老师的照片是每个显示照片的页面上的图片。",
}
