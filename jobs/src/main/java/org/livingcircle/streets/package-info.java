/**
 * Street networks for walking: reading OpenStreetMap PBF extracts, the foot rules that decide what
 * a pedestrian may walk, the {@link org.livingcircle.streets.FootGraph} built from them, linking
 * points to its edges and the shortest-path searches over it. A floor below the stages: it imports
 * only {@code common}, {@code geo} and {@code config}, and no Spark.
 */
package org.livingcircle.streets;
