package dev.keywatch.credential;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Values that stand where a key should be when the key was never loaded. */
final class Placeholders {
    private static final Set<String> EXACT = new HashSet<>(Arrays.asList(
            "none", "null", "nil", "undefined", "false", "true", "nan",
            "test", "dummy", "fake", "placeholder", "example", "changeme", "change-me", "change_me",
            "replaceme", "replace-me", "replace_me", "todo", "tbd", "secret", "token", "key",
            "apikey", "api-key", "api_key", "sk-", "sk-xxx", "sk-..."));

    private static final Pattern[] PATTERNS = {
            // $OPENAI_API_KEY, ${OPENAI_API_KEY}, %OPENAI_API_KEY%, {{ api_key }}, <your key>
            Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?"),
            Pattern.compile("%[A-Za-z_][A-Za-z0-9_]*%"),
            Pattern.compile("\\{\\{.*}}"),
            Pattern.compile("<[^>]*>"),
            // sk-your-key-here, your_api_key, YOUR-OPENAI-API-KEY, my-api-key, insert-key-here
            Pattern.compile("(?i).*(your|my|insert|enter|put)[-_ ]?([a-z]+[-_ ])?(api[-_ ]?)?(key|token|secret).*"),
            Pattern.compile("(?i).*(key|token)[-_ ]?here.*"),
            // sk-xxxxxxxx, xxxxxxxx
            Pattern.compile("(?i)(sk-)?(proj-)?x{3,}"),
    };

    private Placeholders() {
    }

    static boolean isPlaceholder(String token) {
        if (EXACT.contains(token.toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Pattern p : PATTERNS) {
            if (p.matcher(token).matches()) return true;
        }
        return false;
    }
}
