"""Writes gold.jsonl for the Chinese reports in this folder (written for the tests from the genre's phenomena,
not from any real report; see README.md). Each line names its evidence by a quoted substring."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read(name):
    from counterpart.ingest.extract.readers import read_text

    return read_text(HERE / name)


def O(ind, value, unit, ev, year=None, donor=None, recipient=None, q="exact", optional=False, dims=None, note=None):
    d = {"type": "observation", "indicator": ind, "value": str(value), "unit": unit, "qualifier": q}
    if year:
        d["year"] = year
    if donor:
        d["donor"] = {"name": donor}
    if recipient:
        d["recipient"] = [{"name": r} for r in recipient.split(";")]
    if dims:
        d["dims"] = dims
    if optional:
        d["optional"] = True
    if note:
        d["note"] = note
    return d, ev


def P(donor, recipient, ev):
    return {"type": "pairing", "donor": {"name": donor}, "recipient": {"name": recipient}}, ev


def E(kind, date, ev, optional=False):
    d = {"type": "event", "kind": kind, "date": date}
    if optional:
        d["optional"] = True
    return d, ev


SZ, BS = "深圳市|深圳", "百色市|百色"
FZ, DX = "福州市|福州", "定西市|定西"
BJ, NM = "北京市|北京", "内蒙古自治区|内蒙古|內蒙古"
JX, LJ = "嘉兴市|嘉兴", "丽江市|丽江"
HZ, ES = "杭州市|杭州", "恩施州|恩施|恩施土家族苗族自治州"
TJ, GS = "天津市|天津", "甘肃省|甘肃"
NB, QXN = "宁波市|宁波|寧波市|寧波", "黔西南州|黔西南|黔西南布依族苗族自治州"
DOCS = {
    "news_shenzhen_baise_2019.txt": [
        P("广东省|广东", "广西壮族自治区|广西", "粤桂扶贫协作结硕果"),
        P(SZ, BS, "深圳市向百色市拨付财政帮扶资金8.6亿元"),
        P("福田区", "田东县", "深圳市福田区帮扶百色市田东县"),
        P("罗湖区", "田阳区", "罗湖区帮扶田阳区"),
        E("meeting", "2019-12-18", "12月18日,粤桂扶贫协作第三次联席会议在南宁召开"),
        O("gov_aid_funds", 860000000, "CNY", "拨付财政帮扶资金8.6亿元", 2019, SZ, BS),
        O("gov_aid_funds", 620000000, "CNY", "其中市级财政6.2亿元", 2019, SZ, BS, dims={"source_level": "prefecture"}),
        O("gov_aid_funds", 240000000, "CNY", "区级财政2.4亿元", 2019, SZ, BS, dims={"source_level": "county"}),
        O("social_donations", 130000000, "CNY", "社会各界捐款捐物折合1.3亿多元", 2019, SZ, BS, q="at_least"),
        O("industrial_parks", 12, "parks", "两地共建产业园区12个", 2019, SZ, BS),
        O("cooperating_enterprises", 45, "enterprises", "引进企业45家", 2019, SZ, BS),
        O("enterprise_investment", 2350000000, "CNY", "投资23.5亿元", 2019, SZ, BS),
        O("labor_transferred", 3600, "persons", "吸纳贫困劳动力就业3600人", 2019, SZ, BS),
        O("cadres_exchanged", 60, "persons", "深圳先后选派5批60名干部到百色挂职", 2019, SZ, BS,
          dims={"direction": "to_recipient"}),
        O("cadres_exchanged", 120, "persons", "百色选派120名干部赴深圳跟岗学习", 2019, SZ, BS, dims={"direction": "to_donor"}),
        O("trainees", 120, "person-times", "百色选派120名干部赴深圳跟岗学习", 2019, optional=True, note="跟岗学习"),
        O("professionals_sent", 860, "persons", "两地互派专业技术人才860人次", 2019, SZ, BS),
        O("twinned_units", 12, "pairs", "深圳市各区与百色市12个县(市、区)结成帮扶对子", 2019, SZ, BS),
        O("beneficiaries", 21000, "persons", "带动2.1万名贫困人口户均增收3500元", 2019, SZ, BS),
    ],
    "report_fuzhou_dingxi_2018.txt": [
        P(FZ, DX, "福州市对口帮扶定西市"),
        P("仓山区", "安定区", "定西市安定区得到了福州市仓山区的对口帮扶"),
        O("gov_aid_funds", 120000000, "CNY", "全年福州市投入财政帮扶资金一亿二千万元", 2018, FZ, DX),
        O("gov_aid_funds", 40000000, "CNY", "比上年增加4000万元", 2018, optional=True, note="the increase over the year before"),
        O("gov_aid_funds", 35000000, "CNY", "福州市各县(市、区)安排帮扶资金3500万元", 2018, FZ, DX,
          dims={"source_level": "county"}),
        O("gov_aid_funds", 21000000, "CNY", "其中用于产业发展2100万元", 2018, FZ, DX, dims={"purpose": "industry"}),
        O("social_donations", 6200000, "CNY", "社会组织和爱心企业捐赠物资折价620余万元", 2018, FZ, DX, q="at_least",
          dims={"form": "in_kind"}),
        O("cadres_exchanged", 36, "persons", "福州累计选派挂职干部三十六名到定西工作", 2018, FZ, DX,
          dims={"direction": "to_recipient", "period": "2016-2018"}),
        O("cadres_exchanged", 52, "persons", "定西先后选派4批52名干部赴榕挂职锻炼", 2018, FZ, DX,
          dims={"direction": "to_donor", "period": "2016-2018"}),
        O("professionals_sent", 85, "persons", "福州派出支教教师85名", 2018, FZ, DX, dims={"role": "teachers"}),
        O("professionals_sent", 40, "persons", "支医医生40名", 2018, FZ, DX, dims={"role": "medical staff"}),
        O("training_courses", 2, "courses", "举办党政干部培训班两期", 2018, FZ, DX),
        O("trainees", 210, "person-times", "培训干部210人次", 2018, FZ, DX, dims={"audience": "cadres"}),
        O("cooperating_enterprises", 28, "enterprises", "累计引进福州企业28家", 2018, None, DX),
        O("enterprise_investment", 960000000, "CNY", "实际投资9.6亿元", 2018, None, DX),
        O("labor_transferred", 1200, "persons", "吸纳建档立卡贫困人口就业1200余人", 2018, FZ, DX, q="at_least"),
        O("roads_built_km", 18, "km", "仓山区援建安定区村级道路18公里", 2018, "仓山区", "安定区"),
        O("drinking_water_people", 5600, "persons", "解决5600人饮水困难", 2018, "仓山区", "安定区"),
        O("counties_covered", 7, "counties", "福州6个县(市、区)与定西7个县区", 2018, FZ, DX),
        O("counties_covered", 6, "counties", "福州6个县(市、区)", 2018, optional=True, note="donor side"),
        O("villages_supported", 82, "villages", "78个乡镇与82个贫困村建立结对关系", 2018, FZ, DX),
        O("townships_villages_covered", 78, "localities", "78个乡镇与82个贫困村", 2018, optional=True, note="donor side"),
        O("exchange_visits", 26, "visits", "两地互访交流26批次", 2018, FZ, DX),
        O("exchange_visits", 12, "visits", "其中县级以上领导互访12批次", 2018, FZ, DX),
    ],
    "yearbook_beijing_neimenggu_2018-trad.txt": [
        P(BJ, NM, "北京市——內蒙古自治區扶貧協作"),
        P("朝阳区|朝陽區", "兴和县|興和縣", "朝陽區援建興和縣"),
        P("海淀区|海淀區", "察右前旗|察哈尔右翼前旗", "海淀區援建察右前旗"),
        O("gov_aid_funds", 420000000, "CNY", "全年北京市安排財政援助資金4.2億元", 2017, BJ, NM),
        O("aid_projects", 356, "projects", "實施援助項目356個", 2017, BJ, NM),
        O("counties_covered", 31, "counties", "北京市16個區與內蒙古31個貧困旗縣建立結對關係", 2017, BJ, NM),
        O("counties_covered", 16, "counties", "北京市16個區", 2017, optional=True, note="donor side"),
        O("cadres_exchanged", 43, "persons", "北京市選派掛職幹部43名", 2017, BJ, NM, dims={"direction": "to_recipient"}),
        O("professionals_sent", 320, "persons", "專業技術人員320名到內蒙古工作", 2017, BJ, NM, dims={"role": "technicians"}),
        O("cadres_exchanged", 98, "persons", "內蒙古選派98名幹部赴京掛職", 2017, BJ, NM, dims={"direction": "to_donor"}),
        O("trainees", 12000, "person-times", "全年培訓各類人員1.2萬人次", 2017, BJ, NM),
        O("trainees", 2300, "person-times", "其中貧困村致富帶頭人2300人次", 2017, BJ, NM, dims={"audience": "farmers"}),
        O("roads_built_km", 260, "km", "援建通村公路約260公里", 2017, BJ, NM, q="approx"),
        O("schools_built", 18, "schools", "新建和改擴建學校18所", 2017, BJ, NM),
        O("health_facilities_built", 9, "facilities", "衛生院9所", 2017, BJ, NM),
        O("farmland_mu", 15000, "mu", "完成高標準農田1.5萬畝", 2017, BJ, NM),
        O("drinking_water_people", 38000, "persons", "幫助解決3.8萬人飲水安全問題", 2017, BJ, NM),
    ],
    "news_jiaxing_lijiang_2020-gbk.txt": [
        P(JX, LJ, "嘉兴丽江携手推进扶贫协作"),
        P("南湖区", "永胜县", "嘉兴市南湖区与丽江市永胜县"),
        P("平湖市", "华坪县", "平湖市与华坪县分别结对"),
        E("meeting", "2020-06-10", "6月10日 , 嘉兴市与丽江市在丽江召开2020年东西部扶贫协作联席会议"),
        E("agreement_signing", "2020-06-10", "双方签署携手奔小康行动协议", optional=True),
        O("gov_aid_funds", 185000000, "CNY", "2019年嘉兴市向丽江市投入财政帮扶资金 1.85亿元", 2019, JX, LJ),
        O("aid_projects", 96, "projects", "实施帮扶项目 96 个", 2019, JX, LJ),
        O("beneficiaries", 23000, "persons", "帮助丽江 2.3万 名建档立卡贫困人口实现稳定增收", 2019, JX, LJ),
        O("gov_aid_funds", 200000000, "CNY", "嘉兴计划再投入资金2亿元", 2020, JX, LJ, dims={"kind": "supplementary"}),
        O("labor_transferred", 3000, "persons", "组织劳务输出3000人", 2020, JX, LJ, optional=True, note="a target"),
        O("labor_transferred", 1260, "persons", "已帮助 1260名 贫困劳动力到嘉兴就业", 2020, JX, LJ),
    ],
    "news_hangzhou_enshi_2020.txt": [
        P(HZ, ES, "我州与杭州市扶贫协作"),
        E("delegation_visit", "2020-11-03", "11月3日,杭州市党政代表团一行35人来我州考察对接"),
        O("gov_aid_funds", 1060000000, "CNY", "杭州市累计向我州投入财政帮扶资金10.6亿元", 2020, HZ, ES,
          dims={"period": "2016-2020"}),
        O("aid_projects", 2046, "projects", "实施帮扶项目2046个", 2020, HZ, ES),
        O("beneficiaries", 280000, "persons", "惠及贫困人口28万余人", 2020, HZ, ES, q="at_least"),
        O("gov_aid_funds", 320000000, "CNY", "2019年杭州市投入财政帮扶资金3.2亿元", 2019, HZ, ES),
        O("cadres_exchanged", 75, "persons", "杭州市先后选派6批75名党政干部到恩施挂职", 2020, HZ, ES,
          dims={"direction": "to_recipient"}),
        O("cadres_exchanged", 230, "persons", "我州选派230名干部赴杭挂职锻炼", 2020, HZ, ES, dims={"direction": "to_donor"}),
        O("professionals_sent", 1200, "persons", "双方互派教师、医生等专业技术人才1200余人次", 2020, HZ, ES, q="at_least"),
        O("trainees", 26000, "person-times", "杭州帮助我州培训各类人才2.6万人次", 2020, HZ, ES),
        O("cooperating_enterprises", 63, "enterprises", "共有63家杭州企业落户恩施", 2020, HZ, ES),
        O("enterprise_investment", 2800000000, "CNY", "到位资金近28亿元", 2020, HZ, ES, q="approx"),
        O("labor_transferred", 15000, "persons", "带动1.5万名贫困群众就业", 2020, HZ, ES),
        O("delegation_members", 35, "persons", "杭州市党政代表团一行35人", 2020, HZ, ES),
    ],
    "news_ningbo_qianxinan_2018-trad.txt": [
        P(NB, QXN, "寧波市與黔西南州深化甬黔扶貧協作"),
        P("海曙区|海曙區", "兴义市|興義市", "寧波市海曙區與興義市"),
        P("江北区|江北區", "安龙县|安龍縣", "江北區與安龍縣分別結對"),
        O("gov_aid_funds", 32000000, "CNY", "寧波市安排財政幫扶資金3200多萬元", 2018, NB, QXN, q="at_least"),
        O("social_donations", 200000000, "CNY", "社會各界捐款捐物2億餘元", 2018, NB, QXN, q="at_least"),
        O("social_donations", 45000000, "CNY", "其中物資折價4500萬元", 2018, NB, QXN, dims={"form": "in_kind"}),
        O("twinned_units", 53, "pairs", "兩地53個鄉鎮", 2018, NB, QXN),
        O("twinned_units", 86, "pairs", "86個村結成幫扶對子", 2018, NB, QXN),
        O("trainees", 18000, "person-times", "全年寧波為黔西南培訓貧困勞動力1.8萬人次", 2018, NB, QXN,
          dims={"audience": "workers"}),
        O("labor_transferred", 5200, "persons", "轉移就業5200人", 2018, NB, QXN),
        O("labor_transferred", 1600, "persons", "其中到寧波就業1600人", 2018, NB, QXN),
        O("labor_transferred", 2100, "persons", "吸納就業2100人", 2018, NB, QXN),
        O("schools_built", 12, "schools", "寧波援建學校12所", 2017, NB, QXN),
        O("roads_built_km", 45, "km", "修建產業路近45公里", 2017, NB, QXN, q="approx"),
    ],
    "news_tianjin_gansu_2017.txt": [
        P(TJ, GS, "津甘扶贫协作助力脱贫攻坚"),
        P(TJ, "天水市|天水", "天津市对口帮扶甘肃省天水"),
        P(TJ, "平凉市|平凉", "天津市对口帮扶甘肃省天水、平凉"),
        P(TJ, "庆阳市|庆阳", "天津市对口帮扶甘肃省天水、平凉、庆阳"),
        P("和平区", "静宁县", "天津市和平区与甘肃省静宁县"),
        P("河西区", "庄浪县", "河西区与庄浪县结成对子"),
        O("gov_aid_funds", 460000000, "CNY", "我市共向甘肃省投入财政帮扶资金4.6亿元", 2015, TJ, GS,
          dims={"period": "2011-2015"}),
        O("aid_projects", 380, "projects", "援建项目380个", 2015, TJ, GS),
        O("gov_aid_funds", 16400000, "CNY", "拨付帮扶资金一千六百四十万元", 2017, TJ, None, dims={"period": "2016-2017"}),
        O("farmland_mu", 23000, "mu", "帮助建成高标准农田2.3万亩", 2017, TJ),
        O("roads_built_km", 210, "km", "修建通村道路210多公里", 2017, TJ, q="at_least"),
        O("cadres_exchanged", 120, "persons", "两地互派干部120名", 2017, TJ, GS),
        O("cadres_exchanged", 45, "persons", "甘肃选派45名干部赴津挂职", 2017, TJ, GS, dims={"direction": "to_donor"}),
        O("cooperation_projects", 16, "projects", "天津企业在甘投资项目16个", 2017, None, GS),
        O("enterprise_investment", 4800000000, "CNY", "协议投资额48亿元", 2017, None, GS),
    ],
}


def main():
    import os
    import sys

    sys.path.insert(0, str(HERE.parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "counterpart.settings")
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
        for doc, rows in DOCS.items():
            text = read(doc)
            for row, ev in rows:
                start = text.find(ev)
                assert start >= 0, (doc, ev)
                line = {"doc": doc, **row, "evidence": {"start": start, "end": start + len(ev), "text": ev}}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
