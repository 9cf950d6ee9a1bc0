package org.livingcircle.cli;

public final class Lcp {
  public static void main(String[] args) { System.out.println("lcp"); }
}
