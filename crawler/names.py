"""Chinese personal names as bylines and credit lines print them."""

# The most common Chinese surnames: a name found in running text must start with one (the rare and
# ambiguous ones such as 和, 时, 平, 国 are left out on purpose).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆乐冀郁胥南班储"
    "原栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝郜阚权强帅屠朴盖练廉禹狄扈晁芮阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况鲜"
    "逯茹诸战慕亢嵇湛宾戎勾茅揭尉冶斯檀昝衡尧赖萧")
DOUBLE_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "西门", "长孙")

# Traditional characters of the words around bylines (記者, 編輯, 來源, 發佈時間, 報導) and of common surnames
# (陳, 張, 劉 …), one for one with their simplified forms: pages in Traditional Chinese are read with the same
# labels and surname list, and the names found are kept as printed.
_TRADITIONAL = (
    "記編輯責來發佈時間於報導訊電實習員審對圖攝專欄評論網頁聞華點擊閱讀轉載關註譯據綜採訪寫稱簡體號區國際財經選週臺灣"
    "團會廳處隊縣鎮機構單門務變動態續標題類視頻觀覽數萬億條與個們陳張劉黃楊趙吳鄭謝馬許鄧馮韓蕭葉蘇盧蔣賈閻鍾範譚鄒陸顧"
    "龍錢湯喬賀賴龔歐陽羅莊嚴魯孫溫費衛鮑齊聶紀項韋鄔鄺婁閔藍塗遊餘饒蘭戰練連諸顏龐闕寧駱竇勞欒")
_SIMPLIFIED = (
    "记编辑责来发布时间于报导讯电实习员审对图摄专栏评论网页闻华点击阅读转载关注译据综采访写称简体号区国际财经选周台湾"
    "团会厅处队县镇机构单门务变动态续标题类视频观览数万亿条与个们陈张刘黄杨赵吴郑谢马许邓冯韩萧叶苏卢蒋贾阎钟范谭邹陆顾"
    "龙钱汤乔贺赖龚欧阳罗庄严鲁孙温费卫鲍齐聂纪项韦邬邝娄闵蓝涂游余饶兰战练连诸颜庞阙宁骆窦劳栾")
SIMPLIFY = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
