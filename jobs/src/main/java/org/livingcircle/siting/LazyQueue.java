package org.livingcircle.siting;

/**
 * The priority queue of lazy greedy evaluation (CELF, Leskovec et al. 2007, "Cost-effective
 * outbreak detection in networks", KDD '07): a binary max-heap of items keyed by an upper bound of
 * their marginal gain and stamped with the round in which the bound was computed. Order: larger key
 * first, then smaller item id, so that ties go to the lowest id and results are reproducible.
 * Primitive arrays; {@link #push} and {@link #pop} allocate nothing once sized. Not thread-safe.
 */
final class LazyQueue {
  private double[] key;
  private int[] item;
  private int[] stamp;
  private int size;

  LazyQueue(int capacity) {
    int c = Math.max(1, capacity);
    key = new double[c];
    item = new int[c];
    stamp = new int[c];
  }

  int size() {
    return size;
  }

  void push(int id, double gain, int round) {
    if (size == key.length) {
      key = java.util.Arrays.copyOf(key, size * 2);
      item = java.util.Arrays.copyOf(item, size * 2);
      stamp = java.util.Arrays.copyOf(stamp, size * 2);
    }
    int i = size++;
    key[i] = gain;
    item[i] = id;
    stamp[i] = round;
    up(i);
  }

  double topKey() {
    return key[0];
  }

  int topItem() {
    return item[0];
  }

  int topStamp() {
    return stamp[0];
  }

  /** Removes the top; read it first with {@link #topItem()} and friends. */
  void pop() {
    size--;
    if (size > 0) {
      move(size, 0);
      down(0);
    }
  }

  private boolean before(int a, int b) {
    return key[a] > key[b] || (key[a] == key[b] && item[a] < item[b]);
  }

  private void up(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!before(i, p)) {
        return;
      }
      swap(i, p);
      i = p;
    }
  }

  private void down(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int best = l + 1 < size && before(l + 1, l) ? l + 1 : l;
      if (!before(best, i)) {
        return;
      }
      swap(i, best);
      i = best;
    }
  }

  private void move(int from, int to) {
    key[to] = key[from];
    item[to] = item[from];
    stamp[to] = stamp[from];
  }

  private void swap(int a, int b) {
    double k = key[a];
    key[a] = key[b];
    key[b] = k;
    int t = item[a];
    item[a] = item[b];
    item[b] = t;
    t = stamp[a];
    stamp[a] = stamp[b];
    stamp[b] = t;
  }
}
