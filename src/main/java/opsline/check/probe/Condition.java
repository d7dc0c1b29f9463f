package opsline.check.probe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition in Gatus's syntax, so its users can paste theirs: {@code [STATUS] == 200},
 * {@code [RESPONSE_TIME] < 500}, {@code [BODY].status == UP}, {@code len([BODY].items) > 0},
 * {@code has([BODY].errors) == false}, {@code [BODY] == pat(*healthy*)}, {@code [STATUS] == any(200, 204)},
 * {@code [CONNECTED] == true}, {@code [CERTIFICATE_EXPIRATION] > 48h}.
 */
public final class Condition {

    private static final Pattern SHAPE = Pattern.compile("^\\s*(.+?)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*$");
    private static final Pattern FUNCTION = Pattern.compile("^(len|has)\\((.+)\\)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\[(STATUS|RESPONSE_TIME|BODY|CONNECTED|CERTIFICATE_EXPIRATION|IP|DNS_RCODE|RESULT)](.*)$");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private final String text;
    private final String function;
    private final String placeholder;
    private final String path;
    private final String operator;
    private final String expected;

    private Condition(String text, String function, String placeholder, String path, String operator, String expected) {
        this.text = text;
        this.function = function;
        this.placeholder = placeholder;
        this.path = path;
        this.operator = operator;
        this.expected = expected;
    }

    public static Condition parse(String text) throws InvalidCondition {
        Matcher shape = SHAPE.matcher(text == null ? "" : text);
        if (!shape.matches()) {
            throw new InvalidCondition("'" + text + "' is not a condition: write it as <placeholder> <operator> <value>, "
                    + "such as [STATUS] == 200; operators are == != < <= > >=.");
        }
        String left = shape.group(1);
        String function = null;
        Matcher call = FUNCTION.matcher(left);
        if (call.matches()) {
            function = call.group(1);
            left = call.group(2).trim();
        }
        Matcher placeholder = PLACEHOLDER.matcher(left);
        if (!placeholder.matches()) {
            throw new InvalidCondition("'" + text + "' does not start with a known placeholder: [STATUS], [RESPONSE_TIME], "
                    + "[BODY], [CONNECTED], [CERTIFICATE_EXPIRATION], [IP], [DNS_RCODE] or [RESULT], optionally inside len() or has().");
        }
        String path = placeholder.group(2);
        if (!path.isEmpty() && !placeholder.group(1).equals("BODY")) {
            throw new InvalidCondition("'" + text + "': only [BODY] takes a path such as [BODY].status.");
        }
        if (!path.isEmpty() && !JsonPathLite.isValid(path)) {
            throw new InvalidCondition("'" + text + "': '" + path + "' is not a JSON path such as .data.items[0].id.");
        }
        Condition condition = new Condition(text.trim(), function, placeholder.group(1), path, shape.group(2), shape.group(3));
        condition.checkOrderingOperand();
        return condition;
    }

    public String text() {
        return text;
    }

    /** Judges the condition against what a probe saw; never throws. */
    public ConditionResult evaluate(ConditionContext context) {
        Optional<String> actual = resolve(context);
        if (actual.isEmpty()) {
            return new ConditionResult(text, false, left() + ": " + context.whyMissing(placeholder, path));
        }
        boolean success = compare(actual.get());
        String detail = success ? actual.get()
                : left() + " expected " + (operator.equals("==") ? "" : operator + " ") + expected + ", was " + actual.get();
        return new ConditionResult(text, success, detail);
    }

    private Optional<String> resolve(ConditionContext context) {
        if ("has".equals(function)) {
            return Optional.of(String.valueOf(context.value(placeholder, path).isPresent()));
        }
        if ("len".equals(function)) {
            return context.length(placeholder, path).map(String::valueOf);
        }
        return context.value(placeholder, path);
    }

    private boolean compare(String actual) {
        return switch (operator) {
            case "==" -> matches(actual);
            case "!=" -> !matches(actual);
            default -> ordered(actual);
        };
    }

    private boolean matches(String actual) {
        if (expected.startsWith("pat(") && expected.endsWith(")")) {
            return wildcard(expected.substring(4, expected.length() - 1)).matcher(actual).matches();
        }
        if (expected.startsWith("any(") && expected.endsWith(")")) {
            return Arrays.stream(expected.substring(4, expected.length() - 1).split(","))
                    .anyMatch(option -> equal(actual, option.trim()));
        }
        return equal(actual, expected);
    }

    private boolean ordered(String actual) {
        Double left = number(actual);
        Double right = number(expected);
        if (left == null || right == null) {
            return false;
        }
        int order = Double.compare(left, right);
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private static boolean equal(String actual, String wanted) {
        Double left = number(actual);
        Double right = number(wanted);
        if (left != null && right != null) {
            return left.doubleValue() == right.doubleValue();
        }
        return actual.equals(unquote(wanted));
    }

    /** A plain number, or a duration such as 48h, 1h30m or 500ms, in milliseconds. */
    static Double number(String text) {
        // Not Double.parseDouble alone: it reads "4d" as the number 4, not four days.
        return PLAIN_NUMBER.matcher(text).matches() ? Double.valueOf(text) : durationMillis(text.toLowerCase(Locale.ROOT));
    }

    private static Double durationMillis(String text) {
        Matcher part = DURATION_PART.matcher(text);
        double millis = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * Duration.ofMinutes(1).toMillis();
                case "h" -> amount * Duration.ofHours(1).toMillis();
                default -> amount * Duration.ofDays(1).toMillis();
            };
            end = part.end();
        }
        return end > 0 && end == text.length() ? millis : null;
    }

    private void checkOrderingOperand() throws InvalidCondition {
        boolean ordering = List.of("<", "<=", ">", ">=").contains(operator);
        if (ordering && number(expected) == null) {
            throw new InvalidCondition("'" + text + "': " + operator + " needs a number or a duration such as 48h, got '" + expected + "'.");
        }
    }

    private String left() {
        String placeholderText = "[" + placeholder + "]" + path;
        return function == null ? placeholderText : function + "(" + placeholderText + ")";
    }

    private static Pattern wildcard(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String piece : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
