package dev.keywatch.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import dev.keywatch.agent.KeywatchAgent;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;

/** {@code attach <pid> [options]}: loads this jar into a running JVM through its {@code Agent-Class}. */
final class AttachCommand {
    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            throw new Cli.UsageException("usage: attach <pid> [key=value,...]");
        }
        String pid = args[0];
        if (!pid.matches("\\d+")) {
            throw new Cli.UsageException("'" + pid + "' is not a process id");
        }
        String options = args.length > 1 ? args[1] : null;
        try {
            String jar = thisJar();
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                vm.loadAgent(jar, options);
            } finally {
                vm.detach();
            }
            out.println("Keywatch attached to " + pid + (options == null ? "" : " with " + options)
                    + "; its messages, if any, are on that process's stderr.");
            return Cli.OK;
        } catch (Exception e) {
            err.println("keywatch attach: cannot attach to " + pid + ": " + e.getMessage());
            return Cli.BROKEN;
        }
    }

    private static String thisJar() throws URISyntaxException {
        File jar = new File(KeywatchAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!jar.isFile()) {
            throw new IllegalStateException("run attach from keywatch-agent.jar (java -jar keywatch-agent.jar attach <pid>)");
        }
        return jar.getAbsolutePath();
    }
}
