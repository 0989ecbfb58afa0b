"""The 179 市町村 of Hokkaido by 振興局 (the boundaries since April 2010), for plans that count a set of 市町村.

A KPI such as 「14市町村合計」 names its 市町村 in the plan (``Kpi.municipalities``); the plan's loader
checks each name against this list, so that a misspelt name (ニセコ村, 倶知安) is caught when the plan
is read, not when a statistic is imported. Names are written as the 道 writes them (NFKC: full-width
kana); 札幌市 is one 市 (the statistics of the 道 do not count its wards apart).
Pure data and look-ups; nothing is read from a file.
"""

from __future__ import annotations

import difflib
import unicodedata

# 振興局 (today's names) → its 市町村 in the order of the 道's statistics (市, then 町村).
_BY_OFFICE: dict[str, str] = {
    "空知": (
        "夕張市 岩見沢市 美唄市 芦別市 赤平市 三笠市 滝川市 砂川市 歌志内市 "
        "深川市 南幌町 奈井江町 上砂川町 由仁町 長沼町 栗山町 月形町 浦臼町 "
        "新十津川町 妹背牛町 秩父別町 雨竜町 北竜町 沼田町"
    ),
    "石狩": "札幌市 江別市 千歳市 恵庭市 北広島市 石狩市 当別町 新篠津村",
    "後志": (
        "小樽市 島牧村 寿都町 黒松内町 蘭越町 ニセコ町 真狩村 留寿都村 喜茂別町 "
        "京極町 倶知安町 共和町 岩内町 泊村 神恵内村 積丹町 古平町 仁木町 "
        "余市町 赤井川村"
    ),
    "胆振": "室蘭市 苫小牧市 登別市 伊達市 豊浦町 壮瞥町 白老町 厚真町 洞爺湖町 安平町 むかわ町",
    "日高": "日高町 平取町 新冠町 浦河町 様似町 えりも町 新ひだか町",
    "渡島": "函館市 北斗市 松前町 福島町 知内町 木古内町 七飯町 鹿部町 森町 八雲町 長万部町",
    "檜山": "江差町 上ノ国町 厚沢部町 乙部町 奥尻町 今金町 せたな町",
    "上川": (
        "旭川市 士別市 名寄市 富良野市 鷹栖町 東神楽町 当麻町 比布町 愛別町 "
        "上川町 東川町 美瑛町 上富良野町 中富良野町 南富良野町 占冠村 和寒町 "
        "剣淵町 下川町 美深町 音威子府村 中川町 幌加内町"
    ),
    "留萌": "留萌市 増毛町 小平町 苫前町 羽幌町 初山別村 遠別町 天塩町",
    "宗谷": "稚内市 幌延町 猿払村 浜頓別町 中頓別町 枝幸町 豊富町 礼文町 利尻町 利尻富士町",
    "オホーツク": (
        "北見市 網走市 紋別市 美幌町 津別町 斜里町 清里町 小清水町 訓子府町 "
        "置戸町 佐呂間町 遠軽町 湧別町 滝上町 興部町 西興部村 雄武町 大空町"
    ),
    "十勝": (
        "帯広市 音更町 士幌町 上士幌町 鹿追町 新得町 清水町 芽室町 中札内村 "
        "更別村 大樹町 広尾町 幕別町 池田町 豊頃町 本別町 足寄町 陸別町 浦幌町"
    ),
    "釧路": "釧路市 釧路町 厚岸町 浜中町 標茶町 弟子屈町 鶴居村 白糠町",
    "根室": "根室市 別海町 中標津町 標津町 羅臼町",
}
MUNICIPALITIES: dict[str, str] = {name: office for office, names in _BY_OFFICE.items() for name in names.split()}


def municipal_office(name: str) -> str | None:
    """The 振興局 a 市町村 belongs to today (None for a name that is none of the 179)."""
    return MUNICIPALITIES.get(name)


def canonical(name: str) -> str | None:
    """The name as the list writes it, for one written in another width or with spaces (ﾆｾｺ町,
    ニセコ 町); None when it is no 市町村 of Hokkaido even so."""
    folded = "".join(unicodedata.normalize("NFKC", name).split())
    return folded if folded in MUNICIPALITIES else None


def close_names(name: str, n: int = 3) -> list[str]:
    """市町村 whose names are close to ``name`` (for a "did you mean")."""
    folded = "".join(unicodedata.normalize("NFKC", name).split())
    return difflib.get_close_matches(folded, list(MUNICIPALITIES), n=n, cutoff=0.5)
