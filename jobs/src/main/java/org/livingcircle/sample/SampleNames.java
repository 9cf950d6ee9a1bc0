package org.livingcircle.sample;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Realistic-looking Chinese names and addresses for synthetic POIs, unique within one generated
 * city (so that injected duplicates are the only rows sharing a name). Not thread-safe.
 */
final class SampleNames {
  private static final List<String> PLACES =
      List.of(
          "凤城", "新华", "东关", "西关", "南关", "北环", "滨河", "太行", "泽州", "金阳", "锦绣", "康乐", "和平", "幸福", "阳光",
          "华阳", "紫金", "上党", "英雄", "长兴", "兴华", "文昌", "建设", "花园", "鸣凤", "育才", "红星", "凤凰", "新城", "府前",
          "安泽", "龙泽", "书院", "钟楼", "白马", "黄华");
  private static final List<String> ROADS =
      List.of(
          "新建路", "凤凰北路", "滨河东路", "太行路", "泽州路", "建设路", "文昌街", "红星街", "黄华街", "英雄中路", "解放路", "府前街",
          "新阳东街", "金阳街", "北环路", "太岳路", "育英街", "中原街", "凤台街", "书院街");
  private static final List<String> SURNAMES =
      List.of("王", "李", "张", "刘", "陈", "杨", "赵", "郭", "牛", "卫", "段", "原");
  private static final List<String> ESTATES =
      List.of("花园", "家园", "新村", "苑", "嘉园", "雅居", "名都", "华庭", "佳苑", "新城");

  /** Chain brands by category id; the rest get "<place><name_zh>" or "<surname>记<name_zh>". */
  private static final Map<String, List<String>> BRANDS =
      Map.of(
          "convenience_store", List.of("美宜佳便利店", "唐久便利", "金虎便利", "易捷便利店", "惠康便利店"),
          "supermarket", List.of("惠康超市", "美特好超市", "天美超市", "佳和易购超市"),
          "pharmacy", List.of("万民药房", "一笑堂药房", "老百姓大药房", "益丰大药房"),
          "post_parcel_point", List.of("菜鸟驿站", "中国邮政便民服务站", "妈妈驿站"));

  private final Set<String> used = new HashSet<>();

  /**
   * A unique name for a POI of {@code category}: a few fresh draws, then a road-based branch name.
   */
  String poiName(SplittableRandom rng, SampleCategory category) {
    List<String> brands = BRANDS.get(category.id());
    String base = "";
    for (int attempt = 0; attempt < 8; attempt++) {
      if (category.residential()) {
        base = pick(rng, PLACES) + pick(rng, ESTATES) + "小区";
      } else if (brands != null) {
        base = pick(rng, brands) + "(" + pick(rng, PLACES) + "店)";
      } else if (rng.nextInt(3) == 0) {
        base = pick(rng, SURNAMES) + "记" + category.nameZh();
      } else {
        base = pick(rng, PLACES) + category.nameZh();
      }
      if (used.add(base)) {
        return base;
      }
    }
    if (brands != null) {
      base = base.substring(0, base.indexOf('('));
    }
    return unique(rng, base, category.residential());
  }

  /** A unique facility name such as "东关幼儿园" for a facility register. */
  String facilityName(SplittableRandom rng, String place, String kindZh) {
    return unique(rng, place + kindZh, false);
  }

  /** Reserves a real name so that synthetic names never collide with it. */
  void reserve(String name) {
    used.add(name);
  }

  private String unique(SplittableRandom rng, String base, boolean residential) {
    if (used.add(base)) {
      return base;
    }
    for (int k = 2; ; k++) {
      String candidate =
          residential ? base + "(" + k + "期)" : base + "(" + pick(rng, ROADS) + k + "号店)";
      if (used.add(candidate)) {
        return candidate;
      }
    }
  }

  /** A street address such as "阳城县新建路108号". */
  static String address(SplittableRandom rng, String countyName) {
    return countyName + pick(rng, ROADS) + (1 + rng.nextInt(320)) + "号";
  }

  static String place(SplittableRandom rng) {
    return pick(rng, PLACES);
  }

  static <T> T pick(SplittableRandom rng, List<T> list) {
    return list.get(rng.nextInt(list.size()));
  }
}
