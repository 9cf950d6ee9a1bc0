package org.livingcircle.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Resolves category typecode prefixes to 6-digit Amap typecodes and "大类;中类;小类" type strings.
 * The table is a small, approximate excerpt of Amap's POI classification for realistic-looking
 * sample rows; an unknown code gets the top-level class of its first two digits and the
 * category's Chinese name.
 */
final class AmapTypes {
  private AmapTypes() {}

  private static final NavigableMap<String, String> TYPES = new TreeMap<>(Map.ofEntries(
      Map.entry("050100", "餐饮服务;中餐厅;中餐厅"),
      Map.entry("050300", "餐饮服务;快餐厅;快餐厅"),
      Map.entry("050500", "餐饮服务;咖啡厅;咖啡厅"),
      Map.entry("050600", "餐饮服务;茶艺馆;茶艺馆"),
      Map.entry("050800", "餐饮服务;糕饼店;糕饼店"),
      Map.entry("060100", "购物服务;商场;商场"),
      Map.entry("060200", "购物服务;便民商店/便利店;便民商店/便利店"),
      Map.entry("060400", "购物服务;超级市场;超市"),
      Map.entry("060700", "购物服务;综合市场;综合市场"),
      Map.entry("070500", "生活服务;物流速递;物流速递"),
      Map.entry("071100", "生活服务;美容美发店;美容美发店"),
      Map.entry("071200", "生活服务;维修站点;维修站点"),
      Map.entry("071300", "生活服务;摄影冲印店;摄影冲印店"),
      Map.entry("071500", "生活服务;洗衣店;洗衣店"),
      Map.entry("080111", "体育休闲服务;运动场馆;健身中心"),
      Map.entry("090100", "医疗保健服务;综合医院;综合医院"),
      Map.entry("090300", "医疗保健服务;诊所;诊所"),
      Map.entry("090601", "医疗保健服务;医药保健销售店;药房"),
      Map.entry("090700", "医疗保健服务;动物医疗场所;动物医疗场所"),
      Map.entry("110101", "风景名胜;公园广场;公园"),
      Map.entry("120302", "商务住宅;住宅区;住宅小区"),
      Map.entry("141203", "科教文化服务;学校;小学"),
      Map.entry("141204", "科教文化服务;学校;幼儿园"),
      Map.entry("141400", "科教文化服务;培训机构;培训机构"),
      Map.entry("150700", "交通设施服务;公交车站;公交车站相关")));

  private static final Map<String, String> TOP = Map.ofEntries(
      Map.entry("05", "餐饮服务"), Map.entry("06", "购物服务"), Map.entry("07", "生活服务"),
      Map.entry("08", "体育休闲服务"), Map.entry("09", "医疗保健服务"), Map.entry("10", "住宿服务"),
      Map.entry("11", "风景名胜"), Map.entry("12", "商务住宅"), Map.entry("13", "政府机构及社会团体"),
      Map.entry("14", "科教文化服务"), Map.entry("15", "交通设施服务"), Map.entry("16", "金融保险服务"),
      Map.entry("17", "公司企业"), Map.entry("19", "地名地址信息"), Map.entry("20", "公共设施"));

  /** Typecode of Amap's catch-all for codes the ingest does not know (used to inject mess). */
  static final String UNKNOWN_TYPECODE = "999999";

  /** A resolved typecode and its type string. */
  record Type(String typecode, String type) {}

  /** 6-digit typecodes for a category's prefixes, in configuration order. */
  static List<Type> resolve(SampleCategory category) {
    List<Type> out = new ArrayList<>();
    for (String prefix : category.amapTypecodes()) {
      String code = prefix.length() == 6 ? prefix : firstWithPrefix(prefix);
      String type = TYPES.get(code);
      if (type == null) {
        type = TOP.getOrDefault(code.substring(0, 2), "生活服务") + ";" + category.nameZh() + ";" + category.nameZh();
      }
      out.add(new Type(code, type));
    }
    return List.copyOf(out);
  }

  private static String firstWithPrefix(String prefix) {
    String candidate = TYPES.ceilingKey(prefix);
    if (candidate != null && candidate.startsWith(prefix)) {
      return candidate;
    }
    return (prefix + "000000").substring(0, 6);
  }
}
