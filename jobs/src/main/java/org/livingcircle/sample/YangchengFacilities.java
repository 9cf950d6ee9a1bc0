package org.livingcircle.sample;

import java.util.List;

/**
 * Real capacity rows of Yangcheng county seat (阳城县, 140522) from its 10-minute living-circle plan
 * (seed 000, December 2022), appendix tables 附表2–附表5: names, enrolled pupils or beds, and the
 * address or location text the plan gives (no coordinates). A missing capacity is -1 ({@link
 * #NO_CAPACITY}). Truncated names are kept as printed (e.g. 凰新村幼儿园).
 */
final class YangchengFacilities {
  private YangchengFacilities() {}

  static final String COUNTY_CODE = "140522";
  static final int NO_CAPACITY = -1;

  /** Which capacity kind a row belongs to and how to find its category. */
  enum Kind {
    KINDERGARTEN(
        "kindergarten_places",
        "kindergarten",
        "pupils",
        "seed 000 附表2",
        "阳城县现有教育设施统计表 (幼儿园; enrolled pupils)"),
    PRIMARY_SCHOOL(
        "school_places", "primary", "pupils", "seed 000 附表2", "阳城县现有教育设施统计表 (小学; enrolled pupils)"),
    HOSPITAL("hospital_beds", "hospital", "beds", "seed 000 附表3", "阳城县县城各医疗机构基本情况汇总表 (编制床位)"),
    ELDERLY_HOME("elderly_beds", "elderly_care", "beds", "seed 000 附表4", "阳城县主城区养老机构基本情况 (床位总数)"),
    DAY_CARE("elderly_beds", "day", "beds", "seed 000 附表5", "老年人日间照料中心 (床位数)");

    final String capacityKind;

    /** Preferred category-id fragment when several categories share the capacity kind. */
    final String idHint;

    final String unit;

    /** Short source, e.g. "seed 000 附表2". */
    final String table;

    /** Full source: table and title. */
    final String source;

    Kind(String capacityKind, String idHint, String unit, String table, String title) {
      this.capacityKind = capacityKind;
      this.idHint = idHint;
      this.unit = unit;
      this.table = table;
      this.source = table + " " + title;
    }
  }

  /**
   * One register row; {@code nursingBeds} is 附表4's 护理型床位数 column, {@link #NO_CAPACITY} where the
   * table leaves it empty or has no such column.
   */
  record Row(Kind kind, String name, String address, int capacity, String remark, int nursingBeds) {
    Row(Kind kind, String name, String address, int capacity, String remark) {
      this(kind, name, address, capacity, remark, NO_CAPACITY);
    }
  }

  static final List<Row> ROWS =
      List.of(
          new Row(Kind.KINDERGARTEN, "南城幼儿园", "新建路东", 843, ""),
          new Row(Kind.KINDERGARTEN, "红星幼儿园", "新阳西街", 498, ""),
          new Row(Kind.KINDERGARTEN, "佳佳幼儿园", "华阳小区附近", 339, ""),
          new Row(Kind.KINDERGARTEN, "凰新村幼儿园", "凤凰新村", 465, ""),
          new Row(Kind.KINDERGARTEN, "安泽幼儿园", "安泽小区", 59, ""),
          new Row(Kind.KINDERGARTEN, "凤阳幼儿园", "新建路西", 354, ""),
          new Row(Kind.KINDERGARTEN, "水村幼儿园", "水村社区", 355, ""),
          new Row(Kind.KINDERGARTEN, "岳庄幼儿园", "岳庄村", 87, ""),
          new Row(Kind.KINDERGARTEN, "上芹幼儿园", "上芹村", 94, ""),
          new Row(Kind.KINDERGARTEN, "东关幼儿园", "东关社区", 101, ""),
          new Row(Kind.KINDERGARTEN, "坡底幼儿园", "坡底村", 117, ""),
          new Row(Kind.KINDERGARTEN, "下芹幼儿园", "下芹社区", 80, ""),
          new Row(Kind.KINDERGARTEN, "阳高泉幼儿园", "阳高泉村", 86, ""),
          new Row(Kind.KINDERGARTEN, "坪头幼儿园", "坪头村", 188, ""),
          new Row(Kind.KINDERGARTEN, "鸣凤园", "鸣凤路东", 352, ""),
          new Row(Kind.KINDERGARTEN, "色摇篮幼儿园", "兰花园", 231, ""),
          new Row(Kind.KINDERGARTEN, "美韵园", "美韵家园", 244, ""),
          new Row(Kind.KINDERGARTEN, "茹氏蒙学堂", "大西庄", 307, ""),
          new Row(Kind.KINDERGARTEN, "明天园", "南城西街", 130, ""),
          new Row(Kind.PRIMARY_SCHOOL, "实验小学", "凰东街人民巷", 2853, ""),
          new Row(Kind.PRIMARY_SCHOOL, "阳城二小", "新阳西街86号", 1320, ""),
          new Row(Kind.PRIMARY_SCHOOL, "阳城三小", "太岳路", 1270, ""),
          new Row(Kind.PRIMARY_SCHOOL, "南关小学", "南关社区", 987, ""),
          new Row(Kind.PRIMARY_SCHOOL, "东关小学", "东关街112号", 230, ""),
          new Row(Kind.PRIMARY_SCHOOL, "岳庄小学", "岳庄村", 105, ""),
          new Row(Kind.PRIMARY_SCHOOL, "坪头小学", "坪头村", 68, ""),
          new Row(Kind.PRIMARY_SCHOOL, "水村小学", "析城大道", 376, ""),
          new Row(Kind.PRIMARY_SCHOOL, "下芹小学", "下芹社区", 91, ""),
          new Row(Kind.HOSPITAL, "阳城县人民医院", "阳城县滨河西路1509号", 560, "二级甲等"),
          new Row(Kind.HOSPITAL, "阳城县肿瘤医院", "阳城县滨河东路1596", 300, "二级甲等"),
          new Row(Kind.HOSPITAL, "阳城县中医院", "府西路101号", 140, "二级甲等"),
          new Row(Kind.HOSPITAL, "阳城县妇幼保健院", "新阳东街建设路19号", 40, "二级甲等"),
          new Row(Kind.HOSPITAL, "阳城县眼科医院", "凤凰北路98号", 80, "一级甲等"),
          new Row(Kind.HOSPITAL, "阳城阳光眼科医院", "新阳东街39号", 20, ""),
          new Row(Kind.HOSPITAL, "阳城友谊医院", "凤城镇南关社区", 20, ""),
          new Row(Kind.HOSPITAL, "阳城现代医院", "南城西路7号", 30, "暂停 (suspended)"),
          new Row(Kind.HOSPITAL, "阳城惠泽口腔医院", "凤城镇水村社区北漳一区85号", NO_CAPACITY, "beds not given"),
          new Row(Kind.HOSPITAL, "阳城县工业职工医院", "凤凰西街109号", 30, "暂停 (suspended)"),
          new Row(Kind.HOSPITAL, "阳城县商业职工医院", "凤凰西街47号", 24, "暂停 (suspended)"),
          new Row(Kind.ELDERLY_HOME, "阳城县凤城镇西关村社区老年服务中心", "西关社区", 222, "nursing beds 100", 100),
          new Row(Kind.ELDERLY_HOME, "阳城县岳庄老年公寓", "岳庄村", 102, ""),
          new Row(Kind.ELDERLY_HOME, "阳城县友谊医院", "凤城镇南关社区", 20, "nursing beds 20", 20),
          new Row(Kind.DAY_CARE, "东关社区老年人日间照料中心", "东关社区", 15, ""),
          new Row(Kind.DAY_CARE, "西关社区老年人日间照料中心", "西关社区", 30, ""),
          new Row(Kind.DAY_CARE, "上芹村老年人日间照料中心", "上芹村", 32, ""),
          new Row(Kind.DAY_CARE, "中李丘老年人日间照料中心", "中李丘村", 30, ""));
}
