package dev.keywatch.agent.cli;

import dev.keywatch.agent.Version;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/** {@code java -jar keywatch-agent.jar <command>}: exit 0 when all is well, 1 when a key is broken, 2 for usage. */
public final class Cli {
    public static final int OK = 0;
    public static final int BROKEN = 1;
    public static final int USAGE = 2;

    private Cli() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return args.length == 0 ? USAGE : OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "fingerprint":
                    return new FingerprintCommand(env).run(rest, in, out, err);
                case "doctor":
                    return new DoctorCommand(env).run(rest, out, err);
                case "attach":
                    return new AttachCommand().run(rest, out, err);
                case "version":
                case "--version":
                    out.println("Keywatch " + Version.get());
                    return OK;
                default:
                    err.println("keywatch: unknown command '" + args[0] + "'");
                    usage(err);
                    return USAGE;
            }
        } catch (UsageException e) {
            err.println("keywatch " + args[0] + ": " + e.getMessage());
            return USAGE;
        }
    }

    static void usage(PrintStream out) {
        out.println("Keywatch " + Version.get() + ": why your LLM API calls fail authentication, permission and rate limits.");
        out.println();
        out.println("As an agent:  java -javaagent:keywatch-agent.jar[=key=value,...] -jar your-service.jar");
        out.println();
        out.println("Commands:     java -jar keywatch-agent.jar <command>");
        out.println("  fingerprint [--salt S] [--aliases]");
        out.println("      Reads keys from standard input, one a line (with --aliases: alias=key), and prints each one's");
        out.println("      fingerprint, kind, hint and hygiene findings, never the key.");
        out.println("  doctor [--online] [--env-file .env] [--json] [--salt S] [--timeout-seconds 10]");
        out.println("      Checks the keys in the usual environment variables (and a .env file) offline; with --online");
        out.println("      also proves each with one authenticated call that spends no tokens. Exit 1 when a key is broken.");
        out.println("  attach <pid> [key=value,...]");
        out.println("      Attaches the agent to a running JVM, with the same settings as -javaagent.");
        out.println("  version");
    }

    /** A command line the command cannot run with. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
