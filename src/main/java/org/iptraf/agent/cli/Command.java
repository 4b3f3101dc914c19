package org.iptraf.agent.cli;

import java.util.concurrent.Callable;

/** A command of the command line: its syntax, which the arguments set, then its run. */
interface Command extends Callable<Integer> {

  /** The options and operands, bound to this command's fields. */
  Syntax syntax();
}
