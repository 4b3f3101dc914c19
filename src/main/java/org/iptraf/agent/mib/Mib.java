package org.iptraf.agent.mib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTRAF-AGENT-MIB as the agent knows it: read from the MIB files themselves (mibs/, packed into
 * the jar), so the file an NMS loads is the one description of every object's OID, syntax and
 * units. The SNMP tables, the check plugin's metric catalogue and docs/MIB.md all name objects
 * ({@code iptrafIfTcpInOctets}); none writes a number of its own.
 *
 * <p>OIDs here are relative to {@code R} = {@code IPTRAF-ROOT-MIB::iptraf}, whose place in the OID
 * tree a site chooses ({@code snmp.rootOid}).
 *
 * <p>The reader knows the SMIv2 subset the project's MIB files use: {@code name MACRO ... ::= {
 * parent n }} for OBJECT IDENTIFIER, OBJECT-IDENTITY, MODULE-IDENTITY, OBJECT-TYPE,
 * NOTIFICATION-TYPE and the conformance macros, and TEXTUAL-CONVENTIONs' base syntax. A test
 * compares what it reads with Net-SNMP's own reading of the same files.
 */
public final class Mib {

  /** The resources read, in order: the root first, because the agent MIB hangs below it. */
  static final List<String> FILES =
      List.of("/mibs/IPTRAF-ROOT-MIB.txt", "/mibs/IPTRAF-AGENT-MIB.txt");

  /** The node every OID here is relative to. */
  public static final String ROOT = "iptraf";

  /**
   * An OBJECT-TYPE.
   *
   * @param syntax the SYNTAX clause's type without constraints: {@code Counter64}, {@code
   *     InetAddress}, {@code SEQUENCE OF IptrafIfEntry}, {@code INTEGER}
   * @param baseSyntax the SMI base type behind textual conventions: {@code Counter64}, {@code OCTET
   *     STRING}, {@code TimeTicks}, ...; null for tables and entries
   * @param units the UNITS clause, "" if none
   * @param access the MAX-ACCESS clause
   */
  public record ObjectType(
      String name,
      String oid,
      String syntax,
      String baseSyntax,
      String units,
      String access,
      String parent) {

    /** The last sub-identifier: for a column, its number in the entry. */
    public int arc() {
      return Integer.parseInt(oid.substring(oid.lastIndexOf('.') + 1));
    }

    public boolean accessible() {
      return access.startsWith("read") || access.equals("accessible-for-notify");
    }
  }

  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?m)^([a-z][\\w-]*)\\s+(OBJECT\\s+IDENTIFIER|OBJECT-IDENTITY|MODULE-IDENTITY|OBJECT-TYPE"
              + "|NOTIFICATION-TYPE|OBJECT-GROUP|NOTIFICATION-GROUP|MODULE-COMPLIANCE)\\b"
              + "(.*?)::=\\s*\\{\\s*([a-zA-Z][\\w-]*)\\s+(\\d+)\\s*\\}",
          Pattern.DOTALL);
  private static final Pattern CONVENTION =
      Pattern.compile(
          "([A-Z][\\w-]*)\\s*::=\\s*TEXTUAL-CONVENTION\\b.*?\\bSYNTAX\\s+(\\w+(?:\\s+STRING)?)",
          Pattern.DOTALL);
  private static final Pattern SYNTAX =
      Pattern.compile(
          "\\bSYNTAX\\s+(SEQUENCE\\s+OF\\s+\\w+|OCTET\\s+STRING|OBJECT\\s+IDENTIFIER|[\\w-]+)");
  private static final Pattern IF_CLASS_COLUMN = Pattern.compile("iptrafIf(\\w+)InOctets");

  private static final Pattern UNITS = Pattern.compile("\\bUNITS\\s+\"(\\d+)\"");
  private static final Pattern ACCESS = Pattern.compile("\\bMAX-ACCESS\\s+([\\w-]+)");

  /** Textual conventions the MIB imports, by their base type (SNMPv2-TC and friends). */
  private static final Map<String, String> IMPORTED =
      Map.ofEntries(
          Map.entry("DisplayString", "OCTET STRING"),
          Map.entry("SnmpAdminString", "OCTET STRING"),
          Map.entry("MacAddress", "OCTET STRING"),
          Map.entry("DateAndTime", "OCTET STRING"),
          Map.entry("InetAddress", "OCTET STRING"),
          Map.entry("InetAddressType", "INTEGER"),
          Map.entry("InetPortNumber", "Unsigned32"),
          Map.entry("TimeStamp", "TimeTicks"),
          Map.entry("TimeInterval", "INTEGER"),
          Map.entry("CounterBasedGauge64", "Counter64"),
          Map.entry("Integer32", "INTEGER"),
          Map.entry("Gauge32", "Gauge32"),
          Map.entry("Unsigned32", "Unsigned32"),
          Map.entry("Counter32", "Counter32"),
          Map.entry("Counter64", "Counter64"),
          Map.entry("TimeTicks", "TimeTicks"),
          Map.entry("INTEGER", "INTEGER"),
          Map.entry("BITS", "BITS"),
          Map.entry("OCTET STRING", "OCTET STRING"),
          Map.entry("OBJECT IDENTIFIER", "OBJECT IDENTIFIER"));

  private static Mib loaded;

  private final Map<String, String> oids;
  private final Map<String, ObjectType> objects;

  private Mib(Map<String, String> oids, Map<String, ObjectType> objects) {
    this.oids = oids;
    this.objects = objects;
  }

  /** The MIB packed with the agent (read once). */
  public static synchronized Mib iptrafAgent() {
    if (loaded == null) {
      List<String> texts = new ArrayList<>();
      for (String file : FILES) {
        texts.add(resource(file));
      }
      loaded = parse(texts);
    }
    return loaded;
  }

  private static String resource(String path) {
    try (InputStream in = Mib.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not packed with the agent");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }

  /** Reads MIB module texts; nodes resolve across them, up to {@link #ROOT}. */
  static Mib parse(List<String> texts) {
    Map<String, String[]> parents = new LinkedHashMap<>(); // name -> {parent, arc}
    Map<String, String[]> clauses =
        new LinkedHashMap<>(); // OBJECT-TYPE name -> {syntax, units, access}
    Map<String, String> conventions = new HashMap<>(IMPORTED);
    for (String text : texts) {
      List<String> strings = new ArrayList<>();
      String clean =
          withoutCommentsAndStrings(text, strings).replaceFirst("(?s)\\bIMPORTS\\b.*?;", "");
      Matcher tc = CONVENTION.matcher(clean);
      while (tc.find()) {
        conventions.put(tc.group(1), tc.group(2).replaceAll("\\s+", " "));
      }
      Matcher m = ASSIGNMENT.matcher(clean);
      while (m.find()) {
        parents.put(m.group(1), new String[] {m.group(4), m.group(5)});
        if (m.group(2).equals("OBJECT-TYPE")) {
          clauses.put(m.group(1), objectClauses(m.group(1), m.group(3), strings));
        }
      }
    }
    Map<String, String> oids = new LinkedHashMap<>();
    for (String name : parents.keySet()) {
      String oid = resolve(name, parents, new ArrayList<>());
      if (oid != null && !oid.isEmpty()) {
        oids.put(name, oid);
      }
    }
    Map<String, ObjectType> objects = new LinkedHashMap<>();
    clauses.forEach(
        (name, c) -> {
          if (oids.containsKey(name)) {
            String base =
                c[0].startsWith("SEQUENCE OF") || c[0].endsWith("Entry")
                    ? null
                    : conventions.get(c[0]);
            objects.put(
                name,
                new ObjectType(name, oids.get(name), c[0], base, c[1], c[2], parents.get(name)[0]));
          }
        });
    return new Mib(oids, objects);
  }

  private static String[] objectClauses(String name, String body, List<String> strings) {
    Matcher s = SYNTAX.matcher(body);
    Matcher a = ACCESS.matcher(body);
    if (!s.find() || !a.find()) {
      throw new IllegalStateException(name + ": OBJECT-TYPE without SYNTAX or MAX-ACCESS");
    }
    Matcher u = UNITS.matcher(body);
    String units = u.find() ? strings.get(Integer.parseInt(u.group(1))) : "";
    return new String[] {s.group(1).replaceAll("\\s+", " "), units, a.group(1)};
  }

  /** The dotted OID below ROOT, or null for a node not under it (enterprises and above). */
  private static String resolve(String name, Map<String, String[]> parents, List<String> seen) {
    if (name.equals(ROOT)) {
      return "";
    }
    String[] p = parents.get(name);
    if (p == null || seen.contains(name)) {
      return null;
    }
    seen.add(name);
    String above = resolve(p[0], parents, seen);
    if (above == null) {
      return null;
    }
    return above.isEmpty() ? p[1] : above + "." + p[1];
  }

  /**
   * The text with comments removed and every quoted string replaced by {@code "k"}, its index in
   * {@code strings}: DESCRIPTION texts may hold anything, an example {@code ::=} included.
   */
  static String withoutCommentsAndStrings(String text, List<String> strings) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          throw new IllegalStateException("unterminated string in a MIB file");
        }
        out.append('"').append(strings.size()).append('"');
        strings.add(text.substring(i + 1, end));
        i = end + 1;
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** A node's OID below R, dotted ({@code 1.1.1.3.1.1.10}). */
  public String oid(String name) {
    String oid = oids.get(name);
    if (oid == null) {
      throw new IllegalArgumentException(name + " is not a node of IPTRAF-AGENT-MIB");
    }
    return oid;
  }

  /** An OBJECT-TYPE by name. */
  public Optional<ObjectType> find(String name) {
    return Optional.ofNullable(objects.get(name));
  }

  /** An OBJECT-TYPE by name; a name the MIB lacks is a programming error. */
  public ObjectType object(String name) {
    ObjectType o = objects.get(name);
    if (o == null) {
      throw new IllegalArgumentException(name + " is not an OBJECT-TYPE of IPTRAF-AGENT-MIB");
    }
    return o;
  }

  /** A column's number in its entry, checked to be a column of {@code entry}. */
  public int column(String entry, String column) {
    ObjectType c = object(column);
    if (!c.parent().equals(entry)) {
      throw new IllegalArgumentException(column + " is not a column of " + entry);
    }
    return c.arc();
  }

  /** The instance OID of a scalar below R: its OID and {@code .0}. */
  public String scalar(String name) {
    ObjectType o = object(name);
    if (objects.containsKey(o.parent()) || o.syntax().startsWith("SEQUENCE OF")) {
      throw new IllegalArgumentException(name + " is not a scalar");
    }
    return o.oid() + ".0";
  }

  /** Every node with its OID below R, in the files' order. */
  public Map<String, String> nodes() {
    return Collections.unmodifiableMap(oids);
  }

  /** Every OBJECT-TYPE, in the files' order. */
  public Collection<ObjectType> objects() {
    return List.copyOf(objects.values());
  }

  /**
   * The traffic classes of iptrafIfTable as its column names spell them ({@code Total}, {@code
   * Ipv4}, ... {@code Multicast}), in the table's order: each has an {@code
   * iptrafIf<Class>InOctets} column.
   */
  public List<String> interfaceClasses() {
    return objects.values().stream()
        .filter(o -> "iptrafIfEntry".equals(o.parent()))
        .map(o -> IF_CLASS_COLUMN.matcher(o.name()))
        .filter(Matcher::matches)
        .map(m -> m.group(1))
        .toList();
  }
}
