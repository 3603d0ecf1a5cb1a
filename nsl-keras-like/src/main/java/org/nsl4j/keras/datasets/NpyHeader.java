package org.nsl4j.keras.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} array: a Python dict literal such as
 * {@code {'descr': '|u1', 'fortran_order': False, 'shape': (60000, 28, 28), }}. The parser
 * accepts the literals NumPy writes there: strings, integers (also with Python 2's {@code L}
 * suffix), booleans, {@code None}, tuples, lists and dicts.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

  /** Parses {@code text}; {@code name} is for messages. */
  static NpyHeader parse(String text, String name) throws DatasetFormatException {
    Object value;
    try {
      Parser parser = new Parser(text);
      value = parser.value();
      parser.end();
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(
          name + ": cannot parse the .npy header " + text.strip() + " (" + e.getMessage()
              + "); expected a dict like {'descr': '|u1', 'fortran_order': False,"
              + " 'shape': (2, 3)}");
    }
    if (!(value instanceof Map<?, ?> dict)) {
      throw new DatasetFormatException(name + ": the .npy header is not a dict: " + text.strip());
    }
    Object descr = require(dict, "descr", name);
    Object fortran = require(dict, "fortran_order", name);
    Object shape = require(dict, "shape", name);
    if (!(descr instanceof String d)) {
      throw new DatasetFormatException(
          name + ": structured dtype " + descr + " is not supported; expected a plain dtype such"
              + " as '|u1' or '<i8'");
    }
    if (!(fortran instanceof Boolean f)) {
      throw new DatasetFormatException(
          name + ": 'fortran_order' is " + fortran + "; expected True or False");
    }
    if (!(shape instanceof List<?> dims)
        || !dims.stream().allMatch(x -> x instanceof Long n && n >= 0)) {
      throw new DatasetFormatException(
          name + ": 'shape' is " + shape + "; expected a tuple of non-negative integers");
    }
    return new NpyHeader(d, f, dims.stream().mapToLong(x -> (Long) x).toArray());
  }

  private static Object require(Map<?, ?> dict, String key, String name)
      throws DatasetFormatException {
    if (!dict.containsKey(key)) {
      throw new DatasetFormatException(
          name + ": the .npy header has no '" + key + "' (it has " + dict.keySet() + ")");
    }
    return dict.get(key);
  }

  /** A recursive-descent parser of the Python literals above; errors are IllegalArgument. */
  private static final class Parser {
    private final String s;
    private int at;

    Parser(String s) {
      this.s = s;
    }

    Object value() {
      skipSpace();
      if (at >= s.length()) {
        throw new IllegalArgumentException("unexpected end");
      }
      char c = s.charAt(at);
      return switch (c) {
        case '{' -> dict();
        case '(' -> sequence(')');
        case '[' -> sequence(']');
        case '\'', '"' -> string();
        default -> c == '-' || Character.isDigit(c) ? integer() : word();
      };
    }

    void end() {
      skipSpace();
      if (at < s.length()) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(at) + "' at " + at);
      }
    }

    private Map<Object, Object> dict() {
      Map<Object, Object> map = new LinkedHashMap<>();
      at++;
      while (!closes('}')) {
        Object key = value();
        expect(':');
        map.put(key, value());
        separator('}');
      }
      return map;
    }

    private List<Object> sequence(char close) {
      List<Object> items = new ArrayList<>();
      at++;
      while (!closes(close)) {
        items.add(value());
        separator(close);
      }
      return items;
    }

    private String string() {
      char quote = s.charAt(at++);
      int close = s.indexOf(quote, at);
      if (close < 0) {
        throw new IllegalArgumentException("unterminated string at " + (at - 1));
      }
      String text = s.substring(at, close);
      at = close + 1;
      return text;
    }

    private Long integer() {
      int start = at;
      if (s.charAt(at) == '-') {
        at++;
      }
      while (at < s.length() && Character.isDigit(s.charAt(at))) {
        at++;
      }
      long value;
      try {
        value = Long.parseLong(s.substring(start, at));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad integer at " + start);
      }
      if (at < s.length() && (s.charAt(at) == 'L' || s.charAt(at) == 'l')) {
        at++;
      }
      return value;
    }

    private Object word() {
      int start = at;
      while (at < s.length() && Character.isLetter(s.charAt(at))) {
        at++;
      }
      return switch (s.substring(start, at)) {
        case "True" -> Boolean.TRUE;
        case "False" -> Boolean.FALSE;
        case "None" -> null;
        default ->
            throw new IllegalArgumentException("unexpected '" + s.charAt(start) + "' at " + start);
      };
    }

    private boolean closes(char close) {
      skipSpace();
      if (at < s.length() && s.charAt(at) == close) {
        at++;
        return true;
      }
      if (at >= s.length()) {
        throw new IllegalArgumentException("missing '" + close + "'");
      }
      return false;
    }

    private void separator(char close) {
      skipSpace();
      if (at < s.length() && s.charAt(at) == ',') {
        at++;
      } else if (at >= s.length() || s.charAt(at) != close) {
        throw new IllegalArgumentException("expected ',' or '" + close + "' at " + at);
      }
    }

    private void expect(char c) {
      skipSpace();
      if (at >= s.length() || s.charAt(at) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at);
      }
      at++;
    }

    private void skipSpace() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }
  }
}
