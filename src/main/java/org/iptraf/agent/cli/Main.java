package org.iptraf.agent.cli;

public final class Main {
  public static void main(String[] args) {}
}
