package org.iptraf.agent.cli;

/** A failure the user can act on: printed as one line, exits with its code, no stack trace. */
final class UserError extends RuntimeException {
  private final int exitCode;

  UserError(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
