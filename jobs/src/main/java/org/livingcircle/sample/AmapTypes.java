package org.livingcircle.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Resolves category typecode prefixes to 6-digit Amap typecodes and "大类;中类;小类" type strings. The
 * table holds the official rows (Amap code table V1.06, reference/amap_poi_codes_v1.06.csv) of
 * every code the shipped categories use; a code outside it (test configurations only) gets the
 * top-level class of its first two digits and the category's Chinese name, a SYNTHETIC type string.
 */
final class AmapTypes {
  private AmapTypes() {}

  /**
   * Official rows (reference/amap_poi_codes_v1.06.csv, V1.06) of every code conf/categories.yaml
   * uses.
   */
  private static final NavigableMap<String, String> TYPES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("050100", "餐饮服务;中餐厅;中餐厅"),
              Map.entry("050101", "餐饮服务;中餐厅;综合酒楼"),
              Map.entry("050102", "餐饮服务;中餐厅;四川菜(川菜)"),
              Map.entry("050103", "餐饮服务;中餐厅;广东菜(粤菜)"),
              Map.entry("050104", "餐饮服务;中餐厅;山东菜(鲁菜)"),
              Map.entry("050105", "餐饮服务;中餐厅;江苏菜"),
              Map.entry("050106", "餐饮服务;中餐厅;浙江菜"),
              Map.entry("050107", "餐饮服务;中餐厅;上海菜"),
              Map.entry("050108", "餐饮服务;中餐厅;湖南菜(湘菜)"),
              Map.entry("050109", "餐饮服务;中餐厅;安徽菜(徽菜)"),
              Map.entry("050110", "餐饮服务;中餐厅;福建菜"),
              Map.entry("050111", "餐饮服务;中餐厅;北京菜"),
              Map.entry("050112", "餐饮服务;中餐厅;湖北菜(鄂菜)"),
              Map.entry("050113", "餐饮服务;中餐厅;东北菜"),
              Map.entry("050114", "餐饮服务;中餐厅;云贵菜"),
              Map.entry("050115", "餐饮服务;中餐厅;西北菜"),
              Map.entry("050116", "餐饮服务;中餐厅;老字号"),
              Map.entry("050117", "餐饮服务;中餐厅;火锅店"),
              Map.entry("050118", "餐饮服务;中餐厅;特色/地方风味餐厅"),
              Map.entry("050119", "餐饮服务;中餐厅;海鲜酒楼"),
              Map.entry("050120", "餐饮服务;中餐厅;中式素菜馆"),
              Map.entry("050121", "餐饮服务;中餐厅;清真菜馆"),
              Map.entry("050122", "餐饮服务;中餐厅;台湾菜"),
              Map.entry("050123", "餐饮服务;中餐厅;潮州菜"),
              Map.entry("050200", "餐饮服务;外国餐厅;外国餐厅"),
              Map.entry("050201", "餐饮服务;外国餐厅;西餐厅(综合风味)"),
              Map.entry("050202", "餐饮服务;外国餐厅;日本料理"),
              Map.entry("050203", "餐饮服务;外国餐厅;韩国料理"),
              Map.entry("050204", "餐饮服务;外国餐厅;法式菜品餐厅"),
              Map.entry("050205", "餐饮服务;外国餐厅;意式菜品餐厅"),
              Map.entry("050206", "餐饮服务;外国餐厅;泰国/越南菜品餐厅"),
              Map.entry("050207", "餐饮服务;外国餐厅;地中海风格菜品"),
              Map.entry("050208", "餐饮服务;外国餐厅;美式风味"),
              Map.entry("050209", "餐饮服务;外国餐厅;印度风味"),
              Map.entry("050210", "餐饮服务;外国餐厅;英国式菜品餐厅"),
              Map.entry("050211", "餐饮服务;外国餐厅;牛扒店(扒房)"),
              Map.entry("050212", "餐饮服务;外国餐厅;俄国菜"),
              Map.entry("050213", "餐饮服务;外国餐厅;葡国菜"),
              Map.entry("050214", "餐饮服务;外国餐厅;德国菜"),
              Map.entry("050215", "餐饮服务;外国餐厅;巴西菜"),
              Map.entry("050216", "餐饮服务;外国餐厅;墨西哥菜"),
              Map.entry("050217", "餐饮服务;外国餐厅;其它亚洲菜"),
              Map.entry("050300", "餐饮服务;快餐厅;快餐厅"),
              Map.entry("050304", "餐饮服务;快餐厅;永和豆浆"),
              Map.entry("050500", "餐饮服务;咖啡厅;咖啡厅"),
              Map.entry("050501", "餐饮服务;咖啡厅;星巴克咖啡"),
              Map.entry("050502", "餐饮服务;咖啡厅;上岛咖啡"),
              Map.entry("050503", "餐饮服务;咖啡厅;Pacific Coffee Company"),
              Map.entry("050504", "餐饮服务;咖啡厅;巴黎咖啡店"),
              Map.entry("050600", "餐饮服务;茶艺馆;茶艺馆"),
              Map.entry("050800", "餐饮服务;糕饼店;糕饼店"),
              Map.entry("050900", "餐饮服务;甜品店;甜品店"),
              Map.entry("060000", "购物服务;购物相关场所;购物相关场所"),
              Map.entry("060100", "购物服务;商场;商场"),
              Map.entry("060200", "购物服务;便民商店/便利店;便民商店/便利店"),
              Map.entry("060201", "购物服务;便民商店/便利店;7-ELEVEn便利店"),
              Map.entry("060202", "购物服务;便民商店/便利店;OK便利店"),
              Map.entry("060400", "购物服务;超级市场;超市"),
              Map.entry("060401", "购物服务;超级市场;家乐福"),
              Map.entry("060402", "购物服务;超级市场;沃尔玛"),
              Map.entry("060403", "购物服务;超级市场;华润"),
              Map.entry("060404", "购物服务;超级市场;北京华联"),
              Map.entry("060405", "购物服务;超级市场;上海华联"),
              Map.entry("060406", "购物服务;超级市场;麦德龙"),
              Map.entry("060407", "购物服务;超级市场;乐天玛特"),
              Map.entry("060408", "购物服务;超级市场;华堂"),
              Map.entry("060409", "购物服务;超级市场;卜蜂莲花"),
              Map.entry("060413", "购物服务;超级市场;惠康超市"),
              Map.entry("060414", "购物服务;超级市场;百佳超市"),
              Map.entry("060500", "购物服务;花鸟鱼虫市场;花鸟鱼虫市场"),
              Map.entry("060501", "购物服务;花鸟鱼虫市场;花卉市场"),
              Map.entry("060502", "购物服务;花鸟鱼虫市场;宠物市场"),
              Map.entry("060700", "购物服务;综合市场;综合市场"),
              Map.entry("060703", "购物服务;综合市场;农副产品市场"),
              Map.entry("060704", "购物服务;综合市场;果品市场"),
              Map.entry("060705", "购物服务;综合市场;蔬菜市场"),
              Map.entry("060706", "购物服务;综合市场;水产海鲜市场"),
              Map.entry("061205", "购物服务;专卖店;书店"),
              Map.entry("061209", "购物服务;专卖店;礼品饰品店"),
              Map.entry("061211", "购物服务;专卖店;宠物用品店"),
              Map.entry("070000", "生活服务;生活服务场所;生活服务场所"),
              Map.entry("070100", "生活服务;旅行社;旅行社"),
              Map.entry("070400", "生活服务;邮局;邮局"),
              Map.entry("070401", "生活服务;邮局;邮政速递"),
              Map.entry("070500", "生活服务;物流速递;物流速递"),
              Map.entry("071000", "生活服务;电力营业厅;电力营业厅"),
              Map.entry("071100", "生活服务;美容美发店;美容美发店"),
              Map.entry("071200", "生活服务;维修站点;维修站点"),
              Map.entry("071300", "生活服务;摄影冲印店;摄影冲印"),
              Map.entry("071400", "生活服务;洗浴推拿场所;洗浴推拿场所"),
              Map.entry("071500", "生活服务;洗衣店;洗衣店"),
              Map.entry("071800", "生活服务;彩票彩券销售点;彩票彩券销售点"),
              Map.entry("080100", "体育休闲服务;运动场馆;运动场所"),
              Map.entry("080101", "体育休闲服务;运动场馆;综合体育馆"),
              Map.entry("080103", "体育休闲服务;运动场馆;网球场"),
              Map.entry("080104", "体育休闲服务;运动场馆;篮球场馆"),
              Map.entry("080105", "体育休闲服务;运动场馆;足球场"),
              Map.entry("080108", "体育休闲服务;运动场馆;户外健身场所"),
              Map.entry("080110", "体育休闲服务;运动场馆;游泳馆"),
              Map.entry("080111", "体育休闲服务;运动场馆;健身中心"),
              Map.entry("080112", "体育休闲服务;运动场馆;乒乓球馆"),
              Map.entry("080118", "体育休闲服务;运动场馆;羽毛球场"),
              Map.entry("090100", "医疗保健服务;综合医院;综合医院"),
              Map.entry("090101", "医疗保健服务;综合医院;三级甲等医院"),
              Map.entry("090102", "医疗保健服务;综合医院;卫生院"),
              Map.entry("090200", "医疗保健服务;专科医院;专科医院"),
              Map.entry("090202", "医疗保健服务;专科医院;口腔医院"),
              Map.entry("090203", "医疗保健服务;专科医院;眼科医院"),
              Map.entry("090204", "医疗保健服务;专科医院;耳鼻喉医院"),
              Map.entry("090205", "医疗保健服务;专科医院;胸科医院"),
              Map.entry("090206", "医疗保健服务;专科医院;骨科医院"),
              Map.entry("090207", "医疗保健服务;专科医院;肿瘤医院"),
              Map.entry("090208", "医疗保健服务;专科医院;脑科医院"),
              Map.entry("090209", "医疗保健服务;专科医院;妇科医院"),
              Map.entry("090210", "医疗保健服务;专科医院;精神病医院"),
              Map.entry("090211", "医疗保健服务;专科医院;传染病医院"),
              Map.entry("090300", "医疗保健服务;诊所;诊所"),
              Map.entry("090600", "医疗保健服务;医药保健销售店;医药保健相关"),
              Map.entry("090601", "医疗保健服务;医药保健销售店;药房"),
              Map.entry("090700", "医疗保健服务;动物医疗场所;动物医疗场所"),
              Map.entry("090701", "医疗保健服务;动物医疗场所;宠物诊所"),
              Map.entry("090702", "医疗保健服务;动物医疗场所;兽医站"),
              Map.entry("110100", "风景名胜;公园广场;公园广场"),
              Map.entry("110101", "风景名胜;公园广场;公园"),
              Map.entry("110103", "风景名胜;公园广场;植物园"),
              Map.entry("120300", "商务住宅;住宅区;住宅区"),
              Map.entry("120301", "商务住宅;住宅区;别墅"),
              Map.entry("120302", "商务住宅;住宅区;住宅小区"),
              Map.entry("120303", "商务住宅;住宅区;宿舍"),
              Map.entry("140500", "科教文化服务;图书馆;图书馆"),
              Map.entry("141203", "科教文化服务;学校;小学"),
              Map.entry("141204", "科教文化服务;学校;幼儿园"),
              Map.entry("141400", "科教文化服务;培训机构;培训机构"),
              Map.entry("150700", "交通设施服务;公交车站;公交车站相关"),
              Map.entry("150701", "交通设施服务;公交车站;旅游专线车站"),
              Map.entry("150702", "交通设施服务;公交车站;普通公交站"),
              Map.entry("150704", "交通设施服务;公交车站;快速公交站"),
              Map.entry("150705", "交通设施服务;公交车站;电车站"),
              Map.entry("150706", "交通设施服务;公交车站;智轨车站")));

  private static final Map<String, String> TOP =
      Map.ofEntries(
          Map.entry("05", "餐饮服务"),
          Map.entry("06", "购物服务"),
          Map.entry("07", "生活服务"),
          Map.entry("08", "体育休闲服务"),
          Map.entry("09", "医疗保健服务"),
          Map.entry("10", "住宿服务"),
          Map.entry("11", "风景名胜"),
          Map.entry("12", "商务住宅"),
          Map.entry("13", "政府机构及社会团体"),
          Map.entry("14", "科教文化服务"),
          Map.entry("15", "交通设施服务"),
          Map.entry("16", "金融保险服务"),
          Map.entry("17", "公司企业"),
          Map.entry("19", "地名地址信息"),
          Map.entry("20", "公共设施"));

  /**
   * A SYNTHETIC typecode that is not in the Amap table (used to inject mess; ingest quarantines and
   * counts it).
   */
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
        type =
            TOP.getOrDefault(code.substring(0, 2), "生活服务")
                + ";"
                + category.nameZh()
                + ";"
                + category.nameZh();
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
