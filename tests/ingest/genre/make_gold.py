"""Writes gold.jsonl for the genre reports from the table below (evidence located by substring, so offsets are
exact). Conventions: ../../../../shared/eval/ANNOTATION.md. Run: python make_gold.py"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNITS = {"gov_aid_funds": "CNY", "social_donations": "CNY", "enterprise_investment": "CNY",
         "labor_service_income": "CNY"}
Y = 2009
# (indicator, value, qualifier, donor, recipients or None (key omitted), evidence, extra)
GD, GX = "Guangdong", "Guangxi"
DOCS = {
    "guangdong_guangxi_2010.txt": {
        "pairings": [(GD, GX, "Guangdong-Guangxi Zhuang Autonomous Region Pairing-off"),
                     (GD, "Baise", "undertaken the task of helping Baise and Hechi"),
                     (GD, "Hechi", "undertaken the task of helping Baise and Hechi"),
                     ("Shenzhen", "Baise", "designated Shenzhen to support Baise"),
                     ("Zhuhai", "Hechi", "Zhuhai to support Hechi"),
                     (GD, "Qamdo", "12 million Yuan went to Qamdo of Tibet", {"optional": True})],
        "events": [("agreement_signing", "2009-06-18", 'On June 18, the two sides signed the "Memorandum'),
                   ("other", "1996", "Since 1996, Guangdong Province has undertaken", {"optional": True})],
        "obs": [
            ("gov_aid_funds", 1260000000, "exact", GD, ["Baise", "Hechi"], "Guangdong raised anti-poverty funds of 1.26 billion Yuan", {"dims": {"period": "1996-2009"}}),
            ("social_donations", 1260000000, "exact", GD, ["Baise", "Hechi"], "Guangdong raised anti-poverty funds of 1.26 billion Yuan", {"optional": True}),
            ("counties_covered", 28, "exact", GD, ["Baise", "Hechi"], "28 counties (cities, districts) of Baise and Hechi", {"optional": True}),
            ("villages_supported", 430, "exact", GD, ["Baise", "Hechi"], "jointly built 430 new villages", {}),
            ("schools_built", 510, "exact", GD, ["Baise", "Hechi"], "510 schools", {}),
            ("health_facilities_built", 96, "exact", GD, ["Baise", "Hechi"], "96 health centers", {}),
            ("roads_built_km", 1240, "exact", GD, ["Baise", "Hechi"], "rural highroads of 1,240 kilometers", {}),
            ("farmland_mu", 86000, "exact", GD, ["Baise", "Hechi"], "basic farmland of 86,000 mu", {}),
            ("gov_aid_funds", 146000000, "exact", GD, [GX], "Guangdong Provincial Government donated 146 million Yuan of aid funds to Guangxi", {"dims": {"source_level": "province"}}),
            ("social_donations", 146000000, "exact", GD, [GX], "Guangdong Provincial Government donated 146 million Yuan of aid funds to Guangxi", {"optional": True}),
            ("gov_aid_funds", 118000000, "exact", GD, [GX], "118 million Yuan came from the provincial finance", {"dims": {"source_level": "province"}}),
            ("gov_aid_funds", 28000000, "exact", GD, [GX], "28 million Yuan from the cities", {"dims": {"source_level": "prefecture"}}),
            ("counties_covered", 10, "exact", GD, ["Baise"], "10 counties (districts) of Baise", {"optional": True}),
            ("villages_supported", 62, "exact", GD, ["Baise"], "built 62 villages", {}),
            ("schools_built", 35, "exact", GD, ["Baise"], "35 schools", {}),
            ("drinking_water_people", 41000, "exact", GD, ["Baise"], "drinking water projects for 41,000 people", {}),
            ("gov_aid_funds", 12000000, "exact", GD, ["Qamdo"], "12 million Yuan went to Qamdo of Tibet", {}),
            ("social_donations", 12000000, "exact", GD, ["Qamdo"], "12 million Yuan went to Qamdo of Tibet", {"optional": True}),
            ("social_donations", 23500000, "exact", GD, [GX], "all circles of society of Guangdong donated materials valued 23.5 million Yuan", {"dims": {"form": "in_kind"}}),
            ("labor_transferred", 38600, "exact", GD, None, "labor export for 38,600 person-times", {}),
            ("cadres_exchanged", 214, "exact", GD, None, "cadre exchanges for 214 person-times", {}),
            ("labor_transferred", 4200, "exact", GD, None, "arranged jobs for 4,200 people", {}),
            ("trainees", 9300, "exact", GD, None, "trained 9,300 farmers", {}),
            ("labor_service_income", 312000000, "exact", GD, None, "net income of 312 million Yuan", {}),
            ("cooperation_projects", 45, "exact", GD, [GX], "45 cooperation projects", {}),
            ("enterprise_investment", 6800000000, "exact", GD, [GX], "investment of 6.8 billion Yuan", {}),
            ("gov_aid_funds", 30000000, "exact", "Shenzhen", ["Baise"], "Shenzhen and Zhuhai respectively provided 30 million Yuan", {}),
            ("gov_aid_funds", 20000000, "exact", "Zhuhai", ["Hechi"], "20 millon Yuan to their twinned cities", {}),
            ("twinned_units", 16, "exact", GD, [GX], "the 16 twinned counties", {"optional": True}),
            ("counties_covered", 16, "exact", GD, [GX], "the 16 twinned counties", {"optional": True}),
            ("exchange_visits", 86, "exact", GD, [GX], "86 batches of visitors came from Guangxi", {}),
            ("event_participants", 1980, "approx", GD, [GX], "about 1980 villagers took part in the skills contests", {}),
        ],
    },
    "jiangsu_shaanxi_2010.txt": {
        "pairings": [("Jiangsu", "Shaanxi", "Jiangsu-Shaanxi Pairing-off"),
                     ("Jiangsu", "Yan'an", "counterpart support for Yan'an, Yulin and Shangluo"),
                     ("Jiangsu", "Yulin", "counterpart support for Yan'an, Yulin and Shangluo"),
                     ("Jiangsu", "Shangluo", "counterpart support for Yan'an, Yulin and Shangluo"),
                     ("Wuxi", "Yan'an", "Wuxi and Changzhou were twinned respectively with Yan'an in 1997 and Shangluo in 2002"),
                     ("Changzhou", "Shangluo", "Wuxi and Changzhou were twinned respectively with Yan'an in 1997 and Shangluo in 2002")],
        "events": [("delegation_visit", "2009-10", "In October 2009, a delegation of 60 members"),
                   ("agreement_signing", "2009-10", "In October 2009, a delegation of 60 members", {"optional": True}),
                   ("other", "1996", "Jiangsu Province started its counterpart support", {"optional": True}),
                   ("other", "1997", "Yan'an in 1997", {"optional": True}),
                   ("other", "2002", "Shangluo in 2002", {"optional": True})],
        "obs": [
            ("twinned_units", 28, "exact", "Jiangsu", ["Shaanxi"], "designated 13 cities to provide twinning support for 28 impoverished counties", {"optional": True}),
            ("twinned_units", 13, "exact", "Jiangsu", ["Shaanxi"], "designated 13 cities to provide twinning support for 28 impoverished counties", {"optional": True}),
            ("counties_covered", 28, "exact", "Jiangsu", ["Shaanxi"], "designated 13 cities to provide twinning support for 28 impoverished counties", {"optional": True}),
            ("gov_aid_funds", 682000000, "exact", "Jiangsu", None, "Jiangsu issued grants of 682 million Yuan to the three cities", {"optional": True, "note": "mixed total (province, cities and counties, enterprises)"}),
            ("social_donations", 682000000, "exact", "Jiangsu", None, "Jiangsu issued grants of 682 million Yuan to the three cities", {"optional": True}),
            ("gov_aid_funds", 54000000, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "Jiangsu provided 54 million Yuan of aiding funds", {}),
            ("counties_covered", 24, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "24 counties (districts) of Yan'an, Yulin and Shangluo", {"optional": True}),
            ("aid_projects", 118, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "implemented 118 projects", {}),
            ("gov_aid_funds", 92000000, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "118 projects with investment of 92 million Yuan", {"optional": True, "note": "investment in aid projects: not enterprise investment; its source is not stated"}),
            ("villages_supported", 46, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "built 46 villages", {}),
            ("roads_built_km", 215, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "rural highroads of 215 kilometers", {}),
            ("farmland_mu", 7800, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "farmland of 7,800 mu", {}),
            ("drinking_water_people", 26000, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "solved drinking water problem for 26,000 people", {}),
            ("drinking_water_livestock", 31000, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "26,000 people and 31,000 livestock", {}),
            ("gov_aid_funds", 41000000, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "41 million Yuan was from provincial government", {}),
            ("gov_aid_funds", 13000000, "exact", "Jiangsu", ["Yan'an", "Yulin", "Shangluo"], "13 million Yuan was from city government", {}),
            ("social_donations", 8600000, "exact", "Jiangsu", ["Shaanxi"], "All walks of society donated funds and materials of 8.6 million Yuan", {}),
            ("social_donations", 2300000, "exact", "Jiangsu", ["Shaanxi"], "material donations valued 2.3 million Yuan", {"dims": {"form": "in_kind"}}),
            ("trainees", 6400, "exact", "Jiangsu", None, "It trained 6,400 rural laborers", {}),
            ("labor_transferred", 3100, "exact", "Jiangsu", None, "provided jobs for 3,100 people", {}),
            ("labor_service_income", 96000000, "exact", "Jiangsu", None, "labor income of 96 million Yuan", {}),
            ("cadres_exchanged", 156, "exact", "Jiangsu", ["Shaanxi"], "organized cadre exchanges for 156 person-times", {}),
            ("delegation_members", 60, "exact", "Jiangsu", ["Yulin"], "a delegation of 60 members", {}),
            ("cooperation_projects", 27, "exact", "Jiangsu", ["Yulin"], "signed 27 economic cooperation projects", {}),
            ("enterprise_investment", 3400000000, "exact", "Jiangsu", ["Yulin"], "27 economic cooperation projects worth 3.4 billion Yuan", {}),
            ("trainees", 1200, "exact", "Wuxi", ["Yan'an"], "Wuxi and Changzhou respectively helped Yan'an and Shangluo train 1,200 and 900 workers", {}),
            ("trainees", 900, "exact", "Changzhou", ["Shangluo"], "Wuxi and Changzhou respectively helped Yan'an and Shangluo train 1,200 and 900 workers", {}),
            ("cooperating_enterprises", 230, "exact", "Jiangsu", ["Shaanxi"], "The 230 enterprises that took part in the job fair", {"optional": True, "note": "enterprises that take part in a fair"}),
            ("labor_transferred", 2500, "at_least", "Jiangsu", ["Shaanxi"], "provided jobs for more than 2,500 people", {}),
        ],
    },
    "dalian_zunyi_2010.txt": {
        "pairings": [("Dalian", "Zunyi", "Dalian-Zunyi Pairing-off")],
        "events": [("agreement_signing", "2009-05-12", "On May 12, the two cities signed"),
                   ("other", "1996", "since 1996", {"optional": True})],
        "obs": [
            ("counties_covered", 8, "exact", "Dalian", ["Zunyi"], "the eight national key counties of Zunyi", {"optional": True}),
            ("gov_aid_funds", 18500000, "exact", "Dalian", ["Zunyi"], "Dalian Municipal Government allocated 18.5 million Yuan of financial aid funds", {"dims": {"source_level": "prefecture"}}),
            ("gov_aid_funds", 3500000, "exact", "Dalian", ["Zunyi"], "3.5 million Yuan was used for the reconstruction of 14 village schools", {}),
            ("schools_built", 14, "exact", "Dalian", ["Zunyi"], "reconstruction of 14 village schools", {}),
            ("gov_aid_funds", 4200000, "exact", "Dalian", ["Zunyi"], "district and county governments raised 4.2 million Yuan", {"dims": {"source_level": "county"}}),
            ("social_donations", 4200000, "exact", "Dalian", ["Zunyi"], "district and county governments raised 4.2 million Yuan", {"optional": True}),
            ("social_donations", 1600000, "exact", "Dalian", ["Zunyi"], "enterprises and individuals donated 1.6 million Yuan in cash", {"dims": {"form": "cash"}}),
            ("social_donations", 900000, "exact", "Dalian", ["Zunyi"], "materials valued 900,000 Yuan", {"dims": {"form": "in_kind"}}),
            ("gov_aid_funds", 2000000, "exact", "Dalian", ["Liupanshui"], "2 million Yuan went to Liupanshui of Guizhou Province", {}),
            ("social_donations", 2000000, "exact", "Dalian", ["Liupanshui"], "2 million Yuan went to Liupanshui of Guizhou Province", {"optional": True}),
            ("villages_supported", 32, "exact", "Dalian", None, "it built 32 villages", {}),
            ("health_facilities_built", 9, "exact", "Dalian", None, "9 township hospitals", {}),
            ("professionals_sent", 45, "exact", "Dalian", None, "sent 45 doctors", {"dims": {"role": "doctors"}}),
            ("professionals_sent", 120, "exact", "Dalian", None, "120 teachers to Zunyi", {"dims": {"role": "teachers"}}),
            ("students_supported", 2600, "exact", "Dalian", None, "provided financial aid for 2,600 poor students", {}),
            ("training_courses", 12, "exact", "Dalian", ["Zunyi"], "Dalian organized 12 training courses", {}),
            ("trainees", 780, "exact", "Dalian", ["Zunyi"], "780 cadres and technicians from Zunyi", {}),
            ("cadres_exchanged", 18, "exact", "Dalian", ["Zunyi"], "Zunyi sent 18 cadres to work in Dalian", {"dims": {"direction": "to_donor"}}),
            ("cadres_exchanged", 11, "exact", "Dalian", ["Zunyi"], "Dalian sent 11 cadres to Zunyi", {"dims": {"direction": "to_recipient"}}),
            ("exchange_visits", 37, "exact", "Dalian", ["Zunyi"], "conducted 37 exchange visits", {}),
            ("cooperating_enterprises", 19, "exact", "Dalian", ["Zunyi"], "19 enterprises of Dalian invested 760 million Yuan in Zunyi", {}),
            ("enterprise_investment", 760000000, "exact", "Dalian", ["Zunyi"], "19 enterprises of Dalian invested 760 million Yuan in Zunyi", {}),
            ("labor_transferred", 5400, "exact", "Dalian", None, "It helped 5,400 farmers find jobs", {}),
            ("labor_transferred", 3200, "exact", "Dalian", None, "of whom 3,200 were employed in Dalian", {}),
        ],
    },
    "fuzhou_dingxi_2010.txt": {
        "pairings": [("Fuzhou", "Dingxi", "Fuzhou-Dingxi Pairing-off"),
                     ("Gulou District", "Tongwei", "its districts of Gulou, Taijiang and Cangshan paired up respectively with Tongwei, Longxi and Min County"),
                     ("Taijiang District", "Longxi", "its districts of Gulou, Taijiang and Cangshan paired up respectively with Tongwei, Longxi and Min County"),
                     ("Cangshan District", "Min County", "its districts of Gulou, Taijiang and Cangshan paired up respectively with Tongwei, Longxi and Min County")],
        "events": [("fair", "2009-08-26", "On August 26, the Fuzhou-Dingxi investment promotion fair was held in Dingxi"),
                   ("agreement_signing", "2009-08-26", "On August 26, the Fuzhou-Dingxi investment promotion fair was held in Dingxi", {"optional": True}),
                   ("other", "2003", "Since 2003", {"optional": True})],
        "obs": [
            ("gov_aid_funds", 9600000, "exact", "Fuzhou", ["Dingxi"], "the municipal finance of Fuzhou arranged 9.6 million Yuan of assistance funds for Dingxi", {"dims": {"source_level": "prefecture"}}),
            ("gov_aid_funds", 2400000, "exact", "Fuzhou", ["Dingxi"], "2.4 million Yuan was used to build 16 safe drinking water projects", {}),
            ("aid_projects", 16, "exact", "Fuzhou", ["Dingxi"], "16 safe drinking water projects", {}),
            ("drinking_water_people", 12500, "exact", "Fuzhou", ["Dingxi"], "benefiting 12,500 people", {}),
            ("beneficiaries", 12500, "exact", "Fuzhou", ["Dingxi"], "benefiting 12,500 people", {"optional": True}),
            ("gov_aid_funds", 1800000, "exact", "Fuzhou", ["Dingxi"], "the three districts added 1.8 million Yuan", {"dims": {"kind": "supplementary"}}),
            ("social_donations", 650000, "exact", "Fuzhou", ["Dingxi"], "contributed cash of 650,000 Yuan", {"dims": {"form": "cash"}}),
            ("social_donations", 420000, "exact", "Fuzhou", ["Dingxi"], "goods worth 420,000 Yuan", {"dims": {"form": "in_kind"}}),
            ("schools_built", 22, "exact", "Fuzhou", None, "renovate 22 village primary schools", {}),
            ("health_facilities_built", 7, "exact", "Fuzhou", None, "7 clinics", {}),
            ("roads_built_km", 64, "exact", "Fuzhou", None, "rural roads of 64 kilometers", {}),
            ("farmland_mu", 5300, "exact", "Fuzhou", None, "terraced fields of 5,300 mu", {}),
            ("training_courses", 8, "exact", "Fuzhou", ["Dingxi"], "Fuzhou held 8 training classes", {}),
            ("trainees", 1150, "exact", "Fuzhou", ["Dingxi"], "for 1,150 person-times", {}),
            ("labor_transferred", 6700, "exact", "Fuzhou", ["Dingxi"], "organized labor export of 6,700 people", {}),
            ("labor_service_income", 81000000, "exact", "Fuzhou", ["Dingxi"], "earned wages of 81 million Yuan", {}),
            ("exchange_visits", 24, "exact", "Fuzhou", ["Dingxi"], "The two cities exchanged 24 batches of delegations", {}),
            ("cadres_exchanged", 16, "exact", "Fuzhou", ["Dingxi"], "16 cadres from Dingxi took temporary posts in Fuzhou", {"dims": {"direction": "to_donor"}}),
            ("cooperating_enterprises", 11, "exact", "Fuzhou", ["Dingxi"], "11 enterprises signed contracts", {}),
            ("enterprise_investment", 530000000, "exact", "Fuzhou", ["Dingxi"], "a total investment of 530 million Yuan", {}),
            ("students_supported", 2010, "approx", "Fuzhou", ["Dingxi"], "About 2010 students of poor families received grants", {}),
            ("cooperating_enterprises", 5, "exact", "Fuzhou", ["Dingxi"], "5 potato processing enterprises from Fuzhou set up factories in Dingxi", {}),
        ],
    },
}


def ev(text, s):
    i = text.index(s)
    return {"start": i, "end": i + len(s), "text": s}


def main():
    out = []
    for doc, spec in DOCS.items():
        text = (HERE / doc).read_text(encoding="utf-8")
        for d, r, e, *extra in spec["pairings"]:
            out.append({"doc": doc, "type": "pairing", "donor": {"name": d}, "recipient": {"name": r},
                        "evidence": ev(text, e), **(extra[0] if extra else {})})
        for k, date, e, *extra in spec["events"]:
            out.append({"doc": doc, "type": "event", "kind": k, "date": date, "evidence": ev(text, e),
                        **(extra[0] if extra else {})})
        for ind, value, qual, donor, recips, e, extra in spec["obs"]:
            row = {"doc": doc, "type": "observation", "indicator": ind, "value": str(value),
                   "unit": UNITS.get(ind, ""), "qualifier": qual, "year": Y, "donor": {"name": donor}}
            if recips is not None:
                row["recipient"] = [{"name": n} for n in recips]
            row.update(extra)
            row["evidence"] = ev(text, e)
            out.append(row)
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
