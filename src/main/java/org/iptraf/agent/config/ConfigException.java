package org.iptraf.agent.config;

/** A configuration error whose message names the file, line, key and what is allowed. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
