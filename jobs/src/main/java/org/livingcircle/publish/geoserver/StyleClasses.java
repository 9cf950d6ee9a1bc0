package org.livingcircle.publish.geoserver;

import java.util.List;
import org.livingcircle.common.Checks;

/**
 * How a style classifies and draws features. Every value comes from configuration; {@link
 * SldStyles} only translates. Indicator columns write "none within the search limit" as null
 * (style.md), so the attribute classifications end with a no-data rule for null values.
 */
public sealed interface StyleClasses {
  /** Rules in the generated SLD. */
  int nRules();

  /**
   * Grid cells coloured by a numeric attribute in classes split at {@code breaks}: below the first
   * break, between consecutive breaks (lower bound inclusive), at or above the last break; then a
   * no-data rule for null.
   *
   * @param property attribute name, e.g. {@code walk_min_school}
   * @param unit unit shown in rule titles, e.g. {@code min} or {@code m}
   * @param breaks strictly increasing finite class limits
   * @param colours fill colours {@code #RRGGBB}, one more than the breaks
   * @param noDataColour fill for null values
   * @param strokeColour cell outline colour
   */
  record Graduated(
      String property,
      String unit,
      List<Double> breaks,
      List<String> colours,
      String noDataColour,
      String strokeColour)
      implements StyleClasses {
    public Graduated {
      Names.name(property, "style property");
      Names.text(unit, "style unit");
      breaks = List.copyOf(Checks.notNull(breaks, "class breaks"));
      colours = List.copyOf(Checks.notNull(colours, "class colours"));
      Checks.check(!breaks.isEmpty(), "Cannot classify %s: no class breaks", property);
      for (int i = 0; i < breaks.size(); i++) {
        Checks.finite(breaks.get(i), "class break " + i + " of " + property);
        Checks.check(
            i == 0 || breaks.get(i) > breaks.get(i - 1),
            "Cannot classify %s: break %s is not greater than the break before it, %s",
            property,
            breaks.get(i),
            breaks.get(Math.max(0, i - 1)));
      }
      Checks.check(
          colours.size() == breaks.size() + 1,
          "Cannot classify %s: %s breaks need %s colours, got %s",
          property,
          breaks.size(),
          breaks.size() + 1,
          colours.size());
      colours.forEach(c -> Names.colour(c, "class"));
      Names.colour(noDataColour, "no-data");
      Names.colour(strokeColour, "stroke");
    }

    @Override
    public int nRules() {
      return colours.size() + 1;
    }
  }

  /**
   * Grid cells coloured by exact attribute values (e.g. completeness {@code complete}/{@code
   * partial}/{@code none}), then a no-data rule for null.
   */
  record Categorical(
      String property, List<Category> categories, String noDataColour, String strokeColour)
      implements StyleClasses {
    public Categorical {
      Names.name(property, "style property");
      categories = Names.unique(categories, Category::value, "category of " + property);
      Checks.check(!categories.isEmpty(), "Cannot classify %s: no categories", property);
      Names.colour(noDataColour, "no-data");
      Names.colour(strokeColour, "stroke");
    }

    @Override
    public int nRules() {
      return categories.size() + 1;
    }
  }

  /** One attribute value, its legend label and fill colour. */
  record Category(String value, String label, String colour) {
    public Category {
      Names.text(value, "category value");
      Names.text(label, "category label");
      Names.colour(colour, "category");
    }
  }

  /**
   * Every polygon filled alike (grid cells, living-circle outlines).
   *
   * @param fillOpacity 0 (transparent) to 1
   * @param strokeWidthPx outline width in pixels, > 0
   */
  record PolygonFill(
      String fillColour, double fillOpacity, String strokeColour, double strokeWidthPx)
      implements StyleClasses {
    public PolygonFill {
      Names.colour(fillColour, "fill");
      Checks.check(
          fillOpacity >= 0 && fillOpacity <= 1,
          "Cannot use fill opacity %s: expected 0-1",
          fillOpacity);
      Names.colour(strokeColour, "stroke");
      Checks.positive(strokeWidthPx, "stroke width px");
    }

    @Override
    public int nRules() {
      return 1;
    }
  }

  /**
   * Every point drawn with one mark (facilities).
   *
   * @param wellKnownName SLD 1.0 mark: square, circle, triangle, star, cross or x
   * @param sizePx mark size in pixels, > 0
   */
  record PointMark(String wellKnownName, double sizePx, String fillColour, String strokeColour)
      implements StyleClasses {
    private static final List<String> MARKS =
        List.of("square", "circle", "triangle", "star", "cross", "x");

    public PointMark {
      Checks.check(
          MARKS.contains(wellKnownName),
          "Cannot use mark '%s': expected one of %s",
          wellKnownName,
          MARKS);
      Checks.positive(sizePx, "mark size px");
      Names.colour(fillColour, "mark fill");
      Names.colour(strokeColour, "mark stroke");
    }

    @Override
    public int nRules() {
      return 1;
    }
  }
}
