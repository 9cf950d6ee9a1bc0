package org.livingcircle.sample;

/**
 * Amap-like POI ids ("B0FF" + 6 base-36 characters), unique for up to 36⁶ ids per run: the i-th id
 * encodes (a·i + b) mod 36⁶ with a coprime to 36⁶, so the map is a bijection. Not thread-safe.
 */
final class SampleIds {
  private static final long MOD = 2_176_782_336L; // 36^6
  private static final long MULTIPLIER = 1_103_515_249L; // not divisible by 2 or 3
  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private final long offset;
  private long next;

  SampleIds(long seed) {
    this.offset = Math.floorMod(seed * 0x9E3779B97F4A7C15L, MOD);
  }

  String next() {
    long v = Math.floorMod(MULTIPLIER * next++ + offset, MOD);
    char[] c = {'B', '0', 'F', 'F', '0', '0', '0', '0', '0', '0'};
    for (int i = 9; i >= 4; i--) {
      c[i] = DIGITS.charAt((int) (v % 36));
      v /= 36;
    }
    return new String(c);
  }
}
